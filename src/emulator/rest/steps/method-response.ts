import { fromBase64 } from '../../shared/base64.js';
import { httpDate } from '../../shared/clf-time.js';
import { isBinaryMediaType, lastHeader, lastHeaderOf, mediaTypeOf, type HeaderList } from '../../shared/headers.js';
import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import { finishBuffered, finishStreamed } from '../../shared/pipeline/gateway-result.js';
import { monotonic } from '../../shared/pipeline/monotonic.js';
import type { ProxyResult } from '../../shared/proxy-response.js';
import { backendHeaderAction } from '../backend-response-headers.js';
import type { RestRequestContext } from '../context.js';
import { GATEWAY_RESPONSES } from '../gateway-responses.js';
import { streamedHeaders, streamedHttpProxyResult, streamedLambdaResult } from '../streamed-response.js';

const UTF8 = new TextEncoder();

/** Wire headers a REST answer's Fetch `Response` leaves out. */
export const REST_OMITTED_HEADERS: readonly string[] = ['content-length'];

/**
 * The method response: the client's answer from the integration's, with API Gateway's own headers around the
 * backend's (Date, Content-Length, Connection, x-amzn-RequestId, x-amz-apigw-id, X-Amzn-Trace-Id); a Lambda proxy's
 * base64 body decoded when the client accepts a binary media type; a streamed body passed on as it comes.
 */
export function methodResponse(context: RestRequestContext): void {
  const answer = context.answer!;
  const { trace, started, epochMs } = context;
  const traceId = context.traceId!;
  const endpointType = context.api!.endpointType;
  if (answer.kind === 'proxy') {
    const body = proxyBody(context, answer.result);
    const { headers, statusCode } = answer.result;
    const success = successHeaders(headers, lastHeader(headers, 'content-type'), body.length, epochMs, context);
    context.result = finishBuffered(trace, started, statusCode, success, body, REST_OMITTED_HEADERS);
  } else if (answer.kind === 'proxy-stream') {
    const { opened } = answer;
    const { headers: fnHeaders, cookies } = opened.metadata;
    const headers = streamedHeaders(
      successHeaders(fnHeaders, lastHeader(fnHeaders, 'content-type'), 0, epochMs, context),
      cookies,
    );
    const integrationTrace = trace.integration!;
    const remainingMs = context.integration.timeoutMs - integrationTrace.durationMs;
    const parts = streamedLambdaResult(trace, integrationTrace, opened, headers, remainingMs, endpointType);
    context.result = finishStreamed(trace, started, parts.status, parts.headers, parts.body);
  } else {
    const { status, headers: backend, body, held } = answer;
    const headers: HeaderList = [
      ['Date', httpDate(epochMs)],
      backend[0]!,
      ['Content-Length', String(body.length)],
      ['Connection', 'keep-alive'],
      ['x-amzn-RequestId', trace.requestId],
      ...backend.slice(1),
      ['x-amz-apigw-id', trace.extendedRequestId],
      ['X-Amzn-Trace-Id', `${traceId};Sampled=0`],
    ];
    if (held) {
      const remainingMs = context.integration.timeoutMs - (monotonic() - context.integrationStarted);
      const parts = streamedHttpProxyResult(trace, status, headers, held.body(), remainingMs, endpointType);
      context.result = finishStreamed(trace, started, parts.status, parts.headers, parts.body);
    } else {
      context.result = finishBuffered(trace, started, status, headers, body, REST_OMITTED_HEADERS);
    }
  }
}

/**
 * A Lambda proxy result's body bytes. "API Gateway uses the first Accept header from clients to determine if a
 * response should return binary media": an `isBase64Encoded` body is decoded when the first media type the client
 * accepts is a binary media type, otherwise the base64 text is sent as it is, whatever the function's Content-Type.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html
 */
function proxyBody(context: RestRequestContext, result: ProxyResult): Uint8Array {
  if (!result.isBase64Encoded) return UTF8.encode(result.body);
  const accept = mediaTypeOf(lastHeaderOf(context.rawHeaders, context.lowerNames, 'accept'));
  if (!isBinaryMediaType(accept, context.api!.binaryMediaTypes)) return UTF8.encode(result.body);
  const decoded = fromBase64(result.body);
  if (!decoded) {
    throw new GatewayError(
      GATEWAY_RESPONSES.API_CONFIGURATION_ERROR,
      'Execution failed due to configuration error: Unable to base64-decode the body',
    );
  }
  return decoded;
}

/**
 * The headers of a successful proxy response: API Gateway's own around the function's. A function's header that
 * clashes with the gateway's (Content-Length, Date, Connection, Server, …) is passed on as `x-amzn-Remapped-<name>`,
 * a hop-by-hop one (Transfer-Encoding, Upgrade, …) is dropped: see backend-response-headers.ts.
 */
function successHeaders(
  fnHeaders: HeaderList,
  contentType: string | null,
  length: number,
  epochMs: number,
  context: RestRequestContext,
): HeaderList {
  const { trace } = context;
  const headers: HeaderList = [
    ['Date', httpDate(epochMs)],
    ['Content-Type', contentType ?? 'application/json'],
    ['Content-Length', String(length)],
    ['Connection', 'keep-alive'],
    ['x-amzn-RequestId', trace.requestId],
  ];
  if (contentType !== null) {
    // Keep the function's own spelling of Content-Type.
    const own = fnHeaders.find(([n]) => n.toLowerCase() === 'content-type');
    if (own) headers[1] = [own[0], contentType];
  }
  for (const [name, value] of fnHeaders) {
    const lower = name.toLowerCase();
    if (lower === 'content-type') continue;
    const action = backendHeaderAction(lower, 'lambda');
    if (action === 'remap') headers.push([`x-amzn-Remapped-${name}`, value]);
    else if (action === 'pass') headers.push([name, value]);
  }
  headers.push(['x-amz-apigw-id', trace.extendedRequestId]);
  headers.push(['X-Amzn-Trace-Id', `${context.traceId};Sampled=0`]);
  return headers;
}
