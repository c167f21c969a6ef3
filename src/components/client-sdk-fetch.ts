/**
 * The generated client's `customFetch` in the page: a fetch whose requests go to the in-page emulator (a sandbox run)
 * instead of the network. Pure mapping both ways, so Node tests cover it; the page supplies the runner.
 */
import type { RunOutcome, RunRequest } from '../runtime/types.js';

/** One call the client made, as the page lists it. */
export interface ClientExchange {
  method: string;
  url: string;
  request: RunRequest;
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  body: string;
}

/** Headers as a list of pairs, in the order and case the client wrote them when it gave a plain object or a list. */
function headerPairs(headers: HeadersInit | undefined): Array<[string, string]> {
  if (!headers) return [];
  if (Array.isArray(headers)) return headers.map(([k, v]) => [String(k), String(v)]);
  if (typeof Headers !== 'undefined' && headers instanceof Headers) return [...headers.entries()];
  return Object.entries(headers as Record<string, string>).map(([k, v]) => [k, String(v)]);
}

/**
 * The run request for a fetch of `url` (which must be under the stage's invoke URL): the path after the stage with its
 * query, the method, headers and body (text). Throws TypeError, as fetch does for a host it cannot reach, otherwise.
 */
export function runRequestOf(url: string, init: RequestInit | undefined, invokeUrl: string): RunRequest {
  const base = invokeUrl.replace(/\/+$/, '');
  if (url !== base && !url.startsWith(`${base}/`) && !url.startsWith(`${base}?`))
    throw new TypeError(`Failed to fetch ${url}: the page has no network; the emulator here serves ${base}`);
  const rest = url.slice(base.length);
  const path = rest === '' || rest.startsWith('?') ? `/${rest}` : rest;
  const body = init?.body;
  if (body !== undefined && body !== null && typeof body !== 'string')
    throw new TypeError('this in-page fetch sends text bodies only (the client sends JSON as text)');
  return {
    method: (init?.method ?? 'GET').toUpperCase(),
    path,
    headers: headerPairs(init?.headers),
    body: body ?? null,
  };
}

/** A status that carries no body (the Response constructor refuses one). */
const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);

/** The Response the client reads, from the emulator's answer. */
export function responseOf(outcome: RunOutcome): Response {
  const { status, statusText, headers, body } = outcome.response;
  const h = new Headers();
  for (const [name, value] of headers) h.append(name, value);
  return new Response(NULL_BODY_STATUS.has(status) ? null : body, { status, statusText, headers: h });
}

/**
 * A fetch for the generated client: each call becomes a run (`send`), and is reported (`onExchange`) with what the
 * emulator answered.
 */
export function createEmulatorFetch(options: {
  invokeUrl: string;
  send: (request: RunRequest) => Promise<RunOutcome>;
  onExchange?: (exchange: ClientExchange) => void;
}): typeof fetch {
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    if (typeof Request !== 'undefined' && input instanceof Request)
      throw new TypeError('pass a URL and options to this in-page fetch, as the generated client does');
    const url = String(input);
    const request = runRequestOf(url, init, options.invokeUrl);
    const outcome = await options.send(request);
    options.onExchange?.({
      method: request.method,
      url,
      request,
      status: outcome.response.status,
      statusText: outcome.response.statusText,
      headers: outcome.response.headers,
      body: outcome.response.body,
    });
    return responseOf(outcome);
  };
}
