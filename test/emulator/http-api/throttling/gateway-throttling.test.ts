import { describe, expect, it } from 'vitest';
import { HttpApiGateway, importHttpApi } from '../../../../src/emulator/http-api/index.js';
import type { LambdaInvocation } from '../../../../src/emulator/index.js';
import { httpApiDoc, ok, URL_BASE } from '../helpers.js';

/**
 * Route, stage-default and account throttling through HttpApiGateway.handle, on a clock the test steps.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html
 */
const THROTTLING = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html';
const ROUTES = ['GET /items', 'POST /items', 'GET /items/{id}', '$default'];

type StageInput = Parameters<HttpApiGateway['putStage']>[0];

function setup(settings: Pick<StageInput, 'defaultRouteSettings' | 'routeSettings'> = {}, stage = '$default') {
  let now = Date.UTC(2026, 11, 4, 9, 0, 0);
  const invocations: LambdaInvocation[] = [];
  const gateway = new HttpApiGateway({
    invoke: async (inv) => (invocations.push(inv), ok({ statusCode: 200, body: 'ok' })),
    now: () => now,
  });
  const deployment = gateway.deploy(importHttpApi(httpApiDoc(ROUTES), { apiId: 'abc123defg' }));
  gateway.putStage({ name: stage, deploymentId: deployment.id, ...settings });
  const prefix = stage === '$default' ? '' : `/${stage}`;
  const send = async (path: string, method = 'GET') =>
    gateway.handle(new Request(`${URL_BASE}${prefix}${path}`, { method }));
  const statuses = async (n: number, path: string, method = 'GET') => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await send(path, method)).response.status);
    return out;
  };
  return { gateway, deployment, invocations, send, statuses, advance: (ms: number) => void (now += ms) };
}

describe(`HTTP API stage default route throttling, defaultRouteSettings (${THROTTLING})`, () => {
  it('the burst passes, then HTTP APIs\' 429 {"message":"Too Many Requests"}, without calling the function', async () => {
    const { send, statuses, invocations } = setup({
      defaultRouteSettings: { throttlingBurstLimit: 2, throttlingRateLimit: 1 },
    });
    expect(await statuses(2, '/items')).toEqual([200, 200]);
    const { response, trace } = await send('/items');
    expect(response.status).toBe(429);
    expect(await response.text()).toBe('{"message":"Too Many Requests"}');
    // The headers HTTP APIs' own errors carry (steps/gateway-response.ts): no x-amzn-ErrorType, unlike REST's.
    expect(trace.responseHeaders.map(([name]) => name)).toEqual([
      'Date',
      'Content-Type',
      'Content-Length',
      'Connection',
      'Apigw-Requestid',
    ]);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(trace.responseHeaders[2]).toEqual(['Content-Length', '31']);
    expect(response.headers.get('x-amzn-errortype')).toBeNull();
    expect(trace.gatewayResponseType).toBe('THROTTLED');
    expect(trace.errorDetail).toBe("the stage's throttle for route GET /items is exhausted");
    expect(invocations).toHaveLength(2);
  });

  it('the bucket refills at the rate limit (token bucket: 1 request per second)', async () => {
    const { statuses, advance } = setup({ defaultRouteSettings: { throttlingBurstLimit: 1, throttlingRateLimit: 1 } });
    expect(await statuses(2, '/items')).toEqual([200, 429]);
    advance(999);
    expect(await statuses(1, '/items')).toEqual([429]);
    advance(1);
    expect(await statuses(2, '/items')).toEqual([200, 429]);
  });

  it('each route has its own bucket with the default limits (the $default route too)', async () => {
    const { statuses } = setup({ defaultRouteSettings: { throttlingBurstLimit: 1, throttlingRateLimit: 1 } });
    expect(await statuses(2, '/items')).toEqual([200, 429]);
    expect(await statuses(2, '/items', 'POST')).toEqual([200, 429]);
    // GET /items/{id}: one route, one bucket, whatever the id.
    expect([...(await statuses(1, '/items/1')), ...(await statuses(1, '/items/2'))]).toEqual([200, 429]);
    expect(await statuses(2, '/anything/else')).toEqual([200, 429]);
  });

  it('a request that matches no route is 404, not throttled (routing comes first)', async () => {
    const gateway = new HttpApiGateway({ invoke: async () => ok({ statusCode: 200, body: 'ok' }) });
    const d = gateway.deploy(importHttpApi(httpApiDoc(['GET /items']), { apiId: 'abc123defg' }));
    gateway.putStage({ name: '$default', deploymentId: d.id, defaultRouteSettings: { throttlingBurstLimit: 0 } });
    expect((await gateway.handle(new Request(`${URL_BASE}/nope`))).response.status).toBe(404);
    expect((await gateway.handle(new Request(`${URL_BASE}/items`))).response.status).toBe(429);
  });
});

describe(`HTTP API route throttling, routeSettings keyed by route key (${THROTTLING})`, () => {
  it("a route's own setting overrides the stage's default route settings", async () => {
    const { statuses } = setup({
      defaultRouteSettings: { throttlingBurstLimit: 1, throttlingRateLimit: 1 },
      routeSettings: { 'GET /items': { throttlingBurstLimit: 3, throttlingRateLimit: 1 } },
    });
    expect(await statuses(4, '/items')).toEqual([200, 200, 200, 429]);
    expect(await statuses(2, '/items', 'POST')).toEqual([200, 429]);
  });

  it('routes without a setting are not throttled when the stage has no default', async () => {
    const { statuses, send } = setup({
      routeSettings: { 'POST /items': { throttlingBurstLimit: 0, throttlingRateLimit: 0 } },
    });
    expect(await statuses(5, '/items')).toEqual([200, 200, 200, 200, 200]);
    const { response, trace } = await send('/items', 'POST');
    expect([response.status, trace.errorDetail]).toEqual([
      429,
      "the stage's throttle for route POST /items is exhausted",
    ]);
  });

  it('a route setting with one limit takes the other from the default route settings', async () => {
    const { statuses, advance } = setup({
      defaultRouteSettings: { throttlingBurstLimit: 5, throttlingRateLimit: 1 },
      routeSettings: { 'GET /items': { throttlingBurstLimit: 1 } },
    });
    expect(await statuses(2, '/items')).toEqual([200, 429]);
    advance(1000);
    expect(await statuses(2, '/items')).toEqual([200, 429]);
  });

  it('a named stage is throttled by its own settings; other stages are not', async () => {
    const { gateway, deployment, statuses } = setup(
      { routeSettings: { 'GET /items': { throttlingBurstLimit: 1, throttlingRateLimit: 1 } } },
      'prod',
    );
    gateway.putStage({ name: 'dev', deploymentId: deployment.id });
    expect(await statuses(2, '/items')).toEqual([200, 429]);
    for (let i = 0; i < 3; i++)
      expect((await gateway.handle(new Request(`${URL_BASE}/dev/items`))).response.status).toBe(200);
  });

  it('putting the stage again refills its buckets; putting it without settings lifts the throttle', async () => {
    const { gateway, deployment, statuses } = setup({
      defaultRouteSettings: { throttlingBurstLimit: 1, throttlingRateLimit: 1 },
    });
    expect(await statuses(2, '/items')).toEqual([200, 429]);
    gateway.putStage({
      name: '$default',
      deploymentId: deployment.id,
      defaultRouteSettings: { throttlingBurstLimit: 1, throttlingRateLimit: 1 },
    });
    expect(await statuses(2, '/items')).toEqual([200, 429]);
    gateway.putStage({ name: '$default', deploymentId: deployment.id });
    expect(await statuses(3, '/items')).toEqual([200, 200, 200]);
  });
});

describe('HttpApiGateway.putStage refuses bad route settings, naming the field, and keeps the stage as it was', () => {
  const cases: [string, Pick<StageInput, 'defaultRouteSettings' | 'routeSettings'>, string][] = [
    [
      'a rate that is no number',
      { defaultRouteSettings: { throttlingRateLimit: 'fast' as unknown as number } },
      'defaultRouteSettings.throttlingRateLimit: expected a number (got "fast")',
    ],
    [
      'a key that is no route key',
      { routeSettings: { '/items': { throttlingBurstLimit: 1 } } },
      'routeSettings["/items"]: expected a route key such as "GET /items", "ANY /{proxy+}" or "$default"',
    ],
    [
      'a route the API does not have',
      { routeSettings: { 'DELETE /items': { throttlingBurstLimit: 1 } } },
      'routeSettings["DELETE /items"]: the API has no route "DELETE /items" (its routes: GET /items, POST /items, GET /items/{id}, $default)',
    ],
    [
      'an unknown field of a route setting',
      { routeSettings: { 'GET /items': { throttlingBurst: 1 } as never } },
      'routeSettings["GET /items"]: unknown field "throttlingBurst"',
    ],
    ['a setting that is no object', { defaultRouteSettings: 5 as never }, 'defaultRouteSettings: expected an object'],
  ];
  for (const [what, settings, message] of cases) {
    it(what, async () => {
      const { gateway, deployment, statuses } = setup({
        defaultRouteSettings: { throttlingBurstLimit: 1, throttlingRateLimit: 1 },
      });
      expect(() => gateway.putStage({ name: '$default', deploymentId: deployment.id, ...settings })).toThrow(message);
      expect(await statuses(2, '/items')).toEqual([200, 429]);
    });
  }
});

describe(`HTTP API account-level throttling (${THROTTLING}; https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html)`, () => {
  it("is off until setAccountThrottle; by default AWS's 10,000 requests per second, burst 5,000", async () => {
    const { gateway, statuses } = setup();
    expect(await statuses(20, '/items')).not.toContain(429);
    gateway.setAccountThrottle();
    let passed = 0;
    for (;;) {
      const { response } = await gateway.handle(new Request(`${URL_BASE}/items`));
      if (response.status === 429) {
        expect(await response.text()).toBe('{"message":"Too Many Requests"}');
        break;
      }
      passed++;
    }
    expect(passed).toBe(5_000);
  });

  it('is shared by every route and stage; the route bucket is taken from first', async () => {
    const { gateway, deployment, send, statuses, advance } = setup({
      routeSettings: { 'POST /items': { throttlingBurstLimit: 0, throttlingRateLimit: 0 } },
    });
    gateway.putStage({ name: 'dev', deploymentId: deployment.id });
    gateway.setAccountThrottle({ rateLimit: 1, burstLimit: 2 });
    // A request refused by its route takes no account token.
    expect((await send('/items', 'POST')).trace.errorDetail).toBe(
      "the stage's throttle for route POST /items is exhausted",
    );
    expect(await statuses(1, '/items')).toEqual([200]);
    expect((await gateway.handle(new Request(`${URL_BASE}/dev/items/7`))).response.status).toBe(200);
    const { response, trace } = await send('/anything');
    expect([response.status, trace.errorDetail]).toEqual([429, "the account's throttle is exhausted"]);
    advance(1000);
    expect(await statuses(2, '/items')).toEqual([200, 429]);
    gateway.setAccountThrottle(null);
    expect(await statuses(3, '/items')).toEqual([200, 200, 200]);
  });
});
