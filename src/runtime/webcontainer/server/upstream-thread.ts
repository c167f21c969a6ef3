/**
 * The worker-thread side of the example's HTTP service (upstream.mjs, `export default { fetch(request) }`): imports
 * the module at its first request (again at the next request if it failed to load) and answers the requests the
 * server posts, with the Worker runtime's code (src/runtime/worker/upstream.ts: serviceLoader, serveWith). In a thread
 * of its own, so a service that never answers (`for(;;){}`) cannot wedge the server: at the integration timeout the
 * server terminates the thread.
 */
import { parentPort } from 'node:worker_threads';
import { serveWith, serviceLoader, type UpstreamRequest, type UpstreamResponse } from '../../worker/upstream.js';

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
  let attempts = 0;
  // Node keeps an ES module whose evaluation threw, failed, under its URL: a load tried again (at the next request)
  // imports the file under a new query string, so the module runs afresh, as the Worker runtime's new blob: URL does.
  const service = serviceLoader(
    () =>
      import(attempts++ === 0 ? data.moduleUrl : `${data.moduleUrl}?attempt=${attempts}`) as Promise<
        Record<string, unknown>
      >,
  );
  port.on('message', ({ id, request }: UpstreamThreadRequest) => {
    service()
      .then((module) => serveWith(module, request))
      .then(
        (response) => port.postMessage({ id, response } satisfies UpstreamThreadReply),
        (error: unknown) =>
          port.postMessage({
            id,
            error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          } satisfies UpstreamThreadReply),
      );
  });
}
