import { clfTime } from '../shared/clf-time.js';
import type { HeaderList } from '../shared/headers.js';
import { parseQuery } from '../shared/query-string.js';
import type { Connection } from './connection.js';

/**
 * The Lambda proxy events of a WebSocket API, one shape per `eventType`, as AWS documents them (the `$connect`
 * authorizer input, whose `requestContext` the integration's event shares, and the `$context` variables) and as
 * events captured from AWS show them (field order included):
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-mapping-template-reference.html
 * - CONNECT: the client's `headers` and `multiValueHeaders` (sorted by name, with the X-Forwarded-* and X-Amzn-Trace-Id
 *   API Gateway adds), the query string maps when there is a query string, no body;
 * - MESSAGE: `body`, `messageId` in the request context; no headers;
 * - DISCONNECT: `disconnectStatusCode` and `disconnectReason` in the request context, and not the client's headers
 *   but four of API Gateway's own: `Host`, and `x-api-key`, `X-Forwarded-For`, `x-restapi` empty — as a captured
 *   $disconnect event shows them (an idle timeout's: 1001 "Going away", 10 min 4 s after connectedAt; public test
 *   fixture of a deployed chat, apiId nn27okk1we, 19 Feb 2024).
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
  /** MESSAGE only: the message's text (`isBase64Encoded` false: API Gateway takes text frames only). */
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
  const identity: Record<string, string> =
    connection.userAgent === null
      ? { sourceIp: connection.sourceIp }
      : { userAgent: connection.userAgent, sourceIp: connection.sourceIp };
  return {
    routeKey: input.routeKey,
    // After routeKey, as a captured $connect event of an API with an authorizer places it (2019, wscat session).
    ...(connection.authorizer ? { authorizer: connection.authorizer } : {}),
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
  };
}

/** The event a route's Lambda proxy integration receives. */
export function buildWebSocketEvent(input: WebSocketEventInput): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  if (input.disconnect)
    Object.assign(
      event,
      headerMaps([
        ['Host', input.connection.domainName],
        ['x-api-key', ''],
        ['X-Forwarded-For', ''],
        ['x-restapi', ''],
      ]),
    );
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
export function headerMaps(headers: HeaderList): {
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
} {
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
 * The headers the `$connect` event shows: the client's, in their case, with those API Gateway adds (`Host` and
 * `X-Amzn-Trace-Id` when the client sent none, `X-Forwarded-For`/`-Port`/`-Proto`), as in AWS's sample input.
 */
export function upgradeEventHeaders(
  sent: HeaderList,
  added: { host: string; traceId: string; sourceIp: string; port: string; proto: string },
): HeaderList {
  const has = new Set(sent.map(([n]) => n.toLowerCase()));
  const out: HeaderList = sent.filter(([n]) => !/^x-forwarded-(for|port|proto)$/i.test(n));
  if (!has.has('host')) out.push(['Host', added.host]);
  if (!has.has('x-amzn-trace-id')) out.push(['X-Amzn-Trace-Id', added.traceId]);
  const forwarded = sent.find(([n]) => n.toLowerCase() === 'x-forwarded-for')?.[1];
  out.push(['X-Forwarded-For', forwarded ? `${forwarded}, ${added.sourceIp}` : added.sourceIp]);
  out.push(['X-Forwarded-Port', added.port]);
  out.push(['X-Forwarded-Proto', added.proto]);
  // Captured $connect events list the headers sorted by name (Accept, Host, Origin, Sec-WebSocket-*, User-Agent, X-*),
  // whatever order the browser sent them in.
  return out.sort(([a], [b]) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
}
