import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import type { ExampleAccess } from '../../src/examples/types.js';
import { prepareAuth, regionOf, withHeader, type AuthContext } from '../../src/runtime/request-auth.js';
import { loadSigner } from '../../src/runtime/sigv4-signer.js';
import type { RunRequest } from '../../src/runtime/types.js';

const ACCESS: ExampleAccess = {
  users: [{ user: 'alice', groups: ['admin'], scopes: ['items/read'], email: 'alice@example.com' }],
  credentials: [{ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }],
};
const NOW = Date.UTC(2026, 11, 3, 12, 0, 0);
const context = (overrides: Partial<AuthContext> = {}): AuthContext => ({
  access: ACCESS,
  apis: [],
  invokeUrl: 'https://abc1234567.execute-api.eu-west-1.amazonaws.com/dev',
  now: () => NOW,
  signer: loadSigner,
  ...overrides,
});
const request: RunRequest = {
  method: 'get',
  path: '/items?b=2&a=1',
  headers: [['Accept', 'application/json']],
  body: null,
};

describe('withHeader', () => {
  it('sets a header in place of the first of its name (later ones dropped), or last', () => {
    expect(
      withHeader(
        [
          ['A', '1'],
          ['authorization', 'x'],
          ['B', '2'],
          ['Authorization', 'y'],
        ],
        'Authorization',
        't',
      ),
    ).toEqual([
      ['A', '1'],
      ['authorization', 't'],
      ['B', '2'],
    ]);
    expect(withHeader([['A', '1']], 'Authorization', 't')).toEqual([
      ['A', '1'],
      ['Authorization', 't'],
    ]);
  });
});

describe('regionOf', () => {
  it("reads an execute-api URL's Region, us-east-1 otherwise (a custom domain)", () => {
    expect(regionOf('https://abc.execute-api.eu-west-1.amazonaws.com/dev')).toBe('eu-west-1');
    expect(regionOf('https://api.example.com/v1')).toBe('us-east-1');
  });
});

describe('prepareAuth: sign in as', () => {
  it("puts the user's ID token in Authorization, by default, with the run's clock", async () => {
    const { request: sent } = await (await prepareAuth({ signInAs: 'alice' }, context()))(request);
    expect(sent.headers[0]).toEqual(['Accept', 'application/json']);
    expect(sent.headers[1]![0]).toBe('Authorization');
    const claims = decodeJwt(sent.headers[1]![1]);
    expect([claims.token_use, claims['cognito:username'], claims.email, claims.iat]).toEqual([
      'id',
      'alice',
      'alice@example.com',
      NOW / 1000,
    ]);
  });

  it("puts an access token with the user's scopes after the scheme, in the header asked for", async () => {
    const auth = await prepareAuth(
      { signInAs: 'alice', tokenUse: 'access', header: 'X-Token', scheme: 'Bearer' },
      context(),
    );
    const { request: sent } = await auth(request);
    const [name, value] = sent.headers[1]!;
    expect(name).toBe('X-Token');
    expect(value).toMatch(/^Bearer /);
    const claims = decodeJwt(value.slice(7));
    expect([claims.token_use, claims.scope, claims.username]).toEqual(['access', 'items/read', 'alice']);
  });

  it('issues one token per run, and a session keeps it until it expires', async () => {
    const tokens = new Map();
    let now = NOW;
    const auth = await prepareAuth({ signInAs: 'alice' }, context({ tokens, now: () => now }));
    const a = (await auth(request)).request.headers[1]![1];
    expect((await auth(request)).request.headers[1]![1]).toBe(a);
    const again = (await (await prepareAuth({ signInAs: 'alice' }, context({ tokens, now: () => now })))(request))
      .request;
    expect(again.headers[1]![1]).toBe(a);
    now += 3600_000;
    const later = (await (await prepareAuth({ signInAs: 'alice' }, context({ tokens, now: () => now })))(request))
      .request;
    expect(later.headers[1]![1]).not.toBe(a);
  });

  it('refuses a user the example does not have, naming those it has', async () => {
    await expect(prepareAuth({ signInAs: 'mallory' }, context())).rejects.toThrow(
      'sign in as "mallory": no such user in the example\'s access.users (it has "alice")',
    );
    await expect(prepareAuth({ signInAs: 'alice' }, context({ access: undefined }))).rejects.toThrow(/it has none/);
  });
});

describe('prepareAuth: sign with', () => {
  it("signs with SigV4 in the invoke URL's Region for execute-api at the run's time: X-Amz-Date and Authorization added", async () => {
    const { request: sent, signing } = await (
      await prepareAuth({ signWith: 'AKIAIOSFODNN7EXAMPLE' }, context())
    )(request);
    expect(sent.headers.map(([n]) => n)).toEqual(['Accept', 'X-Amz-Date', 'Authorization']);
    expect(sent.headers[1]![1]).toBe('20261203T120000Z');
    expect(signing!.credentialScope).toBe('20261203/eu-west-1/execute-api/aws4_request');
    expect(signing!.canonicalRequest.split('\n').slice(0, 3)).toEqual(['GET', '/dev/items', 'a=1&b=2']);
    expect(signing!.stringToSign).toContain(signing!.credentialScope);
    expect(sent.headers[2]![1]).toBe(
      `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261203/eu-west-1/execute-api/aws4_request, SignedHeaders=accept;host;x-amz-date, Signature=${signing!.signature}`,
    );
  });

  it('refuses an access key id the example does not have', async () => {
    await expect(prepareAuth({ signWith: 'AKIAUNKNOWN000000000' }, context())).rejects.toThrow(
      /sign with "AKIAUNKNOWN000000000": no such access key id in the example's access.credentials \(it has "AKIAIOSFODNN7EXAMPLE"\)/,
    );
  });
});
