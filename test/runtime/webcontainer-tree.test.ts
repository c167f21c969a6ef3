import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareExchange, compareStage, formatMismatches } from '../../src/examples/compare.js';
import { loadExample } from '../../src/examples/load-node.js';
import type { Example, Exchange } from '../../src/examples/types.js';
import type { RunOutcome } from '../../src/runtime/types.js';
import { webContainerFiles, type WebContainerFilesInput } from '../../src/runtime/webcontainer/file-tree.js';
import { FILES, RELAY_PATH, RUN_PATH, type SandboxRunBody } from '../../src/runtime/webcontainer/protocol.js';
import { bundleWebContainerServer } from '../../scripts/build-webcontainer.mjs';
import { closeConnections, rawRequest, startTreeServer, writeTree, type TreeServer } from './webcontainer-helpers.js';

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
async function sandboxRun(server: TreeServer, request: SandboxRunBody['request']): Promise<{ status: number; json: unknown }> {
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

describe('webContainerFiles', () => {
  it('holds package.json (ESM, no dependencies), the bundle, server.mjs, the definition, the config and the transpiled handler', () => {
    const tree = webContainerFiles(itemsInput());
    expect(Object.keys(tree).sort()).toEqual(Object.values(FILES).sort());
    const text = (name: string) => {
      const node = tree[name]!;
      if (!('file' in node) || !('contents' in node.file) || typeof node.file.contents !== 'string') throw new Error(`${name} is not a text file`);
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

  it.each([0, 1, 2, 3])('exchange %i through the ordinary API path matches the documented event and response', async (i) => {
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
  });

  it.each([0, 1, 2, 3])('exchange %i through /__sandbox/run matches the documented event, result and response', async (i) => {
    const exchange = example.exchanges[i]!;
    const { status, json } = await sandboxRun(server, exchange.request);
    expect(status, JSON.stringify(json)).toBe(200);
    const outcome = json as RunOutcome;
    expect(outcome.runtime).toBe('webcontainer');
    expect(outcome.resultKind).toBe('result');
    expect(outcome.logs.join('\n')).toContain('Received event: {');
    const mismatches = compareExchange(documented(exchange), outcome, example.manifest.volatile);
    expect(formatMismatches(mismatches)).toBe('');
  });

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
    expect(line).toMatch(/^\S+ - - \[\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000\] "GET \/items\/\{id\} HTTP\/1\.1" 200 \d+ [0-9a-f-]{36}$/);

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
    const bad = await rawRequest(`http://127.0.0.1:${server.port}${RUN_PATH}`, { method: 'POST', body: '{"request": 1}' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ error: { name: 'TypeError' } });
    const badHeader = await sandboxRun(server, { method: 'GET', path: '/items', headers: [['Bad Name', 'x']], body: null });
    expect(badHeader.status).toBe(400);
    expect(badHeader.json).toMatchObject({ error: { message: expect.stringContaining('Invalid header "Bad Name: x"') } });
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

    const { status, json } = await sandboxRun(server, { method: 'GET', path: '/items?loop=1', headers: [], body: null });
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
    expect(outcome.result).toEqual({ errorType: 'Runtime.HandlerNotFound', errorMessage: 'handler.main is undefined or not exported' });
  });
});
