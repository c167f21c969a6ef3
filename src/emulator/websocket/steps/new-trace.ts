import type { WebSocketTrace } from '../trace.js';

/** A new trace of one connection event; `durationMs` is set when it completes. */
export function newWebSocketTrace(
  kind: WebSocketTrace['kind'],
  connectionId: string,
  requestId: string,
  stage: string,
  startedAt: number,
): WebSocketTrace {
  return { kind, connectionId, requestId, stage, sent: [], startedAt, durationMs: 0 };
}
