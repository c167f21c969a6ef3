import type { Server } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  closeServer,
  createHttpServer,
  listen,
  type HandleOptions,
  type HandlerResult,
  type HttpServerOptions,
} from '../../src/node/http-adapter.js';

interface Seen {
  request: Request;
  body: Uint8Array | null;
  opts: HandleOptions | undefined;
}

type FakeTrace = { responseHeaders: Array<[string, string]>; status: number };

const RESPONSE_HEADERS: Array<[string, string]> = [
  ['Date', 'Thu, 26 Nov 2026 09:00:00 GMT'],
  ['Content-Type', 'application/json'],
  ['Content-Length', '11'],
  ['Connection', 'keep-alive'],
  ['x-amzn-RequestId', '4d1a9b2e-0000-4000-8000-000000000000'],
  ['X-Custom-CASE', 'Value'],
  ['x-amz-apigw-id', 'AbCdEfGhIjKlMnO='],
];

let server: Server | undefined;
afterEach(async () => {
  if (server) await closeServer(server, 100);
  server = undefined;
});

async function start(
  answer: (seen: Seen) => HandlerResult<FakeTrace> | Promise<HandlerResult<FakeTrace>>,
  options: HttpServerOptions<FakeTrace> = {},
) {
  const seen: Seen[] = [];
  server = createHttpServer<FakeTrace>(
    {
      async handle(request, opts) {
        const body = request.body ? new Uint8Array(await request.arrayBuffer()) : null;
        const s = { request, body, opts };
        seen.push(s);
        return answer(s);
      },
    },
    options,
  );
  const address = await listen(server, 0, '127.0.0.1');
  return { port: address.port, seen };
}

const okJson = (): HandlerResult<FakeTrace> => ({
  response: new Response('{"ok":true}', { status: 200 }),
  trace: { responseHeaders: RESPONSE_HEADERS, status: 200 },
});

/** Sends raw bytes, returns everything the server sent until it closes or `until` matches. */
function rawExchange(port: number, data: string | Buffer, until?: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      received += d;
      if (until?.test(received)) {
        socket.destroy();
        resolve(received);
      }
    });
    socket.on('end', () => resolve(received));
    socket.on('error', (e) => (received ? resolve(received) : reject(e)));
    socket.write(data);
  });
}

describe('http-adapter', () => {
  it('builds the Request and passes raw headers, client address and protocol', async () => {
    const { port, seen } = await start(okJson);
    await rawExchange(
      port,
      'POST /dev/items?a=1&a=2 HTTP/1.1\r\nHost: example.test:8080\r\nX-Mixed-Case: one\r\nx-mixed-case: two\r\n' +
        'Content-Type: text/plain\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello',
    );
    expect(seen).toHaveLength(1);
    const { request, body, opts } = seen[0]!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('http://example.test:8080/dev/items?a=1&a=2');
    expect(request.headers.get('x-mixed-case')).toBe('one, two');
    expect(new TextDecoder().decode(body!)).toBe('hello');
    expect(opts?.rawHeaders).toEqual([
      ['Host', 'example.test:8080'],
      ['X-Mixed-Case', 'one'],
      ['x-mixed-case', 'two'],
      ['Content-Type', 'text/plain'],
      ['Content-Length', '5'],
      ['Connection', 'close'],
    ]);
    expect(opts?.sourceIp).toBe('127.0.0.1');
    expect(opts?.protocol).toBe('HTTP/1.1');
  });

  it('writes the status and the trace headers exactly: case, order, no duplicates', async () => {
    const { port } = await start(okJson);
    const text = await rawExchange(port, 'GET /dev/items HTTP/1.1\r\nHost: x\r\n\r\n', /\r\n\r\n\{"ok":true\}/);
    const [head, body] = text.split('\r\n\r\n');
    expect(head!.split('\r\n')).toEqual(['HTTP/1.1 200 OK', ...RESPONSE_HEADERS.map(([n, v]) => `${n}: ${v}`)]);
    expect(body).toBe('{"ok":true}');
  });

  it('keeps connections alive across requests', async () => {
    const { port, seen } = await start(okJson);
    const both = 'GET /dev/a HTTP/1.1\r\nHost: x\r\n\r\nGET /dev/b HTTP/1.1\r\nHost: x\r\n\r\n';
    const text = await rawExchange(port, both, /(\{"ok":true\}[\s\S]*){2}/);
    expect(text.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2);
    expect(seen.map((s) => new URL(s.request.url).pathname)).toEqual(['/dev/a', '/dev/b']);
  });

  it('gives no body for an empty POST and none for GET', async () => {
    const { port, seen } = await start(okJson);
    await rawExchange(port, 'POST /dev/items HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    await rawExchange(port, 'GET /dev/items HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(seen.map((s) => s.body)).toEqual([null, null]);
  });

  it('reads a chunked body', async () => {
    const { port, seen } = await start(okJson);
    await rawExchange(
      port,
      'PUT /dev/items HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n',
    );
    expect(new TextDecoder().decode(seen[0]!.body!)).toBe('abcde');
  });

  it('stops reading a body past the limit, lets the handler answer and closes the connection', async () => {
    const { port, seen } = await start(
      () => ({
        response: new Response('{"message":"Request Too Long"}', { status: 413 }),
        trace: {
          responseHeaders: [
            ['Content-Type', 'application/json'],
            ['Content-Length', '30'],
          ],
          status: 413,
        },
      }),
      { maxBodyBytes: 1001 },
    );
    const text = await rawExchange(
      port,
      `POST /dev/items HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n${'a'.repeat(5000)}`,
      /Request Too Long"\}/,
    );
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(text).toMatch(/\r\nConnection: close\r\n/);
    expect(seen[0]!.body!.length).toBe(1001);
  });

  it('answers 500 when the handler throws, and reports the error', async () => {
    const errors: unknown[] = [];
    const { port } = await start(
      () => {
        throw new Error('kaput');
      },
      { onError: (e) => errors.push(e) },
    );
    const text = await rawExchange(port, 'GET /dev/items HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(text).toMatch(/^HTTP\/1\.1 500 /);
    expect(text).toContain('{"message": "Internal server error"}');
    expect(errors.map((e) => (e as Error).message)).toEqual(['kaput']);
  });

  it('calls onTrace with the path without its query string', async () => {
    const traced: string[] = [];
    const { port } = await start(okJson, { onTrace: (trace, rawPath) => traced.push(`${trace.status} ${rawPath}`) });
    await rawExchange(port, 'GET /dev/x/y?z=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(traced).toEqual(['200 /dev/x/y']);
  });

  it('writes result.body when the handler gives one, without reading the Response', async () => {
    let built = 0;
    const { port } = await start(() => ({
      // Like a gateway's result: the Response is built on first access.
      get response() {
        built++;
        return new Response('not this');
      },
      body: new TextEncoder().encode('these bytes'),
      trace: { responseHeaders: [['Content-Length', '11']], status: 200 },
    }));
    const text = await rawExchange(port, 'GET /dev/items HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(text.endsWith('\r\n\r\nthese bytes')).toBe(true);
    expect(built).toBe(0);
  });

  it('adds Content-Length when the trace has none', async () => {
    const { port } = await start(() => ({
      response: new Response('abc'),
      trace: { responseHeaders: [['Content-Type', 'text/plain']], status: 201 },
    }));
    const text = await rawExchange(port, 'GET /dev/items HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(text).toMatch(/^HTTP\/1\.1 201 Created\r\nContent-Type: text\/plain\r\nContent-Length: 3\r\n/);
    expect(text).not.toMatch(/Transfer-Encoding/i);
  });
});
