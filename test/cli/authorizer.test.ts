import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, startCli, type RunningCli } from './helpers.js';

const DIR = `${FIXTURES}/authorizer`;

// `apigw-lab serve api.yaml --function auth=auth.mjs --function items=items.mjs`: a TOKEN Lambda authorizer in front of
// a Lambda proxy, both local handlers. Answers as AWS documents them: api-gateway-lambda-authorizer-output.html, and
// the 401/403 bodies captured from execute-api (rest/gateway-responses.ts).
describe('apigw-lab serve with a TOKEN Lambda authorizer', () => {
  let cli: RunningCli;

  beforeAll(async () => {
    cli = await startCli([
      `${DIR}/api.yaml`,
      '--function',
      `auth=${DIR}/auth.mjs`,
      '--function',
      `items=${DIR}/items.mjs`,
    ]);
  }, 30_000);

  afterAll(async () => {
    await cli?.stop();
  });

  it('allows a good token: 200, and the backend sees principalId and the context as strings', async () => {
    const response = await fetch(`${cli.invokeUrl}/items`, { headers: { Authorization: 'allow-alice' } });
    expect(response.status).toBe(200);
    const { authorizer } = (await response.json()) as { authorizer: Record<string, unknown> };
    expect(authorizer).toMatchObject({ principalId: 'alice', plan: 'gold', seats: '3' });
    expect(typeof authorizer.integrationLatency).toBe('number');
    // The authorizer's call and its log line are on stderr, as the integration's are.
    await cli.waitForLine(/./);
    await expect.poll(() => cli.stderr()).toMatch(/\[auth\] .*authorizing allow-alice/);
    await expect.poll(() => cli.stderr()).toMatch(/authorizer token-auth \(TOKEN, auth\): allow/);
  });

  it('denies a bad token: 403 with AWS body and x-amzn-ErrorType', async () => {
    const response = await fetch(`${cli.invokeUrl}/items`, { headers: { Authorization: 'let-me-in' } });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(await response.text()).toBe(
      '{"Message":"User is not authorized to access this resource with an explicit deny"}',
    );
  });

  it('answers 401 without a token', async () => {
    const response = await fetch(`${cli.invokeUrl}/items`);
    expect(response.status).toBe(401);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
    expect(await response.text()).toBe('{"message":"Unauthorized"}');
  });

  it('serves a method without an authorizer as before', async () => {
    const response = await fetch(`${cli.invokeUrl}/public`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ authorizer: null });
  });

  it('uses the cached result for the same token (authorizerResultTtlInSeconds: 300)', async () => {
    const before = (cli.stderr().match(/authorizing allow-bob/g) ?? []).length;
    await fetch(`${cli.invokeUrl}/items`, { headers: { Authorization: 'allow-bob' } });
    const second = await fetch(`${cli.invokeUrl}/items`, { headers: { Authorization: 'allow-bob' } });
    expect(second.status).toBe(200);
    await expect.poll(() => cli.stderr()).toMatch(/authorizer token-auth \(TOKEN, auth\): allow \(cached\)/);
    expect((cli.stderr().match(/authorizing allow-bob/g) ?? []).length).toBe(before + 1);
  });
});
