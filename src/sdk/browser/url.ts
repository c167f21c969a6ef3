/**
 * `node:url` for the generator's browser bundle. swagger-typescript-api calls `fileURLToPath(import.meta.url)` only to
 * find its templates beside its `dist/`: every URL maps to that one place on the virtual file system
 * (`/swagger-typescript-api/dist/index.mjs`, the templates under `/swagger-typescript-api/templates/`). L: true of
 * swagger-typescript-api 13.13.0; the Vitest bundle test fails (no file generated) if a later version reads more.
 */
export const GENERATOR_MODULE_PATH = '/swagger-typescript-api/dist/index.mjs';

export function fileURLToPath(_url: string | URL): string {
  return GENERATOR_MODULE_PATH;
}

export function pathToFileURL(path: string): URL {
  return new URL(`file://${path}`);
}

export const URL_ = globalThis.URL;
export { URL_ as URL };
export default { fileURLToPath, pathToFileURL, URL: URL_ };
