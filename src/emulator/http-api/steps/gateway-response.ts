import { httpDate } from '../../shared/clf-time.js';
import type { GatewayError } from '../../shared/pipeline/gateway-error.js';
import { finishBuffered } from '../../shared/pipeline/gateway-result.js';
import type { HttpApiRequestContext } from '../context.js';
import type { HttpErrorResponse } from '../responses.js';
import { CORS_PREFLIGHT, renderPreflight } from './cors.js';
import { HTTP_API_OMITTED_HEADERS } from './method-response.js';

const UTF8 = new TextEncoder();

/**
 * Answers a request a step stopped, as HTTP APIs answer by themselves: the response's status and JSON body, with
 * Date, Content-Type, Content-Length, Connection and Apigw-Requestid (captured HTTP/1.1 responses). HTTP APIs have no
 * customisable gateway responses and no x-amzn-ErrorType.
 */
export function gatewayResponse(context: HttpApiRequestContext, error: GatewayError<HttpErrorResponse>): void {
  const { trace, started, epochMs } = context;
  const { response } = error;
  if (response.type === CORS_PREFLIGHT.type) return renderPreflight(context);
  trace.gatewayResponseType = response.type;
  trace.errorDetail = error.detail;
  const body = UTF8.encode(response.body);
  const headers: [string, string][] = [
    ['Date', httpDate(epochMs)],
    ['Content-Type', 'application/json'],
    ['Content-Length', String(body.length)],
    ['Connection', 'keep-alive'],
    ['Apigw-Requestid', trace.requestId],
  ];
  // A JWT authorizer's refusal: `www-authenticate` before `apigw-requestid`, lower-case, as captured in
  // http-api-troubleshooting-jwt.html (that capture shows no Content-Type; kept here like HTTP APIs' other errors).
  if (response.wwwAuthenticate !== undefined) headers.splice(4, 0, ['www-authenticate', response.wwwAuthenticate]);
  context.result = finishBuffered(trace, started, response.status, headers, body, HTTP_API_OMITTED_HEADERS);
}
