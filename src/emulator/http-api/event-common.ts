import type { HttpAuthorizerResult } from './authorizers/model.js';
import { isForwardedLowerName, lowerNames, lastHeaderOf, mediaTypeOf, type HeaderList } from '../shared/headers.js';
import { toBase64 } from '../shared/base64.js';

/** Everything the HTTP API gateway knows about one request when it builds a Lambda event. */
export interface HttpEventInput {
  apiId: string;
  accountId: string;
  stage: string;
  stageVariables: Record<string, string>;
  routeKey: string;
  /** The route's path template (`/items/{id}`), or null for `$default`. */
  routePath: string | null;
  pathParameters: Record<string, string> | null;
  method: string;
  /**
   * Payload 2.0's `rawPath`: the path as sent, including a named stage's prefix (`/dev/items`; `$default` has none),
   * but without a custom domain's API mapping ("rawPath won't provide the API mapping value").
   */
  rawPath: string;
  /** The path as the client sent it, an API mapping included (`/v1/items`): payload 1.0's `path`. */
  requestPath: string;
  /** The path after the stage prefix (`/items`). */
  pathInStage: string;
  /** The raw query string without `?` ('' when none). */
  rawQuery: string;
  /** The client's headers in wire order and case. */
  headers: HeaderList;
  body: Uint8Array | null;
  host: string;
  scheme: string;
  port: string;
  sourceIp: string;
  protocol: string;
  requestId: string;
  traceId: string;
  epochMs: number;
  /** A JWT authorizer's verdict (claims, scopes); absent on a route without an authorizer. */
  authorizer?: HttpAuthorizerResult | null;
}

/** One event header: lower-case name and value. */
export type LowerHeader = [name: string, value: string];

/**
 * The headers an HTTP API passes to Lambda, names lower-cased ("All headernames are lowercased",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html), sorted by name.
 * API Gateway sets host, content-length, x-amzn-trace-id and x-forwarded-for/-port/-proto itself; a captured
 * 2.0 event of a bodiless curl GET carries `"content-length": "0"` (https://github.com/aws/aws-lambda-java-libs/pull/230).
 */
export function httpEventHeaders(input: HttpEventInput): LowerHeader[] {
  const lowers = lowerNames(input.headers);
  const list: LowerHeader[] = [];
  let clientForwarded: string | null = null;
  for (let i = 0; i < input.headers.length; i++) {
    const lower = lowers[i]!;
    const value = input.headers[i]![1];
    if (lower === 'x-forwarded-for') {
      clientForwarded = clientForwarded ? `${clientForwarded}, ${value}` : value;
      continue;
    }
    if (!isForwardedLowerName(lower)) continue;
    if (
      lower === 'host' ||
      lower === 'x-amzn-trace-id' ||
      lower === 'x-forwarded-port' ||
      lower === 'x-forwarded-proto'
    )
      continue;
    list.push([lower, value]);
  }
  list.push(['content-length', String(input.body?.length ?? 0)]);
  list.push(['host', input.host]);
  list.push(['x-amzn-trace-id', input.traceId]);
  list.push(['x-forwarded-for', clientForwarded ? `${clientForwarded}, ${input.sourceIp}` : input.sourceIp]);
  list.push(['x-forwarded-port', input.port]);
  list.push(['x-forwarded-proto', input.scheme]);
  // Stable sort: repeated headers keep their order.
  return list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** The `User-Agent` the client sent ('' when none). */
export function userAgentOf(input: HttpEventInput): string {
  return lastHeaderOf(input.headers, lowerNames(input.headers), 'user-agent') ?? '';
}

/**
 * Media types HTTP APIs pass to Lambda as text; every other body (a missing Content-Type and
 * application/x-www-form-urlencoded included) arrives base64-encoded with isBase64Encoded true. HTTP APIs have
 * no binaryMediaTypes setting; the split is not documented and was measured against AWS in
 * https://github.com/ministackorg/ministack/pull/766.
 */
export function isTextMediaType(mediaType: string | null): boolean {
  if (!mediaType) return false;
  return (
    mediaType.startsWith('text/') ||
    mediaType === 'application/json' ||
    mediaType === 'application/xml' ||
    mediaType === 'application/javascript'
  );
}

const UTF8 = new TextDecoder();

/** The event's `body` and `isBase64Encoded` for a request body. */
export function eventBody(input: HttpEventInput): { body: string | null; isBase64Encoded: boolean } {
  if (!input.body || input.body.length === 0) return { body: null, isBase64Encoded: false };
  const type = mediaTypeOf(lastHeaderOf(input.headers, lowerNames(input.headers), 'content-type'));
  return isTextMediaType(type)
    ? { body: UTF8.decode(input.body), isBase64Encoded: false }
    : { body: toBase64(input.body), isBase64Encoded: true };
}

/** `domainName` and `domainPrefix` from the Host. */
export function domainOf(host: string): { domainName: string; domainPrefix: string } {
  const domainName = host.replace(/:\d+$/, '');
  const dot = domainName.indexOf('.');
  return { domainName, domainPrefix: dot < 0 ? domainName : domainName.slice(0, dot) };
}
