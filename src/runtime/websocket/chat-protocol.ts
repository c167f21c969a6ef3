/** Messages between the page (index.ts) and the chat worker (chat-worker.ts). */
import type { RuntimeProgress } from '../types.js';
import type { ChatSandboxEvent, ChatSandboxInput } from './types.js';

/** Page → chat worker; each is answered by a `done` with its id. `input.definition` is JSON (the page converts YAML). */
export type ChatRequest =
  | { type: 'deploy'; id: number; input: ChatSandboxInput; pyodideBase: string }
  | { type: 'connect'; id: number; client: string; query?: string; headers?: Array<[string, string]> }
  | { type: 'send'; id: number; client: string; data: string }
  | { type: 'disconnect'; id: number; client: string; code?: number; reason?: string };

/** Chat worker → page: a request's end (and its one-line error), every event, Python's loading progress. */
export type ChatReply =
  | { type: 'done'; id: number; error?: string }
  | { type: 'event'; event: ChatSandboxEvent }
  | { type: 'progress'; progress: RuntimeProgress };
