/**
 * The Vite plugin that lets swagger-typescript-api (the CLI's generator, unchanged) run in the page's Worker: its Node
 * imports resolve to the small shims beside this file, its templates become a virtual module, its TypeScript gets a
 * browser `sys`, and the formatter's wasm-bindgen Node glue reads its wasm from the virtual file system. Used for the
 * Worker bundle only (astro.config.mjs `vite.worker.plugins`) and by the tests that bundle the Worker's generator.
 * L: Vite applies `worker.plugins` to built Workers only: under `astro dev` the Worker gets Vite's browser stubs and
 * Generate fails with one line; it works in the built site (`npm run build`, `npm start`), where the e2e runs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { BIOME_WASM_PATH, TEMPLATES_DIR } from './paths.js';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
/** swagger-typescript-api's package directory. */
const generatorDir = dirname(require.resolve('swagger-typescript-api/package.json'));
/** Its own TypeScript (6, with the JS API), not the root's. */
const nestedTypeScript = createRequire(join(generatorDir, 'package.json')).resolve('typescript');

const SHIMS: Record<string, string> = {
  fs: 'virtual-fs.ts',
  path: 'path.ts',
  url: 'url.ts',
  crypto: 'crypto.ts',
  module: 'module.ts',
  net: 'no-network.ts',
  dns: 'no-network.ts',
  'dns/promises': 'no-network.ts',
  util: 'util.ts',
};

const TEMPLATES_ID = 'virtual:apigw-sdk-templates';
const TYPESCRIPT_ID = 'virtual:apigw-sdk-typescript';
/** `node:http` for swagger2openapi, which reads `STATUS_CODES` (Node's own table, taken at build time). */
const HTTP_ID = 'virtual:apigw-sdk-http';

/** Every file under `dir`, as [path relative to dir, text]. */
function filesUnder(dir: string): Array<[string, string]> {
  return readdirSync(dir).flatMap((name): Array<[string, string]> => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path).map(([p, text]) => [`${name}/${p}`, text]);
    return [[name, readFileSync(path, 'utf8')]];
  });
}

/**
 * The plugin. With `entry`, it acts only in the bundles whose input matches it (Vite runs `worker.plugins` for every
 * Worker: the sandbox's keep their own resolution).
 */
export function sdkGeneratorPlugin(entry?: RegExp): Plugin {
  let active = entry === undefined;
  return {
    name: 'apigw-sdk-generator',
    enforce: 'pre',
    options(options) {
      if (entry === undefined) return null;
      const input = options.input;
      const inputs = typeof input === 'string' ? [input] : Array.isArray(input) ? input : Object.values(input ?? {});
      active = inputs.some((path) => entry.test(path));
      return null;
    },
    resolveId(id, importer) {
      if (!active) return null;
      if (id === TEMPLATES_ID) return `\0${TEMPLATES_ID}`;
      if (id === TYPESCRIPT_ID) return nestedTypeScript;
      if (id === 'http' || id === 'node:http') return `\0${HTTP_ID}`;
      const bare = id.startsWith('node:') ? id.slice(5) : id;
      const shim = SHIMS[bare];
      if (shim) return join(here, shim);
      // The generator's `typescript` (not the shim's own import of the real one).
      if (id === 'typescript' && importer && !importer.startsWith(here)) return join(here, 'typescript.ts');
      return null;
    },
    load(id) {
      if (id === `\0${HTTP_ID}`)
        return `export const STATUS_CODES = ${JSON.stringify(STATUS_CODES)};\nexport default { STATUS_CODES };`;
      if (id !== `\0${TEMPLATES_ID}`) return null;
      const templates = Object.fromEntries(
        filesUnder(join(generatorDir, 'templates'))
          .filter(([path]) => path.endsWith('.ejs') || path.endsWith('.eta'))
          .map(([path, text]) => [`${TEMPLATES_DIR}/${path}`, text]),
      );
      return `export default ${JSON.stringify(templates)};`;
    },
    transform(code, id) {
      if (!active) return null;
      // wasm-bindgen's Node glue reads `${__dirname}/biome_wasm_bg.wasm`: read it from the virtual file system.
      if (!/@biomejs[\\/]wasm-nodejs[\\/]biome_wasm\.js$/.test(id)) return null;
      const from = '`${__dirname}/biome_wasm_bg.wasm`';
      if (!code.includes(from))
        this.error(`${relative(process.cwd(), id)}: its wasm path changed; update vite-plugin.ts`);
      return { code: code.replace(from, JSON.stringify(BIOME_WASM_PATH)), map: null };
    },
  };
}
