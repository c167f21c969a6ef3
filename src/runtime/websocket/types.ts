/** The chat sandbox's interface (issue #13, section 3 of the shared contract): what the page's Chat UI talks to. */
import type { WebSocketLimits, WebSocketTrace } from '../../emulator/index.js';

/** One deployment of the chat: the definition and the functions it names, in one language. */
export interface ChatSandboxInput {
  /** api.json text (`{"Api", "Routes", "Integrations"}` as `aws apigatewayv2 get-*` print it); YAML is converted. */
  definition: string;
  language: 'python' | 'typescript';
  /**
   * By function name (the `--function` name of the integration URIs). `file`: `chat_handler.ts`/`chat_handler.py`;
   * `handler`: the export or Python function (`handler`, `lambda_handler`), or the Lambda handler string
   * (`chat_handler.handler`), whose module part must be the file's stem. `code` (optional, TypeScript only): `source`
   * transpiled to JavaScript at build time (`transpileTypeScript(source, '/var/task/chat_handler.ts')`, as
   * Sandbox.astro does), sent while the reader has not edited it: the first message needs no sucrase then.
   */
  functions: Record<string, { source: string; file: string; handler: string; code?: string }>;
  stage: string;
  /** Short idle timeout / maximum duration "on request" (the page's short-timeouts switch). */
  limits?: Partial<WebSocketLimits>;
}

export type ChatSandboxEvent =
  | { type: 'open'; client: string; connectionId: string; at: number }
  | { type: 'refused'; client: string; status: number; body: string; at: number }
  /** A frame as the client sees it: `sent` by the client, `received` from the gateway. */
  | { type: 'frame'; client: string; direction: 'sent' | 'received'; data: string; at: number }
  | { type: 'close'; client: string; code: number; reason: string; at: number }
  /** Every CONNECT/MESSAGE/DISCONNECT/MANAGEMENT/CLOSE trace; `client` names the connection's client when known. */
  | { type: 'trace'; trace: WebSocketTrace; client?: string; at: number };

export interface ChatSandbox {
  readonly runtime: 'worker';
  /** Deploys afresh: closes open clients; rejects with a one-line Error on bad input. */
  deploy(input: ChatSandboxInput): Promise<void>;
  connect(client: string, options?: { query?: string; headers?: Array<[string, string]> }): Promise<void>;
  /** Resolves when the gateway has handled the message. */
  send(client: string, data: string): Promise<void>;
  disconnect(client: string, code?: number, reason?: string): Promise<void>;
  subscribe(listener: (e: ChatSandboxEvent) => void): () => void;
  dispose(): void;
}
