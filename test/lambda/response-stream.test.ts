import { describe, expect, it } from 'vitest';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { RestGateway, importOpenApi, type LambdaStreamInvoker } from '../../src/emulator/index.js';
import { invokeJsHandler, type JsHandler } from '../../src/lambda/js-handler.js';
import { invokeStreamingJsHandler, type StreamingJsHandler } from '../../src/lambda/js-stream-handler.js';
import {
  awslambda,
  HTTP_INTEGRATION_RESPONSE_CONTENT_TYPE,
  HttpResponseStream,
  installAwsLambdaGlobal,
  isStreamingHandler,
  ResponseStream,
  streamifyResponse,
} from '../../src/lambda/response-stream.js';
import { contextInit } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

/** Everything a stream gives, as bytes. */
async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('awslambda globals', () => {
  it('streamifyResponse marks the handler and returns it', () => {
    const handler = async () => {};
    expect(streamifyResponse(handler, { highWaterMark: 1024 })).toBe(handler);
    expect(isStreamingHandler(handler)).toBe(true);
    expect(isStreamingHandler(async () => {})).toBe(false);
  });

  it('installAwsLambdaGlobal keeps what the global already holds', () => {
    const target: Record<string, unknown> = { awslambda: { other: 1 } };
    installAwsLambdaGlobal(target);
    expect(target.awslambda).toEqual({ other: 1, streamifyResponse, HttpResponseStream });
  });
});

describe('ResponseStream and HttpResponseStream.from', () => {
  it('writes JSON.stringify(metadata) and 8 NUL bytes before the first write', async () => {
    const stream = new ResponseStream();
    const metadata = { statusCode: 200, headers: { 'x-foo': 'bar' } };
    expect(HttpResponseStream.from(stream, metadata)).toBe(stream);
    expect(stream.contentType).toBe(HTTP_INTEGRATION_RESPONSE_CONTENT_TYPE);
    stream.write('one ');
    stream.write(new TextEncoder().encode('two'));
    stream.end();
    const bytes = await bytesOf(stream.readable);
    const json = JSON.stringify(metadata);
    expect(decode(bytes.subarray(0, json.length))).toBe(json);
    expect([...bytes.subarray(json.length, json.length + 8)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(decode(bytes.subarray(json.length + 8))).toBe('one two');
  });

  it('as the runtime: end(chunk) without a write carries no metadata (runtime-interface-client issue #97)', async () => {
    const stream = HttpResponseStream.from(new ResponseStream(), { statusCode: 404 });
    stream.end('Not Found');
    expect(decode(await bytesOf(stream.readable))).toBe('Not Found');
  });

  it('refuses a content type after the first write, and writes non-bytes as JSON', async () => {
    const stream = new ResponseStream();
    stream.write({ a: 1 });
    expect(() => stream.setContentType('text/plain')).toThrow('Cannot set content-type, too late.');
    stream.write('aGk=', 'base64');
    stream.end();
    expect(decode(await bytesOf(stream.readable))).toBe('{"a":1}hi');
  });

  it('signals backpressure past its highWaterMark and emits drain once read', async () => {
    const stream = new ResponseStream({ highWaterMark: 4 });
    expect(stream.write('ab')).toBe(true);
    expect(stream.write('cde')).toBe(false);
    let drained = false;
    stream.once('drain', () => (drained = true));
    const reader = stream.readable.getReader();
    await reader.read();
    await reader.read();
    await sleep(0);
    expect(drained).toBe(true);
  });

  it('works as the destination of node:stream pipeline()', async () => {
    const stream = HttpResponseStream.from(new ResponseStream(), { statusCode: 200 });
    const collected = bytesOf(stream.readable);
    await pipeline(Readable.from(['alpha ', 'beta']), stream as unknown as NodeJS.WritableStream);
    expect(stream.writableFinished).toBe(true);
    expect(decode(await collected)).toBe('{"statusCode":200}\0\0\0\0\0\0\0\0alpha beta');
  });
});

describe('invokeStreamingJsHandler', () => {
  it('streams what the handler writes while it runs, and reports its logs when it ends', async () => {
    let finished = false;
    const handler = streamifyResponse(async (_event: unknown, responseStream: ResponseStream) => {
      console.log('starting');
      responseStream.write('a');
      await sleep(40);
      responseStream.write('b');
      responseStream.end();
      finished = true;
    });
    const invocation = invokeStreamingJsHandler(handler as StreamingJsHandler, {}, contextInit(), {
      logFormat: 'plain',
    });
    const reader = invocation.body.getReader();
    expect(decode((await reader.read()).value!)).toBe('a');
    expect(finished).toBe(false);
    expect(decode((await reader.read()).value!)).toBe('b');
    expect((await reader.read()).done).toBe(true);
    expect(await invocation.completion).toEqual({ logs: ['starting'] });
  });

  it('fails a handler that is not async, and warns about a returned value', async () => {
    const sync = invokeStreamingJsHandler(
      ((_e: unknown, s: ResponseStream) => s.end()) as StreamingJsHandler,
      {},
      contextInit(),
      { logFormat: 'plain' },
    );
    expect((await sync.completion).error).toMatchObject({
      errorType: 'Error',
      errorMessage: 'Streaming does not support non-async handlers.',
    });

    const returning = invokeStreamingJsHandler(
      (async (_e: unknown, s: ResponseStream) => (s.end(), { statusCode: 200 })) as StreamingJsHandler,
      {},
      contextInit(),
      { logFormat: 'plain' },
    );
    await bytesOf(returning.body);
    expect(await returning.completion).toEqual({ logs: ['Streaming handlers ignore return values.'] });
  });

  it('ends the stream with the error after what was written when the handler throws', async () => {
    const invocation = invokeStreamingJsHandler(
      (async (_e: unknown, s: ResponseStream) => {
        s.write('partial');
        await sleep(5);
        throw new TypeError('broke');
      }) as StreamingJsHandler,
      {},
      contextInit(),
    );
    const reader = invocation.body.getReader();
    expect(decode((await reader.read()).value!)).toBe('partial');
    await expect(reader.read()).rejects.toMatchObject({ errorType: 'TypeError', errorMessage: 'broke' });
    const { error, logs } = await invocation.completion;
    expect(error).toMatchObject({ errorType: 'TypeError', errorMessage: 'broke' });
    expect(logs.at(-1)).toContain('ERROR\tInvoke Error');
  });

  it('stops when the signal aborts (a handler that never ends its stream)', async () => {
    const controller = new AbortController();
    const invocation = invokeStreamingJsHandler(
      (async (_e: unknown, s: ResponseStream) => void s.write('x')) as StreamingJsHandler,
      {},
      contextInit(),
      { signal: controller.signal },
    );
    controller.abort(new Error('integration timeout'));
    expect((await invocation.completion).error).toMatchObject({ errorMessage: 'integration timeout' });
  });
});

describe('a streamified handler invoked without streaming (Invoke, as a BUFFERED integration calls it)', () => {
  it('gives what it wrote, whole: JSON as a value, anything else as text', async () => {
    const json = streamifyResponse(async (_e: unknown, s: ResponseStream) => {
      s.write('{"statusCode":200,');
      s.end('"body":"hi"}');
    });
    expect(await invokeJsHandler(json as unknown as JsHandler, {}, contextInit())).toMatchObject({
      kind: 'result',
      payload: { statusCode: 200, body: 'hi' },
      payloadJson: '{"statusCode":200,"body":"hi"}',
    });

    const http = streamifyResponse(async (_e: unknown, s: ResponseStream) => {
      s = HttpResponseStream.from(s, { statusCode: 200 });
      s.write('body');
      s.end();
    });
    const outcome = await invokeJsHandler(http as unknown as JsHandler, {}, contextInit());
    expect(outcome).toMatchObject({ kind: 'result', payload: '{"statusCode":200}\0\0\0\0\0\0\0\0body' });
  });

  it('reports its error as the function error', async () => {
    const failing = streamifyResponse(async () => {
      throw new RangeError('nope');
    });
    expect(await invokeJsHandler(failing as unknown as JsHandler, {}, contextInit())).toMatchObject({
      kind: 'error',
      error: { errorType: 'RangeError', errorMessage: 'nope' },
    });
  });
});

describe('a streamified handler behind the gateway', () => {
  it("reaches the client as the metadata's status and headers, then its body piece by piece", async () => {
    installAwsLambdaGlobal();
    const lambda = (globalThis as unknown as { awslambda: typeof awslambda }).awslambda;
    const progress: string[] = [];
    // The example of https://docs.aws.amazon.com/apigateway/latest/developerguide/response-streaming-lambda-configure.html,
    // with shorter delays.
    const handler = lambda.streamifyResponse(async (event: unknown, responseStream: ResponseStream) => {
      const metadata = {
        statusCode: 200,
        headers: { 'Content-Type': 'text/plain', 'x-foo': 'bar' },
        multiValueHeaders: { 'x-mv1': ['hello', 'world'], 'Set-Cookie': ['c1=blue', 'c2=red'] },
      };
      responseStream = lambda.HttpResponseStream.from(responseStream, metadata);
      await sleep(20);
      responseStream.write(`First payload for ${(event as { path: string }).path} `);
      progress.push('first written');
      await sleep(60);
      responseStream.write('Final payload');
      progress.push('final written');
      console.log('done');
      responseStream.end();
    });
    const invokeStream: LambdaStreamInvoker = async (inv) =>
      invokeStreamingJsHandler(handler as StreamingJsHandler, inv.event, inv.context, {
        signal: inv.signal,
        logFormat: 'plain',
      });
    const gateway = new RestGateway({
      invoke: async () => ({ kind: 'error', error: { errorType: 'Error', errorMessage: 'not buffered' }, logs: [] }),
      invokeStream,
    });
    const api = importOpenApi({
      openapi: '3.0.1',
      info: { title: 'Streaming', version: '1' },
      paths: {
        '/stream': {
          get: {
            'x-amazon-apigateway-integration': {
              type: 'aws_proxy',
              httpMethod: 'POST',
              uri: 'arn:aws:apigateway:us-east-1:lambda:path/2021-11-15/functions/arn:aws:lambda:us-east-1:123456789012:function:streamer/response-streaming-invocations',
              responseTransferMode: 'STREAM',
            },
          },
        },
      },
    });
    gateway.putStage({ name: 'dev', deploymentId: gateway.deploy(api).id });

    const result = await gateway.handle(new Request('https://abc.execute-api.us-east-1.amazonaws.com/dev/stream'));
    const response = result.response;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(response.headers.get('x-foo')).toBe('bar');
    expect(response.headers.get('x-mv1')).toBe('hello, world');
    expect(response.headers.getSetCookie()).toEqual(['c1=blue', 'c2=red']);
    expect(response.headers.get('content-length')).toBeNull();
    expect(response.headers.get('x-amzn-requestid')).toBe(result.trace.requestId);

    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(decode(first.value!)).toBe('First payload for /stream ');
    // The client has the first piece while the function is still waiting to write the second.
    expect(progress).toEqual(['first written']);
    const second = await reader.read();
    expect(decode(second.value!)).toBe('Final payload');
    expect((await reader.read()).done).toBe(true);
    expect(progress).toEqual(['first written', 'final written']);
    expect(result.trace.integration?.stream).toEqual({ state: 'complete', bytes: 39, chunks: 2 });
    await sleep(0);
    expect(result.trace.integration?.logs).toEqual(['done']);
  });
});

describe('ResponseStream copies', () => {
  it('keeps what was written even if the handler reuses its Buffer afterwards', async () => {
    const stream = new ResponseStream();
    const buffer = Buffer.from('abc');
    stream.write(buffer);
    buffer.fill(0x7a);
    stream.end();
    expect(decode(await bytesOf(stream.readable))).toBe('abc');
  });
});
