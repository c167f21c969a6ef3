import { describe, expect, it } from 'vitest';
import { RestGateway, exportOpenApi, importOpenApi, type InvokeOutcome } from '../../../../src/emulator/index.js';
import { LocalUserPool } from '../../../../src/emulator/shared/local-user-pool.js';
import { fnUri, policy as authorizerPolicy } from '../authorizers/fixtures.js';

/**
 * REST API resource policies through RestGateway.handle, as "How API Gateway resource policies affect authorization
 * workflow" draws each case:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html
 */

const ORIGIN = 'https://abc123defg.execute-api.us-east-1.amazonaws.com';
const POOL_ARN = 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Lab';
const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const EXPLICIT = (path: string, method = 'GET') =>
  `{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********9012:abc123defg/dev/${method}/${path} with an explicit deny"}`;
const IMPLICIT = (path: string, method = 'GET') =>
  `{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********9012:abc123defg/dev/${method}/${path}"}`;

const integration = { type: 'aws_proxy', httpMethod: 'POST', uri: fnUri('backend') };
const statement = (effect: 'Allow' | 'Deny', extra: Record<string, unknown> = {}) => ({
  Effect: effect,
  Principal: '*',
  Action: 'execute-api:Invoke',
  Resource: 'execute-api:/*',
  ...extra,
});
const onlyFrom = (cidrs: string[]) => statement('Allow', { Condition: { IpAddress: { 'aws:SourceIp': cidrs } } });
const denyFrom = (cidrs: string[]) => statement('Deny', { Condition: { IpAddress: { 'aws:SourceIp': cidrs } } });

/** The items API with `statements` as its resource policy: GET /open (NONE), GET /lambda (TOKEN), GET /cognito. */
function doc(statements: unknown[] | null, extra: Record<string, unknown> = {}) {
  return {
    openapi: '3.0.1',
    info: { title: 'PolicyTests', version: '1' },
    ...(statements ? { 'x-amazon-apigateway-policy': { Version: '2012-10-17', Statement: statements } } : {}),
    ...extra,
    components: {
      securitySchemes: {
        auth: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authtype': 'custom',
          'x-amazon-apigateway-authorizer': {
            type: 'token',
            authorizerUri: fnUri('auth'),
            authorizerResultTtlInSeconds: 0,
          },
        },
        pool: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authtype': 'cognito_user_pools',
          'x-amazon-apigateway-authorizer': { type: 'cognito_user_pools', providerARNs: [POOL_ARN] },
        },
      },
    },
    paths: {
      '/open': { get: { 'x-amazon-apigateway-integration': integration } },
      '/items/{id}': { get: { 'x-amazon-apigateway-integration': integration } },
      '/lambda': { get: { security: [{ auth: [] }], 'x-amazon-apigateway-integration': integration } },
      '/cognito': { get: { security: [{ pool: [] }], 'x-amazon-apigateway-integration': integration } },
    },
  };
}

async function setUp(statements: unknown[] | null, authorizer: () => InvokeOutcome = () => allowAll) {
  const calls: string[] = [];
  const gateway = new RestGateway({
    now: () => NOW,
    invoke: async (inv) => {
      calls.push(inv.functionName);
      if (inv.functionName === 'auth') return authorizer();
      return { kind: 'result', payload: { statusCode: 200, body: 'ok' }, logs: [] };
    },
  });
  const pool = await LocalUserPool.create({ region: 'us-east-1', userPoolId: 'us-east-1_Lab', clientId: 'client1' });
  gateway.putUserPool({ issuer: pool.issuer, jwks: pool.jwks() });
  gateway.putStage({
    name: 'dev',
    deploymentId: gateway.deploy(importOpenApi(doc(statements), { apiId: 'abc123defg' })).id,
  });
  const send = async (path: string, sourceIp: string, headers: Array<[string, string]> = [], host?: string) => {
    const { response, trace } = await gateway.handle(new Request(`${ORIGIN}${path}`), {
      rawHeaders: host ? [['Host', host], ...headers] : headers,
      sourceIp,
    });
    return { status: response.status, body: await response.text(), headers: response.headers, trace };
  };
  const token = () => pool.issue({ user: 'alice', nowSeconds: NOW / 1000 });
  return { gateway, send, calls, token };
}

const result = (payload: unknown): InvokeOutcome => ({ kind: 'result', payload, logs: [] });
const allowAll = result(authorizerPolicy('Allow', '*'));

describe('a REST API resource policy, no authorizer (resource policy only)', () => {
  it('admits a caller an Allow names: an IP allow-list, IPv4 and IPv6', async () => {
    const g = await setUp([onlyFrom(['192.0.2.0/24', '2001:db8::/32'])]);
    const r = await g.send('/dev/open', '192.0.2.44');
    expect(r.status).toBe(200);
    expect(r.body).toBe('ok');
    expect(r.trace.resourcePolicy).toEqual({ decision: 'ALLOW', statement: 0, principal: null, phase: 'final' });
    expect((await g.send('/dev/open', '2001:db8:5::1')).status).toBe(200);
  });

  it('refuses a caller no Allow names (implicit deny): 403 ACCESS_DENIED, execute-api\'s message, no " with an explicit deny"', async () => {
    const g = await setUp([onlyFrom(['192.0.2.0/24'])]);
    const r = await g.send('/dev/items/7', '203.0.113.9');
    expect(r.status).toBe(403);
    expect(r.body).toBe(IMPLICIT('items/7'));
    expect(r.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.trace.gatewayResponseType).toBe('ACCESS_DENIED');
    expect(r.trace.resourcePolicy).toMatchObject({ decision: 'IMPLICIT_DENY', statement: null });
    expect(g.calls).toEqual([]);
  });

  it('refuses a caller a Deny names, whatever allows it: the captured "with an explicit deny" body', async () => {
    // AWS's x-amazon-apigateway-policy example: Allow everyone, Deny 192.0.2.0/24.
    const g = await setUp([statement('Allow'), denyFrom(['192.0.2.0/24'])]);
    const r = await g.send('/dev/items/7', '192.0.2.1');
    expect(r.status).toBe(403);
    expect(r.body).toBe(EXPLICIT('items/7'));
    expect(r.trace.resourcePolicy).toMatchObject({ decision: 'EXPLICIT_DENY', statement: 1 });
    expect((await g.send('/dev/items/7', '198.51.100.1')).status).toBe(200);
  });

  it('a policy of Deny statements only denies everyone else implicitly (an Allow is required)', async () => {
    const g = await setUp([denyFrom(['192.0.2.0/24'])]);
    const r = await g.send('/dev/open', '198.51.100.1');
    expect(r.status).toBe(403);
    expect(r.body).toBe(IMPLICIT('open'));
  });

  it('matches the method ARN with the requested path: Resource per stage, method and path', async () => {
    const g = await setUp([statement('Allow', { Resource: ['execute-api:/dev/GET/items/*'] })]);
    expect((await g.send('/dev/items/7', '192.0.2.1')).status).toBe(200);
    expect((await g.send('/dev/open', '192.0.2.1')).body).toBe(IMPLICIT('open'));
  });

  it('NotResource: everything but the public path is denied from outside the network', async () => {
    const g = await setUp([
      statement('Allow'),
      statement('Deny', {
        Resource: undefined,
        NotResource: 'execute-api:/*/GET/open',
        Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      }),
    ]);
    expect((await g.send('/dev/open', '203.0.113.9')).status).toBe(200);
    expect((await g.send('/dev/items/1', '203.0.113.9')).body).toBe(EXPLICIT('items/1'));
    expect((await g.send('/dev/items/1', '10.1.2.3')).status).toBe(200);
  });

  it("aws:SourceVpce: a private API called through its VPC endpoint's DNS name", async () => {
    const g = await setUp([
      statement('Allow'),
      statement('Deny', { Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } }),
    ]);
    const host = 'abc123defg-vpce-1a2b3c4d.execute-api.us-east-1.amazonaws.com';
    expect((await g.send('/dev/open', '10.0.0.5', [], host)).status).toBe(200);
    expect((await g.send('/dev/open', '10.0.0.5')).body).toBe(EXPLICIT('open'));
  });

  it('an API without a policy is unaffected (no verdict in the trace)', async () => {
    const g = await setUp(null);
    const r = await g.send('/dev/open', '203.0.113.9');
    expect(r.status).toBe(200);
    expect(r.trace.resourcePolicy).toBeUndefined();
  });

  it('the 403 is customisable as ACCESS_DENIED, $context.error.messageString holding the message', async () => {
    const gateway = new RestGateway({
      now: () => NOW,
      invoke: async () => ({ kind: 'result', payload: { statusCode: 200, body: 'ok' }, logs: [] }),
    });
    const d = doc([denyFrom(['0.0.0.0/0'])], {
      'x-amazon-apigateway-gateway-responses': {
        ACCESS_DENIED: {
          statusCode: 404,
          responseTemplates: { 'application/json': '{"error":$context.error.messageString}' },
        },
      },
    });
    gateway.putStage({ name: 'dev', deploymentId: gateway.deploy(importOpenApi(d, { apiId: 'abc123defg' })).id });
    const { response } = await gateway.handle(new Request(`${ORIGIN}/dev/open`), { sourceIp: '192.0.2.1' });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe(`{"error":${JSON.stringify(JSON.parse(EXPLICIT('open')).Message)}}`);
  });
});

describe('a resource policy with a Lambda authorizer', () => {
  it('an explicit deny stops the request before the authorizer is called', async () => {
    const g = await setUp([statement('Allow'), denyFrom(['192.0.2.0/24'])]);
    const r = await g.send('/dev/lambda', '192.0.2.9', [['Authorization', 'tok']]);
    expect(r.status).toBe(403);
    expect(r.body).toBe(EXPLICIT('lambda'));
    expect(g.calls).toEqual([]);
    expect(r.trace.resourcePolicy).toMatchObject({ decision: 'EXPLICIT_DENY', phase: 'before-authorizer' });
    expect(r.trace.authorizer).toBeUndefined();
  });

  it("an Allow-list does not stop an unlisted caller: the authorizer's Allow admits it (Table A: Allow + Neither)", async () => {
    const g = await setUp([onlyFrom(['192.0.2.0/24'])]);
    const r = await g.send('/dev/lambda', '203.0.113.9', [['Authorization', 'tok']]);
    expect(r.status).toBe(200);
    expect(g.calls).toEqual(['auth', 'backend']);
    expect(r.trace.resourcePolicy).toMatchObject({ decision: 'IMPLICIT_DENY', phase: 'before-authorizer' });
  });

  it("the resource policy's Allow admits a caller the authorizer's policy is silent about (Table A: Neither + Allow)", async () => {
    const silent = () =>
      result(authorizerPolicy('Allow', 'arn:aws:execute-api:us-east-1:123456789012:abc123defg/dev/POST/*'));
    const g = await setUp([onlyFrom(['192.0.2.0/24'])], silent);
    expect((await g.send('/dev/lambda', '192.0.2.1', [['Authorization', 'tok']])).status).toBe(200);
    // Both silent: the authorizer's implicit deny (its own 403 body; assumed for this combination).
    const r = await g.send('/dev/lambda', '203.0.113.9', [['Authorization', 'tok']]);
    expect(r.status).toBe(403);
    expect(r.body).toBe('{"Message":"User is not authorized to access this resource"}');
  });

  it("the authorizer's explicit Deny wins over the resource policy's Allow (Table A: Deny + Allow)", async () => {
    const g = await setUp([statement('Allow')], () => result(authorizerPolicy('Deny', '*')));
    const r = await g.send('/dev/lambda', '192.0.2.1', [['Authorization', 'tok']]);
    expect(r.status).toBe(403);
    expect(r.body).toBe('{"Message":"User is not authorized to access this resource with an explicit deny"}');
  });
});

describe('a resource policy with a Cognito user pool authorizer', () => {
  it('authenticates first: no token is 401 even for a caller the policy denies', async () => {
    const g = await setUp([denyFrom(['0.0.0.0/0'])]);
    const r = await g.send('/dev/cognito', '192.0.2.1');
    expect(r.status).toBe(401);
    expect(r.body).toBe('{"message":"Unauthorized"}');
  });

  it('then requires an explicit Allow: a valid token from outside the allow-list is 403, from inside 200', async () => {
    const g = await setUp([onlyFrom(['192.0.2.0/24'])]);
    const token = await g.token();
    expect((await g.send('/dev/cognito', '192.0.2.1', [['Authorization', token]])).status).toBe(200);
    const r = await g.send('/dev/cognito', '203.0.113.9', [['Authorization', token]]);
    expect(r.status).toBe(403);
    expect(r.body).toBe(IMPLICIT('cognito'));
    expect(r.trace.authorizer).toMatchObject({ type: 'COGNITO_USER_POOLS', decision: 'allow' });
  });
});

describe('x-amazon-apigateway-policy in the definition', () => {
  it('is exported back as written, and the export imports back as the same policy', () => {
    const d = doc([statement('Allow'), denyFrom(['192.0.2.0/24'])]);
    const api = importOpenApi(d, { apiId: 'abc123defg' });
    const exported = exportOpenApi(api);
    expect(exported['x-amazon-apigateway-policy']).toEqual(d['x-amazon-apigateway-policy']);
    expect(importOpenApi(exported, { apiId: 'abc123defg' }).resourcePolicy).toEqual(api.resourcePolicy);
  });

  it('a policy that is not a valid IAM policy refuses the import, naming the problem', () => {
    expect(() => importOpenApi(doc([{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke' }]))).toThrow(
      /x-amazon-apigateway-policy\.Statement\[0\]\.Resource \(or NotResource\) must be a string or a list of strings/,
    );
  });
});
