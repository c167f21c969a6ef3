/**
 * Synchronous HTTP for code that cannot await (Python on Pyodide): `globalThis.__apigwLabSyncHttp(method, url,
 * headersJson, bodyBase64)` returns the JSON text `{"status", "headers", "bodyBase64"}`, or `{"status": 0, "error"}`
 * when the request could not be made (errors are returned, not thrown). In a worker thread, the call posts the request
 * to the parent with a SharedArrayBuffer and blocks on Atomics.wait; the parent makes the request with fetch (a size
 * limit and a timeout) and writes the reply into the buffer. The contract is python-boto3-shim.ts's.
 */
import { SYNC_HTTP_GLOBAL } from '../lambda/python-boto3-shim.js';

/** Worker → parent: one request, and the buffer the reply goes into. */
export interface SyncHttpMessage {
  type: 'sync-http';
  method: string;
  url: string;
  headers: Record<string, string>;
  bodyBase64: string;
  /** Int32 [0]: 0 pending, 1 done; Int32 [1]: the reply's byte length; the reply's UTF-8 JSON from byte 8. */
  buffer: SharedArrayBuffer;
}

/** What the hook returns (as JSON text). */
export interface SyncHttpReply {
  status: number;
  headers: Record<string, string>;
  bodyBase64: string;
  error?: string;
}

/** Largest response body the parent reads (the management API's bodies are a few hundred bytes). */
export const SYNC_HTTP_MAX_RESPONSE_BYTES = 1024 * 1024;
/** How long the parent waits for a response. */
export const SYNC_HTTP_TIMEOUT_MS = 10_000;
/** Reply buffer: the header, the body in base64 and room for the headers. */
const BUFFER_BYTES = 8 + Math.ceil(SYNC_HTTP_MAX_RESPONSE_BYTES / 3) * 4 + 64 * 1024;
const HEADER_BYTES = 8;

/** Worker side: defines `globalThis.__apigwLabSyncHttp`, posting each call through `post` (the parent port). */
export function installSyncHttp(
  post: (message: SyncHttpMessage) => void,
  timeoutMs = SYNC_HTTP_TIMEOUT_MS + 2_000,
): void {
  const hook = (method: string, url: string, headersJson: string, bodyBase64: string): string => {
    let headers: Record<string, string>;
    try {
      headers = headersJson ? (JSON.parse(headersJson) as Record<string, string>) : {};
    } catch {
      return JSON.stringify(failure('headersJson is not JSON'));
    }
    const buffer = new SharedArrayBuffer(BUFFER_BYTES);
    const state = new Int32Array(buffer, 0, 2);
    try {
      post({ type: 'sync-http', method, url, headers, bodyBase64: bodyBase64 ?? '', buffer });
    } catch (error) {
      return JSON.stringify(failure(`cannot post the request: ${messageOf(error)}`));
    }
    if (Atomics.wait(state, 0, 0, timeoutMs) === 'timed-out' && Atomics.load(state, 0) === 0)
      return JSON.stringify(failure(`no answer within ${timeoutMs} ms`));
    const length = Atomics.load(state, 1);
    // TextDecoder refuses views of shared memory: copy out first.
    return new TextDecoder().decode(new Uint8Array(buffer, HEADER_BYTES, length).slice());
  };
  (globalThis as Record<string, unknown>)[SYNC_HTTP_GLOBAL] = hook;
}

/** True for a worker's message that is a sync HTTP request. */
export function isSyncHttpMessage(message: unknown): message is SyncHttpMessage {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === 'sync-http' &&
    (message as { buffer?: unknown }).buffer instanceof SharedArrayBuffer
  );
}

/** Parent side: makes the request and wakes the worker with the reply. Never throws. */
export async function answerSyncHttp(
  message: SyncHttpMessage,
  options: { maxResponseBytes?: number; timeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<void> {
  const reply = await performSyncHttp(message, options);
  const state = new Int32Array(message.buffer, 0, 2);
  let bytes = new TextEncoder().encode(JSON.stringify(reply));
  if (bytes.length > message.buffer.byteLength - HEADER_BYTES)
    bytes = new TextEncoder().encode(JSON.stringify(failure('the response does not fit the reply buffer')));
  new Uint8Array(message.buffer, HEADER_BYTES, bytes.length).set(bytes);
  Atomics.store(state, 1, bytes.length);
  Atomics.store(state, 0, 1);
  Atomics.notify(state, 0);
}

async function performSyncHttp(
  message: SyncHttpMessage,
  options: { maxResponseBytes?: number; timeoutMs?: number; fetch?: typeof fetch },
): Promise<SyncHttpReply> {
  const maxBytes = options.maxResponseBytes ?? SYNC_HTTP_MAX_RESPONSE_BYTES;
  const timeoutMs = options.timeoutMs ?? SYNC_HTTP_TIMEOUT_MS;
  let url: URL;
  try {
    url = new URL(message.url);
  } catch {
    return failure(`not a URL: ${message.url}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return failure(`not an HTTP URL: ${message.url}`);
  const method = message.method.toUpperCase();
  const body = message.bodyBase64 ? Buffer.from(message.bodyBase64, 'base64') : undefined;
  const headers = new Headers();
  try {
    for (const [name, value] of Object.entries(message.headers)) {
      // fetch sets Host from the URL (the same value a signer signs).
      if (name.toLowerCase() !== 'host') headers.set(name, String(value));
    }
  } catch (error) {
    return failure(`bad header: ${messageOf(error)}`);
  }
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await (options.fetch ?? fetch)(url, {
      method,
      headers,
      ...(body && body.length && method !== 'GET' && method !== 'HEAD' ? { body } : {}),
      signal,
      redirect: 'manual',
    });
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (response.body) {
      for await (const chunk of response.body) {
        size += chunk.length;
        if (size > maxBytes) {
          await response.body.cancel().catch(() => {});
          return failure(`the response is larger than ${maxBytes} bytes`);
        }
        chunks.push(chunk);
      }
    }
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => (responseHeaders[name] = value));
    return { status: response.status, headers: responseHeaders, bodyBase64: Buffer.concat(chunks).toString('base64') };
  } catch (error) {
    if (signal.aborted) return failure(`no response within ${timeoutMs} ms`);
    return failure(messageOf(error));
  }
}

function failure(error: string): SyncHttpReply {
  return { status: 0, headers: {}, bodyBase64: '', error };
}

function messageOf(error: unknown): string {
  const cause = (error as { cause?: unknown })?.cause;
  const text = error instanceof Error ? error.message : String(error);
  return cause instanceof Error ? `${text} (${cause.message})` : text;
}
