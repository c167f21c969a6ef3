import { lastHeader } from '../shared/headers.js';
import type { GatewayTrace } from '../shared/trace.js';

/** Values a caller gives `formatAccessLog` besides the trace's, by variable name without `$context.` (`accountId`). */
export type ContextExtra = Readonly<Record<string, string | number | null | undefined>>;

type Value = string | number | null | undefined;

const round = (ms: number | null | undefined): number | null =>
  ms === null || ms === undefined ? null : Math.round(ms);

/** The request path as sent (`/dev/items/7`): `$context.path`, `requestContext.path`. */
export function requestPathOf(trace: GatewayTrace): string | null {
  const href = trace.request?.href;
  if (!href) return null;
  const start = href.indexOf('/', href.indexOf('//') + 2);
  if (start < 0) return '/';
  const query = href.indexOf('?', start);
  return query < 0 ? href.slice(start) : href.slice(start, query);
}

/** The raw query string (no `?`), '' without one. */
export function requestQueryOf(trace: GatewayTrace): string {
  const href = trace.request?.href ?? '';
  const query = href.indexOf('?');
  return query < 0 ? '' : href.slice(query + 1);
}

const header = (trace: GatewayTrace, name: string): string | null =>
  trace.request ? lastHeader(trace.request.headers, name) : null;

/** The Host (the header, or the URL's host) without its port (`$context.domainName`). */
function domainNameOf(trace: GatewayTrace): string | null {
  let host = header(trace, 'host');
  if (host === null) {
    const href = trace.request?.href;
    if (!href) return null;
    const start = href.indexOf('//') + 2;
    const end = href.indexOf('/', start);
    host = end < 0 ? href.slice(start) : href.slice(start, end);
  }
  return host.replace(/:\d+$/, '');
}

/** `statusCode` of a Lambda proxy result or an HTTP endpoint's answer, as the trace keeps it. */
function endpointStatusOf(trace: GatewayTrace): number | null {
  const outcome = trace.integration?.outcome;
  if (outcome?.kind !== 'result') return null;
  const payload = outcome.payload as { statusCode?: unknown } | null;
  return payload && typeof payload === 'object' && typeof payload.statusCode === 'number' ? payload.statusCode : null;
}

/**
 * `$context.integrationStatus` / `integration.integrationStatus`: for Lambda integrations the status AWS Lambda's
 * Invoke API answered (200, even when the function failed), for HTTP integrations the endpoint's status; none when
 * the call timed out or nothing was called (MOCK calls nothing).
 */
function integrationStatusOf(trace: GatewayTrace): number | null {
  const integration = trace.integration;
  if (!integration) return null;
  const { outcome } = integration;
  if (outcome.kind === 'timeout' || outcome.kind === 'mock') return null;
  if (integration.type.startsWith('HTTP')) return endpointStatusOf(trace);
  return 200;
}

/** `$context.integration.error` / `integrationErrorMessage`: the integration's error message. */
function integrationErrorOf(trace: GatewayTrace): string | null {
  const outcome = trace.integration?.outcome;
  if (outcome?.kind === 'error') return outcome.error.errorMessage;
  if (outcome?.kind === 'timeout') return 'Endpoint request timed out';
  return null;
}

/** The gateway response's `message` when the gateway answered by itself (`$context.error.message`). */
function errorMessageOf(trace: GatewayTrace): string | null {
  if (!trace.gatewayResponseType || !trace.responseBody) return null;
  try {
    const body = JSON.parse(new TextDecoder().decode(trace.responseBody)) as { message?: unknown; Message?: unknown };
    const message = body.message ?? body.Message;
    return typeof message === 'string' ? message : null;
  } catch {
    return null;
  }
}

/** The authorizer's status as `$context.authorizer.status` reports it. */
function authorizerStatusOf(trace: GatewayTrace): number | null {
  const authorizer = trace.authorizer;
  if (!authorizer) return null;
  return { allow: 200, deny: 403, unauthorized: 401, error: 500 }[authorizer.decision];
}

/** A Lambda authorizer's `principalId` or a key of its `context`, as strings. */
function authorizerOutputOf(trace: GatewayTrace, key: string): Value {
  const outcome = trace.authorizer?.outcome;
  if (outcome?.kind !== 'result') return null;
  const payload = outcome.payload as { principalId?: unknown; context?: Record<string, unknown> } | null;
  if (!payload || typeof payload !== 'object') return null;
  const value = key === 'principalId' ? payload.principalId : payload.context?.[key];
  return value === undefined || value === null || typeof value === 'object' ? null : String(value);
}

/** `Root=1-…;Parent=…` → `1-…` (`$context.xrayTraceId`), from the response's X-Amzn-Trace-Id. */
function xrayTraceIdOf(trace: GatewayTrace): string | null {
  const value = lastHeader(trace.responseHeaders, 'x-amzn-trace-id');
  return value?.match(/Root=([^;]+)/)?.[1] ?? null;
}

/**
 * The `$context` variables API Gateway lists for access logs that the emulator knows, by name. A variable not listed
 * here prints `-`. REST: api-gateway-variables-for-access-logging.html; HTTP APIs: http-api-logging-variables.html.
 */
const VARIABLES: Record<string, (trace: GatewayTrace) => Value> = {
  apiId: (t) => t.apiId,
  'authorize.status': authorizerStatusOf,
  'authorize.latency': (t) => round(t.authorizer?.durationMs),
  'authorizer.status': authorizerStatusOf,
  'authorizer.latency': (t) => round(t.authorizer?.durationMs),
  'authorizer.integrationLatency': (t) => (t.authorizer?.event ? round(t.authorizer.durationMs) : null),
  'authorizer.integrationStatus': (t) =>
    t.authorizer?.outcome.kind === 'result' || t.authorizer?.outcome.kind === 'error' ? 200 : null,
  'authorizer.error': (t) => {
    const outcome = t.authorizer?.outcome;
    if (outcome?.kind === 'error') return outcome.error.errorMessage;
    if (t.authorizer && t.authorizer.decision !== 'allow') return errorMessageOf(t);
    return null;
  },
  'authorizer.principalId': (t) => authorizerOutputOf(t, 'principalId'),
  domainName: domainNameOf,
  domainPrefix: (t) => domainNameOf(t)?.split('.')[0] ?? null,
  'error.message': errorMessageOf,
  'error.messageString': (t) => {
    const message = errorMessageOf(t);
    return message === null ? null : JSON.stringify(message);
  },
  'error.responseType': (t) => t.gatewayResponseType,
  extendedRequestId: (t) => t.extendedRequestId,
  httpMethod: (t) => t.httpMethod,
  'identity.apiKey': (t) => t.apiKey?.value,
  'identity.apiKeyId': (t) => t.apiKey?.id,
  'identity.sourceIp': (t) => t.sourceIp,
  'identity.userAgent': (t) => header(t, 'user-agent'),
  'identity.userArn': (t) => t.resourcePolicy?.principal ?? null,
  'integration.error': integrationErrorOf,
  'integration.integrationStatus': integrationStatusOf,
  'integration.latency': (t) => round(t.timings.integrationMs),
  'integration.status': endpointStatusOf,
  integrationErrorMessage: integrationErrorOf,
  integrationLatency: (t) => round(t.timings.integrationMs),
  integrationStatus: integrationStatusOf,
  path: requestPathOf,
  protocol: (t) => t.protocol,
  requestId: (t) => t.requestId,
  requestTime: (t) => t.requestTime,
  requestTimeEpoch: (t) => t.requestTimeEpoch,
  // REST: the resource (`/items/{id}`); HTTP APIs: the route's path (their trace keeps the route key).
  resourcePath: (t) => (t.apiType === 'HTTP' ? (t.resourcePath?.replace(/^\S+ /, '') ?? null) : t.resourcePath),
  responseLatency: (t) => round(t.timings.totalMs),
  responseLength: (t) => t.responseLength,
  routeKey: (t) => (t.apiType === 'HTTP' ? t.resourcePath : null),
  stage: (t) => t.stage,
  status: (t) => t.status,
  // HTTP APIs: bytes of the request and response payloads (http-api-logging-variables.html).
  dataProcessed: (t) => (t.apiType === 'HTTP' ? (t.request?.body?.length ?? 0) + t.responseLength : null),
  // AWS WAF's verdict, on a stage with a web ACL (trace.waf): 200 or 403, WAF_ALLOW or WAF_BLOCK.
  'waf.status': (t) => (t.waf ? (t.waf.action === 'BLOCK' ? 403 : 200) : null),
  wafResponseCode: (t) => (t.waf ? `WAF_${t.waf.action}` : null),
  webaclArn: (t) => t.waf?.webAclArn,
  xrayTraceId: xrayTraceIdOf,
};

/** Variables that take a key after their prefix: `$context.authorizer.{key}` (a Lambda authorizer's context). */
const KEYED_PREFIX = 'authorizer.';

/** The value of `$context.{name}` for this request; null or undefined when it has none. */
export function contextValue(name: string, trace: GatewayTrace, extra?: ContextExtra): Value {
  if (extra && Object.hasOwn(extra, name)) return extra[name];
  const resolve = VARIABLES[name];
  if (resolve) return resolve(trace);
  if (name.startsWith(KEYED_PREFIX) && !name.startsWith('authorizer.claims.'))
    return authorizerOutputOf(trace, name.slice(KEYED_PREFIX.length));
  return null;
}

/** Whether the emulator knows `$context.{name}` (a variable it can give a value). */
export function isKnownContextVariable(name: string): boolean {
  return Object.hasOwn(VARIABLES, name) || (name.startsWith(KEYED_PREFIX) && !name.startsWith('authorizer.claims.'));
}
