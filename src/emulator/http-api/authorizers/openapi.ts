import { httpFunctionNameFromUri } from '../openapi-import.js';
import type { HttpAuthorizer, HttpLambdaAuthorizer, HttpRouteAuthorization } from './model.js';

/**
 * Reads HTTP API authorizers from OpenAPI 3, as `aws apigatewayv2 import-api` does
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html):
 * a security scheme carrying `x-amazon-apigateway-authorizer: { type: jwt, jwtConfiguration: { issuer, audience },
 * identitySource }`, and a route's `security: [{ schemeName: [scopes] }]`.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** The authorizers of `components.securitySchemes`, by scheme name; schemes without the extension are skipped. */
export function readHttpAuthorizers(doc: Json, problems: string[]): Record<string, HttpAuthorizer> {
  const out: Record<string, HttpAuthorizer> = {};
  const components = isObject(doc.components) ? doc.components : null;
  const schemes = components && isObject(components.securitySchemes) ? components.securitySchemes : null;
  if (!schemes) return out;
  for (const [name, scheme] of Object.entries(schemes)) {
    if (!isObject(scheme)) continue;
    const raw = scheme['x-amazon-apigateway-authorizer'];
    if (raw === undefined) continue;
    const where = `components.securitySchemes["${name}"].x-amazon-apigateway-authorizer`;
    if (!isObject(raw)) {
      problems.push(`${where} is not an object`);
      continue;
    }
    const type = typeof raw.type === 'string' ? raw.type.toLowerCase() : '';
    if (type === 'request') {
      const lambda = readLambdaAuthorizer(name, raw, where, problems);
      if (lambda) out[name] = lambda;
      continue;
    }
    if (type !== 'jwt') {
      problems.push(`${where}: authorizer type "${String(raw.type)}" is not supported for HTTP APIs (jwt or request)`);
      continue;
    }
    const config = isObject(raw.jwtConfiguration) ? raw.jwtConfiguration : null;
    const issuer = config && typeof config.issuer === 'string' ? config.issuer : '';
    if (!issuer) {
      problems.push(`${where}: jwtConfiguration.issuer is required for a JWT authorizer`);
      continue;
    }
    const audience = config?.audience;
    if (!isStringList(audience) || audience.length === 0) {
      problems.push(`${where}: jwtConfiguration.audience must be a non-empty list of strings`);
      continue;
    }
    const identitySource = readIdentitySource(raw.identitySource);
    if (!identitySource) {
      problems.push(
        `${where}: identitySource must name one request header or query string ($request.header.NAME or $request.querystring.NAME)`,
      );
      continue;
    }
    out[name] = { type: 'JWT', name, issuer, audience: [...audience], identitySource };
  }
  return out;
}

/** "$request.header.Authorization" (or a one-element list of it); a JWT authorizer takes exactly one source. */
function readIdentitySource(raw: unknown): string | null {
  const value =
    Array.isArray(raw) && raw.length === 1 ? raw[0] : raw === undefined ? '$request.header.Authorization' : raw;
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return /^\$request\.(header|querystring)\.[^.\s]+$/.test(trimmed) ? trimmed : null;
}

/**
 * A route's `security`: undefined when it has none (or an empty requirement, `security: [{}]`-style NONE). A route
 * naming an unknown scheme, or several, is a problem.
 */
export function readRouteAuthorization(
  security: unknown,
  authorizers: Record<string, HttpAuthorizer>,
  where: string,
  problems: string[],
): HttpRouteAuthorization | undefined {
  if (security === undefined) return undefined;
  if (!Array.isArray(security) || !security.every(isObject)) {
    problems.push(`${where}.security must be a list of security requirements`);
    return undefined;
  }
  const names = security.flatMap((req) => Object.keys(req));
  if (names.length === 0) return undefined;
  if (names.length > 1) {
    problems.push(`${where}.security names ${names.length} authorizers; an HTTP API route has one`);
    return undefined;
  }
  const name = names[0]!;
  if (!authorizers[name]) {
    problems.push(
      `${where}.security names "${name}", which is not a security scheme with x-amazon-apigateway-authorizer`,
    );
    return undefined;
  }
  const scopes = (security.find((req) => name in req) as Json)[name];
  if (!isStringList(scopes)) {
    problems.push(`${where}.security["${name}"] must be a list of scopes`);
    return undefined;
  }
  return { authorizer: name, scopes: [...scopes] };
}

/** "Identity sources … Header value, Query string value, Context variable, Stage variable" (http-api-lambda-authorizer.html). */
const LAMBDA_IDENTITY_SOURCE = /^(\$request\.(header|querystring)\.[^.\s]+|\$context\.[\w.]+|\$stageVariables\.\w+)$/;

/**
 * A Lambda authorizer (`type: request`): `authorizerUri`, `authorizerPayloadFormatVersion` (required, 1.0 or 2.0),
 * `enableSimpleResponses` (2.0 only), `identitySource` (a comma-separated string or a list; may be empty),
 * `authorizerResultTtlInSeconds` (0 to 3600; 0 when absent, assumed). Caching needs an identity source
 * ("To enable caching, your authorizer must have at least one identity source").
 */
function readLambdaAuthorizer(name: string, raw: Json, where: string, problems: string[]): HttpLambdaAuthorizer | null {
  const uri = typeof raw.authorizerUri === 'string' ? raw.authorizerUri : '';
  const functionName = httpFunctionNameFromUri(uri);
  if (!functionName) {
    problems.push(`${where}: authorizerUri "${uri}" is not a Lambda invocation URI or function ARN`);
    return null;
  }
  const version = raw.authorizerPayloadFormatVersion;
  const payloadFormatVersion =
    version === '1.0' || version === 1 ? '1.0' : version === '2.0' || version === 2 ? '2.0' : null;
  if (!payloadFormatVersion) {
    problems.push(`${where}: authorizerPayloadFormatVersion must be "1.0" or "2.0" for a Lambda authorizer`);
    return null;
  }
  const enableSimpleResponses = raw.enableSimpleResponses === true;
  if (enableSimpleResponses && payloadFormatVersion !== '2.0') {
    problems.push(`${where}: enableSimpleResponses needs authorizerPayloadFormatVersion 2.0`);
    return null;
  }
  const rawSources = raw.identitySource;
  const list =
    rawSources === undefined || rawSources === ''
      ? []
      : typeof rawSources === 'string'
        ? rawSources.split(',').map((s) => s.trim())
        : isStringList(rawSources)
          ? rawSources.map((s) => s.trim())
          : null;
  const bad = list === null ? [String(rawSources)] : list.filter((s) => !LAMBDA_IDENTITY_SOURCE.test(s));
  if (list === null || bad.length) {
    problems.push(
      `${where}: identitySource ${JSON.stringify(bad[0])} is not $request.header.NAME, $request.querystring.NAME, $context.NAME or $stageVariables.NAME`,
    );
    return null;
  }
  const ttl = raw.authorizerResultTtlInSeconds === undefined ? 0 : Number(raw.authorizerResultTtlInSeconds);
  if (!Number.isInteger(ttl) || ttl < 0 || ttl > 3600) {
    problems.push(`${where}: authorizerResultTtlInSeconds must be an integer from 0 to 3600`);
    return null;
  }
  if (ttl > 0 && list.length === 0) {
    problems.push(`${where}: caching (authorizerResultTtlInSeconds) needs at least one identity source`);
    return null;
  }
  return {
    type: 'REQUEST',
    name,
    functionName,
    uri,
    payloadFormatVersion,
    enableSimpleResponses,
    identitySources: list,
    resultTtlSeconds: ttl,
  };
}
