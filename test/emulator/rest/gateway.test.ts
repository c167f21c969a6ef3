import { describe, expect, it } from 'vitest';
import { RestGateway, importOpenApi, type InvokeOutcome, type LambdaInvocation } from '../../../src/emulator/index.js';
import { gatewayFor, ok, openApi, URL_BASE } from '../helpers.js';

const headersOf = (list: Array<[string, string]>) => Object.fromEntries(list);
const get = (path: string, init?: RequestInit) => new Request(`${URL_BASE}${path}`, init);

describe('gateway responses for requests API Gateway answers itself', () => {
  // https://repost.aws/knowledge-center/api-gateway-authentication-token-errors
  it.each([
    ['an undefined path', '/dev/nothing'],
    ['an undefined method', '/dev/items', 'DELETE'],
    ['a URL without the stage', '/items'],
    ['an unknown stage', '/prod/items'],
    ['the bare host', '/'],
  ])(
    'answers %s with 403 Missing Authentication Token and never calls the function',
    async (_name, path, method = 'GET') => {
      const { gateway, invocations } = gatewayFor(openApi({ '/items': ['GET'] }), () => ok({ statusCode: 200 }));
      const { response, trace } = await gateway.handle(get(path, { method }));
      expect(response.status).toBe(403);
      expect(await response.text()).toBe('{"message":"Missing Authentication Token"}');
      expect(headersOf(trace.responseHeaders)).toMatchObject({
        'Content-Type': 'application/json',
        'Content-Length': '42',
        'x-amzn-ErrorType': 'MissingAuthenticationTokenException',
      });
      expect(trace.gatewayResponseType).toBe('MISSING_AUTHENTICATION_TOKEN');
      expect(invocations).toHaveLength(0);
    },
  );

  it('answers a body over 10 MB with 413 before routing (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html)', async () => {
    const { gateway, invocations } = gatewayFor(openApi({ '/items': ['POST'] }), () => ok({ statusCode: 200 }));
    const { response, trace } = await gateway.handle(
      get('/dev/items', { method: 'POST', body: new Uint8Array(10 * 1024 * 1024 + 1) }),
    );
    expect(response.status).toBe(413);
    expect(await response.text()).toBe('HTTP content length exceeded 10485760 bytes.');
    // As captured (https://github.com/koki-develop/lgtm-generator/issues/10): text, 44 bytes, no x-amzn-* headers.
    expect(trace.responseHeaders.map(([n]) => n)).toEqual(['Date', 'Content-Type', 'Content-Length', 'Connection']);
    expect(headersOf(trace.responseHeaders)).toMatchObject({
      'Content-Type': 'text; charset=utf-8',
      'Content-Length': '44',
    });
    expect(trace.gatewayResponseType).toBe('REQUEST_TOO_LARGE');
    expect(invocations).toHaveLength(0);
  });
});

describe('integration faults (https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html)', () => {
  it('answers a function error with 502 {"message": "Internal server error"} and keeps serving', async () => {
    let fail = true;
    const { gateway } = gatewayFor(openApi({ '/items': ['GET'] }), (): InvokeOutcome =>
      fail
        ? { kind: 'error', error: { errorType: 'KeyError', errorMessage: "'httpMethod'" }, logs: ['boom'] }
        : ok({ statusCode: 200, body: 'fine' }),
    );
    const first = await gateway.handle(get('/dev/items'));
    expect(first.response.status).toBe(502);
    expect(await first.response.text()).toBe('{"message": "Internal server error"}');
    expect(headersOf(first.trace.responseHeaders)).toMatchObject({
      'Content-Length': '36',
      'x-amzn-ErrorType': 'InternalServerErrorException',
    });
    expect(first.trace.errorDetail).toMatch(
      /^Lambda execution failed with status 200 due to customer function error: 'httpMethod'\. Lambda request id: [0-9a-f-]{36}$/,
    );
    expect(first.trace.integration?.outcome).toEqual({
      kind: 'error',
      error: { errorType: 'KeyError', errorMessage: "'httpMethod'" },
    });
    expect(first.trace.integration?.logs).toEqual(['boom']);
    fail = false;
    const second = await gateway.handle(get('/dev/items'));
    expect([second.response.status, await second.response.text()]).toEqual([200, 'fine']);
  });

  it('answers a malformed proxy result with 502 and says why', async () => {
    const { gateway } = gatewayFor(openApi({ '/items': ['GET'] }), () =>
      ok({ statusCode: 200, body: { not: 'a string' } }),
    );
    const { response, trace } = await gateway.handle(get('/dev/items'));
    expect(response.status).toBe(502);
    expect(await response.text()).toBe('{"message": "Internal server error"}');
    expect(trace.errorDetail).toMatch(/Malformed Lambda proxy response \("body" is a object, not a string\)/);
  });

  it('answers 504 {"message": "Endpoint request timed out"} after timeoutInMillis, aborts the invocation, and keeps serving', async () => {
    let hang = true;
    let signal: AbortSignal | undefined;
    const { gateway } = gatewayFor(openApi({ '/items': ['GET'] }, {}, 100), (inv: LambdaInvocation) => {
      signal = inv.signal;
      return hang ? new Promise<InvokeOutcome>(() => {}) : ok({ statusCode: 204 });
    });
    const started = Date.now();
    const { response, trace } = await gateway.handle(get('/dev/items'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    expect(response.status).toBe(504);
    expect(await response.text()).toBe('{"message": "Endpoint request timed out"}');
    expect(headersOf(trace.responseHeaders)).toMatchObject({
      'Content-Length': '41',
      'x-amzn-ErrorType': 'InternalServerErrorException',
    });
    expect(trace.gatewayResponseType).toBe('INTEGRATION_TIMEOUT');
    expect(signal?.aborted).toBe(true);
    hang = false;
    expect((await gateway.handle(get('/dev/items'))).response.status).toBe(204);
  });

  it('answers 500 when the function does not exist', async () => {
    const { gateway } = gatewayFor(openApi({ '/items': ['GET'] }), (): InvokeOutcome => ({
      kind: 'error',
      error: { errorType: 'ResourceNotFoundException', errorMessage: 'Function not found: fn' },
      logs: [],
    }));
    const { response, trace } = await gateway.handle(get('/dev/items'));
    expect([response.status, await response.text()]).toEqual([500, '{"message": "Internal server error"}']);
    expect(trace.gatewayResponseType).toBe('API_CONFIGURATION_ERROR');
  });

  it('answers 502 when the runner itself fails', async () => {
    const { gateway } = gatewayFor(openApi({ '/items': ['GET'] }), () => Promise.reject(new Error('worker crashed')));
    const { response, trace } = await gateway.handle(get('/dev/items'));
    expect(response.status).toBe(502);
    expect(trace.errorDetail).toMatch(/worker crashed/);
  });
});

describe('successful proxy responses', () => {
  it('adds the headers API Gateway adds, with Content-Type application/json when the function sets none', async () => {
    const { gateway } = gatewayFor(openApi({ '/items': ['GET'] }), () =>
      ok({ statusCode: 200, body: 'héllo', headers: { 'X-Custom': 'yes' } }),
    );
    const { response, trace } = await gateway.handle(get('/dev/items'));
    expect(trace.responseHeaders.map(([n]) => n)).toEqual([
      'Date',
      'Content-Type',
      'Content-Length',
      'Connection',
      'x-amzn-RequestId',
      'X-Custom',
      'x-amz-apigw-id',
      'X-Amzn-Trace-Id',
    ]);
    const h = headersOf(trace.responseHeaders);
    expect(h).toMatchObject({
      'Content-Type': 'application/json',
      'Content-Length': '6',
      Connection: 'keep-alive',
      'x-amzn-RequestId': trace.requestId,
      'x-amz-apigw-id': trace.extendedRequestId,
    });
    expect(h['X-Amzn-Trace-Id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Sampled=0$/);
    expect(h.Date).toBe(new Date(trace.requestTimeEpoch).toUTCString());
    expect(response.headers.get('x-custom')).toBe('yes');
    expect(await response.text()).toBe('héllo');
  });

  it('sends the function-s trace id back to the client (the same X-Amzn-Trace-Id as in the event)', async () => {
    const { gateway, invocations } = gatewayFor(openApi({ '/items': ['GET'] }), () => ok({ statusCode: 200 }));
    const { trace } = await gateway.handle(get('/dev/items'));
    const event = invocations[0]!.event as { headers: Record<string, string> };
    expect(headersOf(trace.responseHeaders)['X-Amzn-Trace-Id']).toBe(`${event.headers['X-Amzn-Trace-Id']};Sampled=0`);
  });

  it('remaps a Content-Length, Date or Connection the function sets', async () => {
    const { gateway } = gatewayFor(openApi({ '/items': ['GET'] }), () =>
      ok({ statusCode: 200, body: 'ab', headers: { 'Content-Length': '99', Date: 'x' } }),
    );
    const h = headersOf((await gateway.handle(get('/dev/items'))).trace.responseHeaders);
    expect(h).toMatchObject({
      'Content-Length': '2',
      'x-amzn-Remapped-Content-Length': '99',
      'x-amzn-Remapped-Date': 'x',
    });
  });

  // The response column of the header table in "Amazon API Gateway important notes for REST APIs"
  // (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html), lambda backend.
  it("remaps Authorization, Server, WWW-Authenticate and the others of AWS's table, drops hop-by-hop headers, passes the rest (important notes for REST APIs)", async () => {
    const fnHeaders = {
      Authorization: 'a',
      Server: 'fn',
      'WWW-Authenticate': 'Basic',
      'User-Agent': 'u',
      'Max-Forwards': '3',
      'Content-MD5': 'm',
      'Transfer-Encoding': 'chunked',
      Upgrade: 'h2c',
      Via: '1.1 proxy',
      Host: 'h',
      Trailer: 't',
      TE: 'trailers',
      Expect: '100-continue',
      'Proxy-Authenticate': 'p',
      'Cache-Control': 'no-store',
      'Content-Encoding': 'identity',
      'x-amzn-RequestId': 'fn-id',
    };
    const { gateway } = gatewayFor(openApi({ '/items': ['GET'] }), () =>
      ok({ statusCode: 200, body: 'ab', headers: fnHeaders }),
    );
    const { trace } = await gateway.handle(get('/dev/items'));
    const names = trace.responseHeaders.map(([n]) => n);
    for (const n of ['Authorization', 'Server', 'WWW-Authenticate', 'User-Agent', 'Max-Forwards', 'Content-MD5'])
      expect(names).toContain(`x-amzn-Remapped-${n}`);
    for (const n of [
      'Transfer-Encoding',
      'Upgrade',
      'Via',
      'Host',
      'Trailer',
      'TE',
      'Expect',
      'Proxy-Authenticate',
      'Authorization',
      'Server',
    ])
      expect(names).not.toContain(n);
    expect(headersOf(trace.responseHeaders)).toMatchObject({
      'Cache-Control': 'no-store',
      'Content-Encoding': 'identity',
    });
  });

  it('decodes an isBase64Encoded body when binary support applies, and passes it as text otherwise', async () => {
    const result = {
      statusCode: 200,
      body: 'AP8BgA==',
      isBase64Encoded: true,
      headers: { 'Content-Type': 'image/png' },
    };
    const binary = gatewayFor(
      openApi({ '/img': ['GET'] }, { 'x-amazon-apigateway-binary-media-types': ['image/png'] }),
      () => ok(result),
    );
    const r1 = await binary.gateway.handle(get('/dev/img', { headers: { Accept: 'image/png' } }));
    expect(new Uint8Array(await r1.response.arrayBuffer())).toEqual(new Uint8Array([0, 255, 1, 128]));
    const text = gatewayFor(openApi({ '/img': ['GET'] }), () => ok(result));
    const r2 = await text.gateway.handle(get('/dev/img'));
    expect(await r2.response.text()).toBe('AP8BgA==');
  });

  it('leaves a base64 body as text for a client whose first Accept type is not binary, even if the function says image/png (binary media types for REST APIs)', async () => {
    const result = {
      statusCode: 200,
      body: 'AP8BgA==',
      isBase64Encoded: true,
      headers: { 'Content-Type': 'image/png' },
    };
    const { gateway } = gatewayFor(
      openApi({ '/img': ['GET'] }, { 'x-amazon-apigateway-binary-media-types': ['image/png'] }),
      () => ok(result),
    );
    const browser = await gateway.handle(get('/dev/img', { headers: { Accept: 'text/html,image/png;q=0.9' } }));
    expect(await browser.response.text()).toBe('AP8BgA==');
    const png = await gateway.handle(get('/dev/img', { headers: { Accept: 'image/png,text/html' } }));
    expect(new Uint8Array(await png.response.arrayBuffer())).toEqual(new Uint8Array([0, 255, 1, 128]));
  });

  it('answers 500 when an isBase64Encoded body does not decode', async () => {
    const { gateway } = gatewayFor(
      openApi({ '/img': ['GET'] }, { 'x-amazon-apigateway-binary-media-types': ['*/*'] }),
      () => ok({ statusCode: 200, body: '%%%', isBase64Encoded: true }),
    );
    expect((await gateway.handle(get('/dev/img', { headers: { Accept: '*/*' } }))).response.status).toBe(500);
  });

  it('sends no body with a 204', async () => {
    const { gateway } = gatewayFor(openApi({ '/items': ['GET'] }), () => ok({ statusCode: 204 }));
    const { response, trace } = await gateway.handle(get('/dev/items'));
    expect(response.status).toBe(204);
    expect(headersOf(trace.responseHeaders)['Content-Length']).toBe('0');
  });
});

describe('deployments and stages (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-deployments.html)', () => {
  it('serves each stage from its own immutable deployment snapshot', async () => {
    const gateway = new RestGateway({
      invoke: async (inv) => ok({ statusCode: 200, body: (inv.event as { resource: string }).resource }),
    });
    const api = importOpenApi(openApi({ '/items': ['GET'] }));
    const v1 = gateway.deploy(api, 'v1');
    gateway.putStage({ name: 'prod', deploymentId: v1.id });
    api.resources.push({
      id: 'new123',
      path: '/orders',
      methods: { GET: api.resources.find((r) => r.path === '/items')!.methods.GET! },
    });
    const v2 = gateway.deploy(api, 'v2');
    gateway.putStage({ name: 'dev', deploymentId: v2.id, variables: { v: '2' } });
    expect(v1.id).not.toBe(v2.id);
    expect((await gateway.handle(get('/dev/orders'))).response.status).toBe(200);
    expect((await gateway.handle(get('/prod/orders'))).response.status).toBe(403);
    expect(Object.isFrozen(v1.api.resources)).toBe(true);
  });
  it('rejects a stage that names no deployment or has an invalid name', () => {
    const gateway = new RestGateway({ invoke: async () => ok({}) });
    expect(() => gateway.putStage({ name: 'dev', deploymentId: 'nope' })).toThrow(/no deployment/);
    const d = gateway.deploy(importOpenApi(openApi({ '/a': ['GET'] })));
    expect(() => gateway.putStage({ name: 'bad stage', deploymentId: d.id })).toThrow(/invalid stage name/);
  });
});
