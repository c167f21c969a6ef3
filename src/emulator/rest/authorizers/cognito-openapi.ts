/**
 * Cognito user pool authorizers in OpenAPI: security schemes whose `x-amazon-apigateway-authorizer` has
 * `type: cognito_user_pools` and `providerARNs`, and the methods whose `security` names one (`[{name: [scopes…]}]`: the
 * scopes are the method's `authorizationScopes`).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-enable-cognito-user-pool.html
 */

import { MAX_AUTHORIZER_TTL_SECONDS } from './openapi.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A COGNITO_USER_POOLS authorizer. */
export interface CognitoAuthorizerModel {
  /** The security scheme's name, which methods' `security` requirements name. */
  name: string;
  /** The user pools' ARNs (`arn:aws:cognito-idp:{region}:{account}:userpool/{userPoolId}`). */
  providerArns: string[];
  /** Where the token is read: `method.request.header.Authorization` unless the definition says otherwise. */
  identitySource: string;
  /**
   * `authorizerResultTtlInSeconds` as written: how long a token's verified claims are cached (0: never). Absent: the
   * default, 300 s ("If this field is not set, the default value is 300", API_Authorizer; SAM's
   * CognitoAuthorizationIdentity `ReauthorizeEvery`: "By default, API Gateway sets this property to 300").
   */
  resultTtlSeconds?: number;
}

/** `arn:aws:cognito-idp:{region}:{account}:userpool/{userPoolId}` in parts, or null. */
export function parseUserPoolArn(arn: string): { region: string; userPoolId: string } | null {
  const m = /^arn:aws[\w-]*:cognito-idp:([a-z0-9-]+):[^:]*:userpool\/([\w-]+)$/.exec(arn);
  return m ? { region: m[1]!, userPoolId: m[2]! } : null;
}

function schemesOf(doc: Json): [Json, string] {
  const components = isObject(doc.components) ? doc.components : null;
  if (components && isObject(components.securitySchemes))
    return [components.securitySchemes, 'components.securitySchemes'];
  return [isObject(doc.securityDefinitions) ? doc.securityDefinitions : {}, 'securityDefinitions'];
}

/** Reads the document's Cognito user pool authorizers (by scheme name); reports problems. */
export function readCognitoAuthorizers(doc: Json, problems: string[]): Record<string, CognitoAuthorizerModel> {
  const out: Record<string, CognitoAuthorizerModel> = {};
  const [schemes, where0] = schemesOf(doc);
  for (const [name, scheme] of Object.entries(schemes)) {
    if (!isObject(scheme) || !isObject(scheme['x-amazon-apigateway-authorizer'])) continue;
    const raw = scheme['x-amazon-apigateway-authorizer'];
    if (typeof raw.type !== 'string' || raw.type.toLowerCase() !== 'cognito_user_pools') continue;
    const where = `${where0}.${name}.x-amazon-apigateway-authorizer`;
    const arns = Array.isArray(raw.providerARNs) ? raw.providerARNs : [];
    if (!arns.length) {
      problems.push(`${where}: a cognito_user_pools authorizer needs providerARNs (user pool ARNs)`);
      continue;
    }
    const bad = arns.filter((a) => typeof a !== 'string' || !parseUserPoolArn(a));
    if (bad.length) {
      problems.push(
        `${where}: providerARNs ${bad.map((a) => JSON.stringify(a)).join(', ')} is not arn:aws:cognito-idp:{region}:{account}:userpool/{userPoolId}`,
      );
      continue;
    }
    // The token's header: identitySource, else the scheme's `name` (apiKey scheme in header), else Authorization.
    const schemeName = typeof scheme.name === 'string' && scheme.name ? scheme.name : 'Authorization';
    const identitySource =
      typeof raw.identitySource === 'string' ? raw.identitySource.trim() : `method.request.header.${schemeName}`;
    if (!/^method\.request\.header\.[^\s,]+$/.test(identitySource)) {
      problems.push(`${where}: identitySource "${identitySource}" is not one header (method.request.header.X)`);
      continue;
    }
    const model: CognitoAuthorizerModel = { name, providerArns: arns as string[], identitySource };
    if (raw.authorizerResultTtlInSeconds !== undefined) {
      const ttl = Number(raw.authorizerResultTtlInSeconds);
      if (!Number.isInteger(ttl) || ttl < 0 || ttl > MAX_AUTHORIZER_TTL_SECONDS) {
        problems.push(
          `${where}: authorizerResultTtlInSeconds must be an integer from 0 to ${MAX_AUTHORIZER_TTL_SECONDS} (it is ${String(raw.authorizerResultTtlInSeconds)})`,
        );
        continue;
      }
      model.resultTtlSeconds = ttl;
    }
    out[name] = model;
  }
  return out;
}

/**
 * The Cognito authorizer a method's `security` names (the top-level `security` when the operation has none), with
 * the scopes its requirement lists (the method's `authorizationScopes`); undefined when it names none.
 */
export function methodCognitoAuthorizer(
  doc: Json,
  op: Json,
  authorizers: Readonly<Record<string, CognitoAuthorizerModel>>,
): { name: string; scopes: string[] } | undefined {
  const security = op.security !== undefined ? op.security : doc.security;
  if (!Array.isArray(security)) return undefined;
  for (const requirement of security) {
    if (!isObject(requirement)) continue;
    for (const [name, scopes] of Object.entries(requirement)) {
      if (!authorizers[name]) continue;
      return { name, scopes: Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [] };
    }
  }
  return undefined;
}

/**
 * Writes the API's Cognito authorizers as `components.securitySchemes`, in the form of the import example of
 * api-gateway-swagger-extensions-authorizer.html (the exact shape get-export writes is assumed to be the same). The
 * token's header is the scheme's `name`, which reads back as the same identitySource.
 */
export function writeCognitoAuthorizers(
  api: { cognitoAuthorizers?: Record<string, CognitoAuthorizerModel> },
  doc: Json,
): void {
  const authorizers = Object.values(api.cognitoAuthorizers ?? {});
  if (!authorizers.length) return;
  const components = (doc.components ??= {}) as Json;
  const schemes = (components.securitySchemes ??= {}) as Json;
  for (const a of authorizers) {
    schemes[a.name] = {
      type: 'apiKey',
      name: a.identitySource.slice('method.request.header.'.length),
      in: 'header',
      'x-amazon-apigateway-authtype': 'cognito_user_pools',
      'x-amazon-apigateway-authorizer': {
        type: 'cognito_user_pools',
        providerARNs: [...a.providerArns],
        ...(a.resultTtlSeconds !== undefined ? { authorizerResultTtlInSeconds: a.resultTtlSeconds } : {}),
      },
    };
  }
}

/** A method's security requirement naming its Cognito authorizer with its scopes, for the export (undefined: none). */
export function methodCognitoSecurityOf(method: {
  cognitoAuthorizer?: string;
  authorizationScopes?: string[];
}): Json | undefined {
  return method.cognitoAuthorizer === undefined
    ? undefined
    : { [method.cognitoAuthorizer]: [...(method.authorizationScopes ?? [])] };
}
