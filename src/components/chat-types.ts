/**
 * The chat sandbox's runtime interface (issue #13) as the page UI uses it: the runtime's own types
 * (`src/runtime/websocket/types.ts`, `createChatSandbox()`), re-exported so the UI imports them from one place and
 * loads the runtime lazily (type-only imports cost the page nothing).
 */
import type { WebSocketLimits, WebSocketTrace } from '../emulator/index.js';

export type { ChatSandbox, ChatSandboxEvent, ChatSandboxInput } from '../runtime/websocket/types.js';

/** The core's trace of one CONNECT/MESSAGE/DISCONNECT/MANAGEMENT/CLOSE, as the page shows it. */
export type ChatTrace = WebSocketTrace;

/** The core's WebSocket limits (message and frame sizes, idle timeout, maximum duration). */
export type ChatLimits = WebSocketLimits;

/** The short limits the page's "short timeouts" switch deploys with, so the reader can watch them close a connection. */
export const SHORT_LIMITS: Pick<ChatLimits, 'idleTimeoutMs' | 'maxDurationMs'> = {
  idleTimeoutMs: 20_000,
  maxDurationMs: 60_000,
};
