import { httpDate } from '../../shared/clf-time.js';
import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import { finishBuffered } from '../../shared/pipeline/gateway-result.js';
import type { HttpApiRequestContext } from '../context.js';
import { corsHeadersFor, withoutCorsHeaders } from '../cors.js';
import type { HttpErrorResponse } from '../responses.js';
import { selectRoute } from '../router.js';
import { HTTP_API_OMITTED_HEADERS } from './method-response.js';

/** The gateway's own answer to an OPTIONS request when CORS is configured: 204, no body. */
export const CORS_PREFLIGHT = {
  type: 'CORS_PREFLIGHT',
  status: 204,
  body: '',
} as const satisfies HttpErrorResponse;

/**
 * CORS preflights: with CORS configured, "API Gateway automatically sends a response to preflight OPTIONS requests,
 * even if there isn't an OPTIONS route configured for your API", before routing and authorization; an `OPTIONS`
 * route, or the `$default` route ("catches requests for all methods ..., including OPTIONS requests"), takes the
 * request instead (http-api-cors.html; the rules and what is assumed are in ../cors.ts). Returns at once for an API
 * without CORS or a request that is not OPTIONS.
 */
export function cors(context: HttpApiRequestContext): void {
  if (context.api!.cors === undefined || context.method !== 'OPTIONS') return;
  const match = selectRoute(context.api!, 'OPTIONS', context.pathInStage);
  const key = match?.route.routeKey;
  if (key !== undefined && (key === '$default' || key.startsWith('OPTIONS '))) return;
  throw new GatewayError(CORS_PREFLIGHT, `OPTIONS ${context.pathInStage} answered by the API's CORS configuration`);
}

/**
 * The preflight answer: 204 with Date, Connection, the CORS headers (when the request has an allowed Origin and an
 * Access-Control-Request-Method) and Apigw-Requestid; no Content-Type or Content-Length, as a captured HTTP API
 * answered an OPTIONS request it had no route for.
 */
export function renderPreflight(context: HttpApiRequestContext): void {
  const { trace, started, epochMs } = context;
  trace.gatewayResponseType = CORS_PREFLIGHT.type;
  const headers: [string, string][] = [
    ['Date', httpDate(epochMs)],
    ['Connection', 'keep-alive'],
    ...corsHeadersFor(context.api!.cors!, context.method, context.rawHeaders),
    ['Apigw-Requestid', trace.requestId],
  ];
  context.result = finishBuffered(trace, started, CORS_PREFLIGHT.status, headers, null, HTTP_API_OMITTED_HEADERS);
}

/**
 * The CORS headers of an integration's answer: "API Gateway ignores CORS headers returned from your backend
 * integration" and "adds the configured CORS headers to the response from an integration" (http-api-cors.html), after
 * the function's own headers. Returns at once for an API without CORS.
 */
export function corsHeaders(context: HttpApiRequestContext): void {
  const config = context.api!.cors;
  if (config === undefined) return;
  const answer = context.answer!;
  const own = withoutCorsHeaders(answer.headers);
  const added = corsHeadersFor(config, context.method, context.rawHeaders);
  if (own === answer.headers && added.length === 0) return;
  context.answer = { ...answer, headers: added.length ? [...own, ...added] : own };
}
