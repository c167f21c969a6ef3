import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli, type RunningCli } from './helpers.js';

// The console's "Enable CORS" adds OPTIONS methods with MOCK integrations:
// https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors-console.html
describe('apigw-lab serve: routes that are not Lambda functions', () => {
  let cli: RunningCli;
  beforeAll(async () => {
    cli = await startCli([
      'examples/items/openapi.yaml',
      '--function',
      'items_handler=examples/items/items_handler.ts',
    ]);
  });
  afterAll(async () => {
    await cli?.stop();
  });

  it('lists the MOCK OPTIONS methods among the routes', () => {
    expect(cli.stdout()).toMatch(/OPTIONS\s+http:\/\/127\.0\.0\.1:\d+\/dev\/items\s+-> MOCK/);
  });
  it('answers a CORS preflight from the MOCK integration without calling the function', async () => {
    const response = await fetch(`${cli.invokeUrl}/items`, { method: 'OPTIONS' });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-methods')).toMatch(/GET/);
    expect(cli.stderr()).not.toMatch(/\[items_handler\]/);
  });
});
