/** Where the generator's browser bundle finds its files on the virtual file system (virtual-fs.ts). */
export const TEMPLATES_DIR = '/swagger-typescript-api/templates';
/** The formatter's wasm: the Worker fetches it and puts it here, where wasm-bindgen's Node glue reads it. */
export const BIOME_WASM_PATH = '/@biomejs/wasm-nodejs/biome_wasm_bg.wasm';
