import { describe, expect, it } from 'vitest';
import { RestGateway, importOpenApi } from '../../../../src/emulator/index.js';
import { LocalUserPool } from '../../../../src/emulator/shared/local-user-pool.js';
import { cognitoDoc, cognitoGateway, NOW_S, POOL_ARN } from './cognito-fixture.js';
import { authorizedGateway } from './fixtures.js';

const setUp = cognitoGateway;

const expectUnauthorized = (r: { status: number; body: string; trace: { gatewayResponseType: string | null } }) => {
  expect(r.status).toBe(401);
  expect(r.body).toBe('{"message":"Unauthorized"}');
  expect(r.trace.gatewayResponseType).toBe('UNAUTHORIZED');
};

// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-integrate-with-cognito.html
describe('a Cognito user pool authorizer', () => {
  it('admits a valid ID token and passes its claims (values as strings) in requestContext.authorizer.claims', async () => {
    const g = await setUp();
    const token = await g.pool.issue({ user: 'alice', groups: ['admin'], email: 'a@example.com', nowSeconds: NOW_S });
    const r = await g.send('/dev/items', [['Authorization', token]]);
    expect(r.status).toBe(200);
    const { authorizer } = JSON.parse(r.body) as { authorizer: { claims: Record<string, unknown> } };
    expect(Object.keys(authorizer)).toEqual(['claims']);
    expect(authorizer.claims).toMatchObject({
      'cognito:username': 'alice',
      'cognito:groups': 'admin',
      aud: 'client1',
      token_use: 'id',
      auth_time: String(NOW_S),
      exp: String(NOW_S + 3600),
      email: 'a@example.com',
      email_verified: 'true',
    });
    for (const value of Object.values(authorizer.claims)) expect(typeof value).toBe('string');
    expect(r.trace.authorizer).toMatchObject({ type: 'COGNITO_USER_POOLS', name: 'pool', decision: 'allow' });
  });

  it('accepts the token after "Bearer " too (assumed)', async () => {
    const g = await setUp();
    const token = await g.pool.issue({ user: 'alice', nowSeconds: NOW_S });
    expect((await g.send('/dev/items', [['Authorization', `Bearer ${token}`]])).status).toBe(200);
  });

  it('answers 401 without a token, with garbage, or with an expired token', async () => {
    const g = await setUp();
    expectUnauthorized(await g.send('/dev/items'));
    expectUnauthorized(await g.send('/dev/items', [['Authorization', 'not-a-jwt']]));
    const expired = await g.pool.issue({ user: 'alice', nowSeconds: NOW_S - 7200 });
    const r = await g.send('/dev/items', [['Authorization', expired]]);
    expectUnauthorized(r);
    expect(r.trace.errorDetail).toMatch(/"exp" claim timestamp check failed/);
  });

  it('answers 401 for a token of another pool (wrong issuer) and for a forged signature', async () => {
    const g = await setUp();
    const other = await LocalUserPool.create({ region: 'us-east-1', userPoolId: 'us-east-1_Other', clientId: 'c' });
    expectUnauthorized(
      await g.send('/dev/items', [['Authorization', await other.issue({ user: 'alice', nowSeconds: NOW_S })]]),
    );
    // Same issuer, another key: the signature does not verify.
    const forger = await LocalUserPool.create({
      region: 'us-east-1',
      userPoolId: 'us-east-1_Lab',
      clientId: 'client1',
    });
    const r = await g.send('/dev/items', [['Authorization', await forger.issue({ user: 'alice', nowSeconds: NOW_S })]]);
    expectUnauthorized(r);
    expect(r.trace.errorDetail).toMatch(/does not verify/);
  });

  it('answers 401 when no pool is registered for the providerARN', async () => {
    const pool = await LocalUserPool.create({ region: 'us-east-1', userPoolId: 'us-east-1_Lab', clientId: 'client1' });
    const g = authorizedGateway(cognitoDoc(), () => {
      throw new Error('unused');
    });
    expectUnauthorized(
      await g.send('/dev/items', [['Authorization', await pool.issue({ user: 'a', nowSeconds: NOW_S })]]),
    );
  });

  it('without authorizationScopes wants an ID token: an access token is 401', async () => {
    const g = await setUp();
    const access = await g.pool.issue({ user: 'alice', tokenUse: 'access', scopes: ['items/read'], nowSeconds: NOW_S });
    expectUnauthorized(await g.send('/dev/items', [['Authorization', access]]));
  });

  it('with authorizationScopes wants an access token holding one of them (API_Method authorizationScopes)', async () => {
    const g = await setUp();
    const write = await g.pool.issue({
      user: 'a',
      tokenUse: 'access',
      scopes: ['items/read', 'items/write'],
      nowSeconds: NOW_S,
    });
    const r = await g.send('/dev/items', [['Authorization', write]], 'POST');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).authorizer.claims).toMatchObject({ scope: 'items/read items/write', username: 'a' });
    const read = await g.pool.issue({ user: 'a', tokenUse: 'access', scopes: ['items/read'], nowSeconds: NOW_S });
    const refused = await g.send('/dev/items', [['Authorization', read]], 'POST');
    expectUnauthorized(refused);
    expect(refused.trace.errorDetail).toMatch(/holds none of items\/write/);
    const id = await g.pool.issue({ user: 'a', nowSeconds: NOW_S });
    expectUnauthorized(await g.send('/dev/items', [['Authorization', id]], 'POST'));
  });

  it('refuses a token of an app client the pool does not list, when the pool lists its clients', async () => {
    const g = await setUp();
    g.gateway.putUserPool({ issuer: g.pool.issuer, jwks: g.pool.jwks(), clientIds: ['someone-else'] }, POOL_ARN);
    expectUnauthorized(
      await g.send('/dev/items', [['Authorization', await g.pool.issue({ user: 'a', nowSeconds: NOW_S })]]),
    );
  });

  it('reads the token from identitySource', async () => {
    const g = await setUp(cognitoDoc({ identitySource: 'method.request.header.X-Token' }));
    const token = await g.pool.issue({ user: 'alice', nowSeconds: NOW_S });
    expectUnauthorized(await g.send('/dev/items', [['Authorization', token]]));
    expect((await g.send('/dev/items', [['X-Token', token]])).status).toBe(200);
  });

  it('gives templates $context.authorizer.claims', async () => {
    const doc = cognitoDoc();
    (doc.paths as Record<string, unknown>)['/me'] = {
      get: {
        security: [{ pool: [] }],
        responses: { '200': { description: 'ok' } },
        'x-amazon-apigateway-integration': {
          type: 'mock',
          requestTemplates: { 'application/json': '{"statusCode": 200}' },
          responses: {
            default: {
              statusCode: '200',
              responseTemplates: {
                'application/json': `{"user":"$context.authorizer.claims['cognito:username']","groups":"$context.authorizer.claims['cognito:groups']"}`,
              },
            },
          },
        },
      },
    };
    const g = await setUp(doc);
    const token = await g.pool.issue({ user: 'alice', groups: ['admin', 'ops'], nowSeconds: NOW_S });
    const r = await g.send('/dev/me', [['Authorization', token]]);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ user: 'alice', groups: 'admin,ops' });
  });

  it('is refused at import without providerARNs or with a malformed one', () => {
    expect(() => importOpenApi(cognitoDoc({ providerARNs: [] }))).toThrow(/needs providerARNs/);
    expect(() => importOpenApi(cognitoDoc({ providerARNs: ['arn:aws:s3:::bucket'] }))).toThrow(
      /is not arn:aws:cognito-idp/,
    );
  });

  it('putUserPool refuses an issuer that names no pool', () => {
    const g = new RestGateway({ invoke: async () => ({ kind: 'result', payload: {}, logs: [] }) });
    expect(() => g.putUserPool({ issuer: 'https://example.com', jwks: { keys: [] } })).toThrow(
      /not a user pool issuer/,
    );
  });
});
