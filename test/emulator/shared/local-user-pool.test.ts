import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { LocalUserPool } from '../../../src/emulator/shared/local-user-pool.js';

const CONFIG = { region: 'eu-west-1', userPoolId: 'eu-west-1_Lab', clientId: 'labclient123' };
const ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Lab';

// Claims as Cognito issues them:
// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html
describe('LocalUserPool', () => {
  it('issues an RS256 ID token that verifies against its JWKS, with the ID token claims', async () => {
    const pool = await LocalUserPool.create(CONFIG);
    const token = await pool.issue({ user: 'alice', groups: ['admin'], email: 'alice@example.com', nowSeconds: 1000 });
    const header = decodeProtectedHeader(token);
    expect(header.alg).toBe('RS256');
    expect(header.kid).toBe(pool.jwks().keys[0]!.kid);
    const { payload } = await jwtVerify(token, createLocalJWKSet(pool.jwks()), {
      issuer: ISSUER,
      audience: 'labclient123',
      currentDate: new Date(2000 * 1000),
    });
    expect(payload).toMatchObject({
      'cognito:groups': ['admin'],
      'cognito:username': 'alice',
      aud: 'labclient123',
      token_use: 'id',
      auth_time: 1000,
      iat: 1000,
      exp: 4600,
      iss: ISSUER,
      email: 'alice@example.com',
    });
    expect(payload.sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(pool.jwks().keys[0]).not.toHaveProperty('d'); // public keys only
  });

  it('issues an access token with client_id, a space-separated scope and username, no aud', async () => {
    const pool = await LocalUserPool.create(CONFIG);
    const token = await pool.issue({ user: 'bob', tokenUse: 'access', scopes: ['items/read', 'items/write'] });
    const { payload } = await jwtVerify(token, createLocalJWKSet(pool.jwks()), { issuer: ISSUER });
    expect(payload).toMatchObject({
      client_id: 'labclient123',
      scope: 'items/read items/write',
      username: 'bob',
      token_use: 'access',
    });
    expect(payload).not.toHaveProperty('aud');
    expect(payload).not.toHaveProperty('cognito:groups');
  });

  it('keeps the same user sub, and its key pair across export and import', async () => {
    const pool = await LocalUserPool.create(CONFIG);
    const again = await LocalUserPool.import(JSON.parse(JSON.stringify(pool.export())));
    const token = await again.issue({ user: 'alice' });
    const { payload } = await jwtVerify(token, createLocalJWKSet(pool.jwks()), { issuer: ISSUER });
    const first = await jwtVerify(await pool.issue({ user: 'alice' }), createLocalJWKSet(pool.jwks()));
    expect(payload.sub).toBe(first.payload.sub);
    expect(again.jwks()).toEqual(pool.jwks());
  });

  it('a token of another pool does not verify against this pool', async () => {
    const a = await LocalUserPool.create(CONFIG);
    const b = await LocalUserPool.create(CONFIG);
    await expect(jwtVerify(await b.issue({ user: 'alice' }), createLocalJWKSet(a.jwks()))).rejects.toThrow();
  });

  it('refuses to import what is not a pool', async () => {
    await expect(LocalUserPool.import({ region: 'x' })).rejects.toThrow(/not a local user pool/);
  });
});
