import type { APIGatewayProxyEvent } from 'aws-lambda';
import { toBase64 } from '../shared/base64.js';
import {
  canonicalHeaderName,
  isBinaryMediaType,
  isForwardedLowerName,
  lastHeaderOf,
  lowerNames,
  mediaTypeOf,
  type HeaderList,
} from '../shared/headers.js';
import { newCloudFrontId, randomHex } from '../shared/ids.js';
import { clfTime } from '../shared/clf-time.js';
import type { EndpointType } from './model.js';
import { parseQuery } from '../shared/query-string.js';
import { payloadV1Identity } from '../shared/payload-v1-identity.js';
import { identityWithApiKey } from './api-keys/identity.js';
import { withIamIdentity } from '../shared/iam/caller-identity.js';
import type { IamPrincipal } from '../shared/iam/principals.js';

/** Everything the gateway knows about one request when it builds the Lambda proxy event. */
export interface RestEventInput {
  apiId: string;
  accountId: string;
  deploymentId: string;
  endpointType: EndpointType;
  binaryMediaTypes: readonly string[];
  stage: string;
  stageVariables: Record<string, string>;
  resourceId: string;
  resourcePath: string;
  pathParameters: Record<string, string> | null;
  httpMethod: string;
  /** The path after the stage, as sent (not URL-decoded), e.g. `/items/1`. */
  path: string;
  /** The path after the stage as the client sent it, when it differs from `path` (leading `//`): requestContext.path keeps it. */
  sentPath?: string | undefined;
  /**
   * On a custom domain name, the base path mapping the request came through (`/v1`, '' for the root mapping):
   * `path` and `requestContext.path` then include it, and there is no stage segment. Undefined on execute-api.
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
   */
  basePath?: string;
  /** The raw query string without `?` ('' when none). */
  rawQuery: string;
  /** The client's headers in wire order and case. */
  headers: HeaderList;
  /** `headers`' names lower-cased, index for index, when the caller has them already. */
  lowerNames?: readonly string[];
  body: Uint8Array | null;
  /** The Host the client addressed (`abc123.execute-api.us-east-1.amazonaws.com`). */
  host: string;
  scheme: string;
  port: string;
  sourceIp: string;
  protocol: string;
  requestId: string;
  extendedRequestId: string;
  traceId: string;
  epochMs: number;
  /** The API key the request was admitted with (`identity.apiKey` and `apiKeyId`); absent when none was used. */
  apiKey?: { id: string; value: string } | undefined;
  /** The caller IAM authorization verified (`identity.accessKey`, `accountId`, `caller`, `user`, `userArn`). */
  iamCaller?: IamPrincipal | null;
}

/**
 * The REST API (payload format 1.0) Lambda proxy event.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
 */
export function buildRestProxyEvent(input: RestEventInput): APIGatewayProxyEvent {
  const lowers = input.lowerNames ?? lowerNames(input.headers);
  const { single: headers, multi: multiValueHeaders } = groupHeaders(eventHeaders(input, lowers));
  const query = input.rawQuery ? parseQuery(input.rawQuery) : [];
  const grouped = query.length ? groupByName(query) : null;
  const contentType = input.body === null ? null : mediaTypeOf(lastHeaderOf(input.headers, lowers, 'content-type'));
  const binary = input.body !== null && isBinaryMediaType(contentType, input.binaryMediaTypes);
  const domainName = input.host.replace(/:\d+$/, '');
  const dot = domainName.indexOf('.');
  const anonymous = payloadV1Identity(input.sourceIp, lastHeaderOf(input.headers, lowers, 'user-agent'));
  const keyed = input.apiKey ? identityWithApiKey(anonymous, input.apiKey) : anonymous;
  const identity = input.iamCaller ? withIamIdentity(keyed, input.iamCaller) : keyed;
  return {
    resource: input.resourcePath,
    path: input.basePath ? `${input.basePath}${input.path}` : input.path,
    httpMethod: input.httpMethod,
    headers,
    multiValueHeaders,
    queryStringParameters: grouped ? grouped.single : null,
    multiValueQueryStringParameters: grouped ? grouped.multi : null,
    pathParameters: input.pathParameters,
    stageVariables: Object.keys(input.stageVariables).length ? { ...input.stageVariables } : null,
    requestContext: {
      accountId: input.accountId,
      apiId: input.apiId,
      deploymentId: input.deploymentId,
      domainName,
      domainPrefix: dot < 0 ? domainName : domainName.slice(0, dot),
      extendedRequestId: input.extendedRequestId,
      httpMethod: input.httpMethod,
      identity,
      path:
        input.basePath === undefined
          ? `/${input.stage}${input.sentPath ?? input.path}`
          : `${input.basePath}${input.sentPath ?? input.path}`,
      protocol: input.protocol,
      requestId: input.requestId,
      requestTime: clfTime(input.epochMs),
      requestTimeEpoch: input.epochMs,
      resourceId: input.resourceId,
      resourcePath: input.resourcePath,
      stage: input.stage,
      // No `authorizer` key: real events carry one only when the method has an authorizer.
    } as unknown as APIGatewayProxyEvent['requestContext'],
    body: input.body === null ? null : binary ? toBase64(input.body) : UTF8.decode(input.body),
    isBase64Encoded: binary,
  };
}

/** One event header: its lower-case name (the sort and grouping key), its name as shown, its value. */
type EventHeader = [lower: string, name: string, value: string];

const UTF8 = new TextDecoder();

/** CloudFront's constant viewer headers (shared, never modified). */
const CLOUDFRONT_VIEWER: readonly EventHeader[] = [
  ['cloudfront-is-desktop-viewer', 'CloudFront-Is-Desktop-Viewer', 'true'],
  ['cloudfront-is-mobile-viewer', 'CloudFront-Is-Mobile-Viewer', 'false'],
  ['cloudfront-is-smarttv-viewer', 'CloudFront-Is-SmartTV-Viewer', 'false'],
  ['cloudfront-is-tablet-viewer', 'CloudFront-Is-Tablet-Viewer', 'false'],
  ['cloudfront-viewer-country', 'CloudFront-Viewer-Country', 'US'],
];

/** Canonical spellings already computed (a client sends the same few spellings again and again). */
const canonicalNames = new Map<string, string>();

/** {@link canonicalHeaderName}, memoised. */
function canonicalName(name: string): string {
  let canonical = canonicalNames.get(name);
  if (canonical === undefined) {
    if (canonicalNames.size >= 64) canonicalNames.clear();
    canonicalNames.set(name, (canonical = canonicalHeaderName(name)));
  }
  return canonical;
}

/**
 * The headers the integration sees: the client's (minus hop-by-hop ones) plus what API Gateway adds,
 * sorted by name. Edge-optimized APIs also get CloudFront's headers.
 */
function eventHeaders(input: RestEventInput, lowers: readonly string[]): EventHeader[] {
  const edge = input.endpointType === 'EDGE';
  const list: EventHeader[] = [];
  const headers = input.headers;
  let clientForwarded: string | null = null;
  for (let i = 0; i < headers.length; i++) {
    const lower = lowers[i]!;
    const [name, value] = headers[i]!;
    if (lower === 'x-forwarded-for') clientForwarded = value;
    if (!isForwardedLowerName(lower)) continue;
    if (
      lower === 'host' ||
      lower === 'x-amzn-trace-id' ||
      lower === 'x-forwarded-for' ||
      lower === 'x-forwarded-port' ||
      lower === 'x-forwarded-proto'
    )
      continue;
    // CloudFront re-cases these two on edge-optimized APIs.
    list.push([
      lower,
      edge && (lower === 'authorization' || lower === 'user-agent') ? canonicalName(name) : name,
      value,
    ]);
  }
  const forwardedFor =
    clientForwarded && input.sourceIp ? `${clientForwarded}, ${input.sourceIp}` : clientForwarded || input.sourceIp;
  list.push(['host', 'Host', input.host]);
  list.push(['x-amzn-trace-id', 'X-Amzn-Trace-Id', input.traceId]);
  list.push(['x-forwarded-port', 'X-Forwarded-Port', input.port]);
  list.push(['x-forwarded-proto', 'X-Forwarded-Proto', input.scheme]);
  if (edge) {
    const cloudfrontHex = randomHex(32);
    list.push(['cloudfront-forwarded-proto', 'CloudFront-Forwarded-Proto', input.scheme]);
    list.push(...CLOUDFRONT_VIEWER);
    list.push(['via', 'Via', `1.1 ${cloudfrontHex}.cloudfront.net (CloudFront)`]);
    list.push(['x-amz-cf-id', 'X-Amz-Cf-Id', newCloudFrontId()]);
    // CloudFront appends its own address; 130.176.0.0/16 is a CloudFront range.
    list.push([
      'x-forwarded-for',
      'X-Forwarded-For',
      `${forwardedFor}, 130.176.${(input.epochMs >> 8) & 255}.${input.epochMs & 255}`,
    ]);
  } else {
    list.push(['x-forwarded-for', 'X-Forwarded-For', forwardedFor]);
  }
  // Case-insensitive, stable name order.
  return list.sort(compareLower);
}

/** Orders event headers by lower-case name. */
function compareLower(a: EventHeader, b: EventHeader): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/**
 * Single- and multi-value header maps of sorted event headers: names group case-insensitively under
 * their first spelling (sorting is stable, so equal names are adjacent and in their original order).
 */
function groupHeaders(sorted: EventHeader[]): { single: Record<string, string>; multi: Record<string, string[]> } {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  let lastLower: string | null = null;
  let values: string[] = [];
  let shown = '';
  for (const [lower, name, value] of sorted) {
    if (lower !== lastLower) {
      lastLower = lower;
      shown = name;
      values = multi[shown] ??= [];
    }
    single[shown] = value;
    values.push(value);
  }
  return { single, multi };
}

/**
 * Single- and multi-value maps of a name/value list (case-sensitive names): the single map keeps the
 * last value, the multi map all of them in order.
 */
function groupByName(pairs: Array<[string, string]>): {
  single: Record<string, string>;
  multi: Record<string, string[]>;
} {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of pairs) {
    single[name] = value;
    (multi[name] ??= []).push(value);
  }
  return { single, multi };
}
