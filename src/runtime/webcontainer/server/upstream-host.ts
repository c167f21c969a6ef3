/**
 * The server's `fetch` for HTTP and HTTP_PROXY integrations, as the Worker runtime's (upstreamFetch): requests for the
 * example's service host go to upstream.mjs in a worker thread of its own (upstream-thread.ts), started at the first
 * request; requests for any other host fail as an unreachable network does (the sandbox has no internet, whichever
 * runtime serves it), and the gateway answers them as an integration failure. When a request is aborted (the
 * integration timeout) the thread is terminated, and the next request starts a fresh one.
 */
import { Worker } from 'node:worker_threads';
import { upstreamFetch, type UpstreamRequest, type UpstreamResponse } from '../../worker/upstream.js';
import {
  UPSTREAM_THREAD_ROLE,
  type UpstreamThreadData,
  type UpstreamThreadReply,
  type UpstreamThreadRequest,
} from './upstream-thread.js';

/** What the service runs as. */
export interface UpstreamHostOptions {
  /** The host it answers for (`127.0.0.1:8080`); undefined → no service, every host is unreachable. */
  host: string | undefined;
  /** The module its thread runs: the server bundle, which serves requests when started as an upstream thread. */
  threadModule: URL;
  /** file: URL of upstream.mjs. */
  moduleUrl: string;
}

/** The gateway's fetch and the shutdown of the service's thread. */
export interface UpstreamHost {
  fetch: typeof fetch;
  close(): Promise<void>;
}

interface Pending {
  resolve: (response: UpstreamResponse) => void;
  reject: (error: Error) => void;
}

export function createUpstreamHost(options: UpstreamHostOptions): UpstreamHost {
  let thread: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const stop = (reason: string) => {
    const stopped = thread;
    thread = null;
    const waiting = [...pending.values()];
    pending.clear();
    for (const p of waiting) p.reject(new TypeError(`fetch failed: ${reason}`));
    return stopped?.terminate();
  };

  const start = (): Worker => {
    const data: UpstreamThreadData = { role: UPSTREAM_THREAD_ROLE, moduleUrl: options.moduleUrl };
    const worker = new Worker(options.threadModule, { workerData: data });
    worker.on('message', (reply: UpstreamThreadReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if ('response' in reply) p.resolve(reply.response);
      else p.reject(new TypeError(`fetch failed: ${reply.error}`));
    });
    // An exception the service left behind (a throw in a timer) ends its thread, as it would end a server process.
    worker.on('error', (error) => {
      if (thread === worker) void stop(`the service crashed: ${error.name}: ${error.message}`);
    });
    worker.on('exit', (code) => {
      if (thread === worker) void stop(`the service exited (code ${code})`);
    });
    return worker;
  };

  const call = (request: UpstreamRequest, signal: AbortSignal | null): Promise<UpstreamResponse> =>
    new Promise<UpstreamResponse>((resolve, reject) => {
      const aborted = () =>
        signal?.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted.', 'AbortError');
      if (signal?.aborted) return reject(aborted());
      const id = nextId++;
      const onAbort = () => {
        pending.delete(id);
        reject(aborted());
        // The only way to stop a service stuck in a loop: end its thread (its other requests fail with it).
        void stop('the service was stopped (another request to it timed out)');
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle =
        <T>(fn: (value: T) => void) =>
        (value: T) => {
          signal?.removeEventListener('abort', onAbort);
          fn(value);
        };
      pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
      thread ??= start();
      thread.postMessage({ id, request } satisfies UpstreamThreadRequest);
    });

  return {
    // upstreamFetch reads only the host: the service's code is upstream.mjs, which the thread imports.
    fetch: upstreamFetch(options.host === undefined ? undefined : { host: options.host, source: '' }, call),
    async close() {
      await stop('the server stopped');
    },
  };
}
