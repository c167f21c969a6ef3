import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, startCli, type RunningCli } from './helpers.js';

const DIR = `${FIXTURES}/cognito`;

// `apigw-lab token` prints tokens of the local user pool; `apigw-lab serve` trusts that pool for the API's
// cognito_user_pools authorizer (apigateway-integrate-with-cognito.html): a valid token 200, none 401.
describe('apigw-lab token and serve with a Cognito user pool authorizer', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'apigw-cognito-'));
  const poolFile = join(tmp, 'pool.json');
  let cli: RunningCli;

  beforeAll(async () => {
    cli = await startCli([`${DIR}/api.yaml`, '--function', `items=${DIR}/items.mjs`, '--pool', poolFile]);
  }, 30_000);

  afterAll(async () => {
    await cli?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  const token = async (...args: string[]) => {
    const r = await runCli(['token', '--pool', poolFile, ...args]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return r.stdout.trim();
  };

  it('serve created the pool file; a token from it is admitted with its claims', async () => {
    expect(JSON.parse(readFileSync(poolFile, 'utf8'))).toHaveProperty('privateJwk');
    const id = await token('--user', 'alice', '--group', 'admin');
    expect(id).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const response = await fetch(`${cli.invokeUrl}/items`, { headers: { Authorization: id } });
    expect(response.status).toBe(200);
    const { authorizer } = (await response.json()) as { authorizer: { claims: Record<string, string> } };
    expect(authorizer.claims).toMatchObject({
      'cognito:username': 'alice',
      'cognito:groups': 'admin',
      token_use: 'id',
    });
  });

  it('answers 401 {"message":"Unauthorized"} without a token', async () => {
    const response = await fetch(`${cli.invokeUrl}/items`);
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('{"message":"Unauthorized"}');
    await expect
      .poll(() => cli.stderr())
      .toMatch(/authorizer pool \(COGNITO_USER_POOLS\): unauthorized \(identity source missing or empty/);
  });

  it('checks the method scope against an access token from --scope', async () => {
    const write = await token('--user', 'alice', '--scope', 'items/write');
    expect((await fetch(`${cli.invokeUrl}/items`, { method: 'POST', headers: { Authorization: write } })).status).toBe(
      200,
    );
    const read = await token('--user', 'alice', '--scope', 'items/read');
    expect((await fetch(`${cli.invokeUrl}/items`, { method: 'POST', headers: { Authorization: read } })).status).toBe(
      401,
    );
  });

  it('refuses bad input with one line', async () => {
    const r = await runCli(['token', '--pool', poolFile]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^apigw-lab: error: missing --user NAME\n/);
    const bad = await runCli(['token', '--user', 'a', '--token-use', 'refresh']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--token-use "refresh": expected id or access/);
    writeFileSync(join(tmp, 'junk.json'), '{"region":1}');
    const junk = await runCli(['token', '--user', 'a', '--pool', join(tmp, 'junk.json')]);
    expect(junk.code).toBe(2);
    expect(junk.stderr).toMatch(/is not a local user pool/);
  });
});

describe('apigw-lab serve --jwks', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'apigw-jwks-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('trusts the named pool instead of the local one, by issuer', async () => {
    const localFile = join(tmp, 'pool.json');
    const local = (await runCli(['token', '--pool', localFile, '--user', 'bob'])).stdout.trim();
    // The same key pair as the pool the API names (us-east-1_Example): only the issuer differs.
    const saved = JSON.parse(readFileSync(localFile, 'utf8')) as { publicJwk: unknown; userPoolId: string };
    const exampleFile = join(tmp, 'example.json');
    writeFileSync(exampleFile, JSON.stringify({ ...saved, userPoolId: 'us-east-1_Example' }));
    const example = (await runCli(['token', '--pool', exampleFile, '--user', 'bob'])).stdout.trim();
    const jwksFile = join(tmp, 'jwks.json');
    writeFileSync(jwksFile, JSON.stringify({ keys: [saved.publicJwk] }));
    const served = await startCli([
      `${DIR}/api.yaml`,
      '--function',
      `items=${DIR}/items.mjs`,
      '--jwks',
      `https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example=${jwksFile}`,
    ]);
    try {
      expect((await fetch(`${served.invokeUrl}/items`, { headers: { Authorization: example } })).status).toBe(200);
      expect((await fetch(`${served.invokeUrl}/items`, { headers: { Authorization: local } })).status).toBe(401);
    } finally {
      await served.stop();
    }
    const bad = await runCli(['serve', `${DIR}/api.yaml`, '--jwks', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--jwks "nope": expected ISSUER=FILE/);
  }, 30_000);
});
