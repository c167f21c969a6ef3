import { fromBase64 } from '../../shared/base64.js';
import { httpDate } from '../../shared/clf-time.js';
import type { HeaderList } from '../../shared/headers.js';
import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import { finishBuffered } from '../../shared/pipeline/gateway-result.js';
import type { HttpApiRequestContext } from '../context.js';
import { HTTP_API_RESPONSES } from '../responses.js';

const UTF8 = new TextEncoder();

/** Wire headers an HTTP API answer's Fetch `Response` leaves out. */
export const HTTP_API_OMITTED_HEADERS: readonly string[] = ['content-length', 'connection'];

/**
 * The client's answer from the function's: its status, its headers between API Gateway's own, its body (an
 * `isBase64Encoded` body decoded: HTTP APIs have no binaryMediaTypes, so it always is; invalid base64 is a 500).
 */
export function methodResponse(context: HttpApiRequestContext): void {
  const { statusCode, headers, body: text, isBase64Encoded } = context.answer!;
  let body: Uint8Array;
  if (isBase64Encoded) {
    const decoded = fromBase64(text);
    if (!decoded) {
      throw new GatewayError(HTTP_API_RESPONSES.MALFORMED_RESPONSE, 'the isBase64Encoded body is not valid base64');
    }
    body = decoded;
  } else {
    body = UTF8.encode(text);
  }
  const { trace, started, epochMs } = context;
  const wire = successHeaders(headers, body.length, epochMs, trace.requestId);
  context.result = finishBuffered(trace, started, statusCode, wire, body, HTTP_API_OMITTED_HEADERS);
}

/**
 * The headers of a successful response: Date, Content-Type, Content-Length, Connection, the function's headers,
 * Apigw-Requestid (order as captured from HTTP APIs over HTTP/1.1). When the function sets no Content-Type and the
 * body is not empty, HTTP APIs send `text/plain; charset=utf-8` (captures of handlers returning
 * `{statusCode, body}` only); an empty body goes without one (a captured 302: date, content-length: 0, location,
 * apigw-requestid). The function's own Content-Length, Date and Connection are not passed on (unverified).
 */
function successHeaders(fnHeaders: HeaderList, length: number, epochMs: number, requestId: string): HeaderList {
  const own = fnHeaders.find(([n]) => n.toLowerCase() === 'content-type');
  const headers: HeaderList = [['Date', httpDate(epochMs)]];
  if (own) headers.push(own);
  else if (length > 0) headers.push(['Content-Type', 'text/plain; charset=utf-8']);
  headers.push(['Content-Length', String(length)], ['Connection', 'keep-alive']);
  for (const entry of fnHeaders) {
    const lower = entry[0].toLowerCase();
    if (lower === 'content-type' || lower === 'content-length' || lower === 'date' || lower === 'connection') continue;
    headers.push(entry);
  }
  headers.push(['Apigw-Requestid', requestId]);
  return headers;
}
