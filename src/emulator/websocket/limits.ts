/** A WebSocket API's limits; the page makes the timeouts short so the reader can watch them. */
export interface WebSocketLimits {
  /** Largest message (after frames are joined). */
  messageBytes: number;
  /** Largest frame (the adapter checks frames). */
  frameBytes: number;
  /** A connection with no traffic for this long is closed. */
  idleTimeoutMs: number;
  /** A connection is closed after this long, whatever its traffic. */
  maxDurationMs: number;
}

/**
 * AWS's quotas for WebSocket APIs: message payload 128 KB, frame 32 KB, idle timeout 10 minutes, connection duration
 * 2 hours. https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html
 */
export const WEBSOCKET_LIMITS: WebSocketLimits = Object.freeze({
  messageBytes: 128 * 1024,
  frameBytes: 32 * 1024,
  idleTimeoutMs: 10 * 60 * 1000,
  maxDurationMs: 2 * 60 * 60 * 1000,
});
