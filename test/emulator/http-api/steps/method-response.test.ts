import { describe, expect, it } from 'vitest';
import type { HttpApiIntegrationAnswer } from '../../../../src/emulator/http-api/context.js';
import { methodResponse } from '../../../../src/emulator/http-api/steps/method-response.js';
import { REQUEST_ID, advanceTo, contextFor, servicesFor, stopOf } from './context-helper.js';

const DATE = 'Wed, 04 Mar 2020 19:03:58 GMT';

/** A context at the method response, the integration response having left `answer`. */
async function respond(answer: HttpApiIntegrationAnswer) {
  const context = contextFor(servicesFor(), '/items');
  await advanceTo(context, methodResponse);
  context.answer = answer;
  methodResponse(context);
  return context;
}

describe('methodResponse', () => {
  it("puts the function's headers between API Gateway's own, in the captured order, keeping its Content-Type", async () => {
    const context = await respond({
      statusCode: 201,
      headers: [
        ['X-Custom', 'a'],
        ['content-type', 'application/json'],
        ['Content-Length', '999'],
        ['Date', 'yesterday'],
        ['Connection', 'close'],
        ['Set-Cookie', 'a=1'],
      ],
      body: '{"ok":true}',
      isBase64Encoded: false,
    });
    const { result, trace } = context;
    expect(trace.responseHeaders).toEqual([
      ['Date', DATE],
      ['content-type', 'application/json'],
      ['Content-Length', '11'],
      ['Connection', 'keep-alive'],
      ['X-Custom', 'a'],
      ['Set-Cookie', 'a=1'],
      ['Apigw-Requestid', REQUEST_ID],
    ]);
    expect([trace.status, trace.responseLength]).toEqual([201, 11]);
    expect(new TextDecoder().decode(result!.body!)).toBe('{"ok":true}');
    const { response } = result!;
    expect(response.status).toBe(201);
    expect(response.headers.get('content-length')).toBeNull();
    expect(response.headers.get('connection')).toBeNull();
    expect(response.headers.get('apigw-requestid')).toBe(REQUEST_ID);
    expect(await response.text()).toBe('{"ok":true}');
  });

  it('sends text/plain; charset=utf-8 for a body without a Content-Type, and none for an empty body', async () => {
    const withBody = await respond({ statusCode: 200, headers: [], body: 'hi', isBase64Encoded: false });
    expect(withBody.trace.responseHeaders[1]).toEqual(['Content-Type', 'text/plain; charset=utf-8']);
    const empty = await respond({ statusCode: 302, headers: [['Location', '/x']], body: '', isBase64Encoded: false });
    expect(empty.trace.responseHeaders).toEqual([
      ['Date', DATE],
      ['Content-Length', '0'],
      ['Connection', 'keep-alive'],
      ['Location', '/x'],
      ['Apigw-Requestid', REQUEST_ID],
    ]);
    expect(empty.result!.body).toBeNull();
  });

  it('always decodes an isBase64Encoded body (HTTP APIs have no binaryMediaTypes)', async () => {
    const context = await respond({
      statusCode: 200,
      headers: [['Content-Type', 'image/png']],
      body: 'iVBORw0=',
      isBase64Encoded: true,
    });
    expect([...context.result!.body!]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d]);
    expect(context.trace.responseHeaders[2]).toEqual(['Content-Length', '5']);
  });

  it('answers 500 {"message":"Internal Server Error"} when the isBase64Encoded body is not base64', async () => {
    const context = contextFor(servicesFor(), '/items');
    await advanceTo(context, methodResponse);
    context.answer = { statusCode: 200, headers: [], body: 'not base64!', isBase64Encoded: true };
    const error = stopOf(() => methodResponse(context));
    expect(error.response).toEqual({
      type: 'MALFORMED_RESPONSE',
      status: 500,
      body: '{"message":"Internal Server Error"}',
    });
    expect(error.detail).toBe('the isBase64Encoded body is not valid base64');
    expect(context.result).toBeUndefined();
  });

  it('sends no body for a null-body status, though the trace counts what the function returned', async () => {
    const context = await respond({ statusCode: 204, headers: [], body: 'ignored', isBase64Encoded: false });
    expect(context.result!.response.status).toBe(204);
    expect(await context.result!.response.text()).toBe('');
    expect(context.trace.responseLength).toBe(7);
  });
});
