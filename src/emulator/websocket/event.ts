import { clfTime } from '../shared/clf-time.js';
import type { HeaderList } from '../shared/headers.js';
import { parseQuery } from '../shared/query-string.js';
import type { Connection } from './connection.js';

/**
 * The Lambda proxy events of a WebSocket API, one shape per `eventType`, as AWS documents them (the `$connect`
 * authorizer input, whose `requestContext` the integration's event shares, and the `$context` variables):
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-mapping-template-reference.html
 * - CONNECT: `headers`, `multiValueHeaders` (and the query string maps when there is a query string), no body;
 * - MESSAGE: `body`, `messageId` in the request context; no headers;
 * - DISCONNECT: `disconnectStatusCode` and `disconnectReason` in the request context; no headers (the reading
 *   of AWS's pages: headers are a $connect thing).
 * `isBase64Encoded` is on every event.
 */
export type WebSocketEventType = 'CONNECT' | 'MESSAGE' | 'DISCONNECT';

/** What one event is built from. */
export interface WebSocketEventInput {
  eventType: WebSocketEventType;
  routeKey: string;
  connection: Pick<Connection, 'id' | 'connectedAt' | 'domainName' | 'sourceIp' | 'userAgent' | 'authorizer'>;
  stage: string;
  apiId: string;
  requestId: string;
  epochMs: number;
  /** MESSAGE only. */
  messageId?: string;
  /** MESSAGE only: the message as text, or base64 with `isBase64Encoded` for a binary frame. */
  body?: { text: string; isBase64Encoded: boolean };
  /** CONNECT only: the upgrade request's headers (as the event shows them) and raw query string. */
  upgrade?: { headers: HeaderList; rawQuery: string };
  /** DISCONNECT only. */
  disconnect?: { statusCode: number; reason: string };
  /** The stage's variables (`stageVariables`, absent when none). */
  stageVariables: Record<string, string>;
}

/** The `requestContext` of a WebSocket event, in the order AWS's sample prints its fields. */
export function websocketRequestContext(input: WebSocketEventInput): Record<string, unknown> {
  const { connection } = input;
  const identity: Record<string, string> = { sourceIp: connection.sourceIp };
  if (connection.userAgent !== null) identity.userAgent = connection.userAgent;
  return {
    routeKey: input.routeKey,
    ...(input.messageId === undefined ? {} : { messageId: input.messageId }),
    ...(input.disconnect ? { disconnectStatusCode: input.disconnect.statusCode } : {}),
    eventType: input.eventType,
    extendedRequestId: input.requestId,
    requestTime: clfTime(input.epochMs),
    messageDirection: 'IN',
    ...(input.disconnect ? { disconnectReason: input.disconnect.reason } : {}),
    stage: input.stage,
    connectedAt: connection.connectedAt,
    requestTimeEpoch: input.epochMs,
    identity,
    requestId: input.requestId,
    domainName: connection.domainName,
    connectionId: connection.id,
    apiId: input.apiId,
    ...(connection.authorizer ? { authorizer: connection.authorizer } : {}),
  };
}

/** The event a route's Lambda proxy integration receives. */
export function buildWebSocketEvent(input: WebSocketEventInput): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  if (input.upgrade) {
    Object.assign(event, headerMaps(input.upgrade.headers));
    const query = input.upgrade.rawQuery ? parseQuery(input.upgrade.rawQuery) : [];
    if (query.length) {
      const single: Record<string, string> = {};
      const multi: Record<string, string[]> = {};
      for (const [name, value] of query) {
        single[name] = value;
        (multi[name] ??= []).push(value);
      }
      event.queryStringParameters = single;
      event.multiValueQueryStringParameters = multi;
    }
  }
  event.requestContext = websocketRequestContext(input);
  if (Object.keys(input.stageVariables).length) event.stageVariables = { ...input.stageVariables };
  if (input.body) event.body = input.body.text;
  event.isBase64Encoded = input.body?.isBase64Encoded ?? false;
  return event;
}

/** `headers` (the last value of each name, case-insensitively, under the first spelling sent) and `multiValueHeaders`. */
export function headerMaps(headers: HeaderList): { headers: Record<string, string>; multiValueHeaders: Record<string, string[]> } {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  const shownAs = new Map<string, string>();
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    const shown = shownAs.get(lower) ?? name;
    shownAs.set(lower, shown);
    single[shown] = value;
    (multi[shown] ??= []).push(value);
  }
  return { headers: single, multiValueHeaders: multi };
}

/**
 * The headers the `$connect` event shows: the client's, in its order and case, with those API Gateway adds when the
 * client did not send them (`Host`, `X-Amzn-Trace-Id`, `X-Forwarded-For`/`-Port`/`-Proto`), as in AWS's sample input.
 */
export function upgradeEventHeaders(
  sent: HeaderList,
  added: { host: string; traceId: string; sourceIp: string; port: string; proto: string },
): HeaderList {
  const has = new Set(sent.map(([n]) => n.toLowerCase()));
  const out: HeaderList = sent.filter(([n]) => !/^x-forwarded-(for|port|proto)$/i.test(n));
  if (!has.has('host')) out.unshift(['Host', added.host]);
  if (!has.has('x-amzn-trace-id')) out.push(['X-Amzn-Trace-Id', added.traceId]);
  const forwarded = sent.find(([n]) => n.toLowerCase() === 'x-forwarded-for')?.[1];
  out.push(['X-Forwarded-For', forwarded ? `${forwarded}, ${added.sourceIp}` : added.sourceIp]);
  out.push(['X-Forwarded-Port', added.port]);
  out.push(['X-Forwarded-Proto', added.proto]);
  return out;
}
