import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli, type RunningCli } from './helpers.js';

// Custom domain names with base path (API) mappings, REST APIs:
// https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html

/** GET `url` with a Host header (fetch would send the URL's own host). */
function get(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Host: host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('apigw-lab serve --domain-name api.example.com --base-path-mapping v1=dev --base-path-mapping =prod', () => {
  let cli: RunningCli;
  let origin: string;
  beforeAll(async () => {
    cli = await startCli(
      [
        'examples/items/openapi.yaml',
        '--function',
        'items_handler=examples/items/items_handler.ts',
        '--stage',
        'dev',
        '--stage',
        'prod',
        '--domain-name',
        'api.example.com',
        '--base-path-mapping',
        'v1=dev',
        '--base-path-mapping',
        '=prod',
      ],
      60_000,
    );
    origin = new URL(cli.invokeUrl).origin;
  }, 90_000);
  afterAll(async () => {
    await cli?.stop();
  });

  it('lists the mappings in the banner', () => {
    expect(cli.stdout()).toContain('Custom domain name api.example.com:');
    expect(cli.stdout()).toContain(`${origin}/v1 -> stage dev (with -H 'Host: api.example.com')`);
  });

  it('serves the root mapping: the guide handler answers 200 (event.path is /items)', async () => {
    const { status, body } = await get(`${origin}/items`, 'api.example.com');
    expect(status).toBe(200);
    expect(JSON.parse(body).items).toHaveLength(2);
  });

  it('serves base path v1 from stage dev: the guide handler answers 404, as event.path is /v1/items (erratum 11)', async () => {
    const { status, body } = await get(`${origin}/v1/items`, 'api.example.com');
    expect([status, JSON.parse(body)]).toEqual([404, { message: 'Resource not found' }]);
    await cli.waitForLine(/"GET \/items HTTP\/1\.1" 404/);
  });

  it('keeps the stage URLs for any other Host', async () => {
    const { status } = await get(`${origin}/dev/items`, `127.0.0.1:${new URL(origin).port}`);
    expect(status).toBe(200);
  });
});

describe('apigw-lab serve: bad custom domain flags', () => {
  it.each([
    [['--base-path-mapping', 'v1=dev'], /--base-path-mapping needs --domain-name/],
    [['--domain-name', 'api.example.com'], /add at least one --base-path-mapping/],
    [['--domain-name', 'api.example.com', '--base-path-mapping', 'v1=prod'], /no stage "prod"/],
    [['--domain-name', 'api.example.com', '--base-path-mapping', 'v1'], /expected BASEPATH=STAGE/],
    [
      ['--domain-name', 'api.example.com', '--base-path-mapping', 'v1=dev', '--base-path-mapping', '/v1/=dev'],
      /base path "v1" is given twice/,
    ],
    [['--domain-name', 'not a domain', '--base-path-mapping', 'v1=dev'], /expected a host name/],
  ])('%j', async (args, message) => {
    const result = await runCli(['serve', 'examples/items/openapi.yaml', ...args, '--port', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

// HTTP APIs: API mappings (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-mappings.html); payload
// 2.0 rawPath leaves the mapping out (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
describe('apigw-lab serve (an HTTP API) --domain-name api.example.com --base-path-mapping greetings=$default', () => {
  let cli: RunningCli;
  let origin: string;
  beforeAll(async () => {
    cli = await startCli(
      [
        'test/fixtures/cli/http-api/http-api.yaml',
        '--stage',
        '$default',
        '--domain-name',
        'api.example.com',
        '--base-path-mapping',
        'greetings=$default',
      ],
      60_000,
    );
    origin = new URL(cli.invokeUrl).origin;
  }, 90_000);
  afterAll(async () => {
    await cli?.stop();
  });

  it('routes the mapping to $default, and the function sees rawPath without it', async () => {
    const { status, body } = await get(`${origin}/greetings/hello/ada`, 'api.example.com');
    expect([status, JSON.parse(body)]).toEqual([
      200,
      { routeKey: 'GET /hello/{name}', rawPath: '/hello/ada', name: 'ada' },
    ]);
  });

  it("answers a path outside every mapping with the HTTP API's 404", async () => {
    const { status, body } = await get(`${origin}/hello/ada`, 'api.example.com');
    expect([status, body]).toEqual([404, '{"message":"Not Found"}']);
  });
});
