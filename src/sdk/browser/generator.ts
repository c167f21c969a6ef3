/**
 * The generator's browser entry (the Worker imports it lazily): swagger-typescript-api, bundled with the shims of
 * vite-plugin.ts, run through the CLI's own pipeline (generate-core.ts), so a definition gives the page byte for byte
 * the client `apigw-lab sdk --lang typescript` prints.
 */
import './process.js';
import { generateApi } from 'swagger-typescript-api';
import { generateClientWith, type GeneratedClient } from '../generate-core.js';
import { BIOME_WASM_PATH } from './paths.js';
import { putFile } from './virtual-fs.js';

/** Gives the generator its formatter (Biome's wasm, 2.5.2 as in node_modules): needed before the first generate. */
export function provideFormatterWasm(bytes: Uint8Array): void {
  putFile(BIOME_WASM_PATH, bytes);
}

/** The client for an exported definition, as the CLI generates it. */
export function generateClient(exported: Record<string, unknown>): Promise<GeneratedClient> {
  return generateClientWith(generateApi, exported);
}
