/**
 * The page's generator: swagger-typescript-api bundled for the browser with the shims of src/sdk/browser (by Vite,
 * with the plugin the site's build uses), run in Node as the Worker runs it, against the CLI's Node generator.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGenerateJob, type ClientGenerator } from '../../src/components/sdk-job.js';
import type { SdkWorkerReply } from '../../src/components/sdk-protocol.js';
import { apiTypeOf } from '../../src/emulator/index.js';
import { sdkGeneratorPlugin } from '../../src/sdk/browser/vite-plugin.js';
import { exportForClient } from '../../src/sdk/export-for-client.js';
import { generateTypeScriptClient } from '../../src/sdk/index.js';
import { itemsExport, ROOT } from './helpers.js';

const out = mkdtempSync(join(tmpdir(), 'apigw-sdk-browser-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

type Generator = typeof import('../../src/sdk/browser/generator.js');
let generator: Generator;

beforeAll(async () => {
  await build({
    configFile: false,
    logLevel: 'error',
    root: ROOT,
    plugins: [sdkGeneratorPlugin()],
    build: {
      lib: { entry: join(ROOT, 'src/sdk/browser/generator.ts'), formats: ['es'], fileName: 'generator' },
      outDir: out,
      minify: false,
      emptyOutDir: true,
    },
  });
  // As in the Worker: TypeScript takes a `process` with `nextTick` for Node unless `process.browser`, and the bundle's
  // fetch polyfill looks for `self`.
  const scope = process as { browser?: boolean };
  const global = globalThis as { self?: unknown };
  scope.browser = true;
  global.self = globalThis;
  try {
    generator = (await import(pathToFileURL(join(out, 'generator.js')).href)) as Generator;
  } finally {
    delete scope.browser;
    delete global.self;
  }
  generator.provideFormatterWasm(readFileSync(join(ROOT, 'node_modules/@biomejs/wasm-nodejs/biome_wasm_bg.wasm')));
}, 300_000);

const ITEMS_YAML = readFileSync(join(ROOT, 'examples/items/openapi.yaml'), 'utf8');
const ITEMS = { apiId: 'xxxxxxx', endpointType: 'REGIONAL' as const, stage: 'dev' };

/** Runs one Generate as the Worker does, with the browser bundle; returns its replies. */
async function job(definition: string, load?: () => Promise<ClientGenerator>): Promise<SdkWorkerReply[]> {
  const replies: SdkWorkerReply[] = [];
  await runGenerateJob({ id: 1, definition, ...ITEMS }, load ?? (async () => generator), (r) => replies.push(r));
  return replies;
}

/** Every example whose definition is a REST API's OpenAPI document. */
function restExamples(): Array<[string, Record<string, unknown>]> {
  return readdirSync(join(ROOT, 'examples')).flatMap((name): Array<[string, Record<string, unknown>]> => {
    if (!existsSync(join(ROOT, 'examples', name, 'example.json'))) return [];
    const manifest = JSON.parse(readFileSync(join(ROOT, 'examples', name, 'example.json'), 'utf8')) as {
      definition?: string;
    };
    if (!manifest.definition || !/\.(ya?ml|json)$/.test(manifest.definition)) return [];
    const document = parse(readFileSync(join(ROOT, 'examples', name, manifest.definition), 'utf8')) as unknown;
    if (typeof document !== 'object' || document === null || !('openapi' in document || 'swagger' in document))
      return [];
    return apiTypeOf(document) === 'REST' ? [[name, document as Record<string, unknown>]] : [];
  });
}

describe('the browser bundle of the generator', { timeout: 300_000 }, () => {
  it('gives the items export byte for byte the client of the CLI (`apigw-lab sdk`)', async () => {
    const exported = itemsExport();
    const page = await generator.generateClient(exported);
    const cli = await generateTypeScriptClient(exported);
    expect(page.files.map((f) => f.name)).toEqual(['api.ts']);
    expect(page.files[0]!.content).toBe(cli.files[0]!.content);
    expect(page.files[0]!.content).toMatch(/^ {2}itemsIdGet = \(/m);
  });

  it('gives every REST example byte for byte the Node client', async () => {
    const examples = restExamples();
    expect(examples.length).toBeGreaterThan(10);
    for (const [name, document] of examples) {
      const exported = exportForClient(document, { apiId: 'abcdefghij', stage: 'dev' });
      const page = (await generator.generateClient(exported)).files[0]!.content;
      const node = (await generateTypeScriptClient(exported)).files[0]!.content;
      expect(page, name).toBe(node);
    }
  });
});

describe('one Generate, as the Worker runs it', { timeout: 120_000 }, () => {
  it('the documented definition: loading, generating, then the build-time client and the definition served', async () => {
    const replies = await job(ITEMS_YAML);
    expect(replies.map((r) => r.type)).toEqual(['generating', 'done']);
    const done = replies.at(-1)!;
    if (done.type !== 'done') throw new Error(JSON.stringify(done));
    const document = parse(ITEMS_YAML) as Record<string, unknown>;
    const node = await generateTypeScriptClient(exportForClient(document, ITEMS));
    expect(done.client).toBe(node.files[0]!.content);
    expect(done.fileName).toBe('api.ts');
    expect(done.client).toContain('"https://xxxxxxx.execute-api.us-east-1.amazonaws.com/dev"');
    expect(JSON.parse(done.document)).toEqual(document);
  });

  it('an edited definition (DELETE /items/{id}): a new method, itemsIdDelete', async () => {
    const edited = ITEMS_YAML.replace(
      '  /items/{id}:\n',
      `  /items/{id}:
    delete:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses: {'200': {description: Deleted}}
      x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{"statusCode": 200}'}}
`,
    );
    const done = (await job(edited)).at(-1)!;
    if (done.type !== 'done') throw new Error(JSON.stringify(done));
    expect(done.client).toMatch(/^ {2}itemsIdDelete = \(id: string, params: RequestParams = \{\}\) =>$/m);
    expect(done.client).toContain('method: "DELETE"');
    expect((await job(ITEMS_YAML)).at(-1)).not.toHaveProperty('client', done.client);
  });

  it('a definition that does not parse: one line, failure "definition", no generator loaded', async () => {
    let loaded = false;
    const replies = await job(ITEMS_YAML.replace('paths:', 'paths: ['), async () => {
      loaded = true;
      return generator;
    });
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ type: 'error', failure: 'definition' });
    const message = (replies[0] as { message: string }).message;
    expect(message).not.toContain('\n');
    expect(message.length).toBeGreaterThan(5);
    expect(loaded).toBe(false);
  });

  it('a definition API Gateway would not import, and one that is not a REST API: one line each', async () => {
    const bad = await job(
      'openapi: 3.0.1\ninfo: {title: x, version: "1"}\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-integration: {type: nope}\n',
    );
    expect(bad).toEqual([{ id: 1, type: 'error', failure: 'definition', message: expect.stringMatching(/nope/) }]);
    const http = await job(readFileSync(join(ROOT, 'examples/items-http-api/openapi.yaml'), 'utf8'));
    expect(http).toEqual([{ id: 1, type: 'error', failure: 'definition', message: expect.stringMatching(/HTTP API/) }]);
    expect(await job('- a list\n')).toEqual([
      { id: 1, type: 'error', failure: 'definition', message: expect.stringMatching(/not an OpenAPI document/) },
    ]);
  });

  it('a generator that does not load, or that fails: failure "generator", one line', async () => {
    const notLoaded = await job(ITEMS_YAML, () => Promise.reject(new Error('HTTP 404\nmore')));
    expect(notLoaded).toEqual([{ id: 1, type: 'error', failure: 'generator', message: 'it could not load: HTTP 404' }]);
    const failing = await job(ITEMS_YAML, async () => ({
      generateClient: () => Promise.reject(new Error('boom')),
    }));
    expect(failing.at(-1)).toEqual({ id: 1, type: 'error', failure: 'generator', message: 'boom' });
  });
});
