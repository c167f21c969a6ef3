import { describe, expect, it } from 'vitest';
import { RestGateway, importOpenApi, type LambdaInvocation } from '../../../../src/emulator/index.js';
import type { StageCacheInput } from '../../../../src/emulator/rest/stage-cache/settings.js';
import { ok, URL_BASE } from '../../helpers.js';

/**
 * The REST stage cache through RestGateway.handle, on a clock the test moves.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html
 */

const CACHING = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html';
const FN_URI =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:fn/invocations';

function integration(cacheKeyParameters?: string[]) {
  return {
    'x-amazon-apigateway-integration': {
      type: 'aws_proxy',
      httpMethod: 'POST',
      uri: FN_URI,
      ...(cacheKeyParameters ? { cacheKeyParameters } : {}),
    },
  };
}

const DOC = {
  openapi: '3.0.1',
  info: { title: 'Cached', version: '1' },
  paths: {
    '/items': { get: integration(['method.request.querystring.id']), post: integration() },
    '/items/{id}': {
      get: {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        ...integration(['method.request.path.id']),
      },
    },
    '/plain': { get: integration() },
  },
};

const ON: StageCacheInput = {
  cacheClusterEnabled: true,
  cacheClusterSize: '0.5',
  methodSettings: { '*/*': { cachingEnabled: true } },
};

/** A gateway whose function answers a counter, its stage `dev` with `stage` cache settings. */
function setup(stage: StageCacheInput = ON) {
  let now = Date.UTC(2026, 11, 4, 9, 0, 0);
  const invocations: LambdaInvocation[] = [];
  const gateway = new RestGateway({
    invoke: async (inv) => (invocations.push(inv), ok({ statusCode: 200, body: `answer ${invocations.length}` })),
    now: () => now,
  });
  const deployment = gateway.deploy(importOpenApi(DOC, { apiId: 'abc123defg' }));
  gateway.putStage({ name: 'dev', deploymentId: deployment.id, ...stage });
  const send = async (path: string, init: RequestInit = {}) => {
    const result = await gateway.handle(new Request(`${URL_BASE}/dev${path}`, init));
    return { result, text: await result.response.text() };
  };
  return { gateway, invocations, send, advance: (seconds: number) => void (now += seconds * 1000) };
}

describe(`the stage cache (${CACHING})`, () => {
  it('a miss calls the function; the same GET again is a hit answered from the cache without calling it', async () => {
    const { send, invocations } = setup();
    const first = await send('/plain');
    expect(first.text).toBe('answer 1');
    expect(first.result.trace.cache).toEqual({ status: 'miss', ttlSeconds: 300 });
    const second = await send('/plain');
    expect(second.text).toBe('answer 1');
    expect(second.result.response.status).toBe(200);
    expect(second.result.trace.cache).toEqual({ status: 'hit', ttlSeconds: 300 });
    expect(second.result.trace.integration).toBeNull();
    expect(invocations).toHaveLength(1);
    // The hit carries its own request id, not the cached one.
    const firstId = first.result.response.headers.get('x-amzn-requestid');
    expect(second.result.response.headers.get('x-amzn-requestid')).toBe(second.result.trace.requestId);
    expect(second.result.trace.requestId).not.toBe(firstId);
    expect(second.result.response.headers.get('content-type')).toBe(first.result.response.headers.get('content-type'));
  });

  it('"The default TTL value for API caching is 300 seconds": an entry answers until then, and is fetched again after', async () => {
    const { send, invocations, advance } = setup();
    await send('/plain');
    advance(299);
    expect((await send('/plain')).text).toBe('answer 1');
    advance(1);
    const after = await send('/plain');
    expect(after.text).toBe('answer 2');
    expect(after.result.trace.cache?.status).toBe('miss');
    expect(invocations).toHaveLength(2);
  });

  it('a method override sets its own cacheTtlInSeconds', async () => {
    const { send, advance } = setup({
      ...ON,
      methodSettings: { '*/*': { cachingEnabled: true }, '~1plain/GET': { cacheTtlInSeconds: 10 } },
    });
    await send('/plain');
    advance(9);
    expect((await send('/plain')).text).toBe('answer 1');
    advance(1);
    expect((await send('/plain')).text).toBe('answer 2');
  });

  it('cacheKeyParameters separate entries: a query string parameter in the key, another one not', async () => {
    const { send, invocations } = setup();
    expect((await send('/items?id=1')).text).toBe('answer 1');
    expect((await send('/items?id=2')).text).toBe('answer 2');
    expect((await send('/items?id=1&other=x')).text).toBe('answer 1');
    expect(invocations).toHaveLength(2);
  });

  it('cacheKeyParameters separate entries: a path parameter', async () => {
    const { send } = setup();
    expect((await send('/items/a')).text).toBe('answer 1');
    expect((await send('/items/b')).text).toBe('answer 2');
    expect((await send('/items/a')).text).toBe('answer 1');
  });

  it('a method without cacheKeyParameters shares one entry whatever the query string', async () => {
    const { send } = setup();
    expect((await send('/plain?x=1')).text).toBe('answer 1');
    expect((await send('/plain?x=2')).text).toBe('answer 1');
  });

  it('"only GET methods have caching enabled by default": POST is not cached under */*', async () => {
    const { send, invocations } = setup();
    await send('/items', { method: 'POST', body: '{}' });
    const again = await send('/items', { method: 'POST', body: '{}' });
    expect(again.text).toBe('answer 2');
    expect(again.result.trace.cache).toBeUndefined();
    expect(invocations).toHaveLength(2);
  });

  it('"You can enable caching for other methods by overriding method settings": POST cached by its own entry', async () => {
    const { send } = setup({
      ...ON,
      methodSettings: { ...ON.methodSettings, '~1items/POST': { cachingEnabled: true } },
    });
    await send('/items', { method: 'POST', body: '{}' });
    expect((await send('/items', { method: 'POST', body: '{}' })).text).toBe('answer 1');
  });

  it('nothing is cached without cacheClusterEnabled, or with cachingEnabled off, or with "TTL=0"', async () => {
    for (const stage of [
      { methodSettings: { '*/*': { cachingEnabled: true } } },
      { cacheClusterEnabled: true },
      { cacheClusterEnabled: true, methodSettings: { '*/*': { cachingEnabled: true, cacheTtlInSeconds: 0 } } },
    ]) {
      const { send, invocations } = setup(stage);
      await send('/plain');
      const again = await send('/plain');
      expect(again.text).toBe('answer 2');
      expect(again.result.trace.cache).toBeUndefined();
      expect(invocations).toHaveLength(2);
    }
  });

  it('Cache-Control: max-age=0 invalidates the entry when authorization is not required', async () => {
    const { send, invocations } = setup({
      ...ON,
      methodSettings: { '*/*': { cachingEnabled: true, requireAuthorizationForCacheControl: false } },
    });
    await send('/plain');
    const fresh = await send('/plain', { headers: { 'Cache-Control': 'max-age=0' } });
    expect(fresh.text).toBe('answer 2');
    expect(fresh.result.trace.cache?.status).toBe('invalidated');
    // The new answer is the cached one from then on.
    expect((await send('/plain')).text).toBe('answer 2');
    expect(invocations).toHaveLength(2);
  });

  it('an unauthorized Cache-Control: max-age=0 under FAIL_WITH_403 is refused 403 (body assumed) and the entry kept', async () => {
    const { send, invocations } = setup({
      ...ON,
      methodSettings: {
        '*/*': {
          cachingEnabled: true,
          requireAuthorizationForCacheControl: true,
          unauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403',
        },
      },
    });
    await send('/plain');
    const refused = await send('/plain', { headers: { 'Cache-Control': 'max-age=0' } });
    expect(refused.result.response.status).toBe(403);
    expect(refused.text).toBe('{"message":"Forbidden"}');
    expect(refused.result.response.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect((await send('/plain')).text).toBe('answer 1');
    expect(invocations).toHaveLength(1);
  });

  it('an unauthorized Cache-Control: max-age=0 under SUCCEED_WITHOUT_RESPONSE_HEADER is ignored: the cached answer', async () => {
    const { send, invocations } = setup({
      ...ON,
      methodSettings: {
        '*/*': { cachingEnabled: true, unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITHOUT_RESPONSE_HEADER' },
      },
    });
    await send('/plain');
    const ignored = await send('/plain', { headers: { 'Cache-Control': 'max-age=0' } });
    expect(ignored.result.response.status).toBe(200);
    expect(ignored.text).toBe('answer 1');
    expect(invocations).toHaveLength(1);
  });

  it('flushStageCache empties the stage cache (FlushStageCache)', async () => {
    const { gateway, send, invocations } = setup();
    await send('/plain');
    await send('/items/a');
    gateway.flushStageCache('dev');
    expect((await send('/plain')).text).toBe('answer 3');
    expect((await send('/items/a')).text).toBe('answer 4');
    expect(invocations).toHaveLength(4);
  });

  it('a gateway error is not cached: a hit needs a method response', async () => {
    const { send, invocations } = setup();
    const missing = await send('/nowhere');
    expect(missing.result.response.status).toBe(403);
    expect(missing.result.trace.cache).toBeUndefined();
    expect(invocations).toHaveLength(0);
  });

  it('putStage refuses a TTL above "The maximum TTL value is 3600 seconds", naming the field', () => {
    const { gateway } = setup();
    const deploymentId = gateway.deploymentOf('dev')!.id;
    expect(() =>
      gateway.putStage({
        name: 'dev',
        deploymentId,
        cacheClusterEnabled: true,
        methodSettings: { '*/*': { cachingEnabled: true, cacheTtlInSeconds: 3601 } },
      }),
    ).toThrow('methodSettings["*/*"].cacheTtlInSeconds must be an integer from 0 to 3600 (it is 3601)');
  });
});
