import { functionNameFromUri } from '../openapi-import.js';
import type { MethodModel, RestApiModel } from '../model.js';
import type { LambdaAuthorizerModel, LambdaAuthorizerType } from './model.js';

/**
 * Lambda authorizers in OpenAPI, both ways: security schemes (`components.securitySchemes`; Swagger 2
 * `securityDefinitions`) carrying `x-amazon-apigateway-authorizer` of type `token` or `request`, and the methods whose
 * `security` names one.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authtype.html
 * Cognito user pool schemes (`cognito_user_pools`) and other schemes (`api_key`, `sigv4`) are left to their own readers.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `authorizerResultTtlInSeconds` when absent, and its maximum (CreateAuthorizer: "default 300 … maximum 3600"). */
export const DEFAULT_AUTHORIZER_TTL_SECONDS = 300;
export const MAX_AUTHORIZER_TTL_SECONDS = 3600;

/** The identity source forms API Gateway accepts (apigateway-lambda-authorizer-input.html, CreateAuthorizer). */
const IDENTITY_SOURCE = /^(method\.request\.(header|querystring)\.[^\s,]+|stageVariables\.[^\s,]+|context\.[^\s,]+)$/;

/** The security schemes of a document: OpenAPI 3's `components.securitySchemes`, Swagger 2's `securityDefinitions`. */
function schemesOf(doc: Json): Json {
  const components = isObject(doc.components) ? doc.components : null;
  if (components && isObject(components.securitySchemes)) return components.securitySchemes;
  return isObject(doc.securityDefinitions) ? doc.securityDefinitions : {};
}

/** Reads the document's Lambda authorizers (by scheme name); reports problems. */
export function readLambdaAuthorizers(doc: Json, problems: string[]): Record<string, LambdaAuthorizerModel> {
  const out: Record<string, LambdaAuthorizerModel> = {};
  const where0 = isObject(doc.components) ? 'components.securitySchemes' : 'securityDefinitions';
  for (const [name, scheme] of Object.entries(schemesOf(doc))) {
    if (!isObject(scheme) || !isObject(scheme['x-amazon-apigateway-authorizer'])) continue;
    const raw = scheme['x-amazon-apigateway-authorizer'];
    const rawType = typeof raw.type === 'string' ? raw.type.toUpperCase() : '';
    if (rawType !== 'TOKEN' && rawType !== 'REQUEST') continue; // cognito_user_pools: not a Lambda authorizer
    const type = rawType as LambdaAuthorizerType;
    const where = `${where0}.${name}.x-amazon-apigateway-authorizer`;
    const before = problems.length;
    const uri = typeof raw.authorizerUri === 'string' ? raw.authorizerUri : '';
    const functionName = functionNameFromUri(uri);
    if (!functionName)
      problems.push(
        `${where}: authorizerUri "${uri}" is not a Lambda invocation URI (arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function ARN}/invocations)`,
      );
    const schemeName = typeof scheme.name === 'string' ? scheme.name : '';
    const schemeIn = typeof scheme.in === 'string' ? scheme.in : 'header';
    const written = typeof raw.identitySource === 'string' ? raw.identitySource : null;
    if (raw.identitySource !== undefined && written === null) problems.push(`${where}.identitySource is not a string`);
    // A TOKEN authorizer's token header is the scheme's `name` unless identitySource names it.
    const sourceText = written ?? (type === 'TOKEN' && schemeName ? `method.request.header.${schemeName}` : '');
    const identitySources = sourceText
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const source of identitySources) {
      if (!IDENTITY_SOURCE.test(source))
        problems.push(
          `${where}: identity source "${source}" is not method.request.header.X, method.request.querystring.X, stageVariables.X or context.X`,
        );
    }
    if (type === 'TOKEN' && (identitySources.length !== 1 || !identitySources[0]!.startsWith('method.request.header.')))
      problems.push(
        `${where}: a TOKEN authorizer takes its token from one header (identitySource method.request.header.X, or the scheme's "name")`,
      );
    let resultTtlSeconds = DEFAULT_AUTHORIZER_TTL_SECONDS;
    const ttlAsWritten = raw.authorizerResultTtlInSeconds !== undefined;
    if (ttlAsWritten) {
      const ttl = Number(raw.authorizerResultTtlInSeconds);
      if (!Number.isInteger(ttl) || ttl < 0 || ttl > MAX_AUTHORIZER_TTL_SECONDS)
        problems.push(
          `${where}: authorizerResultTtlInSeconds must be an integer from 0 to ${MAX_AUTHORIZER_TTL_SECONDS} (it is ${String(raw.authorizerResultTtlInSeconds)})`,
        );
      else resultTtlSeconds = ttl;
    }
    // With caching on, a REQUEST authorizer's cache key is its identity sources: CreateAuthorizer requires them.
    if (type === 'REQUEST' && resultTtlSeconds > 0 && !identitySources.length)
      problems.push(
        `${where}: a REQUEST authorizer with caching (authorizerResultTtlInSeconds > 0) needs an identitySource, its cache key`,
      );
    let identityValidationExpression: string | undefined;
    if (raw.identityValidationExpression !== undefined) {
      const expression = raw.identityValidationExpression;
      if (typeof expression !== 'string') problems.push(`${where}.identityValidationExpression is not a string`);
      else {
        try {
          new RegExp(expression);
          identityValidationExpression = expression;
        } catch {
          problems.push(`${where}: identityValidationExpression "${expression}" is not a regular expression`);
        }
      }
    }
    if (problems.length > before) continue;
    const model: LambdaAuthorizerModel = {
      name,
      type,
      uri,
      functionName: functionName!,
      identitySources,
      identitySourceAsWritten: written,
      resultTtlSeconds,
      ttlAsWritten,
      schemeName,
      schemeIn,
    };
    if (identityValidationExpression !== undefined) model.identityValidationExpression = identityValidationExpression;
    if (typeof raw.authorizerCredentials === 'string') model.credentials = raw.authorizerCredentials;
    out[name] = model;
  }
  return out;
}

/**
 * The Lambda authorizer a method's `security` names (the document's top-level `security` when the operation has none;
 * `security: []` on the operation: none), or undefined. Names of other schemes are left to their readers. The
 * top-level fallback is OpenAPI's rule; that import-rest-api follows it is assumed (AWS's examples put `security` on
 * each operation).
 */
export function methodLambdaAuthorizer(
  doc: Json,
  op: Json,
  authorizers: Readonly<Record<string, LambdaAuthorizerModel>>,
  where: string,
  problems: string[],
): string | undefined {
  const security = op.security !== undefined ? op.security : doc.security;
  if (!Array.isArray(security)) return undefined;
  const named = new Set<string>();
  for (const requirement of security) {
    if (!isObject(requirement)) continue;
    for (const name of Object.keys(requirement)) if (authorizers[name]) named.add(name);
  }
  if (named.size > 1)
    problems.push(`${where}: a method has one authorizer, but its security names ${[...named].join(' and ')}`);
  return named.values().next().value;
}

/** The function names the API's Lambda authorizers call, each once. */
export function authorizerFunctionNames(api: Pick<RestApiModel, 'authorizers'>): string[] {
  return [...new Set(Object.values(api.authorizers ?? {}).map((a) => a.functionName))];
}

/** Writes the API's Lambda authorizers as `components.securitySchemes` (the export's counterpart of the reader). */
export function writeLambdaAuthorizers(api: Pick<RestApiModel, 'authorizers'>, doc: Json): void {
  const authorizers = Object.values(api.authorizers ?? {});
  if (!authorizers.length) return;
  const components = (doc.components ??= {}) as Json;
  const schemes = (components.securitySchemes ??= {}) as Json;
  for (const a of authorizers) {
    const extension: Json = {};
    if (a.credentials !== undefined) extension.authorizerCredentials = a.credentials;
    extension.authorizerUri = a.uri;
    if (a.ttlAsWritten) extension.authorizerResultTtlInSeconds = a.resultTtlSeconds;
    if (a.identitySourceAsWritten !== null) extension.identitySource = a.identitySourceAsWritten;
    if (a.identityValidationExpression !== undefined)
      extension.identityValidationExpression = a.identityValidationExpression;
    extension.type = a.type.toLowerCase();
    schemes[a.name] = {
      type: 'apiKey',
      name: a.schemeName || 'Unused',
      in: a.schemeIn,
      'x-amazon-apigateway-authtype': 'custom',
      'x-amazon-apigateway-authorizer': extension,
    };
  }
}

/** A method's `security` requirement naming its Lambda authorizer, for the export (undefined: none). */
export function methodSecurityOf(method: Pick<MethodModel, 'authorizer'>): Json[] | undefined {
  return method.authorizer === undefined ? undefined : [{ [method.authorizer]: [] }];
}
