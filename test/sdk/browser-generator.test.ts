import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkGeneratorPlugin } from '../../src/sdk/browser/vite-plugin.js';
import { generateTypeScriptClient } from '../../src/sdk/index.js';
import { itemsExport, ROOT } from './helpers.js';

const out = mkdtempSync(join(tmpdir(), 'apigw-sdk-browser-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

type Generator = typeof import('../../src/sdk/browser/generator.js');
let generator: Generator;

beforeAll(async () => {
  await build({
    configFile: false,
    logLevel: 'warn',
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

describe('the browser bundle of the generator', { timeout: 120_000 }, () => {
  it('gives the items export byte for byte the CLI client', async () => {
    const exported = itemsExport();
    const page = await generator.generateClient(exported);
    const cli = await generateTypeScriptClient(exported);
    expect(page.files[0]!.content).toBe(cli.files[0]!.content);
  });
});
