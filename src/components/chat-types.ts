/**
 * The chat sandbox's runtime interface (issue #13, the shared brief's section 3), as the page UI uses it. The runtime
 * (`src/runtime/websocket/index.ts`, `createChatSandbox()`) implements it; the UI depends only on these shapes, so it
 * is written and tested against them (the unit tests' in-memory fake) and loads the runtime lazily.
 */
import type { Language } from '../examples/types.js';

/** The part of the core's `WebSocketTrace` the page shows (src/emulator/websocket, section 1 of the brief). */
export interface ChatTrace {
  kind: 'CONNECT' | 'MESSAGE' | 'DISCONNECT' | 'MANAGEMENT' | 'CLOSE';
  connectionId: string;
  requestId: string;
  routeKey?: string;
  stage: string;
  authorizer?: {
    functionName: string;
    event: unknown;
    result?: unknown;
    error?: unknown;
    decision: 'allow' | 'deny' | 'error';
    logs: string[];
  };
  lambda?: { functionName: string; event: unknown; result?: unknown; error?: unknown; logs: string[] };
  sent: Array<{ connectionId: string; data: string }>;
  status?: number;
  closeCode?: number;
  closeReason?: string;
  management?: { method: string; path: string; caller?: string };
  error?: string;
  startedAt: number;
  durationMs: number;
}

export interface ChatLimits {
  messageBytes: number;
  frameBytes: number;
  idleTimeoutMs: number;
  maxDurationMs: number;
}

export interface ChatSandboxInput {
  definition: string;
  language: Language;
  /** `code`: TypeScript transpiled at build time, sent while the reader has not edited `source`. */
  functions: Record<string, { source: string; file: string; handler: string; code?: string }>;
  stage: string;
  limits?: Partial<ChatLimits>;
}

export type ChatSandboxEvent =
  | { type: 'open'; client: string; connectionId: string; at: number }
  | { type: 'refused'; client: string; status: number; body: string; at: number }
  | { type: 'frame'; client: string; direction: 'sent' | 'received'; data: string; at: number }
  | { type: 'close'; client: string; code: number; reason: string; at: number }
  | { type: 'trace'; trace: ChatTrace; client?: string; at: number };

export interface ChatSandbox {
  readonly runtime: 'worker';
  deploy(input: ChatSandboxInput): Promise<void>;
  connect(client: string, options?: { query?: string; headers?: Array<[string, string]> }): Promise<void>;
  send(client: string, data: string): Promise<void>;
  disconnect(client: string, code?: number, reason?: string): Promise<void>;
  subscribe(listener: (e: ChatSandboxEvent) => void): () => void;
  dispose(): void;
}

/** The short limits the page's "short timeouts" switch deploys with, so the reader can watch them close a connection. */
export const SHORT_LIMITS: Pick<ChatLimits, 'idleTimeoutMs' | 'maxDurationMs'> = {
  idleTimeoutMs: 20_000,
  maxDurationMs: 60_000,
};
