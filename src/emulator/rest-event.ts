import type { APIGatewayEventIdentity, APIGatewayProxyEvent } from 'aws-lambda';
import { canonicalHeaderName, isBinaryMediaType, isForwardedRequestHeader, lastHeader, mediaTypeOf, type HeaderList } from './headers.js';
import { newCloudFrontId, randomHex } from './ids.js';
import { clfTime } from './clf-time.js';
import type { EndpointType } from './model.js';
import { parseQuery } from './query-string.js';

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
  /** The raw query string without `?` ('' when none). */
  rawQuery: string;
  /** The client's headers in wire order and case. */
  headers: HeaderList;
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
}

/**
 * The REST API (payload format 1.0) Lambda proxy event.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
 */
export function buildRestProxyEvent(input: RestEventInput): APIGatewayProxyEvent {
  const headerList = eventHeaders(input);
  const { single: headers, multi: multiValueHeaders } = groupByName(headerList, true);
  const query = parseQuery(input.rawQuery);
  const grouped = groupByName(query, false);
  const contentType = mediaTypeOf(lastHeader(input.headers, 'content-type'));
  const binary = input.body !== null && isBinaryMediaType(contentType, input.binaryMediaTypes);
  const domainName = input.host.replace(/:\d+$/, '');
  const identity = {
    accessKey: null,
    accountId: null,
    caller: null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp: input.sourceIp,
    user: null,
    userAgent: lastHeader(input.headers, 'user-agent'),
    userArn: null,
    // apiKey, apiKeyId and clientCert appear only with API keys / mutual TLS, as in real events.
  } as unknown as APIGatewayEventIdentity;
  return {
    resource: input.resourcePath,
    path: input.path,
    httpMethod: input.httpMethod,
    headers,
    multiValueHeaders,
    queryStringParameters: query.length ? grouped.single : null,
    multiValueQueryStringParameters: query.length ? grouped.multi : null,
    pathParameters: input.pathParameters,
    stageVariables: Object.keys(input.stageVariables).length ? { ...input.stageVariables } : null,
    requestContext: {
      accountId: input.accountId,
      apiId: input.apiId,
      deploymentId: input.deploymentId,
      domainName,
      domainPrefix: domainName.split('.')[0]!,
      extendedRequestId: input.extendedRequestId,
      httpMethod: input.httpMethod,
      identity,
      path: `/${input.stage}${input.path}`,
      protocol: input.protocol,
      requestId: input.requestId,
      requestTime: clfTime(input.epochMs),
      requestTimeEpoch: input.epochMs,
      resourceId: input.resourceId,
      resourcePath: input.resourcePath,
      stage: input.stage,
      // No `authorizer` key: real events carry one only when the method has an authorizer.
    } as unknown as APIGatewayProxyEvent['requestContext'],
    body: input.body === null ? null : binary ? toBase64(input.body) : new TextDecoder().decode(input.body),
    isBase64Encoded: binary,
  };
}

/**
 * The headers the integration sees: the client's (minus hop-by-hop ones) plus what API Gateway adds,
 * sorted by name. Edge-optimized APIs also get CloudFront's headers.
 */
function eventHeaders(input: RestEventInput): HeaderList {
  const edge = input.endpointType === 'EDGE';
  const list: HeaderList = [];
  for (const [name, value] of input.headers) {
    if (!isForwardedRequestHeader(name)) continue;
    const lower = name.toLowerCase();
    if (lower === 'host' || lower === 'x-amzn-trace-id' || lower === 'x-forwarded-for' || lower === 'x-forwarded-port' || lower === 'x-forwarded-proto') continue;
    // CloudFront re-cases these two on edge-optimized APIs.
    list.push([edge && (lower === 'authorization' || lower === 'user-agent') ? canonicalHeaderName(name) : name, value]);
  }
  const clientForwarded = lastHeader(input.headers, 'x-forwarded-for');
  const forwardedFor = [clientForwarded, input.sourceIp].filter(Boolean).join(', ');
  list.push(['Host', input.host]);
  list.push(['X-Amzn-Trace-Id', input.traceId]);
  list.push(['X-Forwarded-Port', input.port]);
  list.push(['X-Forwarded-Proto', input.scheme]);
  if (edge) {
    const cloudfrontHex = randomHex(32);
    list.push(['CloudFront-Forwarded-Proto', input.scheme]);
    list.push(['CloudFront-Is-Desktop-Viewer', 'true']);
    list.push(['CloudFront-Is-Mobile-Viewer', 'false']);
    list.push(['CloudFront-Is-SmartTV-Viewer', 'false']);
    list.push(['CloudFront-Is-Tablet-Viewer', 'false']);
    list.push(['CloudFront-Viewer-Country', 'US']);
    list.push(['Via', `1.1 ${cloudfrontHex}.cloudfront.net (CloudFront)`]);
    list.push(['X-Amz-Cf-Id', newCloudFrontId()]);
    // CloudFront appends its own address; 130.176.0.0/16 is a CloudFront range.
    list.push(['X-Forwarded-For', `${forwardedFor}, 130.176.${(input.epochMs >> 8) & 255}.${input.epochMs & 255}`]);
  } else {
    list.push(['X-Forwarded-For', forwardedFor]);
  }
  return list.sort((a, b) => compareNames(a[0], b[0]));
}

/** Case-insensitive, stable name order. */
function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Single- and multi-value maps of a name/value list: the single map keeps the last value, the multi
 * map all of them in order. Header names group case-insensitively under their first spelling.
 */
function groupByName(
  pairs: Array<[string, string]>,
  caseInsensitive: boolean,
): { single: Record<string, string>; multi: Record<string, string[]> } {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  const spelling = new Map<string, string>();
  for (const [name, value] of pairs) {
    const key = caseInsensitive ? name.toLowerCase() : name;
    const shown = spelling.get(key) ?? name;
    spelling.set(key, shown);
    single[shown] = value;
    (multi[shown] ??= []).push(value);
  }
  return { single, multi };
}

/** Base64 of bytes, without Node's Buffer. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Bytes of a base64 string, or null when it is not valid base64. */
export function fromBase64(text: string): Uint8Array | null {
  try {
    const binary = atob(text.replace(/\s+/g, ''));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}
