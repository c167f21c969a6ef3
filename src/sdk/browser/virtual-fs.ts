/**
 * `node:fs` for the generator's browser bundle: an in-memory file system holding swagger-typescript-api's templates
 * (from the build) and the formatter's wasm (fetched by the Worker before it generates). Reads only: the generator
 * writes nothing when `output` is false. Anything else throws, naming the call.
 */
import templates from 'virtual:apigw-sdk-templates';

const files = new Map<string, string | Uint8Array>(Object.entries(templates as Record<string, string>));

/** Puts a file on the virtual file system (the Worker's fetched wasm bytes). */
export function putFile(path: string, content: string | Uint8Array): void {
  files.set(path, content);
}

const enoent = (path: string): Error =>
  Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });

const isDirectory = (path: string): boolean => {
  const prefix = path.endsWith('/') ? path : `${path}/`;
  for (const name of files.keys()) if (name.startsWith(prefix)) return true;
  return false;
};

export function existsSync(path: string): boolean {
  return files.has(path) || isDirectory(path);
}

export function readFileSync(path: string, options?: string | { encoding?: string }): string | Uint8Array {
  const content = files.get(String(path));
  if (content === undefined) throw enoent(String(path));
  const encoding = typeof options === 'string' ? options : options?.encoding;
  if (encoding) return typeof content === 'string' ? content : new TextDecoder().decode(content);
  return typeof content === 'string' ? new TextEncoder().encode(content) : content;
}

export function readdirSync(path: string): string[] {
  const prefix = path.endsWith('/') ? path : `${path}/`;
  const names = new Set<string>();
  for (const name of files.keys()) if (name.startsWith(prefix)) names.add(name.slice(prefix.length).split('/')[0]!);
  return [...names].sort();
}

export function statSync(path: string): { isDirectory(): boolean; isFile(): boolean } {
  if (!existsSync(path)) throw enoent(path);
  const dir = !files.has(path);
  return { isDirectory: () => dir, isFile: () => !dir };
}

const readOnly = (call: string) => () => {
  throw new Error(`fs.${call}: the generator's file system in the page is read-only`);
};
export const writeFileSync = readOnly('writeFileSync');
export const mkdirSync = readOnly('mkdirSync');
export const rmSync = readOnly('rmSync');
export const rmdirSync = readOnly('rmdirSync');

export default { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync, rmSync, rmdirSync };
