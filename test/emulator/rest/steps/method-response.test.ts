import { describe, expect, it } from 'vitest';
import type { InvokeOutcome, StreamedInvocation } from '../../../../src/emulator/index.js';
import { GATEWAY_RESPONSES } from '../../../../src/emulator/rest/gateway-responses.js';
import { methodResponse } from '../../../../src/emulator/rest/steps/method-response.js';
import { contextBefore, gatewayErrorOfSync, namesOf, proxyMethod, smallDoc } from './context-helper.js';

const DATE = 'Thu, 26 Nov 2026 12:00:00 GMT';
const PNG_BASE64 = 'iVBORw0KGgo=';
const PNG_BYTES = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const binaryDoc = smallDoc(undefined, { 'x-amazon-apigateway-binary-media-types': ['image/png'] });

/** A context that reached the method response with the function's proxy result `payload`. */
const after = (payload: unknown, options: Parameters<typeof contextBefore>[1] = {}) =>
  contextBefore(methodResponse, { fn: (): InvokeOutcome => ({ kind: 'result', payload, logs: [] }), ...options });

describe('methodResponse for a Lambda proxy result', () => {
  it("wraps the function's headers in API Gateway's, remapping the clashing ones and dropping hop-by-hop ones", async () => {
    const { context } = await after({
      statusCode: 201,
      headers: {
        'content-type': 'text/plain',
        'X-Custom': 'a',
        Server: 'mine',
        Date: 'yesterday',
        'Content-Length': '99',
        'Transfer-Encoding': 'chunked',
      },
      body: 'hi',
    });
    expect(methodResponse(context)).toBeUndefined();
    const { trace } = context;
    expect(trace.responseHeaders).toEqual([
      ['Date', DATE],
      ['content-type', 'text/plain'],
      ['Content-Length', '2'],
      ['Connection', 'keep-alive'],
      ['x-amzn-RequestId', trace.requestId],
      ['X-Custom', 'a'],
      ['x-amzn-Remapped-Server', 'mine'],
      ['x-amzn-Remapped-Date', 'yesterday'],
      ['x-amzn-Remapped-Content-Length', '99'],
      ['x-amz-apigw-id', trace.extendedRequestId],
      ['X-Amzn-Trace-Id', `${context.traceId};Sampled=0`],
    ]);
    expect([trace.status, trace.responseLength]).toEqual([201, 2]);
    const response = context.result!.response;
    expect(response.status).toBe(201);
    expect(response.headers.get('content-length')).toBeNull();
    expect(await response.text()).toBe('hi');
  });

  it('answers application/json when the function names no Content-Type', async () => {
    const { context } = await after({ body: '{}' });
    methodResponse(context);
    expect(context.trace.responseHeaders[1]).toEqual(['Content-Type', 'application/json']);
    expect(context.trace.status).toBe(200);
  });

  it('decodes a base64 body when the first type the client accepts is a binary media type', async () => {
    const { context } = await after(
      { headers: { 'Content-Type': 'image/png' }, body: PNG_BASE64, isBase64Encoded: true },
      { doc: binaryDoc, headers: [['Accept', 'image/png']] },
    );
    methodResponse(context);
    expect([...context.result!.body!]).toEqual(PNG_BYTES);
    expect(context.trace.responseHeaders).toContainEqual(['Content-Length', String(PNG_BYTES.length)]);
  });

  it('decodes it when a binary media type is accepted first, whatever follows', async () => {
    const { context } = await after(
      { body: PNG_BASE64, isBase64Encoded: true },
      { doc: binaryDoc, headers: [['Accept', 'image/png, application/json']] },
    );
    methodResponse(context);
    expect([...context.result!.body!]).toEqual(PNG_BYTES);
  });

  it.each([
    ['the first accepted type is not binary', [['Accept', 'application/json, image/png']]],
    ['the client sent no Accept', []],
  ] as [string, [string, string][]][])('sends the base64 text as it is when %s', async (_case, headers) => {
    const { context } = await after(
      { headers: { 'Content-Type': 'image/png' }, body: PNG_BASE64, isBase64Encoded: true },
      { doc: binaryDoc, headers },
    );
    methodResponse(context);
    expect(new TextDecoder().decode(context.result!.body!)).toBe(PNG_BASE64);
  });

  it('answers 500 API_CONFIGURATION_ERROR for a base64 body that does not decode', async () => {
    const { context } = await after(
      { body: 'not base64!', isBase64Encoded: true },
      { doc: binaryDoc, headers: [['Accept', 'image/png']] },
    );
    const error = gatewayErrorOfSync(() => methodResponse(context));
    expect(error.response).toBe(GATEWAY_RESPONSES.API_CONFIGURATION_ERROR);
    expect(error.detail).toBe('Execution failed due to configuration error: Unable to base64-decode the body');
    expect(context.result).toBeUndefined();
  });
});

describe('methodResponse for a mapped answer', () => {
  it("puts the integration response's headers after API Gateway's, its Content-Type second", async () => {
    const { context } = await after({ body: 'unused' });
    const body = new TextEncoder().encode('<ok/>');
    context.answer = {
      kind: 'mapped',
      status: 202,
      headers: [
        ['Content-Type', 'application/xml'],
        ['X-Mapped', '1'],
      ],
      body,
      held: null,
    };
    methodResponse(context);
    const { trace } = context;
    expect(trace.responseHeaders).toEqual([
      ['Date', DATE],
      ['Content-Type', 'application/xml'],
      ['Content-Length', '5'],
      ['Connection', 'keep-alive'],
      ['x-amzn-RequestId', trace.requestId],
      ['X-Mapped', '1'],
      ['x-amz-apigw-id', trace.extendedRequestId],
      ['X-Amzn-Trace-Id', `${context.traceId};Sampled=0`],
    ]);
    expect(context.result!.body).toEqual(body);
    expect(context.result!.response.status).toBe(202);
  });
});

describe('methodResponse for a streamed Lambda proxy', () => {
  it('streams the body after the metadata, without Content-Length, cookies as Set-Cookie', async () => {
    const uri =
      'arn:aws:apigateway:us-east-1:lambda:path/2021-11-15/functions/arn:aws:lambda:us-east-1:123456789012:function:fn/response-streaming-invocations';
    const doc = smallDoc({ '/items': { get: proxyMethod({ uri, responseTransferMode: 'STREAM' }) } });
    const enc = new TextEncoder();
    const invokeStream = async (): Promise<StreamedInvocation> => ({
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(enc.encode('{"statusCode":206,"headers":{"X-S":"1"},"cookies":["a=1"]}'));
          controller.enqueue(new Uint8Array(8));
          controller.enqueue(enc.encode('part'));
          controller.close();
        },
      }),
      completion: Promise.resolve({ logs: [] }),
    });
    const { context } = await contextBefore(methodResponse, { doc, invokeStream });
    methodResponse(context);
    const result = context.result!;
    expect(result.body).toBeUndefined();
    expect(result.bodyStream).not.toBeNull();
    expect(context.trace.status).toBe(206);
    expect(namesOf(context.trace.responseHeaders)).toEqual([
      'Date',
      'Content-Type',
      'Connection',
      'x-amzn-RequestId',
      'X-S',
      'Set-Cookie',
      'x-amz-apigw-id',
      'X-Amzn-Trace-Id',
    ]);
    expect(await result.response.text()).toBe('part');
    expect(context.trace.responseLength).toBe(4);
  });
});
