/**
 * "Copy as curl" (src/components/curl-command.ts): the commands' text, and the commands run: the serve command starts
 * the built CLI (lib/cli.mjs, `npm run build:node`) and the curl command, run by a shell, gets the documented status
 * and body.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  curlCommand,
  serveCommand,
  shellQuote,
  type CurlInput,
  type ServeSetup,
} from '../../src/components/curl-command.js';
import { serveSetupOf } from '../../src/components/serve-setup.js';
import { loadExample } from '../../src/examples/load-node.js';
import type { Example, ExampleRequest } from '../../src/examples/types.js';
import { ROOT } from '../cli/helpers.js';

const ITEMS: ServeSetup = {
  apis: [{ definition: 'examples/items/openapi.yaml', apiType: 'REST', endpointType: 'REGIONAL', stage: 'dev' }],
  functions: [
    {
      name: 'items_handler',
      files: { python: 'examples/items/items_handler.py', typescript: 'examples/items/items_handler.ts' },
    },
  ],
};
const INVOKE = 'https://xxxxxxx.execute-api.us-east-1.amazonaws.com/dev';
const input = (request: ExampleRequest, over: Partial<CurlInput> = {}): CurlInput => ({
  setup: ITEMS,
  request,
  api: 0,
  language: 'typescript',
  invokeUrl: INVOKE,
  viaDomain: false,
  ...over,
});
const get = (path: string, headers: Array<[string, string]> = []): ExampleRequest => ({
  method: 'GET',
  path,
  headers,
  body: null,
});

describe('shellQuote', () => {
  it('leaves safe words alone and single-quotes the rest', () => {
    expect(shellQuote('examples/items/openapi.yaml')).toBe('examples/items/openapi.yaml');
    expect(shellQuote('Accept: application/json')).toBe("'Accept: application/json'");
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('$default')).toBe("'$default'");
  });

  it("writes a single quote as '\\''", () => {
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });
});

describe('serveCommand', () => {
  it("serves the items example as the README's CLI section does", () => {
    expect(serveCommand(input(get('/items')))).toBe(
      'npx apigw-lab serve examples/items/openapi.yaml --endpoint-type regional --function items_handler=examples/items/items_handler.ts',
    );
    expect(serveCommand(input(get('/items'), { language: 'python' }))).toContain(
      '--function items_handler=examples/items/items_handler.py',
    );
  });

  it('names every stage with its own variables, an HTTP API and its $default stage, a custom domain, a port', () => {
    const stages = { ...ITEMS, stages: { dev: { table: 'items-dev' }, prod: { table: 'items-prod' } } };
    expect(serveCommand(input(get('/items/1'), { setup: stages }))).toMatch(
      / --stage dev --stage prod --stage-variable dev:table=items-dev --stage-variable prod:table=items-prod$/,
    );
    const http: ServeSetup = {
      ...ITEMS,
      apis: [
        { definition: 'examples/items-http-api/openapi.yaml', apiType: 'HTTP', stage: '$default' },
        ITEMS.apis[0]!,
      ],
    };
    expect(serveCommand(input(get('/items'), { setup: http }))).toBe(
      "npx apigw-lab serve examples/items-http-api/openapi.yaml --api-type http --function items_handler=examples/items/items_handler.ts --stage '$default'",
    );
    // The switch to the REST API serves its definition.
    expect(serveCommand(input(get('/items'), { setup: http, api: 1 }))).toMatch(
      /^npx apigw-lab serve examples\/items\/openapi.yaml --endpoint-type regional /,
    );
    const domain = {
      ...ITEMS,
      customDomain: {
        domainName: 'api.example.com',
        basePathMappings: [
          { basePath: 'v1', stage: 'dev' },
          { basePath: '', stage: 'prod' },
        ],
      },
    };
    expect(serveCommand({ ...input(get('/items'), { setup: domain }), port: 0 })).toMatch(
      / --domain-name api.example.com --base-path-mapping v1=dev --base-path-mapping =prod --port 0$/,
    );
  });

  it('starts the HTTP service first when the example has one', () => {
    const upstream = {
      ...ITEMS,
      functions: [],
      upstreamServer: 'node examples/http-proxy/upstream-server.mjs',
      stages: { dev: { upstream: '127.0.0.1:8080' } },
    };
    expect(serveCommand(input(get('/orders/7'), { setup: upstream }))).toBe(
      'node examples/http-proxy/upstream-server.mjs & npx apigw-lab serve examples/items/openapi.yaml --endpoint-type regional --stage-variable upstream=127.0.0.1:8080',
    );
  });
});

describe('curlCommand', () => {
  it('sends a GET to the stage on 127.0.0.1:3000, without the headers curl would add', () => {
    expect(curlCommand(input(get('/items', [['Accept', 'application/json']])))).toBe(
      "curl -i http://127.0.0.1:3000/dev/items -H 'Accept: application/json' -H User-Agent:",
    );
  });

  it('sends a JSON body byte for byte, quoted, with single quotes in it', () => {
    const body = '{\n  "name": "Bob\'s keyboard"\n}';
    expect(
      curlCommand(input({ method: 'POST', path: '/items', headers: [['Content-Type', 'application/json']], body })),
    ).toBe(
      `curl -i -X POST http://127.0.0.1:3000/dev/items -H 'Content-Type: application/json' -H Accept: -H User-Agent: --data-raw '{\n  "name": "Bob'\\''s keyboard"\n}'`,
    );
    // No Content-Type in the request: curl's form type is removed.
    expect(curlCommand(input({ method: 'PUT', path: '/items/1', headers: [], body: 'x' }))).toContain(
      '-H Content-Type: --data-raw x',
    );
  });

  it("goes through a custom domain with its Host header, or to another stage's path", () => {
    const domain = {
      ...ITEMS,
      customDomain: { domainName: 'api.example.com', basePathMappings: [{ basePath: 'v1', stage: 'dev' }] },
    };
    expect(
      curlCommand(input(get('/items'), { setup: domain, invokeUrl: 'https://api.example.com/v1', viaDomain: true })),
    ).toBe("curl -i http://127.0.0.1:3000/v1/items -H 'Host: api.example.com' -H Accept: -H User-Agent:");
    expect(curlCommand(input(get('/items/1?x=a b'), { invokeUrl: INVOKE.replace(/dev$/, 'prod') }))).toBe(
      "curl -i 'http://127.0.0.1:3000/prod/items/1?x=a b' -H Accept: -H User-Agent:",
    );
    // An HTTP API's $default stage has no path segment.
    expect(
      curlCommand(input(get('/items'), { invokeUrl: 'https://xxxxxxx.execute-api.us-east-1.amazonaws.com' })),
    ).toMatch(/^curl -i http:\/\/127.0.0.1:3000\/items /);
  });

  it('turns globbing off for [] and {} and sends HEAD with -I', () => {
    expect(curlCommand(input(get('/items/{id}')))).toMatch(/^curl -i -g /);
    expect(curlCommand(input({ method: 'HEAD', path: '/items', headers: [], body: null }))).toMatch(/^curl -i -I http/);
  });
});

/** Runs a command line in sh (from the repository root); `npx apigw-lab` is this checkout's CLI. */
function sh(command: string): string {
  return command.replace(/^npx apigw-lab /, 'exec node bin/apigw-lab.mjs ');
}

/** Starts the serve command (with --port 0) and resolves with the port it listens on. */
function startServe(command: string): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', sh(command)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no Invoke URL within 60 s: ${out}`)), 60_000);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const match = /^Invoke URL: http:\/\/127\.0\.0\.1:(\d+)/m.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]) });
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('close', (code) => reject(new Error(`serve exited (${code}): ${out}`)));
  });
}

/** Runs the curl command in sh and splits `curl -i`'s output into status and body. */
function runCurl(command: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    execFile('sh', ['-c', command], { cwd: ROOT, encoding: 'utf8' }, (error, stdout) => {
      if (error) return reject(error);
      const end = stdout.indexOf('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/[\d.]+ (\d{3})/.exec(stdout)?.[1]), body: stdout.slice(end + 4) });
    });
  });
}

/** What Sandbox.astro builds for the example's documented API (serve-setup.ts, reading its manifest). */
function setupOf(name: string, example: Example): ServeSetup {
  const m = example.manifest;
  return serveSetupOf(name, [
    {
      apiType: m.stage === '$default' ? 'HTTP' : 'REST',
      ...(m.endpointType ? { endpointType: m.endpointType } : {}),
      stage: m.stage,
    },
  ]);
}

describe.each(['items', 'custom-domain', 'mapping-template', 'items-http-api'])(
  'the commands of examples/%s, run',
  (name) => {
    const example = loadExample(`examples/${name}`);
    const setup = setupOf(name, example);
    let server: { child: ChildProcess; port: number };
    beforeAll(async () => {
      server = await startServe(serveCommand({ setup, api: 0, language: 'typescript', port: 0 }));
    }, 90_000);
    afterAll(() => {
      server?.child.kill();
    });

    it.each(example.exchanges.map((x) => [x.id, x] as const))(
      '%s: the documented status and body',
      async (_id, exchange) => {
        const curl = curlCommand({
          setup,
          request: exchange.request,
          api: 0,
          language: 'typescript',
          invokeUrl: example.manifest.invokeUrl,
          viaDomain: !!setup.customDomain,
          port: server.port,
        });
        const response = await runCurl(curl);
        const documented = exchange.response.typescript;
        expect({ status: response.status, body: response.body }, curl).toEqual({
          status: documented.status,
          body: documented.body,
        });
      },
    );
  },
);

describe('the commands of examples/throttle-burst (a stage config), run', () => {
  const example = loadExample('examples/throttle-burst');
  const setup = setupOf('throttle-burst', example);
  let server: { child: ChildProcess; port: number };
  beforeAll(async () => {
    server = await startServe(serveCommand({ setup, api: 0, language: 'typescript', port: 0 }));
  }, 90_000);
  afterAll(() => {
    server?.child.kill();
  });

  it('serves with --stage-config: the burst of 3 is used up: of eight requests at once, three or more pass and the rest get 429', async () => {
    expect(serveCommand({ setup, api: 0, language: 'typescript' })).toContain(
      '--stage-config examples/throttle-burst/stage.json',
    );
    const curl = curlCommand({
      setup,
      request: example.exchanges[0]!.request,
      api: 0,
      language: 'typescript',
      invokeUrl: example.manifest.invokeUrl,
      viaDomain: false,
      port: server.port,
    });
    // Eight curls at once: within t seconds at most 3 + t are let through (burst 3, 1 request per second), so even on a
    // loaded machine (several seconds to start eight processes) some are refused, and the first three never are.
    const statuses = (await Promise.all(Array.from({ length: 8 }, () => runCurl(curl)))).map((r) => r.status);
    expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(3);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
  });
});
