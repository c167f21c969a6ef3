/**
 * The frames API Gateway itself sends a WebSocket client: `{"message": "…", "connectionId":"…", "requestId":"…"}`, a
 * space after the first colon only, as captured from AWS (wscat sessions quoted in public write-ups, e.g.
 * `{"message": "Forbidden", "connectionId":"XDmENcnwIE0CFEQ=", "requestId":"XDmGEE2RoE0FRdQ="}` for a message no
 * route matches on an API without `$default`, and `"Internal server error"` when the integration fails).
 */
export function gatewayErrorFrame(message: string, connectionId: string, requestId: string): string {
  return `{"message": ${JSON.stringify(message)}, "connectionId":${JSON.stringify(connectionId)}, "requestId":${JSON.stringify(requestId)}}`;
}

/** The error messages of those frames. */
export const FRAME_MESSAGES = {
  /** No route matched the message and the API has no `$default` route. */
  noRoute: 'Forbidden',
  /** The integration failed: a Lambda error, an invalid result, a route without an integration (assumed). */
  internal: 'Internal server error',
  /** The integration did not answer within its timeout ("Endpoint request timed out", as REST APIs say it; assumed). */
  timeout: 'Endpoint request timed out',
} as const;

/**
 * Close codes and reasons the gateway uses (adapters closing for an oversized frame use `tooBig` too). 1009 for a
 * message or frame over the quota is AWS's ("the connection is closed with code 1009", quotas page), its reason
 * "Message too long" assumed; 1001 "Going away" for the idle timeout is what a captured $disconnect event shows
 * (disconnectStatusCode 1001, disconnectReason "Going away", 10 min 4 s after connectedAt), assumed the same for the
 * 2-hour limit.
 */
export const WEBSOCKET_CLOSE = {
  tooBig: { code: 1009, reason: 'Message too long' },
  /** "If a client app sends a binary frame, API Gateway rejects it and disconnects the client with code 1003" (reason assumed). */
  binary: { code: 1003, reason: 'Unsupported data' },
  idle: { code: 1001, reason: 'Going away' },
  maxDuration: { code: 1001, reason: 'Going away' },
  /** DeleteConnection on @connections (assumed: a normal closure). */
  deleted: { code: 1000, reason: '' },
} as const;
