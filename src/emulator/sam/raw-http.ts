import { addSecuritySchemes, lambdaInvocationUri, SIGV4_SCHEME } from './auth.js';
import { httpCors } from './cors.js';
import { TemplateError } from './errors.js';
import { physicalId } from './ids.js';
import type { TemplateOpenApi, TemplateStage } from './model.js';
import type { Stack } from './stack.js';
import { httpStageSettings, stringMap } from './stage-settings.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `AWS::ApiGatewayV2::Api` HTTP APIs (Body, BodyS3Location as a local file, quick create with `Target`, or built from
 * `Route`, `Integration` and `Authorizer` resources) and their `Stage`s, as OpenAPI 3 with x-amazon-apigateway-*.
 * WebSocket APIs are raw-websocket.ts's.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-api.html
 */
export function rawHttpApis(stack: Stack): TemplateOpenApi[] {
  const apis: TemplateOpenApi[] = [];
  const partition = stack.ctx.parameters['AWS::Partition'];
  /** A Lambda function ARN written as an integration URI → the invocation URI (both are accepted for HTTP APIs). */
  const uriOf = (uri: unknown) =>
    typeof uri === 'string' && /^arn:[^:]+:lambda:/.test(uri)
      ? lambdaInvocationUri(partition, stack.env.region, uri)
      : uri;
  for (const { logicalId } of stack.ofType('AWS::ApiGatewayV2::Api')) {
    const where = `Resources.${logicalId}.Properties`;
    const p = stack.props(logicalId);
    if (p.ProtocolType === 'WEBSOCKET') continue;
    const apiId = physicalId(logicalId);
    let doc: Json;
    if (isObject(p.Body)) doc = structuredClone(p.Body);
    else if (p.BodyS3Location !== undefined) {
      const loc = isObject(p.BodyS3Location) ? p.BodyS3Location.Key : p.BodyS3Location;
      if (typeof loc !== 'string') throw new TemplateError(`${where}.BodyS3Location: expected a local file path`);
      doc = stack.evaluate(stack.readDocument(loc, `${where}.BodyS3Location`), `${where}.BodyS3Location`) as Json;
    } else {
      if (p.ProtocolType !== 'HTTP') throw new TemplateError(`${where}.ProtocolType: expected HTTP (or a Body)`);
      doc = { openapi: '3.0.1', info: { title: String(p.Name ?? logicalId), version: '1.0' }, paths: {} };
    }
    if (typeof p.Name === 'string') doc.info = { ...(isObject(doc.info) ? doc.info : {}), title: p.Name };
    const paths = (doc.paths = isObject(doc.paths) ? doc.paths : {});
    const schemes: Record<string, Json> = {};
    const stages: TemplateStage[] = [];
    // Quick create: Target → a $default route to it and a $default stage (auto-deployed).
    if (p.Target !== undefined) {
      const routeKey = typeof p.RouteKey === 'string' ? p.RouteKey : '$default';
      addRoute(paths, routeKey, {
        responses: {},
        'x-amazon-apigateway-integration': {
          type: 'aws_proxy',
          httpMethod: 'POST',
          uri: uriOf(p.Target),
          payloadFormatVersion: '2.0',
        },
      });
      stages.push({ name: '$default', variables: {} });
    }
    for (const a of stack.ofType('AWS::ApiGatewayV2::Authorizer')) {
      const ap = stack.props(a.logicalId);
      if (ap.ApiId !== apiId) continue;
      schemes[String(ap.Name ?? a.logicalId)] = authorizerScheme(ap, uriOf);
    }
    for (const r of stack.ofType('AWS::ApiGatewayV2::Route')) {
      const rw = `Resources.${r.logicalId}.Properties`;
      const rp = stack.props(r.logicalId);
      if (rp.ApiId !== apiId) continue;
      if (typeof rp.RouteKey !== 'string')
        throw new TemplateError(`${rw}.RouteKey: required ("GET /items" or "$default")`);
      const op: Json = { responses: {} };
      const target = typeof rp.Target === 'string' ? /^integrations\/(.+)$/.exec(rp.Target)?.[1] : undefined;
      const integrationId = target === undefined ? undefined : stack.logicalIdOf(target);
      if (
        rp.Target !== undefined &&
        (!integrationId || stack.resources.get(integrationId)?.type !== 'AWS::ApiGatewayV2::Integration')
      )
        throw new TemplateError(`${rw}.Target: expected "integrations/" + !Ref of an AWS::ApiGatewayV2::Integration`);
      if (integrationId) {
        const ip = stack.props(integrationId);
        op['x-amazon-apigateway-integration'] = {
          type: String(ip.IntegrationType ?? '').toLowerCase(),
          httpMethod: ip.IntegrationMethod ?? 'POST',
          uri: uriOf(ip.IntegrationUri),
          payloadFormatVersion: String(ip.PayloadFormatVersion ?? (ip.IntegrationType === 'AWS_PROXY' ? '2.0' : '1.0')),
          ...(ip.TimeoutInMillis === undefined ? {} : { timeoutInMillis: Number(ip.TimeoutInMillis) }),
          ...(isObject(ip.RequestParameters) ? { requestParameters: ip.RequestParameters } : {}),
          ...(typeof ip.ConnectionType === 'string' ? { connectionType: ip.ConnectionType } : {}),
        };
      }
      const authType = String(rp.AuthorizationType ?? 'NONE').toUpperCase();
      if (authType === 'AWS_IAM') {
        schemes.sigv4 = SIGV4_SCHEME;
        op.security = [{ sigv4: [] }];
      } else if (authType === 'JWT' || authType === 'CUSTOM') {
        const id = stack.logicalIdOf(rp.AuthorizerId);
        if (!id || stack.resources.get(id)?.type !== 'AWS::ApiGatewayV2::Authorizer')
          throw new TemplateError(`${rw}.AuthorizerId: must be !Ref of an AWS::ApiGatewayV2::Authorizer`);
        op.security = [
          { [String(stack.props(id).Name ?? id)]: Array.isArray(rp.AuthorizationScopes) ? rp.AuthorizationScopes : [] },
        ];
      }
      addRoute(paths, rp.RouteKey, op);
    }
    addSecuritySchemes(doc, schemes);
    const cors = httpCors(p.CorsConfiguration);
    if (cors) doc['x-amazon-apigateway-cors'] = cors;
    for (const s of stack.ofType('AWS::ApiGatewayV2::Stage')) {
      const sp = stack.props(s.logicalId);
      if (sp.ApiId !== apiId || typeof sp.StageName !== 'string' || stages.some((x) => x.name === sp.StageName))
        continue;
      const variables = stringMap(sp.StageVariables);
      const settings = httpStageSettings(sp.StageName, variables, sp);
      stages.push(settings ? { name: sp.StageName, variables, settings } : { name: sp.StageName, variables });
    }
    if (!stages.length) stages.push({ name: '$default', variables: {} });
    apis.push({
      logicalId,
      kind: 'HTTP',
      source: 'AWS::ApiGatewayV2::Api',
      apiId,
      document: doc,
      stages,
      stageName: stages[0]!.name,
      variables: stages[0]!.variables,
    });
  }
  return apis;
}

/** `GET /items` → paths["/items"].get; `ANY /x` → x-amazon-apigateway-any-method; `$default` → the default route. */
function addRoute(paths: Json, routeKey: string, op: Json): void {
  let path = '$default';
  let key = 'x-amazon-apigateway-any-method';
  if (routeKey !== '$default') {
    const m = /^(\S+)\s+(\/\S*)$/.exec(routeKey);
    if (!m) throw new TemplateError(`RouteKey "${routeKey}": expected "METHOD /path" or "$default"`);
    path = m[2]!;
    key = m[1] === 'ANY' ? 'x-amazon-apigateway-any-method' : m[1]!.toLowerCase();
  } else op.isDefaultRoute = true;
  const item = (paths[path] = isObject(paths[path]) ? paths[path] : {}) as Json;
  item[key] = op;
}

function authorizerScheme(a: Json, uriOf: (u: unknown) => unknown): Json {
  const sources = Array.isArray(a.IdentitySource)
    ? a.IdentitySource.map(String)
    : typeof a.IdentitySource === 'string'
      ? [a.IdentitySource]
      : [];
  if (String(a.AuthorizerType).toUpperCase() === 'JWT') {
    const jwt = isObject(a.JwtConfiguration) ? a.JwtConfiguration : {};
    return {
      type: 'oauth2',
      'x-amazon-apigateway-authorizer': {
        type: 'jwt',
        identitySource: sources[0] ?? '$request.header.Authorization',
        jwtConfiguration: { issuer: jwt.Issuer, audience: jwt.Audience ?? [] },
      },
    };
  }
  return {
    type: 'apiKey',
    name: 'Unused',
    in: 'header',
    'x-amazon-apigateway-authorizer': {
      type: 'request',
      authorizerUri: uriOf(a.AuthorizerUri),
      authorizerPayloadFormatVersion: String(a.AuthorizerPayloadFormatVersion ?? '2.0'),
      ...(a.EnableSimpleResponses === true ? { enableSimpleResponses: true } : {}),
      ...(sources.length ? { identitySource: sources.join(', ') } : {}),
      ...(a.AuthorizerResultTtlInSeconds === undefined
        ? {}
        : { authorizerResultTtlInSeconds: Number(a.AuthorizerResultTtlInSeconds) }),
    },
  };
}
