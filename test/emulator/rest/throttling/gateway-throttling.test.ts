import { describe, expect, it } from 'vitest';
import { RestGateway, importOpenApi, type LambdaInvocation } from '../../../../src/emulator/index.js';
import { ok, URL_BASE } from '../../helpers.js';

/**
 * Stage, method and account throttling through RestGateway.handle, on a clock the test steps.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
 */
const THROTTLING = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html';
const KEY = 'alice-key-0123456789abcdef';
const FN_URI =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:fn/invocations';
const proxy = { 'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: FN_URI } };

function doc(extra: Record<string, unknown> = {}) {
  return {
    openapi: '3.0.1',
    info: { title: 'Throttled', version: '1' },
    paths: {
      '/pets': { get: proxy, post: proxy },
      '/pets/{petId}': { get: proxy },
      '/keyed': { get: { ...proxy, security: [{ api_key: [] }] } },
    },
    components: { securitySchemes: { api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' } } },
    ...extra,
  };
}

function setup(methodSettings: Record<string, unknown> | undefined, definition: unknown = doc()) {
  let now = Date.UTC(2026, 11, 4, 9, 0, 0);
  const invocations: LambdaInvocation[] = [];
  const gateway = new RestGateway({
    invoke: async (inv) => (invocations.push(inv), ok({ statusCode: 200, body: 'ok' })),
    now: () => now,
  });
  const deployment = gateway.deploy(importOpenApi(definition, { apiId: 'abc123defg' }));
  gateway.putStage({ name: 'dev', deploymentId: deployment.id, methodSettings });
  const send = async (path: string, method = 'GET', headers: Record<string, string> = {}) =>
    (await gateway.handle(new Request(`${URL_BASE}/dev${path}`, { method, headers }))).response;
  const statuses = async (n: number, path: string, method = 'GET', headers: Record<string, string> = {}) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await send(path, method, headers)).status);
    return out;
  };
  return { gateway, deployment, invocations, send, statuses, advance: (ms: number) => void (now += ms) };
}

describe(`stage throttling, methodSettings "*/*" (${THROTTLING})`, () => {
  it('the burst passes, then 429 {"message":"Too Many Requests"} THROTTLED without calling the function', async () => {
    const { send, statuses, invocations } = setup({ '*/*': { throttlingRateLimit: 1, throttlingBurstLimit: 2 } });
    expect(await statuses(2, '/pets')).toEqual([200, 200]);
    const throttled = await send('/pets');
    expect(throttled.status).toBe(429);
    expect(await throttled.text()).toBe('{"message":"Too Many Requests"}');
    expect(throttled.headers.get('content-type')).toBe('application/json');
    expect(throttled.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException');
    expect(invocations).toHaveLength(2);
  });

  it('the bucket refills at the rate limit', async () => {
    const { statuses, advance } = setup({ '*/*': { throttlingRateLimit: 2, throttlingBurstLimit: 2 } });
    expect(await statuses(3, '/pets')).toEqual([200, 200, 429]);
    advance(499);
    expect(await statuses(1, '/pets')).toEqual([429]);
    advance(1);
    expect(await statuses(2, '/pets')).toEqual([200, 429]);
    advance(5_000);
    expect(await statuses(3, '/pets')).toEqual([200, 200, 429]);
  });

  it('each method has its own bucket of the stage limits', async () => {
    const { statuses } = setup({ '*/*': { throttlingRateLimit: 1, throttlingBurstLimit: 1 } });
    expect(await statuses(2, '/pets')).toEqual([200, 429]);
    expect(await statuses(2, '/pets', 'POST')).toEqual([200, 429]);
    expect(await statuses(2, '/pets/7')).toEqual([200, 429]);
  });

  it('a stage without methodSettings is not throttled', async () => {
    const { statuses } = setup(undefined);
    expect(await statuses(50, '/pets')).toEqual(Array(50).fill(200));
  });
});

describe(`a method's own setting (~1 for / in the key) overrides "*/*" (${THROTTLING})`, () => {
  it('the overridden method throttles at its own burst, the others at the stage one', async () => {
    const { statuses } = setup({
      '*/*': { throttlingRateLimit: 1, throttlingBurstLimit: 1 },
      '~1pets~1{petId}/GET': { throttlingRateLimit: 1, throttlingBurstLimit: 3 },
    });
    expect(await statuses(4, '/pets/1')).toEqual([200, 200, 200, 429]);
    expect(await statuses(2, '/pets')).toEqual([200, 429]);
  });

  it('a method setting on a stage without "*/*" throttles only that method', async () => {
    const { statuses } = setup({ '~1pets/POST': { throttlingRateLimit: 1, throttlingBurstLimit: 1 } });
    expect(await statuses(2, '/pets', 'POST')).toEqual([200, 429]);
    expect(await statuses(5, '/pets')).toEqual(Array(5).fill(200));
  });

  it('bad settings: putStage throws naming the field, and the stage keeps serving as before', async () => {
    const { gateway, deployment, statuses } = setup({ '*/*': { throttlingRateLimit: 1, throttlingBurstLimit: 1 } });
    expect(() =>
      gateway.putStage({
        name: 'dev',
        deploymentId: deployment.id,
        methodSettings: { '~1pets/GET': { throttlingBurstLimit: 'many' } },
      }),
    ).toThrow('methodSettings["~1pets/GET"].throttlingBurstLimit: expected a number');
    expect(await statuses(2, '/pets')).toEqual([200, 429]);
  });
});

describe('the THROTTLED gateway response can be customised (https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html)', () => {
  it('its status, template and headers apply to a stage throttle', async () => {
    const { send, statuses } = setup(
      { '*/*': { throttlingRateLimit: 1, throttlingBurstLimit: 1 } },
      doc({
        'x-amazon-apigateway-gateway-responses': {
          THROTTLED: {
            statusCode: 503,
            responseParameters: { 'gatewayresponse.header.Retry-After': "'1'" },
            responseTemplates: { 'application/json': '{"error":"$context.error.responseType"}' },
          },
        },
      }),
    );
    expect(await statuses(1, '/pets')).toEqual([200]);
    const throttled = await send('/pets');
    expect(throttled.status).toBe(503);
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(await throttled.text()).toBe('{"error":"THROTTLED"}');
  });
});

describe(`the order AWS applies limits: per-client (usage plan), per-method, account (${THROTTLING})`, () => {
  it("the usage plan's throttle refuses first, and its refusals take no token from the method's bucket", async () => {
    const { gateway, statuses, advance } = setup({ '*/*': { throttlingRateLimit: 0.001, throttlingBurstLimit: 2 } });
    const key = gateway.putApiKey({ id: 'k1', name: 'alice', value: KEY, enabled: true });
    gateway.putUsagePlan({
      name: 'basic',
      apiStages: [{ apiId: 'abc123defg', stage: 'dev' }],
      throttle: { rateLimit: 1, burstLimit: 1 },
    });
    gateway.putUsagePlanKey('basic', key.id);
    const withKey = { 'x-api-key': KEY };
    // one passes the plan and the method; the plan refuses the next three, which leave the method's bucket alone
    expect(await statuses(4, '/keyed', 'GET', withKey)).toEqual([200, 429, 429, 429]);
    advance(1000); // the plan's bucket refills one token; the method's (0.001 rps) would not have
    expect(await statuses(2, '/keyed', 'GET', withKey)).toEqual([200, 429]);
  });

  it('the account limit (opt-in; 10,000 rps, burst 5,000 by default) applies after the method limits', async () => {
    const { gateway, statuses, advance } = setup({
      '~1pets/POST': { throttlingRateLimit: 1, throttlingBurstLimit: 1 },
    });
    gateway.setAccountThrottle({ rateLimit: 1, burstLimit: 2 });
    expect(await statuses(1, '/pets', 'POST')).toEqual([200]);
    expect(await statuses(1, '/pets', 'POST')).toEqual([429]); // the method's bucket: the account keeps its token
    expect(await statuses(2, '/pets')).toEqual([200, 429]); // the account's
    advance(1000);
    expect(await statuses(2, '/pets/3')).toEqual([200, 429]);
    gateway.setAccountThrottle(null);
    expect(await statuses(3, '/pets/3')).toEqual([200, 200, 200]);
  });
});
