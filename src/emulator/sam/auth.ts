import { TemplateError } from './errors.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The URI API Gateway calls a Lambda function (or authorizer) through. */
export const lambdaInvocationUri = (partition: unknown, region: string, functionArn: string) =>
  `arn:${String(partition)}:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;

/** The API key security scheme SAM adds for `ApiKeyRequired` (research §1.3). */
export const API_KEY_SCHEME = { type: 'apiKey', name: 'x-api-key', in: 'header' };
/** The SigV4 scheme API Gateway exports for AWS_IAM methods. */
export const SIGV4_SCHEME = {
  type: 'apiKey',
  name: 'Authorization',
  in: 'header',
  'x-amazon-apigateway-authtype': 'awsSigv4',
};

/** A REST API's `Identity` (SAM) → API Gateway's identitySource list (`method.request.header.X`, …). */
function restIdentitySources(identity: Json): string[] {
  const list = (key: string, prefix: string) =>
    Array.isArray(identity[key]) ? (identity[key] as unknown[]).map((v) => `${prefix}${String(v)}`) : [];
  return [
    ...list('Headers', 'method.request.header.'),
    ...list('QueryStrings', 'method.request.querystring.'),
    ...list('StageVariables', 'stageVariables.'),
    ...list('Context', 'context.'),
  ];
}

/**
 * A SAM REST `Auth.Authorizers` entry → its security scheme (research §1.3, fixture api_with_auth_all_minimum):
 * Cognito (`UserPoolArn`), Lambda TOKEN (`FunctionArn`), Lambda REQUEST (`FunctionPayloadType: REQUEST`).
 */
export function restAuthorizerScheme(spec: unknown, where: string, uriOf: (fnArn: string) => string): Json {
  if (!isObject(spec)) throw new TemplateError(`${where}: expected a mapping`);
  const identity = isObject(spec.Identity) ? spec.Identity : {};
  const ttl =
    identity.ReauthorizeEvery === undefined ? {} : { authorizerResultTtlInSeconds: Number(identity.ReauthorizeEvery) };
  if (spec.UserPoolArn !== undefined) {
    const arns = Array.isArray(spec.UserPoolArn) ? spec.UserPoolArn : [spec.UserPoolArn];
    return {
      type: 'apiKey',
      name: typeof identity.Header === 'string' ? identity.Header : 'Authorization',
      in: 'header',
      'x-amazon-apigateway-authtype': 'cognito_user_pools',
      'x-amazon-apigateway-authorizer': { type: 'cognito_user_pools', providerARNs: arns.map(String), ...ttl },
    };
  }
  if (typeof spec.FunctionArn !== 'string')
    throw new TemplateError(`${where}: an authorizer needs UserPoolArn (Cognito) or FunctionArn (Lambda)`);
  const authorizerUri = uriOf(spec.FunctionArn);
  if (spec.FunctionPayloadType === 'REQUEST') {
    const sources = restIdentitySources(identity);
    return {
      type: 'apiKey',
      name: 'Unused',
      in: 'header',
      'x-amazon-apigateway-authtype': 'custom',
      'x-amazon-apigateway-authorizer': {
        type: 'request',
        authorizerUri,
        ...(sources.length ? { identitySource: sources.join(', ') } : {}),
        ...ttl,
      },
    };
  }
  const header = typeof identity.Header === 'string' ? identity.Header : 'Authorization';
  return {
    type: 'apiKey',
    name: header,
    in: 'header',
    'x-amazon-apigateway-authtype': 'custom',
    'x-amazon-apigateway-authorizer': {
      type: 'token',
      authorizerUri,
      identitySource: `method.request.header.${header}`,
      ...(typeof identity.ValidationExpression === 'string'
        ? { identityValidationExpression: identity.ValidationExpression }
        : {}),
      ...ttl,
    },
  };
}

/**
 * A SAM HTTP API `Auth.Authorizers` entry → its security scheme: JWT (`JwtConfiguration`) or Lambda (`FunctionArn`)
 * (research §1.3, fixtures implicit_http_api_auth_and_simple_case, http_api_lambda_auth).
 */
export function httpAuthorizerScheme(spec: unknown, where: string, uriOf: (fnArn: string) => string): Json {
  if (!isObject(spec)) throw new TemplateError(`${where}: expected a mapping`);
  if (isObject(spec.JwtConfiguration)) {
    const jwt = spec.JwtConfiguration;
    const audience = jwt.audience ?? jwt.Audience;
    return {
      type: 'oauth2',
      'x-amazon-apigateway-authorizer': {
        type: 'jwt',
        identitySource: typeof spec.IdentitySource === 'string' ? spec.IdentitySource : '$request.header.Authorization',
        jwtConfiguration: {
          issuer: jwt.issuer ?? jwt.Issuer,
          audience: Array.isArray(audience) ? audience : audience === undefined ? [] : [audience],
        },
      },
    };
  }
  if (typeof spec.FunctionArn !== 'string')
    throw new TemplateError(`${where}: an authorizer needs JwtConfiguration (JWT) or FunctionArn (Lambda)`);
  const identity = isObject(spec.Identity) ? spec.Identity : {};
  const list = (key: string, prefix: string) =>
    Array.isArray(identity[key]) ? (identity[key] as unknown[]).map((v) => `${prefix}${String(v)}`) : [];
  const sources = [
    ...list('Headers', '$request.header.'),
    ...list('QueryStrings', '$request.querystring.'),
    ...list('StageVariables', '$stageVariables.'),
    ...list('Context', '$context.'),
  ];
  return {
    type: 'apiKey',
    name: 'Unused',
    in: 'header',
    'x-amazon-apigateway-authorizer': {
      type: 'request',
      authorizerUri: uriOf(spec.FunctionArn),
      authorizerPayloadFormatVersion: String(spec.AuthorizerPayloadFormatVersion ?? '2.0'),
      ...(spec.EnableSimpleResponses === true ? { enableSimpleResponses: true } : {}),
      identitySource: (sources.length ? sources : ['$request.header.Authorization']).join(', '),
      ...(identity.ReauthorizeEvery === undefined
        ? {}
        : { authorizerResultTtlInSeconds: Number(identity.ReauthorizeEvery) }),
    },
  };
}

/** Puts security schemes where the document's version keeps them (Swagger 2 securityDefinitions, OpenAPI 3 components). */
export function addSecuritySchemes(doc: Json, schemes: Record<string, Json>): void {
  if (!Object.keys(schemes).length) return;
  if (typeof doc.swagger === 'string') {
    doc.securityDefinitions = { ...(isObject(doc.securityDefinitions) ? doc.securityDefinitions : {}), ...schemes };
  } else {
    const components = (doc.components = isObject(doc.components) ? doc.components : {});
    components.securitySchemes = {
      ...(isObject(components.securitySchemes) ? components.securitySchemes : {}),
      ...schemes,
    };
  }
}
