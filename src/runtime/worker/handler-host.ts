/**
 * Gateway-worker side of a handler worker: one per language, created on first use, terminated when
 * the gateway's integration timeout aborts an invocation (or when it crashes), and created afresh
 * for the next one. Invocations on one host run one at a time, as in one Lambda execution environment.
 */
import type { InvokeOutcome, LambdaInvocation } from '../../emulator/shared/invoker.js';
import type { Language } from '../../examples/types.js';
import type { RuntimeProgress } from '../types.js';
import type { HandlerReply, HandlerRequest, HandlerSpec } from './protocol.js';
import type { UpstreamRequest, UpstreamResponse, UpstreamSpec } from './upstream.js';
import type { BridgeCall } from '../websocket/handler-bridge.js';

/** Answers a handler's call to the management API (the chat's gateway); posts answers back with `reply`. */
export type BridgeServer = (call: BridgeCall, reply: (message: HandlerRequest) => void) => void;

type Pending = {
  resolve: (reply: Extract<HandlerReply, { type: 'prepared' | 'outcome' | 'response' }>) => void;
  onProgress?: ((p: RuntimeProgress) => void) | undefined;
};

let nextId = 1;

/** A handler worker (one Lambda execution environment; the same script serves every language). */
function createHandlerWorker(name: string): Worker {
  return new Worker(new URL('./handler-worker.ts', import.meta.url), { type: 'module', name });
}

/**
 * A handler worker started before any run asked for one: the gateway worker starts it as it loads,
 * so the handler worker's thread and script load while the first request is still on its way.
 * The first host to need a worker adopts it. A spare that failed to load is dropped.
 */
let spare: { worker: Worker; failed: boolean } | null = null;

export function startSpareHandlerWorker(): void {
  if (spare) return;
  const entry = { worker: createHandlerWorker('lambda'), failed: false };
  entry.worker.addEventListener('error', (event) => {
    event.preventDefault();
    entry.failed = true;
  });
  spare = entry;
}

function takeSpare(): Worker | null {
  const entry = spare;
  spare = null;
  if (!entry) return null;
  if (entry.failed) {
    entry.worker.terminate();
    return null;
  }
  return entry.worker;
}

export class HandlerHost {
  #worker: Worker | null = null;
  #pending = new Map<number, Pending>();
  #queue: Promise<unknown> = Promise.resolve();
  /** How many handler workers this host has started (a new one after each timeout or crash). */
  starts = 0;

  /** `serveBridge`: the chat worker's answers to its handlers' `@connections` calls (none elsewhere). */
  constructor(
    readonly language: Language,
    readonly serveBridge?: BridgeServer,
  ) {}

  #spawn(): Worker {
    if (this.#worker) return this.#worker;
    const worker = takeSpare() ?? createHandlerWorker(`lambda-${this.language}`);
    this.starts++;
    worker.addEventListener('message', (event: MessageEvent<HandlerReply>) => {
      const message = event.data;
      if (message.type === 'management' || message.type === 'sync-http') {
        this.serveBridge?.(message, (answer) => worker.postMessage(answer));
        return;
      }
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      if (message.type === 'progress') {
        pending.onProgress?.(message.progress);
        return;
      }
      this.#pending.delete(message.id);
      pending.resolve(message);
    });
    // A worker that fails to load or dies: every pending call gets an error and the next call starts afresh.
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.#fail(`the ${this.language} handler worker failed: ${event.message || 'it could not start'}`);
    });
    worker.addEventListener('messageerror', () => this.#fail('a message from the handler worker could not be read'));
    this.#worker = worker;
    return worker;
  }

  #fail(message: string): void {
    this.terminate();
    const pending = [...this.#pending.entries()];
    this.#pending.clear();
    for (const [id, p] of pending) {
      p.resolve({
        type: 'outcome',
        id,
        outcome: { kind: 'error', error: { errorType: 'Runtime.ExitError', errorMessage: message }, logs: [] },
      });
    }
  }

  #send(
    request: HandlerRequest,
    onProgress?: (p: RuntimeProgress) => void,
  ): Promise<Extract<HandlerReply, { type: 'prepared' | 'outcome' | 'response' }>> {
    return new Promise((resolve) => {
      this.#pending.set(request.id, { resolve, onProgress });
      this.#spawn().postMessage(request);
    });
  }

  /** Runs `task` after the previous invocation on this host finished. */
  #serial<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(task, task);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** Loads the language runtime (Pyodide for Python) before the gateway's timer starts. */
  prepare(pyodideBase: string, onProgress?: (p: RuntimeProgress) => void): Promise<void> {
    return this.#serial(async () => {
      const reply = await this.#send(
        { type: 'prepare', id: nextId++, language: this.language, pyodideBase },
        onProgress,
      );
      if (reply.type === 'prepared' && reply.error) throw new Error(reply.error);
      if (reply.type === 'outcome' && reply.outcome.kind === 'error') throw new Error(reply.outcome.error.errorMessage);
    });
  }

  /**
   * Imports a JavaScript/TypeScript handler's module before its first invocation (the next invocation of the same
   * source finds it imported; one of another source imports that one). Rejects if it does not import.
   */
  load(spec: HandlerSpec): Promise<void> {
    return this.#serial(async () => {
      const reply = await this.#send({ type: 'load', id: nextId++, spec });
      if (reply.type === 'prepared' && reply.error) throw new Error(reply.error);
    });
  }

  /** One invocation; when `invocation.signal` aborts (the integration timeout), the worker is terminated. */
  invoke(
    spec: HandlerSpec,
    pyodideBase: string,
    invocation: LambdaInvocation,
    onProgress?: (p: RuntimeProgress) => void,
  ): Promise<InvokeOutcome> {
    return this.#serial(async () => {
      const id = nextId++;
      const { signal } = invocation;
      const aborted = (): InvokeOutcome => ({
        kind: 'error',
        error: {
          errorType: 'Sandbox.Timedout',
          errorMessage: String((signal.reason as Error | undefined)?.message ?? signal.reason),
        },
        logs: [],
      });
      if (signal.aborted) return aborted();
      const onAbort = (): void => {
        // The only way to stop a handler stuck in a loop: end its thread. Pyodide reloads next time.
        const pending = this.#pending.get(id);
        this.#pending.delete(id);
        this.terminate();
        pending?.resolve({ type: 'outcome', id, outcome: aborted() });
      };
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        const reply = await this.#send(
          { type: 'invoke', id, spec, pyodideBase, event: invocation.event, context: invocation.context },
          onProgress,
        );
        return reply.type === 'outcome' ? reply.outcome : aborted();
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    });
  }

  /**
   * One request for the example's HTTP service (upstream.ts), served in this host's worker; when `signal` aborts (the
   * integration timeout), the worker is terminated and the call rejects as an aborted fetch does.
   */
  fetch(upstream: UpstreamSpec, request: UpstreamRequest, signal: AbortSignal | null): Promise<UpstreamResponse> {
    return this.#serial(async () => {
      const id = nextId++;
      const aborted = () =>
        signal?.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted.', 'AbortError');
      if (signal?.aborted) throw aborted();
      let onAbort: (() => void) | undefined;
      const stopped = new Promise<never>((_, reject) => {
        onAbort = () => {
          this.#pending.delete(id);
          this.terminate();
          reject(aborted());
        };
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      try {
        const reply = await Promise.race([this.#send({ type: 'fetch', id, upstream, request }), stopped]);
        if (reply.type === 'response' && reply.response) return reply.response;
        throw new TypeError(
          `fetch failed: ${reply.type === 'response' ? reply.error : reply.type === 'outcome' && reply.outcome.kind === 'error' ? reply.outcome.error.errorMessage : 'no response'}`,
        );
      } finally {
        if (onAbort) signal?.removeEventListener('abort', onAbort);
      }
    });
  }

  terminate(): void {
    this.#worker?.terminate();
    this.#worker = null;
  }
}
