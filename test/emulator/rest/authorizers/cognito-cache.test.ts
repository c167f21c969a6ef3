import { describe, expect, it } from 'vitest';
import { exportOpenApi, importOpenApi } from '../../../../src/emulator/index.js';
import { cognitoDoc, cognitoGateway, NOW_S, POOL_ARN } from './cognito-fixture.js';

/**
 * COGNITO_USER_POOLS authorizers cache a token's verification for authorizerResultTtlInSeconds (300 s by default:
 * "If this field is not set, the default value is 300", https://docs.aws.amazon.com/apigateway/latest/api/API_Authorizer.html;
 * SAM's CognitoAuthorizationIdentity ReauthorizeEvery, "By default, API Gateway sets this property to 300"), keyed by
 * the identity source (the token's header) as Lambda authorizers' results are.
 */

const setUp = cognitoGateway;

describe('Cognito authorizer result caching', () => {
  it('verifies a token once, then serves it from the cache for 300 s by default (trace: cached)', async () => {
    const g = await setUp();
    const token = await g.pool.issue({ user: 'alice', nowSeconds: NOW_S });
    const first = await g.send('/dev/items', [['Authorization', token]]);
    expect(first.status).toBe(200);
    expect(first.trace.authorizer).toMatchObject({ cached: false, outcome: { kind: 'result' } });
    g.clock.now += 299_000;
    const second = await g.send('/dev/items', [['Authorization', token]]);
    expect(second.status).toBe(200);
    expect(second.trace.authorizer).toMatchObject({ cached: true, outcome: { kind: 'cached' }, decision: 'allow' });
    // The claims reach the backend from the cache as they did the first time.
    expect(JSON.parse(second.body)).toEqual(JSON.parse(first.body));
    g.clock.now += 2_000; // 301 s after the first request: verified again
    expect((await g.send('/dev/items', [['Authorization', token]])).trace.authorizer).toMatchObject({ cached: false });
  });

  it('proves the cache serves: a token whose pool key is withdrawn still passes while cached', async () => {
    const g = await setUp();
    const token = await g.pool.issue({ user: 'alice', nowSeconds: NOW_S });
    expect((await g.send('/dev/items', [['Authorization', token]])).status).toBe(200);
    g.gateway.putUserPool({ issuer: g.pool.issuer, jwks: { keys: [] } }); // the pool's keys rotated away
    expect((await g.send('/dev/items', [['Authorization', token]])).status).toBe(200);
    // Another token is verified, and fails against the new (empty) key set.
    const other = await g.pool.issue({ user: 'bob', nowSeconds: NOW_S });
    expect((await g.send('/dev/items', [['Authorization', other]])).status).toBe(401);
  });

  it('keys the cache by the identity source: another token is verified on its own', async () => {
    const g = await setUp();
    const a = await g.pool.issue({ user: 'alice', nowSeconds: NOW_S });
    const b = await g.pool.issue({ user: 'bob', nowSeconds: NOW_S });
    await g.send('/dev/items', [['Authorization', a]]);
    const r = await g.send('/dev/items', [['Authorization', b]]);
    expect(r.trace.authorizer).toMatchObject({ cached: false });
    expect(JSON.parse(r.body).authorizer.claims['cognito:username']).toBe('bob');
  });

  it('checks what depends on the method on every request: a cached ID token is still refused where scopes are required', async () => {
    const g = await setUp();
    const id = await g.pool.issue({ user: 'alice', nowSeconds: NOW_S });
    expect((await g.send('/dev/items', [['Authorization', id]])).status).toBe(200);
    const r = await g.send('/dev/items', [['Authorization', id]], 'POST');
    expect(r.status).toBe(401);
    expect(r.trace.authorizer).toMatchObject({ cached: true });
    expect(r.trace.errorDetail).toMatch(/an access token is required/);
  });

  it('refuses a cached token once its exp has passed, within the TTL (assumed)', async () => {
    const g = await setUp(cognitoDoc({ authorizerResultTtlInSeconds: 3600 }));
    const token = await g.pool.issue({ user: 'alice', nowSeconds: NOW_S, expiresInSeconds: 60 });
    expect((await g.send('/dev/items', [['Authorization', token]])).status).toBe(200);
    g.clock.now += 30_000;
    expect((await g.send('/dev/items', [['Authorization', token]])).trace.authorizer).toMatchObject({ cached: true });
    g.clock.now += 30_000;
    const r = await g.send('/dev/items', [['Authorization', token]]);
    expect(r.status).toBe(401);
    expect(r.body).toBe('{"message":"Unauthorized"}');
    expect(r.trace.errorDetail).toMatch(/expired/);
  });

  it('does not cache with authorizerResultTtlInSeconds: 0, nor a refused token', async () => {
    const g = await setUp(cognitoDoc({ authorizerResultTtlInSeconds: 0 }));
    const token = await g.pool.issue({ user: 'alice', nowSeconds: NOW_S });
    await g.send('/dev/items', [['Authorization', token]]);
    expect((await g.send('/dev/items', [['Authorization', token]])).trace.authorizer).toMatchObject({ cached: false });
    const h = await setUp();
    expect((await h.send('/dev/items', [['Authorization', 'garbage']])).status).toBe(401);
    expect((await h.send('/dev/items', [['Authorization', 'garbage']])).trace.authorizer).toMatchObject({
      cached: false,
    });
  });

  it('reads authorizerResultTtlInSeconds (0 to 3600), exports it back as written', () => {
    const api = importOpenApi(cognitoDoc({ authorizerResultTtlInSeconds: 60 }));
    expect(api.cognitoAuthorizers!.pool!.resultTtlSeconds).toBe(60);
    const out = exportOpenApi(api) as { components: { securitySchemes: { pool: Record<string, unknown> } } };
    expect(out.components.securitySchemes.pool['x-amazon-apigateway-authorizer']).toEqual({
      type: 'cognito_user_pools',
      providerARNs: [POOL_ARN],
      authorizerResultTtlInSeconds: 60,
    });
    expect(importOpenApi(cognitoDoc()).cognitoAuthorizers!.pool).not.toHaveProperty('resultTtlSeconds');
    expect(() => importOpenApi(cognitoDoc({ authorizerResultTtlInSeconds: 3601 }))).toThrow(
      /authorizerResultTtlInSeconds must be an integer from 0 to 3600 \(it is 3601\)/,
    );
  });
});
