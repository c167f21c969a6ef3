/**
 * Serves a {@link WebSocketGateway} over node:http with the `ws` package: an upgrade request runs `$connect`
 * (`gateway.connect`) and is completed only once accepted (a refusal answers with the gateway's status and body);
 * messages go to `gateway.receive`, a client's close to `gateway.disconnect`; plain HTTP requests to
 * `/{stage}/@connections/{id}` go to `gateway.handleManagement`. Frames over the frame limit (32 KB) and messages over
 * the message limit (128 KB) close the connection with 1009, as AWS's quotas page says ("If a larger message (or larger
 * frame size) is received, the connection is closed with code 1009":
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html#apigateway-execution-service-websocket-limits-table).
 * Ping frames are answered with pongs (RFC 6455) and, as on API Gateway, do not count as activity for the idle timeout
 * (they never reach the gateway: https://github.com/andyrichardson/subscriptionless/issues/3).
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { WEBSOCKET_CLOSE, type WebSocketClientTransport, type WebSocketGateway } from '../emulator/index.js';

export interface WebSocketHttpServerOptions {
  /** The gateway threw while handling an event (its client is closed with 1011). */
  onError?: (error: unknown) => void;
  /** Largest `@connections` request body read (the gateway answers 413 past its own limit). Default 1 MiB. */
  maxManagementBodyBytes?: number;
}

export interface WebSocketHttpServer {
  server: Server;
  /** Closes every client's connection (1001 "Going away" by default) and waits for their `$disconnect`, up to `waitMs`. */
  closeClients(code?: number, reason?: string, waitMs?: number): Promise<void>;
}

const CLOSE_INTERNAL_ERROR = 1011;

/** A node:http server that serves `gateway`'s WebSocket connections and its `@connections` API. */
export function createWebSocketHttpServer(
  gateway: WebSocketGateway,
  options: WebSocketHttpServerOptions = {},
): WebSocketHttpServer {
  const onError = options.onError ?? (() => {});
  const maxBody = options.maxManagementBodyBytes ?? 1024 * 1024;
  // The gateway decides every handshake; ws only completes the accepted ones. A message past the limit is refused by
  // the frame check below first (maxPayload is the backstop).
  // No subprotocol unless `$connect` returns a Sec-WebSocket-Protocol header (added with the handshake headers below).
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: gateway.limits.messageBytes,
    perMessageDeflate: false,
    handleProtocols: () => false,
  });
  /** The headers `$connect` asked the 101 response to carry, by upgrade request. */
  const handshakeHeaders = new WeakMap<IncomingMessage, Array<[string, string]>>();
  wss.on('headers', (headers: string[], req: IncomingMessage) => {
    for (const [name, value] of handshakeHeaders.get(req) ?? []) {
      if (!/^(upgrade|connection|sec-websocket-accept|content-length)$/i.test(name)) headers.push(`${name}: ${value}`);
    }
  });
  const pendingDisconnects = new Set<Promise<unknown>>();

  const server = createServer((req, res) => {
    void serveHttp(req, res).catch((error: unknown) => {
      onError(error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end('{"message": "Internal server error"}');
    });
  });

  async function serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req, maxBody);
    const request = new Request(urlOf(req), {
      method: req.method ?? 'GET',
      headers: headersOf(req),
      ...(body && req.method !== 'GET' && req.method !== 'HEAD' ? { body: body as Uint8Array<ArrayBuffer> } : {}),
    });
    if (!gateway.isManagementRequest(request)) {
      // Not API Gateway's answer (unrecorded): the lab's, saying what this endpoint serves.
      res.writeHead(426, { 'Content-Type': 'application/json', Upgrade: 'websocket' });
      res.end(
        JSON.stringify({
          message:
            'Upgrade Required: this is a WebSocket API (ws://HOST:PORT/STAGE); its @connections API is at /STAGE/@connections/ID',
        }),
      );
      return;
    }
    const { response } = await gateway.handleManagement(request, { sourceIp: sourceIpOf(req) });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    headers['content-length'] = String(bytes.length);
    res.writeHead(response.status, headers);
    res.end(bytes);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => {});
    void upgrade(req, socket, head).catch((error: unknown) => {
      onError(error);
      if (socket.writable)
        socket.end('HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    });
  });

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const transport = new PendingTransport();
    const result = await gateway.connect(new Request(urlOf(req), { headers: headersOf(req) }), transport, {
      sourceIp: sourceIpOf(req),
    });
    if (!result.accepted) {
      await refuse(socket, result.response);
      return;
    }
    const { connectionId } = result;
    if (result.headers?.length) handshakeHeaders.set(req, result.headers);
    let opened = false;
    const gone = () => {
      if (!opened) track(gateway.disconnect(connectionId, 1006, ''));
    };
    socket.once('close', gone);
    if (socket.destroyed || !socket.writable) return gone();
    wss.handleUpgrade(req, socket, head, (ws) => {
      opened = true;
      socket.off('close', gone);
      // Too big: $disconnect sees 1009 (the socket stops reading, so its own close event would say 1006).
      limitFrames(ws, gateway.limits.frameBytes, gateway.limits.messageBytes, () =>
        track(gateway.disconnect(connectionId, WEBSOCKET_CLOSE.tooBig.code, WEBSOCKET_CLOSE.tooBig.reason)),
      );
      transport.attach(ws);
      ws.on('error', () => {});
      ws.on('message', (data: RawData, isBinary: boolean) => {
        const bytes = toBuffer(data);
        gateway
          .receive(connectionId, isBinary ? new Uint8Array(bytes) : bytes.toString('utf8'))
          .catch((error: unknown) => {
            onError(error);
            ws.close(CLOSE_INTERNAL_ERROR, 'Internal server error');
          });
      });
      ws.on('close', (code: number, reason: Buffer) => {
        track(gateway.disconnect(connectionId, code, reason.toString('utf8')));
      });
    });
  }

  function track(promise: Promise<unknown>): void {
    const settled = promise.catch(onError).finally(() => pendingDisconnects.delete(settled));
    pendingDisconnects.add(settled);
  }

  return {
    server,
    async closeClients(code = 1001, reason = 'Going away', waitMs = 2_000) {
      for (const ws of wss.clients) ws.close(code, reason);
      // Clients answer the close frame; those that do not are cut off.
      const deadline = Date.now() + waitMs;
      while ([...wss.clients].some((ws) => ws.readyState !== ws.CLOSED) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      for (const ws of wss.clients) ws.terminate();
      await Promise.race([
        Promise.all(pendingDisconnects),
        new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now()))),
      ]);
      wss.close();
    },
  };
}

/** The gateway's sends before the socket is open are queued (a `$connect` handler cannot post to its own caller). */
class PendingTransport implements WebSocketClientTransport {
  private ws: WebSocket | null = null;
  private queued: Array<string | Uint8Array> = [];
  private closing: { code: number; reason: string } | null = null;

  send(data: string | Uint8Array): void {
    if (this.ws) this.ws.send(data, { binary: typeof data !== 'string' });
    else this.queued.push(data);
  }

  close(code: number, reason: string): void {
    if (this.ws) this.ws.close(code, reason);
    else this.closing = { code, reason };
  }

  attach(ws: WebSocket): void {
    this.ws = ws;
    for (const data of this.queued) this.send(data);
    this.queued = [];
    if (this.closing) ws.close(this.closing.code, this.closing.reason);
  }
}

/**
 * Closes the connection with 1009 when a data frame is larger than `frameBytes` or a message grows past
 * `messageBytes`, before ws buffers it. ws checks whole messages only (`maxPayload`), so this wraps its receiver's
 * length step (ws 8); without that method, `maxPayload` alone applies.
 */
function limitFrames(ws: WebSocket, frameBytes: number, messageBytes: number, onTooBig: () => void): void {
  const receiver = (ws as unknown as { _receiver?: ReceiverInternals })._receiver;
  if (!receiver || typeof receiver.haveLength !== 'function' || typeof receiver.createError !== 'function') return;
  const haveLength = receiver.haveLength;
  receiver.haveLength = function (this: ReceiverInternals, cb: (error?: Error) => void) {
    const isData = this._opcode < 0x08;
    if (isData && (this._payloadLength > frameBytes || this._totalPayloadLength + this._payloadLength > messageBytes)) {
      ws.close(WEBSOCKET_CLOSE.tooBig.code, WEBSOCKET_CLOSE.tooBig.reason);
      onTooBig();
      return cb(
        this.createError(
          RangeError,
          WEBSOCKET_CLOSE.tooBig.reason,
          false,
          WEBSOCKET_CLOSE.tooBig.code,
          'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH',
        ),
      );
    }
    return haveLength.call(this, cb);
  };
}

interface ReceiverInternals {
  _opcode: number;
  _payloadLength: number;
  _totalPayloadLength: number;
  haveLength(cb: (error?: Error) => void): void;
  createError(ctor: ErrorConstructor, message: string, prefix: boolean, statusCode: number, code: string): Error;
}

/** Answers a refused upgrade with the gateway's response (status, headers, body) and closes the socket. */
async function refuse(socket: Duplex, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const lines = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`];
  response.headers.forEach((value, name) => {
    if (name !== 'content-length' && name !== 'connection') lines.push(`${name}: ${value}`);
  });
  lines.push(`content-length: ${body.length}`, 'connection: close', '', '');
  if (socket.writable) socket.end(Buffer.concat([Buffer.from(lines.join('\r\n')), body]));
  else socket.destroy();
}

function urlOf(req: IncomingMessage): string {
  return `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`;
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    try {
      headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
    } catch {
      // A header value fetch refuses (control characters): left out.
    }
  }
  return headers;
}

function sourceIpOf(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** Reads a request body up to `limit` bytes (+1, so the gateway sees it is too long); the rest is drained. */
async function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    if (size > limit) continue;
    chunks.push(chunk);
    size += chunk.length;
  }
  if (size === 0) return null;
  const all = Buffer.concat(chunks);
  return new Uint8Array(all.buffer, all.byteOffset, Math.min(all.length, limit + 1));
}
