import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, startCli, type RunningCli } from './helpers.js';

// apigw-lab serve api.yaml, whose x-amazon-apigateway-policy denies GET /private to 127.0.0.1 and ::1: the real client
// address is aws:SourceIp. https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies.html
describe('apigw-lab serve with a resource policy (x-amazon-apigateway-policy)', () => {
  let cli: RunningCli;

  beforeAll(async () => {
    cli = await startCli([`${FIXTURES}/resource-policy/api.yaml`]);
  }, 30_000);

  afterAll(async () => {
    await cli?.stop();
  });

  it('serves a method the policy allows the loopback caller', async () => {
    const response = await fetch(`${cli.invokeUrl}/hello`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ sourceIp: '127.0.0.1' });
  });

  it('answers 403 ACCESS_DENIED with the explicit-deny message for the method it denies 127.0.0.1', async () => {
    const response = await fetch(`${cli.invokeUrl}/private`);
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(await response.text()).toMatch(
      /^\{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:\*{8}9012:\w+\/dev\/GET\/private with an explicit deny"\}$/,
    );
    await cli.waitForLine(/"GET \/private HTTP\/1\.1" 403 /);
    await expect
      .poll(() => cli.stderr())
      .toMatch(/apigw-lab: resource policy: explicit deny \(Statement\[1\]\) for anonymous\n/);
  });
});
