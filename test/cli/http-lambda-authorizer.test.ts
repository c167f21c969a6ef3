import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, startCli, type RunningCli } from './helpers.js';

// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
describe('apigw-lab serve: an HTTP API Lambda authorizer (simple responses), its function named by authorizerUri', () => {
  let cli: RunningCli;
  beforeAll(async () => {
    cli = await startCli([`${FIXTURES}/http-api/lambda-auth.yaml`, '--stage', '$default']);
  });
  afterAll(async () => {
    await cli?.stop();
  });

  it('allows the token the function accepts and passes its context as requestContext.authorizer.lambda', async () => {
    const response = await fetch(`${cli.invokeUrl}/me`, { headers: { authorization: 'let-me-in' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ lambda: { user: 'alice' } });
  });

  it('answers 403 for a token it refuses, 401 without one, and logs its verdicts to stderr', async () => {
    const refused = await fetch(`${cli.invokeUrl}/me`, { headers: { authorization: 'nope' } });
    expect([refused.status, await refused.text()]).toEqual([403, '{"message":"Forbidden"}']);
    const missing = await fetch(`${cli.invokeUrl}/me`);
    expect([missing.status, await missing.text()]).toEqual([401, '{"message":"Unauthorized"}']);
    await cli.waitForLine(/GET \/me HTTP\/1\.1" 401/);
    expect(cli.stderr()).toMatch(/\[simple_auth\] .*checking nope/);
  });
});
