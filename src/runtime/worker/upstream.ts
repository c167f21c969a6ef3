/**
 * The HTTP service an example's HTTP and HTTP_PROXY integrations call, in the Worker runtime. The run carries the
 * service's web-standard module (`export default { fetch(request) }`, manifest `upstream`); the gateway worker's
 * `fetch` ({@link upstreamFetch}) sends requests for the service's host to a handler worker, which imports the module
 * and answers them ({@link serveUpstream}), so the service's code never runs on the page's thread nor in the
 * gateway worker. The page has no internet: requests for any other host fail as an unreachable network does, and the
 * gateway answers them as it answers an integration failure.
 */

/** The service a run carries: its host (`127.0.0.1:8080`), its TypeScript source, and that source transpiled. */
export interface UpstreamSpec {
  host: string;
  source: string;
  code?: string;
}

/** A request to the service, as it crosses between workers. */
export interface UpstreamRequest {
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body: Uint8Array | null;
}

/** The service's response, as it crosses between workers. */
export interface UpstreamResponse {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

/** The module's shape. */
export interface UpstreamModule {
  fetch(request: Request): Promise<Response> | Response;
}

/**
 * The gateway's `fetch`: requests for `upstream.host` go to `call` (a handler worker), others fail with a network
 * error. Without an upstream every request fails (the page has no internet).
 */
export function upstreamFetch(
  upstream: UpstreamSpec | undefined,
  call: (request: UpstreamRequest, signal: AbortSignal | null) => Promise<UpstreamResponse>,
): typeof fetch {
  return async (input, init) => {
    // Not through `new Request`: a browser drops the headers it forbids scripts to set (User-Agent among them),
    // which API Gateway does send.
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (
      init?.method ?? (typeof input === 'object' && 'method' in input ? input.method : 'GET')
    ).toUpperCase();
    const host = new URL(url).host;
    if (!upstream || host !== upstream.host) {
      const reachable = upstream ? `only the example's service at ${upstream.host} answers` : 'no service answers here';
      throw new TypeError(
        `fetch failed: ${host} is unreachable from the sandbox (the page has no internet; ${reachable})`,
      );
    }
    const body =
      method === 'GET' || method === 'HEAD' || init?.body == null
        ? null
        : new Uint8Array(await new Response(init.body).arrayBuffer());
    const headers: Array<[string, string]> = [];
    new Headers(init?.headers).forEach((value, name) => headers.push([name, value]));
    const signal = init?.signal ?? null;
    const answer = await call({ method, url, headers, body: body && body.length ? body : null }, signal);
    const empty = answer.status === 204 || answer.status === 304 || method === 'HEAD';
    return new Response(empty ? null : (answer.body as BodyInit), {
      status: answer.status,
      statusText: answer.statusText,
      headers: answer.headers,
    });
  };
}

/** The service a module exports (`export default { fetch }`, or a `fetch` export); a TypeError when it has none. */
export function upstreamModuleOf(mod: Record<string, unknown>): UpstreamModule {
  const candidate = (mod['default'] ?? mod) as Partial<UpstreamModule>;
  if (typeof candidate.fetch !== 'function')
    throw new TypeError('the upstream module has no default export with a fetch(request) method');
  return candidate as UpstreamModule;
}

/**
 * The service, loaded at the first call and kept. A load that failed (the module threw at its top level, has no
 * fetch) is tried again at the next call, so `load` must evaluate the module afresh each time: a new blob: URL, a new
 * query string on a file: URL (an ES module whose evaluation threw stays failed under its URL).
 */
export function serviceLoader(load: () => Promise<Record<string, unknown>>): () => Promise<UpstreamModule> {
  let loaded: Promise<UpstreamModule> | null = null;
  return () => {
    if (!loaded) {
      const module = load().then(upstreamModuleOf);
      loaded = module;
      module.catch(() => {
        if (loaded === module) loaded = null;
      });
    }
    return loaded;
  };
}

/** One request through the service: a Fetch Request in, its Response read out. */
export async function serveWith(service: UpstreamModule, request: UpstreamRequest): Promise<UpstreamResponse> {
  const incoming = new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body as BodyInit | null,
  });
  // A browser's Request drops the headers it forbids scripts to set (User-Agent, Connection…); the service sees them
  // all, as a server does (a standalone Headers object keeps them).
  Object.defineProperty(incoming, 'headers', { value: new Headers(request.headers) });
  const response = await service.fetch(incoming);
  const headers: Array<[string, string]> = [];
  response.headers.forEach((value, name) => headers.push([name, value]));
  return {
    status: response.status,
    statusText: response.statusText,
    headers,
    body: new Uint8Array(await response.arrayBuffer()),
  };
}

let loaded: { source: string; service: () => Promise<UpstreamModule> } | null = null;

/**
 * Handler-worker side: imports the service's module (once per source; `load` turns JavaScript into a new module at
 * each call) and serves one request with it.
 */
export async function serveUpstream(
  spec: UpstreamSpec,
  request: UpstreamRequest,
  transpile: (source: string, fileName: string) => string | Promise<string>,
  load: (code: string) => Promise<Record<string, unknown>>,
): Promise<UpstreamResponse> {
  if (!loaded || loaded.source !== spec.source) {
    loaded = {
      source: spec.source,
      service: serviceLoader(async () => load(spec.code ?? (await transpile(spec.source, '/var/task/upstream.ts')))),
    };
  }
  return serveWith(await loaded.service(), request);
}
