import { describe, expect, it } from 'vitest';
import {
  DefinitionError,
  exportOpenApi,
  RestGateway,
  importOpenApi,
  type LambdaInvocation,
  type StreamedInvocation,
} from '../../../src/emulator/index.js';
import { URL_BASE, ok } from '../helpers.js';

/**
 * responseTransferMode STREAM (issue #9): https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode.html
 */

const FN_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:fn';
const STREAM_URI = `arn:aws:apigateway:us-east-1:lambda:path/2021-11-15/functions/${FN_ARN}/response-streaming-invocations`;
const BUFFERED_URI = `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FN_ARN}/invocations`;

const enc = (s: string) => new TextEncoder().encode(s);
const NULS = new Uint8Array(8);

function doc(integration: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    openapi: '3.0.1',
    info: { title: 'Streams', version: '1' },
    ...extra,
    paths: { '/s': { get: { 'x-amazon-apigateway-integration': integration } } },
  };
}
const streamed = (extra: Record<string, unknown> = {}) =>
  doc({ type: 'aws_proxy', httpMethod: 'POST', uri: STREAM_URI, responseTransferMode: 'STREAM', ...extra });

/** A function runner's stream that the test writes into as the function would, and what the gateway asked of it. */
function streamingFunction() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let finish!: (v: { logs: string[]; error?: { errorType: string; errorMessage: string } }) => void;
  const invocations: LambdaInvocation[] = [];
  const state = { cancelled: false };
  const invocation: StreamedInvocation = {
    body: new ReadableStream<Uint8Array>({
      start: (c) => {
        controller = c;
      },
      cancel: () => {
        state.cancelled = true;
      },
    }),
    completion: new Promise((resolve) => (finish = resolve)),
  };
  return {
    invokeStream: async (inv: LambdaInvocation) => (invocations.push(inv), invocation),
    invocations,
    state,
    write: (b: Uint8Array | string) => controller.enqueue(typeof b === 'string' ? enc(b) : b),
    end: (logs: string[] = []) => (controller.close(), finish({ logs })),
    fail: (error: { errorType: string; errorMessage: string }) => (
      controller.error(error),
      finish({ logs: [], error })
    ),
  };
}

function gatewayWith(
  definition: unknown,
  options: Partial<ConstructorParameters<typeof RestGateway>[0]> = {},
  endpointType?: 'REGIONAL' | 'EDGE',
) {
  const gateway = new RestGateway({ invoke: async () => ok({ statusCode: 200, body: 'buffered' }), ...options });
  const deployment = gateway.deploy(
    importOpenApi(definition, { apiId: 'abc123defg', ...(endpointType ? { endpointType } : {}) }),
  );
  gateway.putStage({ name: 'dev', deploymentId: deployment.id });
  return gateway;
}

const read = async (reader: ReadableStreamDefaultReader<Uint8Array>) => {
  const r = await reader.read();
  return r.done ? null : new TextDecoder().decode(r.value);
};

describe('importing and exporting responseTransferMode', () => {
  it('reads STREAM on a Lambda proxy integration with the response-streaming URI, and writes it back', () => {
    const api = importOpenApi(streamed({ timeoutInMillis: 900_000 }));
    const integration = api.resources.find((r) => r.path === '/s')!.methods.GET!.integration;
    expect(integration).toMatchObject({
      type: 'AWS_PROXY',
      functionName: 'fn',
      responseTransferMode: 'STREAM',
      timeoutMs: 900_000,
      uri: STREAM_URI,
    });
    const exported = exportOpenApi(api) as { paths: Record<string, Record<string, Record<string, unknown>>> };
    expect(exported.paths['/s']!.get!['x-amazon-apigateway-integration']).toMatchObject({
      uri: STREAM_URI,
      responseTransferMode: 'STREAM',
      timeoutInMillis: 900_000,
      type: 'aws_proxy',
    });
    expect(importOpenApi(exported)).toEqual(importOpenApi(exportOpenApi(importOpenApi(exported))));
    expect(importOpenApi(exported).resources).toEqual(api.resources);
  });

  it('reads STREAM (and an explicit BUFFERED) on HTTP_PROXY and round-trips it', () => {
    for (const mode of ['STREAM', 'BUFFERED']) {
      const api = importOpenApi(
        doc({ type: 'http_proxy', httpMethod: 'GET', uri: 'https://backend.example/s', responseTransferMode: mode }),
      );
      expect(api.resources.find((r) => r.path === '/s')!.methods.GET!.integration).toMatchObject({
        type: 'HTTP_PROXY',
        responseTransferMode: mode,
      });
      expect(importOpenApi(exportOpenApi(api)).resources).toEqual(api.resources);
    }
  });

  it('leaves a buffered integration as it was (no field, no responseTransferMode in the export)', () => {
    const api = importOpenApi(doc({ type: 'aws_proxy', httpMethod: 'POST', uri: BUFFERED_URI }));
    const integration = api.resources.find((r) => r.path === '/s')!.methods.GET!.integration;
    expect('responseTransferMode' in integration).toBe(false);
    const exported = exportOpenApi(api) as { paths: Record<string, Record<string, Record<string, unknown>>> };
    expect('responseTransferMode' in (exported.paths['/s']!.get!['x-amazon-apigateway-integration'] as object)).toBe(
      false,
    );
  });

  const problem = (definition: unknown): string => {
    try {
      importOpenApi(definition);
    } catch (error) {
      if (error instanceof DefinitionError) return error.message;
      throw error;
    }
    return '(imported)';
  };

  it.each([
    ['AWS (Lambda custom)', { type: 'aws', httpMethod: 'POST', uri: BUFFERED_URI }],
    ['MOCK', { type: 'mock', requestTemplates: { 'application/json': '{"statusCode": 200}' } }],
    ['HTTP', { type: 'http', httpMethod: 'GET', uri: 'https://backend.example/s' }],
  ])('refuses STREAM on %s with a clear message', (_name, integration) => {
    expect(problem(doc({ ...integration, responseTransferMode: 'STREAM' }))).toContain(
      'responseTransferMode STREAM works with HTTP_PROXY and AWS_PROXY integrations only',
    );
  });

  it('refuses a STREAM Lambda proxy integration with the buffered URI, and the streaming URI without STREAM', () => {
    expect(
      problem(doc({ type: 'aws_proxy', httpMethod: 'POST', uri: BUFFERED_URI, responseTransferMode: 'STREAM' })),
    ).toContain(
      'its uri must be arn:aws:apigateway:{region}:lambda:path/2021-11-15/functions/{function ARN}/response-streaming-invocations',
    );
    expect(problem(doc({ type: 'aws_proxy', httpMethod: 'POST', uri: STREAM_URI }))).toContain(
      'is a response-streaming URI: it needs responseTransferMode STREAM',
    );
  });

  it('allows a streamed integration up to 15 minutes, not more; refuses an unknown mode', () => {
    expect(problem(streamed({ timeoutInMillis: 900_001 }))).toContain(
      'timeoutInMillis of a streamed integration can be at most 900000',
    );
    expect(
      problem(
        doc({
          type: 'http_proxy',
          httpMethod: 'GET',
          uri: 'https://backend.example/s',
          responseTransferMode: 'STREAM',
          timeoutInMillis: 900_000,
        }),
      ),
    ).toBe('(imported)');
    expect(problem(streamed({ responseTransferMode: 'CHUNKED' }))).toContain(
      'responseTransferMode must be BUFFERED or STREAM (it is "CHUNKED")',
    );
  });
});

describe('a streamed Lambda proxy integration through the gateway', () => {
  it("answers with the metadata's status and headers, then streams the body as the function writes it", async () => {
    const fn = streamingFunction();
    const gateway = gatewayWith(streamed(), { invokeStream: fn.invokeStream });
    const metadata = {
      statusCode: 201,
      headers: { 'Content-Type': 'text/plain', 'x-foo': 'bar', Date: 'yesterday' },
      multiValueHeaders: { 'x-mv1': ['hello', 'world'] },
      cookies: ['c1=blue', 'c2=red'],
    };
    // The function writes its metadata and the delimiter in pieces, then a first body chunk.
    const json = JSON.stringify(metadata);
    fn.write(json.slice(0, 20));
    fn.write(json.slice(20));
    fn.write(NULS.subarray(0, 5));
    fn.write(NULS.subarray(5));
    fn.write('First payload ');
    const result = await gateway.handle(new Request(`${URL_BASE}/dev/s?q=1`));
    const response = result.response;
    expect(response.status).toBe(201);
    expect(result.body).toBeUndefined();
    expect(result.bodyStream).toBeInstanceOf(ReadableStream);
    const names = result.trace.responseHeaders.map(([n]) => n);
    expect(names).not.toContain('Content-Length');
    expect(result.trace.responseHeaders).toEqual(
      expect.arrayContaining([
        ['Content-Type', 'text/plain'],
        ['x-amzn-RequestId', result.trace.requestId],
        ['x-foo', 'bar'],
        ['x-mv1', 'hello'],
        ['x-mv1', 'world'],
        ['x-amzn-Remapped-Date', 'yesterday'],
        ['Set-Cookie', 'c1=blue'],
        ['Set-Cookie', 'c2=red'],
        ['x-amz-apigw-id', result.trace.extendedRequestId],
      ]),
    );
    expect(response.headers.get('x-foo')).toBe('bar');
    expect(response.headers.getSetCookie()).toEqual(['c1=blue', 'c2=red']);

    // The first chunk is readable while the function is still running.
    const reader = response.body!.getReader();
    expect(await read(reader)).toBe('First payload ');
    expect(result.trace.integration?.stream).toEqual({ state: 'streaming', bytes: 14, chunks: 1 });
    let next: string | null | undefined;
    const pending = read(reader).then((t) => (next = t));
    await new Promise((r) => setTimeout(r, 30));
    expect(next).toBeUndefined();
    fn.write('Final payload');
    await pending;
    expect(next).toBe('Final payload');
    fn.end(['a log line']);
    expect(await read(reader)).toBeNull();

    // The trace: the metadata as the outcome, the body counted but not kept, the function's logs.
    expect(result.trace.integration?.outcome).toEqual({ kind: 'result', payload: metadata });
    expect(result.trace.integration?.stream).toEqual({ state: 'complete', bytes: 27, chunks: 2 });
    expect(result.trace.responseLength).toBe(27);
    await new Promise((r) => setTimeout(r, 0));
    expect(result.trace.integration?.logs).toEqual(['a log line']);
  });

  it('sends the function the same event (payload 1.0) as a buffered Lambda proxy integration', async () => {
    const fn = streamingFunction();
    fn.write(JSON.stringify({ statusCode: 200 }));
    fn.write(NULS);
    fn.end();
    const buffered: LambdaInvocation[] = [];
    const request = () => new Request(`${URL_BASE}/dev/s?a=1&a=2`, { headers: { 'X-Custom': 'v' } });
    const streamGateway = gatewayWith(streamed(), { invokeStream: fn.invokeStream });
    await streamGateway.handle(request());
    const bufferedGateway = gatewayWith(doc({ type: 'aws_proxy', httpMethod: 'POST', uri: BUFFERED_URI }), {
      invoke: async (inv) => (buffered.push(inv), ok({ statusCode: 200 })),
    });
    await bufferedGateway.handle(request());
    // Values that differ per request (ids, times, the simulated CloudFront hop) are blanked; the rest must match.
    const perRequest = new Set([
      'requestId',
      'extendedRequestId',
      'requestTime',
      'requestTimeEpoch',
      'deploymentId',
      'X-Amzn-Trace-Id',
      'Via',
      'X-Amz-Cf-Id',
      'X-Forwarded-For',
    ]);
    const strip = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(strip)
        : typeof value === 'object' && value !== null
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, perRequest.has(k) ? '-' : strip(v)]))
          : value;
    expect(strip(fn.invocations[0]!.event)).toEqual(strip(buffered[0]!.event));
    expect(Object.keys(fn.invocations[0]!.event as object)).toContain('multiValueQueryStringParameters');
  });

  it('answers 502 {"message": "Internal server error"} for output without metadata and delimiter (assumed)', async () => {
    const fn = streamingFunction();
    fn.write('{"statusCode":200,"body":"a buffered result"}');
    fn.end();
    const result = await gatewayWith(streamed(), { invokeStream: fn.invokeStream }).handle(
      new Request(`${URL_BASE}/dev/s`),
    );
    expect(result.response.status).toBe(502);
    expect(await result.response.text()).toBe('{"message": "Internal server error"}');
    expect(result.trace.errorDetail).toContain(
      'Malformed Lambda proxy response (streamed: the output ended before the 8-byte delimiter',
    );
  });

  it('answers 502 when the function fails before its metadata, and 504 when no metadata comes within the integration timeout', async () => {
    const failing = streamingFunction();
    failing.fail({ errorType: 'TypeError', errorMessage: 'x is undefined' });
    const failed = await gatewayWith(streamed(), { invokeStream: failing.invokeStream }).handle(
      new Request(`${URL_BASE}/dev/s`),
    );
    expect(failed.response.status).toBe(502);
    expect(failed.trace.integration?.outcome).toEqual({
      kind: 'error',
      error: { errorType: 'TypeError', errorMessage: 'x is undefined' },
    });
    expect(failed.trace.errorDetail).toContain('due to customer function error: x is undefined');

    const silent = streamingFunction();
    const timedOut = await gatewayWith(streamed({ timeoutInMillis: 60 }), { invokeStream: silent.invokeStream }).handle(
      new Request(`${URL_BASE}/dev/s`),
    );
    expect(timedOut.response.status).toBe(504);
    expect(await timedOut.response.text()).toBe('{"message": "Endpoint request timed out"}');
    expect(silent.invocations[0]!.signal.aborted).toBe(true);
  });

  it('cuts the body when the integration timeout passes while it streams, and tells the runner to stop', async () => {
    const fn = streamingFunction();
    fn.write(JSON.stringify({ statusCode: 200 }));
    fn.write(NULS);
    fn.write('begun');
    const result = await gatewayWith(streamed({ timeoutInMillis: 150 }), { invokeStream: fn.invokeStream }).handle(
      new Request(`${URL_BASE}/dev/s`),
    );
    expect(result.response.status).toBe(200);
    const reader = result.response.body!.getReader();
    expect(await read(reader)).toBe('begun');
    await expect(reader.read()).rejects.toThrow('integration timeout');
    expect(result.trace.integration?.stream).toMatchObject({
      state: 'cut',
      bytes: 5,
      detail: 'the integration timeout passed while the body was streaming',
    });
    expect(fn.invocations[0]!.signal.aborted).toBe(true);
    expect(fn.state.cancelled).toBe(true);
  });

  it("ends the client's body with an error when the function fails mid-stream", async () => {
    const fn = streamingFunction();
    fn.write(JSON.stringify({ statusCode: 200 }));
    fn.write(NULS);
    fn.write('partial');
    const result = await gatewayWith(streamed(), { invokeStream: fn.invokeStream }).handle(
      new Request(`${URL_BASE}/dev/s`),
    );
    const reader = result.response.body!.getReader();
    expect(await read(reader)).toBe('partial');
    fn.fail({ errorType: 'Error', errorMessage: 'gave up' });
    await expect(reader.read()).rejects.toMatchObject({ errorMessage: 'gave up' });
    expect(result.trace.integration?.stream).toMatchObject({ state: 'failed', detail: 'Error: gave up' });
  });

  it('answers 500 when the host has no streaming runner (invokeStream), saying so in the trace', async () => {
    const result = await gatewayWith(streamed()).handle(new Request(`${URL_BASE}/dev/s`));
    expect(result.response.status).toBe(500);
    expect(await result.response.text()).toBe('{"message": "Internal server error"}');
    expect(result.trace.gatewayResponseType).toBe('API_CONFIGURATION_ERROR');
    expect(result.trace.errorDetail).toContain('no invokeStream');
  });

  it("answers its faults with the API's customised gateway responses, and streams alongside them", async () => {
    const gatewayResponses = {
      'x-amazon-apigateway-gateway-responses': {
        DEFAULT_5XX: { responseTemplates: { 'application/json': '{"oops":$context.error.messageString}' } },
      },
    };
    const malformed = streamingFunction();
    malformed.write('no metadata');
    malformed.end();
    const failed = await gatewayWith(streamed({}), { invokeStream: malformed.invokeStream }).handle(
      new Request(`${URL_BASE}/dev/s`),
    );
    expect(await failed.response.text()).toBe('{"message": "Internal server error"}');
    const custom = streamingFunction();
    custom.write('no metadata');
    custom.end();
    const customised = await gatewayWith(
      { ...streamed(), ...gatewayResponses },
      { invokeStream: custom.invokeStream },
    ).handle(new Request(`${URL_BASE}/dev/s`));
    expect(customised.response.status).toBe(502);
    expect(await customised.response.text()).toBe('{"oops":"Internal server error"}');

    const fine = streamingFunction();
    fine.write(JSON.stringify({ statusCode: 200 }));
    fine.write(NULS);
    fine.write('streamed');
    fine.end();
    const ok200 = await gatewayWith({ ...streamed(), ...gatewayResponses }, { invokeStream: fine.invokeStream }).handle(
      new Request(`${URL_BASE}/dev/s`),
    );
    expect(await ok200.response.text()).toBe('streamed');
  });

  it('leaves buffered Lambda proxy integrations as they were (no body stream)', async () => {
    const result = await gatewayWith(doc({ type: 'aws_proxy', httpMethod: 'POST', uri: BUFFERED_URI })).handle(
      new Request(`${URL_BASE}/dev/s`),
    );
    expect(result.bodyStream).toBeUndefined();
    expect(new TextDecoder().decode(result.body!)).toBe('buffered');
    expect(result.trace.integration?.stream).toBeUndefined();
  });
});

describe('a streamed HTTP_PROXY integration', () => {
  it("sends the endpoint's status and headers once they arrive, then its body as it comes", async () => {
    let upstream!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (upstream = c) });
    const gateway = gatewayWith(
      doc({ type: 'http_proxy', httpMethod: 'GET', uri: 'https://backend.example/s', responseTransferMode: 'STREAM' }),
      {
        fetch: async () =>
          new Response(body, {
            status: 200,
            headers: { 'Content-Type': 'text/event-stream', 'Content-Length': '999', 'X-Up': 'yes' },
          }),
      },
    );
    upstream.enqueue(enc('data: 1\n\n'));
    const result = await gateway.handle(new Request(`${URL_BASE}/dev/s`));
    expect(result.response.status).toBe(200);
    expect(result.trace.responseHeaders).toEqual(
      expect.arrayContaining([
        ['Content-Type', 'text/event-stream'],
        ['x-up', 'yes'],
        ['x-amzn-Remapped-Content-Length', '999'],
      ]),
    );
    expect(result.trace.responseHeaders.map(([n]) => n)).not.toContain('Content-Length');
    const reader = result.response.body!.getReader();
    expect(await read(reader)).toBe('data: 1\n\n');
    upstream.enqueue(enc('data: 2\n\n'));
    expect(await read(reader)).toBe('data: 2\n\n');
    upstream.close();
    expect(await read(reader)).toBeNull();
    expect(result.trace.integration?.stream).toEqual({ state: 'complete', bytes: 18, chunks: 2 });
  });

  it("still answers 504 when the endpoint's headers do not arrive within the integration timeout", async () => {
    const gateway = gatewayWith(
      doc({
        type: 'http_proxy',
        httpMethod: 'GET',
        uri: 'https://backend.example/s',
        responseTransferMode: 'STREAM',
        timeoutInMillis: 60,
      }),
      {
        fetch: (_input, init) =>
          new Promise((_resolve, reject) =>
            init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
          ),
      },
    );
    const result = await gateway.handle(new Request(`${URL_BASE}/dev/s`));
    expect(result.response.status).toBe(504);
  });
});
