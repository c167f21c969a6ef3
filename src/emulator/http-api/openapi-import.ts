import { DefinitionError } from '../shared/errors.js';
import { stableId } from '../shared/ids.js';
import { readHttpAuthorizers, readRouteAuthorization } from './authorizers/openapi.js';
import { routeUsesIam } from './authorizers/iam-openapi.js';
import { readCors } from './cors.js';
import {
  HTTP_API_DEFAULT_TIMEOUT_MS,
  HTTP_API_MAX_TIMEOUT_MS,
  HTTP_API_MIN_TIMEOUT_MS,
  type HttpApiModel,
  type HttpRoute,
  type HttpRouteIntegration,
  type HttpServiceIntegration,
  type PayloadFormatVersion,
} from './model.js';
import { HTTP_API_METHODS, parseRouteKey } from './router.js';
import { checkParameterValue } from './service-parameters.js';
import { INTEGRATION_SUBTYPES, UNSERVED_SUBTYPES } from './service-subtypes.js';

/**
 * OpenAPI 3 with `x-amazon-apigateway-*` extensions → the HTTP API model, as `aws apigatewayv2 import-api` reads it.
 * - The `$default` route is path `/$default` with `x-amazon-apigateway-any-method` and `"isDefaultRoute": true`
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-any-method.html);
 *   SAM writes the same route under the key `$default`, which is read alike.
 * - `payloadFormatVersion` is "Required for HTTP APIs", `1.0` or `2.0` for Lambda proxy integrations
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html);
 *   AWS's own example writes it as the number `1.0`, so numbers are accepted.
 * - `x-amazon-apigateway-cors` at the root is the API's CORS configuration (cors.ts).
 * - JWT authorizers in `components.securitySchemes`, and each route's `security` (authorizers/openapi.ts).
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations` */
const INVOCATION_URI = /^arn:aws[\w-]*:apigateway:[^:]+:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;
/** `arn:aws:lambda:{region}:{account}:function:{name}[:{qualifier}]` */
const FUNCTION_ARN = /^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:([^:/]+)(?::[^:/]+)?$/;

/** The function a Lambda integration URI names (invocation ARN or function ARN), or null. */
export function httpFunctionNameFromUri(uri: string): string | null {
  const invocation = INVOCATION_URI.exec(uri);
  const fnArn = invocation ? invocation[1]! : uri;
  const fn = FUNCTION_ARN.exec(fnArn);
  if (fn) return fn[1]!;
  // A bare function name inside an invocation URI (e.g. a stage-variable style reference).
  return invocation && /^[A-Za-z0-9_-]+$/.test(fnArn) ? fnArn : null;
}

/** Reads an OpenAPI 3 document into an HTTP API model; throws DefinitionError listing every problem. */
export function importHttpApi(doc: unknown, options: { apiId?: string } = {}): HttpApiModel {
  if (!isObject(doc)) throw new DefinitionError(['the definition is not an object (expected an OpenAPI 3 document)']);
  const problems: string[] = [];
  if (typeof doc.openapi !== 'string' || !/^3\.\d+\.\d+$/.test(doc.openapi)) {
    problems.push('no "openapi: 3.x.y" field: HTTP APIs import OpenAPI 3.0 definitions');
  }
  const info = isObject(doc.info) ? doc.info : null;
  const name = info && typeof info.title === 'string' ? info.title : '';
  if (!name) problems.push('info.title is missing (API Gateway names the API after it)');
  if (!isObject(doc.paths)) problems.push('"paths" is missing or not an object');

  const authorizers = readHttpAuthorizers(doc, problems);
  const routes: HttpRoute[] = [];
  const seen = new Set<string>();
  const add = (routeKey: string, op: unknown, where: string) => {
    if (!isObject(op)) {
      problems.push(`${where} is not an object`);
      return;
    }
    const integration = readIntegration(op['x-amazon-apigateway-integration'], where, problems);
    if (!integration) return;
    if (seen.has(routeKey)) {
      problems.push(`${where}: route "${routeKey}" is defined twice`);
      return;
    }
    seen.add(routeKey);
    if (routeUsesIam(doc, op)) {
      routes.push({ routeKey, integration, iam: true });
      return;
    }
    const authorization = readRouteAuthorization(op.security, authorizers, where, problems);
    routes.push(authorization ? { routeKey, integration, authorization } : { routeKey, integration });
  };

  for (const [path, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    const where = `paths["${path}"]`;
    if (!isObject(item)) {
      problems.push(`${where} is not an object`);
      continue;
    }
    const anyOp = item['x-amazon-apigateway-any-method'];
    if (path === '/$default' || path === '$default' || (isObject(anyOp) && anyOp.isDefaultRoute === true)) {
      if (anyOp === undefined)
        problems.push(`${where}: the $default route is written with x-amazon-apigateway-any-method`);
      else add('$default', anyOp, `${where}.x-amazon-apigateway-any-method`);
      continue;
    }
    for (const [key, op] of Object.entries(item)) {
      const method = key === 'x-amazon-apigateway-any-method' ? 'ANY' : key.toUpperCase();
      if (method !== 'ANY' && !(HTTP_API_METHODS as readonly string[]).includes(method)) continue; // parameters, summary, x-…
      const routeKey = `${method} ${path}`;
      const parsed = parseRouteKey(routeKey);
      if ('error' in parsed) {
        problems.push(`${where}: ${parsed.error}`);
        break;
      }
      add(routeKey, op, `${where}.${key}`);
    }
  }
  const corsRaw = doc['x-amazon-apigateway-cors'];
  const cors = corsRaw === undefined ? null : readCors(corsRaw, problems);
  if (problems.length) throw new DefinitionError(problems);
  const api: HttpApiModel = { kind: 'HTTP', id: options.apiId ?? stableId(`http-api:${name}`), name, routes };
  if (cors) api.cors = cors;
  if (Object.keys(authorizers).length) api.authorizers = authorizers;
  return api;
}

/** Validates one `x-amazon-apigateway-integration`; reports problems and returns null on any. */
function readIntegration(raw: unknown, where: string, problems: string[]): HttpRouteIntegration | null {
  if (raw === undefined) {
    problems.push(`${where} has no x-amazon-apigateway-integration: a route needs an integration to be served`);
    return null;
  }
  if (!isObject(raw)) {
    problems.push(`${where}.x-amazon-apigateway-integration is not an object`);
    return null;
  }
  if (raw.$ref !== undefined) {
    problems.push(
      `${where}: integrations referenced from components ($ref) are not supported yet; write the integration inline`,
    );
    return null;
  }
  const type = typeof raw.type === 'string' ? raw.type.toUpperCase() : '';
  if (type !== 'AWS_PROXY') {
    problems.push(
      `${where}: integration type "${String(raw.type)}" is not supported yet (this version serves AWS_PROXY, the Lambda proxy integration)`,
    );
    return null;
  }
  if (raw.integrationSubtype !== undefined) return readServiceIntegration(raw, where, problems);
  const uri = typeof raw.uri === 'string' ? raw.uri : '';
  const functionName = httpFunctionNameFromUri(uri);
  if (!functionName) {
    problems.push(
      `${where}: integration uri "${uri}" is neither a Lambda invocation URI (arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function ARN}/invocations) nor a function ARN`,
    );
    return null;
  }
  if (raw.httpMethod !== undefined && String(raw.httpMethod).toUpperCase() !== 'POST') {
    problems.push(`${where}: a Lambda integration's httpMethod must be POST (it is "${String(raw.httpMethod)}")`);
    return null;
  }
  const payloadFormatVersion = readPayloadFormatVersion(raw.payloadFormatVersion);
  if (!payloadFormatVersion) {
    problems.push(
      raw.payloadFormatVersion === undefined
        ? `${where}: payloadFormatVersion is required for HTTP APIs ("1.0" or "2.0")`
        : `${where}: payloadFormatVersion ${JSON.stringify(raw.payloadFormatVersion)} is not "1.0" or "2.0"`,
    );
    return null;
  }
  const timeoutMs = readTimeout(raw, where, problems);
  if (timeoutMs === null) return null;
  return { type: 'AWS_PROXY', functionName, uri, payloadFormatVersion, timeoutMs };
}

/** `timeoutInMillis` (default 30,000), or null after reporting a problem. */
function readTimeout(raw: Json, where: string, problems: string[]): number | null {
  if (raw.timeoutInMillis === undefined) return HTTP_API_DEFAULT_TIMEOUT_MS;
  const t = Number(raw.timeoutInMillis);
  if (!Number.isInteger(t) || t < HTTP_API_MIN_TIMEOUT_MS || t > HTTP_API_MAX_TIMEOUT_MS) {
    problems.push(
      `${where}: timeoutInMillis must be an integer from ${HTTP_API_MIN_TIMEOUT_MS} to ${HTTP_API_MAX_TIMEOUT_MS} for HTTP APIs (it is ${String(raw.timeoutInMillis)})`,
    );
    return null;
  }
  return t;
}

/**
 * A first-class integration (`type: aws_proxy` + `integrationSubtype`): a subtype the lab serves, payload format 1.0
 * ("For all other integrations [than Lambda], 1.0 is the only supported value", [DG-EXT]), `requestParameters`
 * naming only the subtype's parameters, each required one present ("You must configure all required parameters to
 * create an integration", [DG-FC]), each value a static string or a known source. Research §2.
 */
function readServiceIntegration(raw: Json, where: string, problems: string[]): HttpServiceIntegration | null {
  const subtype = typeof raw.integrationSubtype === 'string' ? raw.integrationSubtype : '';
  const spec = INTEGRATION_SUBTYPES[subtype];
  if (!spec) {
    problems.push(
      UNSERVED_SUBTYPES.includes(subtype)
        ? `${where}: integrationSubtype "${subtype}" is not supported by the lab (it embeds no AppConfig)`
        : `${where}: integrationSubtype "${String(raw.integrationSubtype)}" is not one API Gateway knows (${Object.keys(INTEGRATION_SUBTYPES).join(', ')}, AppConfig-GetConfiguration)`,
    );
    return null;
  }
  const before = problems.length;
  if (raw.uri !== undefined && raw.uri !== '')
    problems.push(
      `${where}: an integration with integrationSubtype ${subtype} takes no uri (it is "${String(raw.uri)}")`,
    );
  if (raw.payloadFormatVersion !== undefined && readPayloadFormatVersion(raw.payloadFormatVersion) !== '1.0')
    problems.push(
      `${where}: payloadFormatVersion of an AWS service integration must be "1.0" (it is ${JSON.stringify(raw.payloadFormatVersion)})`,
    );
  if (raw.credentials !== undefined && typeof raw.credentials !== 'string')
    problems.push(`${where}: credentials must be an IAM role ARN (a string)`);
  const parameters = raw.requestParameters === undefined ? {} : raw.requestParameters;
  if (!isObject(parameters) || Object.values(parameters).some((v) => typeof v !== 'string')) {
    problems.push(`${where}.requestParameters must map ${subtype}'s parameters to strings`);
    return null;
  }
  const requestParameters = { ...(parameters as Record<string, string>) };
  const known = [...spec.required, ...spec.optional, 'Region'];
  for (const [name, value] of Object.entries(requestParameters)) {
    if (!known.includes(name))
      problems.push(`${where}.requestParameters: ${subtype} has no parameter "${name}" (it takes ${known.join(', ')})`);
    const bad = checkParameterValue(value);
    if (bad) problems.push(`${where}.requestParameters.${name}: ${bad}`);
  }
  const missing = spec.required.filter((name) => !(name in requestParameters));
  if (missing.length)
    problems.push(
      `${where}: You must configure all required parameters to create an integration: ${subtype} requires ${missing.join(', ')}`,
    );
  const timeoutMs = readTimeout(raw, where, problems);
  if (problems.length > before || timeoutMs === null) return null;
  const credentials = typeof raw.credentials === 'string' && raw.credentials ? { credentials: raw.credentials } : {};
  return { type: 'AWS_PROXY', subtype, ...credentials, requestParameters, payloadFormatVersion: '1.0', timeoutMs };
}

function readPayloadFormatVersion(raw: unknown): PayloadFormatVersion | null {
  if (raw === '1.0' || raw === 1) return '1.0';
  if (raw === '2.0' || raw === 2) return '2.0';
  return null;
}

/** Lambda function names the API's routes and Lambda authorizers reference, each once. */
export function httpFunctionNamesOf(api: HttpApiModel): string[] {
  const names = api.routes.flatMap((r) => (r.integration.functionName ? [r.integration.functionName] : []));
  for (const authorizer of Object.values(api.authorizers ?? {}))
    if (authorizer.type === 'REQUEST') names.push(authorizer.functionName);
  return [...new Set(names)];
}
