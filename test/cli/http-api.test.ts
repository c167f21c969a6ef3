import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, startCli, type RunningCli } from './helpers.js';

// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
describe('apigw-lab serve: HTTP APIs (payload format 2.0)', () => {
  let cli: RunningCli;
  beforeAll(async () => {
    cli = await startCli([`${FIXTURES}/http-api/http-api.yaml`, '--stage', '$default']);
  });
  afterAll(async () => {
    await cli?.stop();
  });

  it('recognises the HTTP API and serves the $default stage without a stage prefix', async () => {
    expect(cli.stdout()).toMatch(/serving HTTP API "HelloHttpApi"/);
    expect(cli.invokeUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${cli.invokeUrl}/hello/ada`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ routeKey: 'GET /hello/{name}', rawPath: '/hello/ada', name: 'ada' });
  });

  it('answers an undefined route with HTTP APIs\' 404 {"message":"Not Found"}', async () => {
    const response = await fetch(`${cli.invokeUrl}/nope`);
    expect([response.status, await response.text()]).toEqual([404, '{"message":"Not Found"}']);
  });
});

describe('apigw-lab serve --api-type', () => {
  it('refuses the $default stage for a REST API', async () => {
    const result = await runCli(['serve', `${FIXTURES}/api.yaml`, '--stage', '$default', '--port', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/only HTTP APIs have a \$default stage/);
  });
  it('rejects an unknown API type', async () => {
    const result = await runCli(['serve', `${FIXTURES}/api.yaml`, '--api-type', 'graphql']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--api-type "graphql": expected rest, http or websocket/);
  });
});
