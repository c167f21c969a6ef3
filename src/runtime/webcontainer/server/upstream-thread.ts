/**
 * The worker-thread side of the example's HTTP service (upstream.mjs, `export default { fetch(request) }`): imports
 * the module at its first request and answers the requests the server posts, as the Worker runtime's handler worker
 * does (src/runtime/worker/upstream.ts, serveUpstream). In a thread of its own, so a service that never answers
 * (`for(;;){}`) cannot wedge the server: at the integration timeout the server terminates the thread.
 */
import { parentPort } from 'node:worker_threads';
import type { UpstreamModule, UpstreamRequest, UpstreamResponse } from '../../worker/upstream.js';

/** Marks a worker thread started by the server for the HTTP service (its `workerData.role`). */
export const UPSTREAM_THREAD_ROLE = 'apigw-lab:upstream';

/** The `workerData` of an upstream thread. */
export interface UpstreamThreadData {
  role: typeof UPSTREAM_THREAD_ROLE;
  /** file: URL of upstream.mjs. */
  moduleUrl: string;
}

/** One request posted to the thread. */
export interface UpstreamThreadRequest {
  id: number;
  request: UpstreamRequest;
}

/** The thread's answer: the service's response, or why there is none (`Name: message`). */
export type UpstreamThreadReply = { id: number; response: UpstreamResponse } | { id: number; error: string };

/** Whether `data` is an upstream thread's workerData. */
export function isUpstreamThreadData(data: unknown): data is UpstreamThreadData {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === UPSTREAM_THREAD_ROLE;
}

/** Serves requests in this worker thread until it is terminated; requests are served concurrently, as a server does. */
export function runUpstreamThread(data: UpstreamThreadData): void {
  const port = parentPort;
  if (!port) throw new Error('runUpstreamThread runs in a worker thread');
  let loaded: Promise<UpstreamModule> | null = null;
  const service = (): Promise<UpstreamModule> => {
    if (!loaded) {
      loaded = loadService(data.moduleUrl);
      // A module that failed to load is tried again at the next request (it may have thrown on a passing condition).
      loaded.catch(() => (loaded = null));
    }
    return loaded;
  };
  port.on('message', ({ id, request }: UpstreamThreadRequest) => {
    serve(service, request).then(
      (response) => port.postMessage({ id, response } satisfies UpstreamThreadReply),
      (error: unknown) => port.postMessage({ id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) } satisfies UpstreamThreadReply),
    );
  });
}

async function loadService(moduleUrl: string): Promise<UpstreamModule> {
  const module = (await import(moduleUrl)) as Record<string, unknown>;
  const candidate = (module['default'] ?? module) as Partial<UpstreamModule>;
  if (typeof candidate.fetch !== 'function') throw new TypeError('the upstream module has no default export with a fetch(request) method');
  return candidate as UpstreamModule;
}

/** One request through the service: a Fetch Request in, its Response read out. */
async function serve(service: () => Promise<UpstreamModule>, request: UpstreamRequest): Promise<UpstreamResponse> {
  const module = await service();
  const incoming = new Request(request.url, { method: request.method, headers: request.headers, body: request.body as BodyInit | null });
  const response = await module.fetch(incoming);
  const headers: Array<[string, string]> = [];
  response.headers.forEach((value, name) => headers.push([name, value]));
  return { status: response.status, statusText: response.statusText, headers, body: new Uint8Array(await response.arrayBuffer()) };
}
