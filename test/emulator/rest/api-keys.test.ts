import { describe, expect, it } from 'vitest';
import { RestGateway, exportOpenApi, importOpenApi, type LambdaInvocation } from '../../../src/emulator/index.js';
import { ok, URL_BASE } from '../helpers.js';

/**
 * API keys and usage plans through RestGateway.handle.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
 */

const KEY = 'alice-key-0123456789abcdef';
const FN_URI =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:fn/invocations';
const proxy = { 'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: FN_URI } };

function doc(extra: Record<string, unknown> = {}, paths: Record<string, unknown> = {}) {
  return {
    openapi: '3.0.1',
    info: { title: 'Keys', version: '1' },
    paths: {
      '/items': { get: { ...proxy, security: [{ api_key: [] }] } },
      '/open': { get: proxy },
      ...paths,
    },
    components: { securitySchemes: { api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' } } },
    ...extra,
  };
}

/** A gateway on `dev` with KEY (id `k1`) in plan `basic`, on a clock the test moves. */
function setup(
  plan: { throttle?: { rateLimit: number; burstLimit: number }; quota?: { limit: number; period: 'DAY' } } = {},
  definition: unknown = doc(),
) {
  let now = Date.UTC(2026, 11, 3, 9, 0, 0);
  const invocations: LambdaInvocation[] = [];
  const gateway = new RestGateway({
    invoke: async (inv) => (invocations.push(inv), ok({ statusCode: 200, body: 'ok' })),
    now: () => now,
  });
  const deployment = gateway.deploy(importOpenApi(definition, { apiId: 'abc123defg' }));
  gateway.putStage({ name: 'dev', deploymentId: deployment.id });
  const key = gateway.putApiKey({ id: 'k1', name: 'alice', value: KEY, enabled: true });
  gateway.putUsagePlan({ name: 'basic', apiStages: [{ apiId: 'abc123defg', stage: 'dev' }], ...plan });
  gateway.putUsagePlanKey('basic', key.id);
  const get = (path: string, headers: Record<string, string> = {}) =>
    gateway.handle(new Request(`${URL_BASE}/dev${path}`, { headers }));
  return { gateway, invocations, get, advance: (ms: number) => void (now += ms) };
}

describe('a method with apiKeyRequired (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html)', () => {
  it('without a key: 403 {"message":"Forbidden"}, x-amzn-ErrorType ForbiddenException, and no call to the function', async () => {
    const { get, invocations } = setup();
    const { response, trace } = await get('/items');
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('{"message":"Forbidden"}');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-amzn-errortype')).toBe('ForbiddenException');
    expect(trace.gatewayResponseType).toBe('INVALID_API_KEY');
    expect(invocations).toHaveLength(0);
  });

  it("with the key: 200, and the proxy event carries identity.apiKey and apiKeyId (in the identity's alphabetical order)", async () => {
    const { get, invocations } = setup();
    const { response } = await get('/items', { 'x-api-key': KEY });
    expect(response.status).toBe(200);
    const identity = (invocations[0]!.event as { requestContext: { identity: Record<string, unknown> } }).requestContext
      .identity;
    expect(identity.apiKey).toBe(KEY);
    expect(identity.apiKeyId).toBe('k1');
    const names = Object.keys(identity);
    expect(names).toEqual([...names].sort());
  });

  it('a method without apiKeyRequired needs no key, and its event has no apiKey fields', async () => {
    const { get, invocations } = setup();
    expect((await get('/open')).response.status).toBe(200);
    const identity = (invocations[0]!.event as { requestContext: { identity: Record<string, unknown> } }).requestContext
      .identity;
    expect('apiKey' in identity).toBe(false);
  });

  it('a key in no plan of this stage is refused, a disabled key too', async () => {
    const { gateway, get } = setup();
    gateway.putApiKey({ id: 'k2', value: 'bob-key-0123456789abcdefgh', enabled: true });
    expect((await get('/items', { 'x-api-key': 'bob-key-0123456789abcdefgh' })).response.status).toBe(403);
    gateway.putApiKey({ id: 'k1', value: KEY, enabled: false });
    expect((await get('/items', { 'x-api-key': KEY })).response.status).toBe(403);
  });

  it('quota 2 per DAY: the third request is 429 {"message":"Limit Exceeded"} (LimitExceededException), the next day passes, and get-usage counts per day', async () => {
    const { get, gateway, advance } = setup({ quota: { limit: 2, period: 'DAY' } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get('/items', { 'x-api-key': KEY })).response);
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(await statuses[2]!.text()).toBe('{"message":"Limit Exceeded"}');
    expect(statuses[2]!.headers.get('x-amzn-errortype')).toBe('LimitExceededException');
    advance(24 * 3_600_000);
    expect((await get('/items', { 'x-api-key': KEY })).response.status).toBe(200);
    expect(gateway.getUsage('basic', { startDate: '2026-12-03', endDate: '2026-12-04' })).toMatchObject({
      startDate: '2026-12-03',
      endDate: '2026-12-04',
      items: {
        k1: [
          [2, 0],
          [1, 1],
        ],
      },
    });
  });

  it('throttle rate 1/s burst 2: the third request at once is 429 {"message":"Too Many Requests"} (TooManyRequestsException); a second later one passes', async () => {
    const { get, advance } = setup({ throttle: { rateLimit: 1, burstLimit: 2 } });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await get('/items', { 'x-api-key': KEY })).response);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(await answers[2]!.text()).toBe('{"message":"Too Many Requests"}');
    expect(answers[2]!.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException');
    advance(1000);
    expect((await get('/items', { 'x-api-key': KEY })).response.status).toBe(200);
  });

  it('customised INVALID_API_KEY and QUOTA_EXCEEDED gateway responses apply (https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html)', async () => {
    const { get } = setup(
      { quota: { limit: 0, period: 'DAY' } },
      doc({
        'x-amazon-apigateway-gateway-responses': {
          INVALID_API_KEY: {
            statusCode: 401,
            responseTemplates: { 'application/json': '{"error":"$context.error.responseType"}' },
          },
          DEFAULT_4XX: { responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" } },
        },
      }),
    );
    const refused = (await get('/items')).response;
    expect(refused.status).toBe(401);
    expect(await refused.text()).toBe('{"error":"INVALID_API_KEY"}');
    const spent = (await get('/items', { 'x-api-key': KEY })).response;
    expect(spent.status).toBe(429);
    expect(spent.headers.get('access-control-allow-origin')).toBe('*');
    expect(await spent.text()).toBe('{"message":"Limit Exceeded"}');
  });

  it('$context.identity.apiKey and apiKeyId in a mapping template (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html)', async () => {
    const mock = {
      security: [{ api_key: [] }],
      responses: { '200': { description: 'ok' } },
      'x-amazon-apigateway-integration': {
        type: 'mock',
        requestTemplates: { 'application/json': '{"statusCode": 200}' },
        responses: {
          default: {
            statusCode: '200',
            responseTemplates: {
              'application/json': '{"key":"$context.identity.apiKey","id":"$context.identity.apiKeyId"}',
            },
          },
        },
      },
    };
    const { get } = setup({}, doc({}, { '/whoami': { get: mock } }));
    const { response } = await get('/whoami', { 'x-api-key': KEY });
    expect(await response.text()).toBe(`{"key":"${KEY}","id":"k1"}`);
  });
});

describe('key source AUTHORIZER with a Lambda authorizer (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html)', () => {
  const AUTH_URI = FN_URI.replace('function:fn', 'function:auth');
  const withAuthorizer = {
    openapi: '3.0.1',
    info: { title: 'Keys from the authorizer', version: '1' },
    'x-amazon-apigateway-api-key-source': 'AUTHORIZER',
    paths: { '/items': { get: { ...proxy, security: [{ token: [], api_key: [] }] } } },
    components: {
      securitySchemes: {
        api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' },
        token: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authtype': 'custom',
          'x-amazon-apigateway-authorizer': { type: 'token', authorizerUri: AUTH_URI, authorizerResultTtlInSeconds: 0 },
        },
      },
    },
  };

  /** The authorizer allows every token and names, as the API key, the key it is given after `key=`. */
  function served() {
    const calls: string[] = [];
    const gateway = new RestGateway({
      invoke: async (inv) => {
        calls.push(inv.functionName);
        if (inv.functionName !== 'auth') return ok({ statusCode: 200, body: 'ok' });
        const token = (inv.event as { authorizationToken: string }).authorizationToken;
        return ok({
          principalId: 'alice',
          policyDocument: {
            Version: '2012-10-17',
            Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: '*' }],
          },
          usageIdentifierKey: token.replace(/^key=/, ''),
        });
      },
    });
    const deployment = gateway.deploy(importOpenApi(withAuthorizer, { apiId: 'abc123defg' }));
    gateway.putStage({ name: 'dev', deploymentId: deployment.id });
    gateway.putApiKey({ id: 'k1', name: 'alice', value: KEY, enabled: true });
    gateway.putUsagePlan({ name: 'basic', apiStages: [{ apiId: 'abc123defg', stage: 'dev' }] });
    gateway.putUsagePlanKey('basic', 'k1');
    const get = (token: string) =>
      gateway.handle(new Request(`${URL_BASE}/dev/items`, { headers: { Authorization: token } }));
    return { calls, get };
  }

  it("admits a request whose authorizer returns a known key as usageIdentifierKey, the header's key unread", async () => {
    const { calls, get } = served();
    const { response } = await get(`key=${KEY}`);
    expect(response.status).toBe(200);
    expect(calls).toEqual(['auth', 'fn']);
  });

  it('refuses with 403 {"message":"Forbidden"} when the authorizer names an unknown key', async () => {
    const { calls, get } = served();
    const { response, trace } = await get('key=not-a-key-0123456789abcdef');
    expect([response.status, await response.text(), trace.gatewayResponseType]).toEqual([
      403,
      '{"message":"Forbidden"}',
      'INVALID_API_KEY',
    ]);
    expect(calls).toEqual(['auth']);
  });

  it('exports a method with both as one security requirement naming both, which imports back the same', () => {
    const api = importOpenApi(withAuthorizer, { apiId: 'abc123defg' });
    const exported = exportOpenApi(api) as { paths: Record<string, Record<string, { security?: unknown }>> };
    expect(exported.paths['/items']!.get!.security).toEqual([{ token: [], api_key: [] }]);
    const method = importOpenApi(exported, { apiId: 'abc123defg' }).resources.find((r) => r.path === '/items')!.methods
      .GET!;
    expect([method.authorizer, method.apiKeyRequired]).toEqual(['token', true]);
  });
});
