import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, startCli, type RunningCli } from './helpers.js';

/** GET over node:http, to see the response headers in wire case and order. */
function rawGet(url: string): Promise<{ status: number; rawHeaders: string[]; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, rawHeaders: res.rawHeaders, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const CLF_LINE =
  /^(\S+) - - \[(\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000)\] "(\S+) (\S+) (HTTP\/1\.1)" (\d{3}) (\d+) ([0-9a-f-]{36})$/;

describe('apigw-lab serve', () => {
  let cli: RunningCli;

  beforeAll(async () => {
    cli = await startCli([
      `${FIXTURES}/api.yaml`,
      '--function',
      `hello=${FIXTURES}/hello.ts#greet`,
      '--stage-variable',
      'color=blue',
    ]);
  }, 30_000);

  afterAll(async () => {
    await cli?.stop();
  });

  it('prints the invoke URL with the real port and the routes', () => {
    expect(cli.invokeUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/dev$/);
    expect(cli.invokeUrl).not.toMatch(/:0\//);
    const out = cli.stdout();
    expect(out).toMatch(new RegExp(`GET\\s+${cli.invokeUrl}/items\\s`));
    expect(out).toMatch(new RegExp(`POST\\s+${cli.invokeUrl}/items\\s`));
    expect(out).toContain(`${cli.invokeUrl}/items/{id}`);
    expect(out).toContain(`${cli.invokeUrl}/hello`);
    expect(out).toContain('hello: test/fixtures/cli/hello.ts#greet');
    expect(out).toMatch(/hello: test\/fixtures\/cli\/hello\.ts#greet/);
  });

  it('answers a route through its Lambda handler', async () => {
    const res = await fetch(`${cli.invokeUrl}/items?color=red`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-fixture')).toBe('items');
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    const body = await res.json();
    expect(body).toMatchObject({
      resource: '/items',
      path: '/items',
      httpMethod: 'GET',
      queryStringParameters: { color: 'red' },
      stage: 'dev',
      stageVariables: { color: 'blue' },
    });
  });

  it('passes path parameters and request bodies', async () => {
    const one = await fetch(`${cli.invokeUrl}/items/42`);
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ resource: '/items/{id}', pathParameters: { id: '42' } });

    const posted = await fetch(`${cli.invokeUrl}/items`, { method: 'POST', body: '{"name":"widget"}' });
    expect(posted.status).toBe(200);
    expect(await posted.json()).toMatchObject({ httpMethod: 'POST', body: '{"name":"widget"}' });
  });

  it('runs a --function with a #export (TypeScript)', async () => {
    const res = await fetch(`${cli.invokeUrl}/hello?name=Ada`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('greetings, Ada');
  });

  it('writes response headers in API Gateway case and order', async () => {
    const res = await rawGet(`${cli.invokeUrl}/items`);
    expect(res.status).toBe(200);
    const names = res.rawHeaders.filter((_, i) => i % 2 === 0);
    expect(names.slice(0, 5)).toEqual(['Date', 'Content-Type', 'Content-Length', 'Connection', 'x-amzn-RequestId']);
    expect(names).toContain('X-Fixture');
    expect(names.filter((n) => n.toLowerCase() === 'date')).toHaveLength(1);
    const length = res.rawHeaders[res.rawHeaders.indexOf('Content-Length') + 1];
    expect(Number(length)).toBe(Buffer.byteLength(res.body));
  });

  it('answers an unknown path with 403 Missing Authentication Token', async () => {
    const res = await fetch(`${cli.invokeUrl}/nope`);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ message: 'Missing Authentication Token' });
    const other = await fetch(cli.invokeUrl.replace(/\/dev$/, '/prod/items'));
    expect(other.status).toBe(403);
  });

  it('prints one CLF access-log line per request', async () => {
    const res = await fetch(`${cli.invokeUrl}/items/7?x=1`, { headers: { 'x-marker': 'access-log' } });
    const requestId = res.headers.get('x-amzn-requestid');
    await res.arrayBuffer();
    const line = await cli.waitForLine(new RegExp(`${requestId}$`));
    const match = CLF_LINE.exec(line);
    expect(match, line).not.toBeNull();
    const [, ip, , method, resourcePath, , status, length, id] = match!;
    expect(ip).toBe('127.0.0.1');
    expect(method).toBe('GET');
    expect(resourcePath).toBe('/items/{id}');
    expect(status).toBe('200');
    expect(Number(length)).toBeGreaterThan(0);
    expect(id).toBe(requestId);

    // No resource matched: the raw path (without the query string).
    const missing = await fetch(`${cli.invokeUrl}/no/such?thing=1`);
    const missingId = missing.headers.get('x-amzn-requestid');
    await missing.arrayBuffer();
    const missingLine = await cli.waitForLine(new RegExp(`${missingId}$`));
    expect(missingLine).toContain('"GET /dev/no/such HTTP/1.1" 403 42 ');

    const lines = cli
      .stdout()
      .split('\n')
      .filter((l) => CLF_LINE.test(l));
    expect(new Set(lines.map((l) => l.split(' ').at(-1))).size).toBe(lines.length);
  });

  it('answers 413 for a body over 10 MB without reading all of it', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 100, 'a');
    const res = await fetch(`${cli.invokeUrl}/items`, { method: 'POST', body: big }).catch((e: unknown) => e);
    // The server answers and closes before the upload is done; the client may see the 413 or a reset.
    if (res instanceof Response) {
      expect(res.status).toBe(413);
      await res.arrayBuffer();
    }
    const after = await fetch(`${cli.invokeUrl}/items`);
    expect(after.status).toBe(200);
  });

  it('applies --timeout as the functions timeout and prints function logs and 5xx reasons to stderr', async () => {
    const other = await startCli([`${FIXTURES}/api.yaml`, '--timeout', '1000']);
    try {
      // The first call starts the function's worker (a cold start); then time one within and one past the timeout.
      await (await fetch(`${other.invokeUrl}/slow?ms=0`)).arrayBuffer();
      const quick = await fetch(`${other.invokeUrl}/slow?ms=10`);
      expect(quick.status).toBe(200);
      expect(await quick.text()).toBe('slept 10 ms');
      const slow = await fetch(`${other.invokeUrl}/slow?ms=5000`);
      expect(slow.status).toBe(502);
      await slow.arrayBuffer();
      await expect
        .poll(() => other.stderr(), { timeout: 5_000 })
        .toMatch(/\[slow_handler\] .*Task timed out after 1\.00 seconds/);
      expect(other.stderr()).toMatch(/apigw-lab: 502 for GET \/dev\/slow \(/);
    } finally {
      await other.stop();
    }
  });

  it('stops cleanly on SIGTERM', async () => {
    const other = await startCli([`${FIXTURES}/api.yaml`]);
    const res = await fetch(`${other.invokeUrl}/items`);
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    const exit = await other.stop('SIGTERM');
    expect(exit.code).toBe(0);
    expect(other.stderr()).not.toMatch(/\n\s+at /);
  });
});

// The endpoint type is import-rest-api's parameter (endpointConfigurationTypes), not part of the definition.
describe.each([
  [[], 'EDGE'],
  [['--endpoint-type', 'regional'], 'REGIONAL'],
  [['--endpoint-type=PRIVATE'], 'PRIVATE'],
] as const)('apigw-lab serve %j', (flags, type) => {
  let cli: RunningCli;
  beforeAll(async () => {
    cli = await startCli([`${FIXTURES}/api.yaml`, '--function', `hello=${FIXTURES}/hello.ts#greet`, ...flags]);
  }, 30_000);
  afterAll(async () => {
    await cli?.stop();
  });

  it(`serves a ${type} API: CloudFront's headers in the event only when edge-optimized`, async () => {
    const res = await fetch(`${cli.invokeUrl}/items`);
    expect(res.status).toBe(200);
    const { headerNames } = (await res.json()) as { headerNames: string[] };
    const cloudFront = headerNames.filter((n) => /^(Via|X-Amz-Cf-Id|CloudFront-)/.test(n));
    if (type === 'EDGE')
      expect(cloudFront).toEqual(expect.arrayContaining(['Via', 'X-Amz-Cf-Id', 'CloudFront-Viewer-Country']));
    else expect(cloudFront).toEqual([]);
  });
});

describe('apigw-lab serve: start-up errors', () => {
  const expectCleanError = (result: { code: number | null; stderr: string }, pattern: RegExp) => {
    expect(result.code).toBe(2);
    const first = result.stderr.split('\n')[0]!;
    expect(first).toMatch(/^apigw-lab: error: /);
    expect(first).toMatch(pattern);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  };

  it('a missing definition file', async () => {
    expectCleanError(await runCli(['serve', `${FIXTURES}/nope.yaml`]), /not found: test\/fixtures\/cli\/nope\.yaml/);
  });

  it('invalid YAML', async () => {
    expectCleanError(
      await runCli(['serve', `${FIXTURES}/invalid-yaml.yaml`]),
      /invalid-yaml\.yaml is not valid YAML: .*line \d+/,
    );
  });

  it('invalid OpenAPI', async () => {
    const result = await runCli(['serve', `${FIXTURES}/invalid-openapi.yaml`]);
    expectCleanError(result, /invalid-openapi\.yaml is not a valid OpenAPI definition: /);
    expect(result.stderr).toContain("info must have required property 'version'");
    expect(result.stderr).toContain('paths["/items"].get.responses must be object');
  });

  it('not an OpenAPI document', async () => {
    expectCleanError(await runCli(['serve', 'package.json']), /package\.json is not an OpenAPI definition/);
  });

  it('a missing function file', async () => {
    const result = await runCli(['serve', `${FIXTURES}/missing-function.yaml`]);
    expectCleanError(result, /no handler file for Lambda function "ghost_handler" \(used by GET \/ghost\)/);
    expect(result.stderr).toContain('--function ghost_handler=PATH');
  });

  it('a --function file that does not exist', async () => {
    const result = await runCli([
      'serve',
      `${FIXTURES}/missing-function.yaml`,
      '--function',
      'ghost_handler=nowhere.js',
    ]);
    expectCleanError(result, /--function ghost_handler=nowhere\.js: file not found: nowhere\.js/);
  });

  it('two candidate handler files', async () => {
    const result = await runCli(['serve', `${FIXTURES}/ambiguous/api.yaml`]);
    expectCleanError(
      result,
      /"ghost_handler" matches 2 files: .*ghost_handler\.js, .*ghost_handler\.py; choose one with --function/,
    );
  });

  it('an unknown flag', async () => {
    expectCleanError(await runCli(['serve', `${FIXTURES}/api.yaml`, '--prot', '3000']), /unknown option "--prot"/);
  });

  it('a bad flag value', async () => {
    expectCleanError(
      await runCli(['serve', `${FIXTURES}/api.yaml`, '--port', 'abc']),
      /--port "abc": expected a port number/,
    );
    expectCleanError(
      await runCli(['serve', `${FIXTURES}/api.yaml`, '--endpoint-type', 'global']),
      /--endpoint-type "global": expected edge, regional or private/,
    );
  });

  it('a port in use', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await runCli(['serve', `${FIXTURES}/api.yaml`, '--port', String(port)]);
      expectCleanError(result, new RegExp(`port ${port} is already in use`));
    } finally {
      blocker.close();
    }
  });

  it('warns about a --function the API does not use, and still starts', async () => {
    const cli = await startCli([`${FIXTURES}/api.yaml`, '--function', `unused=${FIXTURES}/hello.ts`]);
    try {
      expect(cli.stderr()).toMatch(/warning: --function unused=.*: the API does not use a function named "unused"/);
    } finally {
      await cli.stop();
    }
  });
});

describe('apigw-lab help and version', () => {
  it('--help', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('apigw-lab serve <openapi.yaml|json>');
  });

  it('serve --help', async () => {
    const result = await runCli(['serve', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--function NAME=PATH[#export]');
    expect(result.stdout).toContain('--stage-variable [STAGE:]K=V');
    expect(result.stdout).toContain('--stage NAME[=DEFINITION]');
    expect(result.stdout).toContain('--endpoint-type edge|regional|private');
    expect(result.stdout).toContain('endpointConfigurationTypes=REGIONAL');
  });

  it('--version', async () => {
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^apigw-lab \d+\.\d+\.\d+\n$/);
  });

  it('an unknown command', async () => {
    const result = await runCli(['start']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^apigw-lab: error: unknown command "start"/);
  });
});

describe('apigw-lab serve: Python handlers', () => {
  it('runs lambda_handler from a .py file beside a Swagger 2 JSON definition', async () => {
    const cli = await startCli([`${FIXTURES}/python/api.json`, '--stage', 'v1']);
    try {
      expect(cli.invokeUrl).toMatch(/\/v1$/);
      const res = await fetch(`${cli.invokeUrl}/py`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ runtime: 'python', path: '/py' });
    } finally {
      await cli.stop();
    }
  }, 120_000);
});
