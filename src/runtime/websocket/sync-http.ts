/**
 * A synchronous HTTP call across threads, for the boto3 shim's `globalThis.__apigwLabSyncHttp` (Python on Pyodide
 * cannot await): the caller posts the request with a SharedArrayBuffer and blocks in Atomics.wait until the other
 * thread (the chat's gateway worker) writes the response JSON into it and notifies. Needs a cross-origin-isolated page
 * (SharedArrayBuffer) and a worker thread for the caller (Atomics.wait is refused on a page's main thread).
 * Dependency-free, so a Node worker thread can run it too.
 *
 * Buffer layout: Int32 [0] state (0 waiting, 1 answered), Int32 [1] byte length of the UTF-8 JSON, then the bytes.
 */

/** The buffer's size: room for a management response (a GET's JSON, an error body) with a wide margin. */
export const SYNC_HTTP_BUFFER_BYTES = 1 << 20;
const HEADER_BYTES = 8;

/** Blocks until the answer is written (or `timeoutMs` passes) and returns the response JSON text. */
export function syncHttpCall(
  post: (buffer: SharedArrayBuffer, requestJson: string) => void,
  requestJson: string,
  timeoutMs = 60_000,
): string {
  const buffer = new SharedArrayBuffer(SYNC_HTTP_BUFFER_BYTES);
  const state = new Int32Array(buffer, 0, 2);
  post(buffer, requestJson);
  const waited = Atomics.wait(state, 0, 0, timeoutMs);
  if (waited === 'timed-out') throw new Error(`no answer from the gateway within ${timeoutMs} ms`);
  const length = Atomics.load(state, 1);
  return new TextDecoder().decode(new Uint8Array(buffer, HEADER_BYTES, length).slice());
}

/** Writes the response JSON into the caller's buffer and wakes it. */
export function answerSyncHttp(buffer: SharedArrayBuffer, responseJson: string): void {
  const state = new Int32Array(buffer, 0, 2);
  let bytes = new TextEncoder().encode(responseJson);
  if (bytes.length > buffer.byteLength - HEADER_BYTES) {
    bytes = new TextEncoder().encode(
      JSON.stringify({
        status: 500,
        headers: { 'content-type': 'application/json' },
        bodyBase64: btoa(JSON.stringify({ message: 'response too large for the sync bridge' })),
      }),
    );
  }
  new Uint8Array(buffer, HEADER_BYTES, bytes.length).set(bytes);
  Atomics.store(state, 1, bytes.length);
  Atomics.store(state, 0, 1);
  Atomics.notify(state, 0);
}

/**
 * The boto3 shim's hook, `__apigwLabSyncHttp(method, url, headersJson, bodyBase64)` → `{status, headers, bodyBase64}`
 * JSON (`{status: 0, error}` when no answer came), over {@link syncHttpCall}; `headersJson` is an object or a list of
 * pairs. The request crosses as
 * `{method, url, headers: [[name, value]…], bodyBase64}` (management-wire.ts's WireRequest).
 */
export function syncHttpHook(
  post: (buffer: SharedArrayBuffer, requestJson: string) => void,
): (method: string, url: string, headersJson: string, bodyBase64: string) => string {
  return (method, url, headersJson, bodyBase64) => {
    const parsed = (headersJson ? JSON.parse(headersJson) : {}) as Record<string, string> | Array<[string, string]>;
    const headers = Array.isArray(parsed) ? parsed : Object.entries(parsed).map(([k, v]) => [k, String(v)]);
    try {
      return syncHttpCall(post, JSON.stringify({ method, url, headers, bodyBase64: bodyBase64 ?? '' }));
    } catch (error) {
      // The hook's contract for a request that could not be made.
      return JSON.stringify({ status: 0, error: error instanceof Error ? error.message : String(error) });
    }
  };
}
