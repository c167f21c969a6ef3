import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, startCli, type RunningCli } from './helpers.js';

const DEFINITION = `${FIXTURES}/http-api/jwt.yaml`;
const ISSUER = 'https://issuer.example.com';

describe('apigw-lab serve --jwks ISSUER=FILE (HTTP API JWT authorizers)', () => {
  let dir: string;
  let cli: RunningCli;
  let sign: (claims: Record<string, unknown>) => Promise<string>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'apigw-jwks-'));
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'lab', alg: 'RS256' };
    await writeFile(join(dir, 'jwks.json'), JSON.stringify({ keys: [jwk] }));
    await writeFile(join(dir, 'broken.json'), '{"keys": ');
    sign = (claims) =>
      new SignJWT({ iss: ISSUER, aud: 'lab-client', sub: 'alice', ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'lab' })
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey);
    cli = await startCli([DEFINITION, '--stage', '$default', '--jwks', `${ISSUER}=${join(dir, 'jwks.json')}`]);
  });
  afterAll(async () => {
    await cli?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('serves a token signed with the lent keys, claims and scopes in the event', async () => {
    const response = await fetch(`${cli.invokeUrl}/me`, {
      headers: { authorization: `Bearer ${await sign({ scope: 'items/read' })}` },
    });
    expect(response.status).toBe(200);
    const { jwt: body } = (await response.json()) as { jwt: { claims: Record<string, string>; scopes: string[] } };
    expect(body.scopes).toEqual(['items/read']);
    expect(body.claims).toMatchObject({ sub: 'alice', iss: ISSUER, aud: 'lab-client' });
  });

  it('answers 401 with www-authenticate for a wrong audience, 403 for a missing scope', async () => {
    const wrong = await fetch(`${cli.invokeUrl}/me`, {
      headers: { authorization: `Bearer ${await sign({ aud: 'x', scope: 'items/read' })}` },
    });
    expect([wrong.status, await wrong.text()]).toEqual([401, '{"message":"Unauthorized"}']);
    expect(wrong.headers.get('www-authenticate')).toBe(
      'Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"',
    );
    const noScope = await fetch(`${cli.invokeUrl}/me`, { headers: { authorization: `Bearer ${await sign({})}` } });
    expect([noScope.status, await noScope.text()]).toEqual([403, '{"message":"Forbidden"}']);
  });

  it('rejects a malformed flag, a missing file and a file that is not JSON with one line each', async () => {
    const cases: [string, RegExp][] = [
      ['no-equals-sign', /--jwks "no-equals-sign": expected ISSUER=FILE_OR_URL/],
      ['issuer=jwks.json', /the issuer "issuer" is not an http\(s\) URL/],
      [`${ISSUER}=${join(dir, 'missing.json')}`, /cannot read .*missing\.json \(no such file\)/],
      [`${ISSUER}=${join(dir, 'broken.json')}`, /broken\.json is not JSON/],
    ];
    for (const [value, message] of cases) {
      const result = await runCli(['serve', DEFINITION, '--stage', '$default', '--port', '0', '--jwks', value]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')[0]).toMatch(message);
    }
  });

  it("warns when the API's JWT authorizer has no --jwks", async () => {
    const bare = await startCli([DEFINITION, '--stage', '$default']);
    try {
      expect(bare.stderr()).toMatch(
        /no --jwks https:\/\/issuer\.example\.com=FILE: .* will refuse every token \(401\)/,
      );
    } finally {
      await bare.stop();
    }
  });
});
