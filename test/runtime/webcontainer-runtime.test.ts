import { spawn as spawnChild } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileSystemTree } from '@webcontainer/api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { compareExchange, formatMismatches } from '../../src/examples/compare.js';
import { actualOf, documentedOf, invokerOf } from '../examples/example-runner.js';
import { runInGateway } from '../../src/runtime/run-in-gateway.js';
import { loadExample } from '../../src/examples/load-node.js';
import type { Example } from '../../src/examples/types.js';
import type { RunOutcome, SandboxRun } from '../../src/runtime/types.js';
import type { Container, ContainerProcess } from '../../src/runtime/webcontainer/container.js';
import { RUN_PATH } from '../../src/runtime/webcontainer/protocol.js';
import { WebContainerRuntime } from '../../src/runtime/webcontainer/runtime.js';
import { bundleWebContainerServer } from '../../scripts/build-webcontainer.mjs';
import { freePort, writeTree } from './webcontainer-helpers.js';

/**
 * The runtime's own logic (mounting, re-mounting what changed, restarting the server, waiting for
 * it, mapping its answers) against a stand-in container: a folder and real Node processes. Each
 * process gets a free port but is reported on the port the runtime asked for, as WebContainer does.
 */
class NodeContainer implements Container {
  readonly spawned: string[][] = [];
  readonly written: string[] = [];
  readonly #listeners = new Set<(port: number, type: 'open' | 'close', url: string) => void>();
  constructor(readonly dir: string) {}

  fs = {
    writeFile: async (path: string, data: string) => {
      this.written.push(path);
      await writeFile(join(this.dir, path), data);
    },
  };

  async mount(tree: FileSystemTree): Promise<void> {
    await writeTree(this.dir, tree);
  }

  async spawn(
    command: string,
    args: string[],
    options: { env?: Record<string, string | number | boolean> } = {},
  ): Promise<ContainerProcess> {
    this.spawned.push([command, ...args]);
    const asked = Number(options.env?.['PORT']);
    const port = await freePort();
    const child = spawnChild(process.execPath, args, {
      cwd: this.dir,
      env: { ...process.env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const emit = (type: 'open' | 'close') => {
      for (const l of this.#listeners) l(asked, type, `http://127.0.0.1:${port}`);
    };
    const output = new ReadableStream<string>({
      start(controller) {
        const forward = (d: Buffer) => {
          const text = d.toString('utf8');
          if (/^Invoke URL: /m.test(text)) emit('open');
          controller.enqueue(text);
        };
        child.stdout!.on('data', forward);
        child.stderr!.on('data', forward);
        child.on('close', () => controller.close());
      },
    });
    const exit = new Promise<number>((resolve) =>
      child.on('close', (code) => {
        emit('close');
        resolve(code ?? 1);
      }),
    );
    return { output, exit, kill: () => child.kill('SIGTERM') };
  }

  on(_event: 'port', listener: (port: number, type: 'open' | 'close', url: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  teardown(): void {}
}

/** What the relay does in the page: POST the body to the server's /__sandbox/run. */
async function send(serverUrl: string, body: string) {
  const res = await fetch(new URL(RUN_PATH, serverUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });
  return { status: res.status, text: await res.text() };
}

let example: Example;
let emulatorBundle: string;
let dir: string;
let container: NodeContainer;
let runtime: WebContainerRuntime;
let output = '';

function itemsRun(request: SandboxRun['request'], overrides: Partial<SandboxRun> = {}): SandboxRun {
  const { manifest } = example;
  return {
    language: 'typescript',
    handlerSource: example.sources['items_handler']!.typescript,
    definition: example.definition,
    apiId: manifest.apiId,
    ...(manifest.endpointType ? { endpointType: manifest.endpointType } : {}),
    stage: manifest.stage,
    invokeUrl: manifest.invokeUrl,
    functionName: 'items_handler',
    handlerName: 'handler',
    moduleName: 'items_handler',
    request,
    ...overrides,
  };
}

beforeAll(async () => {
  example = loadExample('examples/items');
  emulatorBundle = (await bundleWebContainerServer({ write: false }))!;
  dir = await mkdtemp(join(tmpdir(), 'apigw-lab-wc-runtime-'));
  container = new NodeContainer(dir);
  runtime = new WebContainerRuntime({ container, emulatorBundle, send, output: (chunk) => (output += chunk) });
}, 60_000);

afterAll(async () => {
  runtime?.dispose();
  // Let the killed server exit before its folder goes.
  await new Promise((resolve) => setTimeout(resolve, 200));
  await rm(dir, { recursive: true, force: true });
});

describe('WebContainerRuntime (on a Node-backed container)', () => {
  it('serves the documented exchanges of the items example', async () => {
    const phases: string[] = [];
    for (const exchange of example.exchanges) {
      const outcome = await runtime.run(itemsRun(exchange.request), { onProgress: (p) => phases.push(p.phase) });
      expect(outcome.runtime).toBe('webcontainer');
      const mismatches = compareExchange(
        { event: exchange.event, result: exchange.result.typescript, response: exchange.response.typescript },
        outcome,
        example.manifest.volatile,
      );
      expect(formatMismatches(mismatches), exchange.id).toBe('');
    }
    // Mounted and started once; the other runs reused the server.
    expect(container.spawned).toEqual([['node', 'server.mjs']]);
    expect(phases.filter((p) => p === 'starting the emulator server')).toHaveLength(1);
    expect(phases.filter((p) => p === 'running')).toHaveLength(example.exchanges.length);
    expect(output).toContain('Invoke URL: ');
    // Output arrives through a pipe, a moment after the answer.
    await vi.waitFor(() => expect(output).toMatch(/"GET \/items\/\{id\} HTTP\/1\.1" 404 /));
  });

  it('re-mounts only the handler when it changes, and restarts the server', async () => {
    const source = example.sources['items_handler']!.typescript.replace("'Laptop'", "'Notebook'");
    const outcome = await runtime.run(
      itemsRun({ method: 'GET', path: '/items/1', headers: [], body: null }, { handlerSource: source }),
    );
    expect(JSON.parse(outcome.response.body)).toMatchObject({ name: 'Notebook' });
    expect(container.written).toEqual(['handler.mjs']);
    expect(container.spawned).toHaveLength(2);
  });

  it('applies a lower integration timeout (a settings change restarts the server too)', async () => {
    const looping = 'export const handler = async () => { for (;;) {} };';
    const outcome = await runtime.run(
      itemsRun({ method: 'GET', path: '/items', headers: [], body: null }, { handlerSource: looping, timeoutMs: 250 }),
    );
    expect(outcome.response.status).toBe(504);
    expect(outcome.resultKind).toBe('timeout');
    expect(container.written.slice(1).sort()).toEqual(['handler.mjs', 'sandbox.json']);
    const back = await runtime.run(itemsRun({ method: 'GET', path: '/items', headers: [], body: null }));
    expect(back.response.status).toBe(200);
  });

  it('rejects a run the server refuses, with its reason', async () => {
    await expect(
      runtime.run(itemsRun({ method: 'GET', path: '/items', headers: [['Bad Name', 'x']], body: null })),
    ).rejects.toThrow(/Invalid header "Bad Name: x"/);
    await expect(
      runtime.run(
        itemsRun(
          { method: 'GET', path: '/items', headers: [], body: null },
          { definition: 'openapi: 3.0.1\ninfo: {}\npaths: {}\n' },
        ),
      ),
    ).rejects.toThrow(/info\.title/);
  });

  it('refuses Python handlers (they run in the Worker)', async () => {
    await expect(
      runtime.run(itemsRun({ method: 'GET', path: '/items', headers: [], body: null }, { language: 'python' })),
    ).rejects.toThrow(/TypeScript handlers only/);
  });

  it('serves the items-http-api example as an HTTP API ($default stage at the root, payload 2.0) with its documented exchanges', async () => {
    const http = loadExample('examples/items-http-api');
    const { manifest } = http;
    for (const exchange of http.exchanges) {
      const outcome = await runtime.run(
        itemsRun(exchange.request, {
          definition: http.definition,
          stage: manifest.stage,
          invokeUrl: manifest.invokeUrl,
          handlerSource: http.sources['items_handler']!.typescript,
        }),
      );
      const mismatches = compareExchange(
        { event: exchange.event, result: exchange.result.typescript, response: exchange.response.typescript },
        outcome,
        manifest.volatile,
      );
      expect(formatMismatches(mismatches), exchange.id).toBe('');
    }
    await vi.waitFor(() => expect(output).toMatch(/serving HTTP API "ItemsAPI"/));
    expect(output).toMatch(/Invoke URL: http:\/\/localhost:\d+\n/);
  });
  it('serves two stages at once: dev the edited definition, prod the original (switching stage rewrites sandbox.json only)', async () => {
    const mapping = loadExample('examples/mapping-template');
    const { manifest } = mapping;
    const edited = mapping.definition.replace('"servedFrom"', '"servedBy"');
    const stages: SandboxRun['stages'] = [
      { name: 'dev', definition: edited, variables: manifest.stages!['dev']! },
      { name: 'prod', definition: mapping.definition, variables: manifest.stages!['prod']! },
    ];
    const on = (stage: 'dev' | 'prod') =>
      itemsRun(
        { method: 'GET', path: '/items/1', headers: [['Accept', 'application/json']], body: null },
        {
          definition: mapping.definition,
          handlerSource: mapping.sources['item_lookup']!.typescript,
          functionName: 'item_lookup',
          apiId: manifest.apiId,
          stage,
          invokeUrl: `https://${manifest.apiId}.execute-api.us-east-1.amazonaws.com/${stage}`,
          stages,
        },
      );
    const item = { id: '1', name: 'Laptop', description: 'Powerful computing device' };
    const dev = await runtime.run(on('dev'));
    expect([dev.response.status, JSON.parse(dev.response.body)]).toEqual([200, { item, servedBy: 'items-dev' }]);
    const written = container.written.length;
    const spawned = container.spawned.length;
    const prod = await runtime.run(on('prod'));
    expect([prod.response.status, JSON.parse(prod.response.body)]).toEqual([200, { item, servedFrom: 'items-prod' }]);
    expect(container.written.slice(written)).toEqual(['sandbox.json']);
    expect(container.spawned).toHaveLength(spawned + 1);
    // The same run again reuses the server.
    await runtime.run(on('prod'));
    expect(container.spawned).toHaveLength(spawned + 1);
  });

  it('serves the http-proxy example through its HTTP service (upstream.ts) with the documented exchanges; an edit to the service restarts the server', async () => {
    const proxy = loadExample('examples/http-proxy');
    const { manifest } = proxy;
    const runOf = (exchange: Example['exchanges'][number], source = proxy.upstreamSource!) =>
      itemsRun(exchange.request, {
        definition: proxy.definition,
        apiId: manifest.apiId,
        stage: manifest.stage,
        stageVariables: manifest.stages![manifest.stage]!,
        invokeUrl: manifest.invokeUrl,
        functionName: '',
        upstream: { host: manifest.upstream!.host, source },
      });
    for (const exchange of proxy.exchanges) {
      const outcome = await runtime.run(runOf(exchange));
      const mismatches = compareExchange(documentedOf(exchange, 'typescript'), actualOf(outcome), manifest.volatile);
      expect(formatMismatches(mismatches), exchange.id).toBe('');
    }
    const written = container.written.length;
    const edited = proxy.upstreamSource!.replace("'Headphones'", "'Earphones'");
    const outcome = await runtime.run(runOf(proxy.exchanges[0]!, edited));
    expect(JSON.parse(outcome.response.body)).toMatchObject({ order: { id: '7', item: 'Earphones' } });
    expect(container.written.slice(written)).toEqual(['upstream.mjs']);
  });

  it('answers a request body of any size as the Worker runtime does: 413 past 10 MiB, served below it however JSON escapes it', async () => {
    const invoke = await invokerOf(example, 'examples/items', 'typescript');
    const bodies = {
      '17 MB': 'x'.repeat(17_000_000),
      '12 MB of 2-byte characters': 'é'.repeat(6_000_000),
      '9 MB of quotes (18 MB as JSON)': '"'.repeat(9_000_000),
      '3 MB of control characters (18 MB as JSON)': '\u0001'.repeat(3_000_000),
    };
    const requestId = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
    const seen = (o: RunOutcome) => ({
      status: o.response.status,
      body: o.response.body,
      resultKind: o.resultKind,
      errorDetail: o.errorDetail?.replace(requestId, '<id>') ?? null,
    });
    for (const [label, body] of Object.entries(bodies)) {
      const run = itemsRun({ method: 'POST', path: '/items', headers: [['Content-Type', 'application/json']], body });
      const worker = await runInGateway(run, invoke, { runtime: 'worker' });
      const container = await runtime.run(run);
      expect(seen(container), label).toEqual(seen(worker));
    }
    const tooLarge = await runtime.run(
      itemsRun({ method: 'POST', path: '/items', headers: [], body: bodies['17 MB'] }),
    );
    expect([tooLarge.response.status, tooLarge.errorDetail]).toEqual([
      413,
      'request body of 17000000 bytes exceeds the 10 MB payload limit',
    ]);
  });

  it('serves a custom domain name: the items handler behind base path v1 sees event.path /v1/items and answers 404 "Resource not found"', async () => {
    const customDomain = { domainName: 'api.example.com', basePathMappings: [{ basePath: 'v1', stage: 'dev' }] };
    const outcome = await runtime.run(
      itemsRun(
        { method: 'GET', path: '/items', headers: [], body: null },
        { invokeUrl: 'https://api.example.com/v1', customDomain },
      ),
    );
    expect(outcome.event).toMatchObject({
      path: '/v1/items',
      resource: '/items',
      requestContext: { domainName: 'api.example.com', path: '/v1/items', stage: 'dev' },
    });
    expect([outcome.response.status, JSON.parse(outcome.response.body)]).toEqual([
      404,
      { message: 'Resource not found' },
    ]);
    // Behind the root mapping the handler finds its route.
    const root = await runtime.run(
      itemsRun(
        { method: 'GET', path: '/items', headers: [], body: null },
        {
          invokeUrl: 'https://api.example.com',
          customDomain: { ...customDomain, basePathMappings: [{ basePath: '(none)', stage: 'dev' }] },
        },
      ),
    );
    expect(root.response.status).toBe(200);
    expect(root.event).toMatchObject({ path: '/items' });
  });
});
