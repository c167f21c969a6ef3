import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareExchange, compareStage, formatMismatches } from '../../src/examples/compare.js';
import { loadExample } from '../../src/examples/load-node.js';
import type { Example, Exchange } from '../../src/examples/types.js';
import type { RunOutcome } from '../../src/runtime/types.js';
import { webContainerFiles, type WebContainerFilesInput } from '../../src/runtime/webcontainer/file-tree.js';
import {
  FILES,
  RELAY_PATH,
  RUN_PATH,
  UPSTREAM_FILE,
  type SandboxConfig,
  type SandboxRunBody,
} from '../../src/runtime/webcontainer/protocol.js';
import { bundleWebContainerServer } from '../../scripts/build-webcontainer.mjs';
import { closeConnections, rawRequest, startTreeServer, writeTree, type TreeServer } from './webcontainer-helpers.js';
import { actualOf, documentedOf } from '../examples/example-runner.js';

/**
 * The WebContainer cannot boot here (no internet), so what is tested is what it would run: the
 * file tree the page mounts, written to a folder and started with real Node (`node server.mjs`).
 */

let bundle: string;
let example: Example;
const dirs: string[] = [];
const servers: TreeServer[] = [];

/** The items example as the page would mount it, with its TypeScript handler. */
function itemsInput(overrides: Partial<WebContainerFilesInput> = {}): WebContainerFilesInput {
  const { manifest } = example;
  const [functionName, byLanguage] = Object.entries(manifest.functions)[0]!;
  return {
    emulatorBundle: bundle,
    language: 'typescript',
    handlerSource: example.sources[functionName]!.typescript,
    definition: example.definition,
    apiId: manifest.apiId,
    ...(manifest.endpointType ? { endpointType: manifest.endpointType } : {}),
    stage: manifest.stage,
    invokeUrl: manifest.invokeUrl,
    functionName,
    handlerName: byLanguage.typescript.handler,
    ...overrides,
  };
}

/** Writes the tree for `input` to a new temporary folder and starts its server. */
async function serveTree(input: WebContainerFilesInput): Promise<TreeServer> {
  const dir = await mkdtemp(join(tmpdir(), 'apigw-lab-wc-'));
  dirs.push(dir);
  await writeTree(dir, webContainerFiles(input));
  const server = await startTreeServer(dir);
  servers.push(server);
  return server;
}

/** POST /__sandbox/run. */
async function sandboxRun(
  server: TreeServer,
  request: SandboxRunBody['request'],
): Promise<{ status: number; json: unknown }> {
  const res = await rawRequest(`http://127.0.0.1:${server.port}${RUN_PATH}`, {
    method: 'POST',
    headers: [['Content-Type', 'application/json']],
    body: JSON.stringify({ request } satisfies SandboxRunBody),
  });
  return { status: res.status, json: JSON.parse(res.body) as unknown };
}

/** The event the items handler logged (`console.log(`Received event: ${JSON.stringify(event, null, 2)}`)`). */
function loggedEvent(output: string): unknown {
  const start = output.indexOf('{', output.indexOf('\tINFO\tReceived event: '));
  const end = output.indexOf('\n}', start);
  if (start < 0 || end < 0) throw new Error(`no "Received event" log line in:\n${output}`);
  return JSON.parse(output.slice(start, end + 2));
}

const documented = (exchange: Exchange) => ({
  event: exchange.event,
  result: exchange.result.typescript,
  response: exchange.response.typescript,
});

beforeAll(async () => {
  example = loadExample('examples/items');
  bundle = (await bundleWebContainerServer({ write: false }))!;
}, 60_000);

afterAll(async () => {
  closeConnections();
  await Promise.all(servers.map((s) => s.stop()));
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** A tree file's text. */
function textOf(tree: ReturnType<typeof webContainerFiles>, name: string): string {
  const node = tree[name];
  if (!node || !('file' in node) || !('contents' in node.file) || typeof node.file.contents !== 'string')
    throw new Error(`${name} is not a text file`);
  return node.file.contents;
}

/** An example whose API has no function of the reader's (http-proxy: the editor holds the HTTP service). */
function exampleInput(loaded: Example, overrides: Partial<WebContainerFilesInput> = {}): WebContainerFilesInput {
  const { manifest } = loaded;
  return {
    emulatorBundle: bundle,
    language: 'typescript',
    handlerSource: '',
    definition: loaded.definition,
    apiId: manifest.apiId,
    ...(manifest.endpointType ? { endpointType: manifest.endpointType } : {}),
    stage: manifest.stage,
    ...(manifest.stages?.[manifest.stage] ? { stageVariables: manifest.stages[manifest.stage] } : {}),
    invokeUrl: manifest.invokeUrl,
    functionName: '',
    handlerName: 'handler',
    ...overrides,
  };
}

describe('webContainerFiles', () => {
  it('holds package.json (ESM, no dependencies), the bundle, server.mjs, the definition, the config and the transpiled handler', () => {
    const tree = webContainerFiles(itemsInput());
    expect(Object.keys(tree).sort()).toEqual(Object.values(FILES).sort());
    const text = (name: string) => {
      const node = tree[name]!;
      if (!('file' in node) || !('contents' in node.file) || typeof node.file.contents !== 'string')
        throw new Error(`${name} is not a text file`);
      return node.file.contents;
    };
    const pkg = JSON.parse(text(FILES.packageJson)) as Record<string, unknown>;
    expect(pkg['type']).toBe('module');
    expect(pkg['dependencies']).toBeUndefined();
    expect(text(FILES.bundle)).toBe(bundle);
    expect(text(FILES.server).split('\n').filter(Boolean).length).toBeLessThanOrEqual(3);
    expect(text(FILES.definition)).toBe(example.definition);
    expect(JSON.parse(text(FILES.config))).toEqual({
      apiId: 'xxxxxxx',
      endpointType: 'REGIONAL',
      stage: 'dev',
      invokeUrl: 'https://xxxxxxx.execute-api.us-east-1.amazonaws.com/dev',
      functionName: 'items_handler',
      handlerName: 'handler',
    });
    const handler = text(FILES.handler);
    expect(handler).toContain('export async function handler(event, _context)');
    expect(handler).not.toMatch(/: APIGatewayProxyEvent|import type|pathParameters!/);
    // Types are stripped in place: the reader's line numbers hold in stack traces.
    expect(handler.split('\n').length).toBe(example.sources['items_handler']!.typescript.split('\n').length);
  });

  it('refuses Python handlers (they run in the Worker)', () => {
    expect(() => webContainerFiles(itemsInput({ language: 'python' }))).toThrow(/TypeScript handlers only/);
  });
});

describe('the WebContainer tree under real Node: the items example', () => {
  let server: TreeServer;

  beforeAll(async () => {
    server = await serveTree(itemsInput());
  }, 30_000);

  it('prints its invoke URL', () => {
    expect(server.output()).toContain(`Invoke URL: http://localhost:${server.port}/dev`);
  });

  it.each([0, 1, 2, 3])(
    'exchange %i through the ordinary API path matches the documented event and response',
    async (i) => {
      const exchange = example.exchanges[i]!;
      const { request } = exchange;
      const before = server.output().length;
      const res = await rawRequest(`http://127.0.0.1:${server.port}/${example.manifest.stage}${request.path}`, request);
      // The event is seen through the handler's own log line, which the server prints before the access-log line.
      const requestId = res.headers.find(([n]) => n === 'x-amzn-RequestId')![1];
      await server.waitForLine(new RegExp(`${requestId}$`));
      const event = loggedEvent(server.output().slice(before));
      const { volatile } = example.manifest;
      const mismatches = [
        ...compareStage('event', exchange.event, event, volatile),
        ...compareStage('response', exchange.response.typescript, res, volatile),
      ];
      expect(formatMismatches(mismatches)).toBe('');
    },
  );

  it.each([0, 1, 2, 3])(
    'exchange %i through /__sandbox/run matches the documented event, result and response',
    async (i) => {
      const exchange = example.exchanges[i]!;
      const { status, json } = await sandboxRun(server, exchange.request);
      expect(status, JSON.stringify(json)).toBe(200);
      const outcome = json as RunOutcome;
      expect(outcome.runtime).toBe('webcontainer');
      expect(outcome.resultKind).toBe('result');
      expect(outcome.logs.join('\n')).toContain('Received event: {');
      const mismatches = compareExchange(documented(exchange), outcome, example.manifest.volatile);
      expect(formatMismatches(mismatches)).toBe('');
    },
  );

  it('passes the client host and port to the event on the ordinary path', async () => {
    const { status, json } = await sandboxRun(server, { method: 'GET', path: '/items/1', headers: [], body: null });
    expect(status).toBe(200);
    const event = (json as RunOutcome).event as { headers: Record<string, string>; pathParameters: unknown };
    expect(event.headers['Host']).toBe('xxxxxxx.execute-api.us-east-1.amazonaws.com');
    expect(event.pathParameters).toEqual({ id: '1' });
  });

  it('prints one access-log line per request', async () => {
    const res = await rawRequest(`http://127.0.0.1:${server.port}/dev/items/2`, { method: 'GET' });
    const requestId = res.headers.find(([n]) => n === 'x-amzn-RequestId')![1];
    const line = await server.waitForLine(new RegExp(`${requestId}$`));
    expect(line).toMatch(
      /^\S+ - - \[\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000\] "GET \/items\/\{id\} HTTP\/1\.1" 200 \d+ [0-9a-f-]{36}$/,
    );

    const { json } = await sandboxRun(server, { method: 'GET', path: '/nowhere?x=1', headers: [], body: null });
    const outcome = json as RunOutcome;
    expect(outcome.response.status).toBe(403);
    expect(outcome.event).toBeNull();
    const sandboxId = outcome.response.headers.find(([n]) => n === 'x-amzn-RequestId')![1];
    expect(await server.waitForLine(new RegExp(`${sandboxId}$`))).toContain('"GET /dev/nowhere HTTP/1.1" 403 42 ');
  });

  it('serves the relay page and refuses a malformed run', async () => {
    const relay = await rawRequest(`http://127.0.0.1:${server.port}${RELAY_PATH}`, { method: 'GET' });
    expect(relay.status).toBe(200);
    expect(relay.body).toContain(`fetch("${RUN_PATH}"`);
    const bad = await rawRequest(`http://127.0.0.1:${server.port}${RUN_PATH}`, {
      method: 'POST',
      body: '{"request": 1}',
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ error: { name: 'TypeError' } });
    const badHeader = await sandboxRun(server, {
      method: 'GET',
      path: '/items',
      headers: [['Bad Name', 'x']],
      body: null,
    });
    expect(badHeader.status).toBe(400);
    expect(badHeader.json).toMatchObject({
      error: { message: expect.stringContaining('Invalid header "Bad Name: x"') },
    });
  });
});

describe('the WebContainer tree under real Node: handler faults', () => {
  const LOOPING = `
    export const handler = async (event: { queryStringParameters: Record<string, string> | null }) => {
      if (event.queryStringParameters?.loop) for (;;) {}
      return { statusCode: 200, body: 'still here' };
    };
  `;

  it('an infinite loop answers 504 after the integration timeout, and the server keeps serving', async () => {
    const server = await serveTree(itemsInput({ handlerSource: LOOPING, timeoutMs: 1_000 }));
    const base = `http://127.0.0.1:${server.port}`;

    const started = Date.now();
    const looped = await rawRequest(`${base}/dev/items?loop=1`, { method: 'GET' });
    expect(looped.status).toBe(504);
    expect(JSON.parse(looped.body)).toEqual({ message: 'Endpoint request timed out' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await rawRequest(`${base}/dev/items`, { method: 'GET' })).body).toBe('still here');

    const { status, json } = await sandboxRun(server, {
      method: 'GET',
      path: '/items?loop=1',
      headers: [],
      body: null,
    });
    expect(status).toBe(200);
    const outcome = json as RunOutcome;
    expect(outcome.response.status).toBe(504);
    expect(outcome.resultKind).toBe('timeout');
    expect(outcome.errorDetail).toMatch(/timeout/);
    const after = await sandboxRun(server, { method: 'GET', path: '/items', headers: [], body: null });
    expect((after.json as RunOutcome).response).toMatchObject({ status: 200, body: 'still here' });
  });

  it('a handler that does not compile fails as Runtime.UserCodeSyntaxError (502)', async () => {
    const server = await serveTree(itemsInput({ handlerSource: 'export const handler = async (event: ) => {};' }));
    const { json } = await sandboxRun(server, { method: 'GET', path: '/items', headers: [], body: null });
    const outcome = json as RunOutcome;
    expect(outcome.response.status).toBe(502);
    expect(outcome.resultKind).toBe('error');
    expect(outcome.result).toMatchObject({ errorType: 'Runtime.UserCodeSyntaxError' });
  });

  it('a missing export fails as Runtime.HandlerNotFound (502)', async () => {
    const server = await serveTree(itemsInput({ handlerName: 'main' }));
    const { json } = await sandboxRun(server, { method: 'GET', path: '/items', headers: [], body: null });
    const outcome = json as RunOutcome;
    expect(outcome.response.status).toBe(502);
    expect(outcome.result).toEqual({
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: 'handler.main is undefined or not exported',
    });
  });
});

/** The mapping-template example's function on two stages: dev serves an edited response template, prod the original. */
function twoStageInput(stage: 'dev' | 'prod', edited: string): WebContainerFilesInput {
  const mapping = loadExample('examples/mapping-template');
  const { manifest } = mapping;
  return exampleInput(mapping, {
    handlerSource: mapping.sources['item_lookup']!.typescript,
    functionName: 'item_lookup',
    stage,
    invokeUrl: `https://${manifest.apiId}.execute-api.us-east-1.amazonaws.com/${stage}`,
    stages: [
      { name: 'dev', definition: edited, variables: manifest.stages!['dev']! },
      { name: 'prod', definition: mapping.definition, variables: manifest.stages!['prod']! },
    ],
  });
}

describe('webContainerFiles: several stages, the HTTP service, a custom domain', () => {
  it('writes one definition file per distinct definition, and the stages point at them', () => {
    const original = loadExample('examples/mapping-template').definition;
    const edited = original.replace('"servedFrom"', '"servedBy"');
    const input = twoStageInput('dev', edited);
    const tree = webContainerFiles({ ...input, stages: [...input.stages!, { name: 'test', definition: original }] });
    expect(Object.keys(tree).sort()).toEqual([...Object.values(FILES), 'openapi-2.yaml'].sort());
    expect([textOf(tree, 'openapi.yaml'), textOf(tree, 'openapi-2.yaml')]).toEqual([edited, original]);
    const config = JSON.parse(textOf(tree, FILES.config)) as SandboxConfig;
    expect(config.stages).toEqual([
      { name: 'dev', definitionFile: 'openapi.yaml', variables: { table: 'items-dev' } },
      { name: 'prod', definitionFile: 'openapi-2.yaml', variables: { table: 'items-prod' } },
      { name: 'test', definitionFile: 'openapi-2.yaml' },
    ]);
    // With stages, run.stageVariables is ignored: each stage has its own.
    expect(config).not.toHaveProperty('stageVariables');
  });

  it('writes the HTTP service transpiled as upstream.mjs, and only its host in sandbox.json', () => {
    const proxy = loadExample('examples/http-proxy');
    const tree = webContainerFiles(
      exampleInput(proxy, { upstream: { host: '127.0.0.1:8080', source: proxy.upstreamSource!, code: 'ignored' } }),
    );
    const code = textOf(tree, UPSTREAM_FILE);
    expect(code).toContain('async fetch(request) {');
    expect(code).not.toMatch(/: Request|: Response|Record<string, string>/);
    expect(JSON.parse(textOf(tree, FILES.config))).toMatchObject({ upstream: { host: '127.0.0.1:8080' } });
    expect(textOf(tree, FILES.config)).not.toContain('ECHOED');
    expect(Object.keys(webContainerFiles(exampleInput(proxy)))).not.toContain(UPSTREAM_FILE);
  });

  it('carries the custom domain name in sandbox.json', () => {
    const customDomain = { domainName: 'api.example.com', basePathMappings: [{ basePath: 'v1', stage: 'dev' }] };
    expect(JSON.parse(textOf(webContainerFiles(itemsInput({ customDomain })), FILES.config))).toMatchObject({
      customDomain,
    });
  });
});

describe('the WebContainer tree under real Node: two stages, two deployments (examples/mapping-template)', () => {
  let server: TreeServer;
  let original: string;

  beforeAll(async () => {
    original = loadExample('examples/mapping-template').definition;
    server = await serveTree(twoStageInput('dev', original.replace('"servedFrom"', '"servedBy"')));
  }, 30_000);

  it('prints each stage with its definition file', () => {
    expect(server.output()).toMatch(/^ {2}stage dev \(openapi\.yaml\): http:\/\/localhost:\d+\/dev$/m);
    expect(server.output()).toMatch(/^ {2}stage prod \(openapi-2\.yaml\): http:\/\/localhost:\d+\/prod$/m);
  });

  it('dev serves the edited definition and prod the original, each with its own stage variables', async () => {
    const { json } = await sandboxRun(server, { method: 'GET', path: '/items/1', headers: [], body: null });
    const dev = json as RunOutcome;
    expect([dev.response.status, JSON.parse(dev.response.body)]).toEqual([
      200,
      { item: { id: '1', name: 'Laptop', description: 'Powerful computing device' }, servedBy: 'items-dev' },
    ]);
    const prod = await rawRequest(`http://127.0.0.1:${server.port}/prod/items/1`, {
      method: 'GET',
      headers: [['Accept', 'application/json']],
    });
    expect([prod.status, JSON.parse(prod.body)]).toEqual([
      200,
      { item: { id: '1', name: 'Laptop', description: 'Powerful computing device' }, servedFrom: 'items-prod' },
    ]);
    const devPath = await rawRequest(`http://127.0.0.1:${server.port}/dev/items/1`, { method: 'GET' });
    expect(JSON.parse(devPath.body)).toHaveProperty('servedBy', 'items-dev');
  });

  it('refuses every run when the run names a stage it does not have', async () => {
    const input = twoStageInput('dev', original);
    const lone = await serveTree({ ...input, stages: input.stages!.slice(1) });
    expect(lone.output()).toContain(
      'the API cannot be deployed, every API path answers 403: stage "dev" is not among the run\'s stages',
    );
    const { status, json } = await sandboxRun(lone, { method: 'GET', path: '/items/1', headers: [], body: null });
    expect([status, json]).toEqual([
      400,
      { error: { name: 'RangeError', message: 'stage "dev" is not among the run\'s stages' } },
    ]);
  });
});

describe('the WebContainer tree under real Node: the HTTP service (examples/http-proxy)', () => {
  let proxy: Example;
  let server: TreeServer;
  const upstreamOf = (source: string) => ({ upstream: { host: proxy.manifest.upstream!.host, source } });

  beforeAll(async () => {
    proxy = loadExample('examples/http-proxy');
    server = await serveTree(exampleInput(proxy, upstreamOf(proxy.upstreamSource!)));
  }, 30_000);

  it.each([0, 1, 2])(
    'exchange %i through /__sandbox/run matches the documented integration request, result and response',
    async (i) => {
      const exchange = proxy.exchanges[i]!;
      const { status, json } = await sandboxRun(server, exchange.request);
      expect(status, JSON.stringify(json)).toBe(200);
      const mismatches = compareExchange(
        documentedOf(exchange, 'typescript'),
        actualOf(json as RunOutcome),
        proxy.manifest.volatile,
      );
      expect(formatMismatches(mismatches)).toBe('');
    },
  );

  it('serves the ordinary API path through the service too', async () => {
    const res = await rawRequest(`http://127.0.0.1:${server.port}/dev/orders/2`, { method: 'GET' });
    expect([res.status, (JSON.parse(res.body) as { order: unknown }).order]).toEqual([
      200,
      { id: '2', item: 'Phone', quantity: 1, status: 'SHIPPED' },
    ]);
  });

  it('fails requests for any other host with a network error, as the Worker runtime does (the sandbox has no internet)', async () => {
    const other = await serveTree(
      exampleInput(proxy, { ...upstreamOf(proxy.upstreamSource!), stageVariables: { upstream: 'example.com' } }),
    );
    const { json } = await sandboxRun(other, { method: 'GET', path: '/orders/7', headers: [], body: null });
    const outcome = json as RunOutcome;
    expect([outcome.response.status, outcome.response.body]).toEqual([504, '{"message": "Internal server error"}']);
    expect(outcome.errorDetail).toMatch(
      /example\.com is unreachable from the sandbox \(the page has no internet; only the example's service at 127\.0\.0\.1:8080 answers\)/,
    );
  });

  it('a service that never answers times out (504), is stopped, and a fresh one answers the next request', async () => {
    const source = proxy.upstreamSource!.replace(
      'async fetch(request: Request): Promise<Response> {',
      "async fetch(request: Request): Promise<Response> {\n    if (request.url.endsWith('/orders/5')) for (;;) {}",
    );
    expect(source).not.toBe(proxy.upstreamSource);
    // 2 s: the fresh service thread that answers next starts and compiles within its request's timeout, even on a
    // busy machine (500 ms failed there now and then).
    const stuck = await serveTree(exampleInput(proxy, { ...upstreamOf(source), timeoutMs: 2_000 }));
    const started = Date.now();
    const looped = (await sandboxRun(stuck, { method: 'GET', path: '/orders/5', headers: [], body: null }))
      .json as RunOutcome;
    expect([looped.response.status, looped.response.body]).toEqual([504, '{"message": "Endpoint request timed out"}']);
    expect(Date.now() - started).toBeLessThan(15_000);
    const next = (await sandboxRun(stuck, { method: 'GET', path: '/orders/6', headers: [], body: null }))
      .json as RunOutcome;
    expect([next.response.status, (JSON.parse(next.response.body) as { order: { item: string } }).order.item]).toEqual([
      200,
      'Mouse',
    ]);
  });

  it('a service that does not compile fails the integration with the SyntaxError', async () => {
    const broken = await serveTree(exampleInput(proxy, upstreamOf('export default { async fetch(request: ) {} };')));
    const outcome = (await sandboxRun(broken, { method: 'GET', path: '/orders/7', headers: [], body: null }))
      .json as RunOutcome;
    expect(outcome.response.status).toBe(504);
    expect(outcome.errorDetail).toMatch(/SyntaxError/);
  });
});

describe('the WebContainer tree under real Node: a custom domain name (erratum 11, examples/items)', () => {
  const customDomain = { domainName: 'api.example.com', basePathMappings: [{ basePath: 'v1', stage: 'dev' }] };
  let server: TreeServer;

  beforeAll(async () => {
    server = await serveTree(itemsInput({ customDomain, invokeUrl: 'https://api.example.com/v1' }));
  }, 30_000);

  it('routes the run by base path v1 to dev: event.path is /v1/items, so the items handler answers 404 "Resource not found"', async () => {
    const { json } = await sandboxRun(server, { method: 'GET', path: '/items', headers: [], body: null });
    const outcome = json as RunOutcome;
    expect((outcome.event as { path: string; resource: string }).path).toBe('/v1/items');
    expect((outcome.event as { path: string; resource: string }).resource).toBe('/items');
    expect([outcome.response.status, JSON.parse(outcome.response.body)]).toEqual([
      404,
      { message: 'Resource not found' },
    ]);
    expect(await server.waitForLine(/"GET \/items HTTP\/1\.1" 404 /)).toBeTruthy();
  });

  it('serves the domain on the ordinary path by the Host header, and prints its mappings', async () => {
    expect(server.output()).toMatch(
      /^ {4}http:\/\/localhost:\d+\/v1 -> stage dev \(with -H 'Host: api\.example\.com'\)$/m,
    );
    const viaDomain = await rawRequest(`http://127.0.0.1:${server.port}/v1/items`, {
      method: 'GET',
      headers: [['Host', 'api.example.com']],
    });
    expect([viaDomain.status, JSON.parse(viaDomain.body)]).toEqual([404, { message: 'Resource not found' }]);
    // The stage's own path still serves the API as before.
    expect((await rawRequest(`http://127.0.0.1:${server.port}/dev/items`, { method: 'GET' })).status).toBe(200);
  });

  it("refuses a mapping to a stage that is not deployed; an HTTP API's API mapping serves its $default stage", async () => {
    const unknown = await serveTree(
      itemsInput({
        customDomain: { domainName: 'api.example.com', basePathMappings: [{ basePath: 'v1', stage: 'prod' }] },
      }),
    );
    expect((await sandboxRun(unknown, { method: 'GET', path: '/items', headers: [], body: null })).json).toEqual({
      error: {
        name: 'RangeError',
        message: 'base path mapping "v1" of api.example.com names stage "prod", which is not deployed (deployed: dev)',
      },
    });
    const http = loadExample('examples/items-http-api');
    const onHttp = await serveTree(
      itemsInput({
        definition: http.definition,
        stage: '$default',
        invokeUrl: 'https://api.example.com/v1',
        customDomain: { domainName: 'api.example.com', basePathMappings: [{ basePath: 'v1', stage: '$default' }] },
      }),
    );
    // The items handler reads payload 1.0's httpMethod: under 2.0 it fails (erratum 21), but the route was found.
    const served = (await sandboxRun(onHttp, { method: 'GET', path: '/items', headers: [], body: null })).json as {
      response: { status: number };
      event: { rawPath: string };
    };
    expect(served.event.rawPath).toBe('/items');
    expect(served.response.status).toBe(500);
  });
});
