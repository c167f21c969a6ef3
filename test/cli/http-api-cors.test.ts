import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, startCli, type RunningCli } from './helpers.js';

// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html: "If you configure CORS for an API,
// API Gateway automatically sends a response to preflight OPTIONS requests, even if there isn't an OPTIONS route
// configured for your API. For a CORS request, API Gateway adds the configured CORS headers to the response from an
// integration." and "API Gateway ignores CORS headers returned from your backend integration."
describe('apigw-lab serve: an HTTP API with x-amazon-apigateway-cors', () => {
  let cli: RunningCli;
  beforeAll(async () => {
    cli = await startCli([`${FIXTURES}/http-api/cors.yaml`, '--stage', '$default', '--concurrency', '1']);
  });
  afterAll(async () => {
    await cli?.stop();
  });

  it('answers a preflight itself (204, the configured headers) without calling the function', async () => {
    expect(cli.stdout()).toMatch(/serving HTTP API "CorsHttpApi"/);
    const response = await fetch(`${cli.invokeUrl}/notes`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'PUT' },
    });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,PUT');
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization');
    expect(response.headers.get('access-control-max-age')).toBe('600');
    expect(response.headers.get('apigw-requestid')).toBeTruthy();
  });

  it("adds the configured headers to a GET with an allowed Origin, in place of the function's own", async () => {
    const response = await fetch(`${cli.invokeUrl}/notes`, { headers: { Origin: 'https://app.example' } });
    expect(response.status).toBe(200);
    // the function's first call: the preflight before did not reach it
    expect(await response.json()).toEqual({ calls: 1, method: 'GET' });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(response.headers.get('access-control-expose-headers')).toBe('x-calls');
    expect(response.headers.get('x-calls')).toBe('1');
  });

  it('sends no CORS headers to an origin not allowed, and drops the function\'s "*"', async () => {
    const response = await fetch(`${cli.invokeUrl}/notes`, { headers: { Origin: 'https://evil.example' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ calls: 2, method: 'GET' });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
