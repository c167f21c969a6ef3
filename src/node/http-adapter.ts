import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayTrace } from '../emulator/shared/trace.js';
import { plainRequestUrl } from './request-target.js';

/**
 * Serves anything with a gateway's `handle(request, opts)` over node:http: builds a web
 * `Request` from the incoming message (or, when the handler has `handleParts` and the URL needs no
 * parsing, passes the parts as they are), hands over the wire-case headers and the client address,
 * and writes the status, `trace.responseHeaders` (case and order as the gateway chose) and body.
 */

export interface HandleOptions {
  rawHeaders?: Array<[string, string]>;
  sourceIp?: string;
  protocol?: string;
}

/** The subset of the trace the adapter needs; the gateway's full GatewayTrace fits. */
export type AdapterTrace = Pick<GatewayTrace, 'responseHeaders' | 'status'>;

/**
 * What `handle` resolves to. `body`, when a handler provides it, is the response body as bytes:
 * the adapter then writes it as is and never reads `response` (reading a Fetch body costs a stream).
 */
export interface HandlerResult<T extends AdapterTrace = GatewayTrace> {
  response: Response;
  trace: T;
  body?: Uint8Array | null;
}

/** A request in parts, as the gateway's `handleParts` takes it (`url` as `Request.url` would serialise it). */
export interface RequestParts extends HandleOptions {
  method: string;
  url: string;
  rawHeaders: Array<[string, string]>;
  body: Uint8Array | null;
}

export interface RequestHandler<T extends AdapterTrace = GatewayTrace> {
  handle(request: Request, opts?: HandleOptions): Promise<HandlerResult<T>>;
  /** Optional fast entry: the same as `handle`, without a Fetch `Request` to build. */
  handleParts?(parts: RequestParts): Promise<HandlerResult<T>>;
}

export interface HttpAdapterOptions<T extends AdapterTrace = GatewayTrace> {
  /** Called once per answered request, after the response is handed to the socket. `rawPath` has no query string. */
  onTrace?: (trace: T, rawPath: string) => void;
  /** Called when `handle` throws (the client gets a 500). */
  onError?: (error: unknown) => void;
  /**
   * The adapter stops reading a request body past this many bytes and lets the gateway answer
   * (API Gateway's payload limit is 10 MB: it answers 413). Default 10 MiB + 1.
   */
  maxBodyBytes?: number;
  /**
   * The emulator's own routes, by exact path (`/__apigw-lab/waf`): a GET of one is answered 200 with the function's
   * result as JSON, without reaching the gateway (no access log line). Any other path, and any other method, goes to
   * the gateway as usual.
   */
  labRoutes?: Readonly<Record<string, () => unknown>>;
}

export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024 + 1;

const INTERNAL_ERROR_BODY = Buffer.from('{"message": "Internal server error"}');
const BAD_REQUEST_BODY = Buffer.from('{"message": "Bad Request"}');
const EMPTY = Buffer.alloc(0);

/** The request listener, for a server you create yourself. */
export function createRequestListener<T extends AdapterTrace = GatewayTrace>(
  gateway: RequestHandler<T>,
  options: HttpAdapterOptions<T> = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const { onTrace, onError } = options;

  const serve = async (req: IncomingMessage, res: ServerResponse, body: Uint8Array | null, truncated: boolean) => {
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const raw = req.rawHeaders;
    const rawHeaders: Array<[string, string]> = new Array(raw.length >> 1);
    for (let i = 0, j = 0; i < raw.length; i += 2, j++) rawHeaders[j] = [raw[i]!, raw[i + 1]!];

    const requestBody = method === 'GET' || method === 'HEAD' ? null : body;
    // The fast entry when the URL needs no parsing (and the method is one `new Request` accepts).
    const url = gateway.handleParts && !FORBIDDEN_METHODS.has(method) ? plainRequestUrl(hostOf(req), rawUrl) : null;
    let request: Request | null = null;
    if (url === null) {
      try {
        request = new Request(requestUrl(req, rawUrl), {
          method,
          headers: rawHeaders,
          body: requestBody as Uint8Array<ArrayBuffer> | null,
        });
      } catch {
        // An unparsable Host or URL: API Gateway's front end would refuse it too.
        sendPlain(res, 400, BAD_REQUEST_BODY, true);
        return;
      }
    }

    let result: HandlerResult<T>;
    try {
      const sourceIp = clientAddress(req);
      const protocol = `HTTP/${req.httpVersion}`;
      result = await (request === null
        ? gateway.handleParts!({ method, url: url!, rawHeaders, body: requestBody, sourceIp, protocol })
        : gateway.handle(request, { rawHeaders, sourceIp, protocol }));
    } catch (error) {
      onError?.(error);
      sendPlain(res, 500, INTERNAL_ERROR_BODY, truncated);
      return;
    }

    const trace = result.trace;
    // `result.response` may be built on first access: read it only when the handler gives no bytes.
    const bytes = result.body;
    let payload: Buffer;
    if (bytes !== undefined)
      payload = bytes === null ? EMPTY : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    else {
      const response = result.response;
      payload = response.body === null ? EMPTY : Buffer.from(await response.arrayBuffer());
    }
    const headers = trace.responseHeaders;
    const flat: string[] = new Array(headers.length * 2);
    let hasLength = false;
    let hasConnection = false;
    for (let i = 0, j = 0; i < headers.length; i++, j += 2) {
      const [name, value] = headers[i]!;
      flat[j] = name;
      flat[j + 1] = value;
      if (name.length === 14 && name.toLowerCase() === 'content-length') hasLength = true;
      else if (name.length === 10 && name.toLowerCase() === 'connection') hasConnection = true;
    }
    if (!hasLength && payload.length > 0) flat.push('Content-Length', String(payload.length));
    if (truncated || (hasConnection && !res.shouldKeepAlive)) {
      // Unread body bytes (or a client that asked to close) rule out reusing the connection.
      replaceConnectionHeader(flat, 'close');
    }
    if (!res.destroyed) {
      res.writeHead(trace.status, flat);
      res.end(payload);
    }
    onTrace?.(trace, pathOf(rawUrl));
  };

  const fail = (res: ServerResponse, error: unknown) => {
    onError?.(error);
    if (!res.headersSent && !res.destroyed) sendPlain(res, 500, INTERNAL_ERROR_BODY, true);
    else res.destroy();
  };

  const { labRoutes } = options;
  return (req, res) => {
    const method = req.method;
    if (labRoutes !== undefined && method === 'GET') {
      const route = labRoutes[pathOf(req.url ?? '/')];
      if (route !== undefined) {
        sendPlain(res, 200, Buffer.from(JSON.stringify(route(), null, 2) + '\n'), false);
        return;
      }
    }
    // No body to wait for: a GET/HEAD (the Fetch API carries none), or neither Content-Length nor chunked.
    if (
      method === 'GET' ||
      method === 'HEAD' ||
      (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) ||
      req.headers['content-length'] === '0'
    ) {
      serve(req, res, null, false).catch((e) => fail(res, e));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (truncated: boolean) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      req.off('end', onEnd);
      const body = size === 0 ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      serve(req, res, body, truncated).catch((e) => fail(res, e));
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= maxBodyBytes) {
        // Enough to know it is too large: stop reading, keep the first maxBodyBytes, let the gateway answer.
        req.pause();
        if (size > maxBodyBytes) {
          const over = size - maxBodyBytes;
          const last = chunks[chunks.length - 1]!;
          chunks[chunks.length - 1] = last.subarray(0, last.length - over);
          size = maxBodyBytes;
        }
        finish(true);
      }
    };
    const onEnd = () => finish(false);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', () => {
      done = true;
    });
  };
}

export interface HttpServerOptions<T extends AdapterTrace = GatewayTrace> extends HttpAdapterOptions<T> {
  /** Idle keep-alive connections are closed after this many ms (default 5,000, Node's). */
  keepAliveTimeoutMs?: number;
}

/** A node:http server (keep-alive on) serving `gateway`. Call `listen` to start it. */
export function createHttpServer<T extends AdapterTrace = GatewayTrace>(
  gateway: RequestHandler<T>,
  options: HttpServerOptions<T> = {},
): Server {
  const server = createServer({ keepAlive: true, noDelay: true }, createRequestListener(gateway, options));
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 5_000;
  return server;
}

/** Starts listening; resolves with the bound address (the real port when `port` is 0), rejects on EADDRINUSE etc. */
export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** Stops accepting connections, closes idle ones now and busy ones once their response is sent. */
export function closeServer(server: Server, graceMs = 2_000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** Methods `new Request` refuses (a 400 from the adapter): the fast entry must not take them either. */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

function requestUrl(req: IncomingMessage, rawUrl: string): string {
  if (rawUrl.charCodeAt(0) !== 47 /* '/' */) {
    // absolute-form (`GET http://host/path`) or asterisk-form (`OPTIONS *`)
    if (/^https?:\/\//i.test(rawUrl)) return rawUrl;
    rawUrl = `/${rawUrl === '*' ? '' : rawUrl}`;
  }
  return `http://${hostOf(req)}${rawUrl}`;
}

/** The Host header, or the local address the client connected to. */
function hostOf(req: IncomingMessage): string {
  const host = req.headers.host;
  if (host) return host;
  const address = req.socket.localAddress ?? '127.0.0.1';
  return `${address.includes(':') ? `[${address}]` : address}:${req.socket.localPort ?? 80}`;
}

/** The client's address; an IPv4-mapped IPv6 address (`::ffff:127.0.0.1`) is given as IPv4, as API Gateway does. */
function clientAddress(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

function pathOf(rawUrl: string): string {
  const q = rawUrl.indexOf('?');
  return q < 0 ? rawUrl : rawUrl.slice(0, q);
}

function replaceConnectionHeader(flat: string[], value: string): void {
  for (let i = 0; i < flat.length; i += 2) {
    if (flat[i]!.toLowerCase() === 'connection') {
      flat[i + 1] = value;
      return;
    }
  }
  flat.push('Connection', value);
}

function sendPlain(res: ServerResponse, status: number, body: Buffer, close: boolean): void {
  if (res.destroyed || res.headersSent) return;
  const headers = ['Content-Type', 'application/json', 'Content-Length', String(body.length)];
  if (close) headers.push('Connection', 'close');
  res.writeHead(status, headers);
  res.end(body);
}
