/**
 * The chat sandbox (issue #13) for the page: `createChatSandbox()` starts the chat worker (chat-worker.ts: the
 * WebSocketGateway and its handler workers, off the page's thread) and returns the ChatSandbox the Chat UI drives.
 * Import this module lazily (`await import(...)`): pages without a chat load none of it.
 */
import { defaultPyodideBase } from '../worker/pyodide-base.js';
import type { RuntimeProgress } from '../types.js';
import type { ChatReply, ChatRequest } from './chat-protocol.js';
import type { ChatSandbox, ChatSandboxEvent, ChatSandboxInput } from './types.js';

export type { ChatSandbox, ChatSandboxEvent, ChatSandboxInput } from './types.js';

/** What the chat runs in, as the UI labels it. */
export const CHAT_RUNTIME_LABEL = 'in-page Worker';

export interface ChatSandboxOptions {
  /** The site's `/pyodide/` folder (default: under the site's base URL). */
  pyodideBase?: string;
  /** Python's loading progress (Pyodide downloads on the first Python deploy). */
  onProgress?: (progress: RuntimeProgress) => void;
}

/** The definition as JSON text (the worker ships without a YAML parser; an edited YAML definition is converted). */
async function jsonDefinition(text: string): Promise<string> {
  if (/^\s*\{/.test(text)) return text;
  const { parse } = await import('yaml');
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    throw new Error(
      `definition: not JSON or YAML (${(error instanceof Error ? error.message : String(error)).split('\n')[0]})`,
    );
  }
  return JSON.stringify(parsed);
}

export async function createChatSandbox(options: ChatSandboxOptions = {}): Promise<ChatSandbox> {
  const pyodideBase = options.pyodideBase ?? defaultPyodideBase();
  const worker = new Worker(new URL('./chat-worker.ts', import.meta.url), { type: 'module', name: 'apigw-chat' });
  const listeners = new Set<(e: ChatSandboxEvent) => void>();
  const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let disposed = false;

  const failAll = (message: string): void => {
    const all = [...pending.values()];
    pending.clear();
    for (const p of all) p.reject(new Error(message));
  };

  worker.addEventListener('message', (event: MessageEvent<ChatReply>) => {
    const message = event.data;
    if (message.type === 'event') {
      for (const listener of [...listeners]) listener(message.event);
      return;
    }
    if (message.type === 'progress') return options.onProgress?.(message.progress);
    const p = pending.get(message.id);
    if (!p) return;
    pending.delete(message.id);
    if (message.error === undefined) p.resolve();
    else p.reject(new Error(message.error));
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    failAll(`The chat's worker failed: ${event.message || 'it could not start'}`);
  });

  type Body<T> = T extends unknown ? Omit<T, 'id'> : never;
  const call = (request: Body<ChatRequest>): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (disposed) return reject(new Error('the chat sandbox was disposed'));
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id } as ChatRequest);
    });

  return {
    runtime: 'worker',
    async deploy(input: ChatSandboxInput) {
      const definition = await jsonDefinition(input.definition);
      await call({ type: 'deploy', input: { ...input, definition }, pyodideBase });
    },
    connect(client, connectOptions = {}) {
      return call({
        type: 'connect',
        client,
        ...(connectOptions.query !== undefined ? { query: connectOptions.query } : {}),
        ...(connectOptions.headers ? { headers: connectOptions.headers } : {}),
      });
    },
    send(client, data) {
      return call({ type: 'send', client, data });
    },
    disconnect(client, code, reason) {
      return call({
        type: 'disconnect',
        client,
        ...(code !== undefined ? { code } : {}),
        ...(reason !== undefined ? { reason } : {}),
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      worker.terminate();
      listeners.clear();
      failAll('the chat sandbox was disposed');
    },
  };
}
