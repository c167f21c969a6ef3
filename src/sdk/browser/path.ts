/**
 * `node:path` for the generator's browser bundle: POSIX paths on the virtual file system (virtual-fs.ts), the calls
 * swagger-typescript-api makes (resolve, dirname, join, normalize, format, ...). The working directory is `/`.
 */
const normalizeParts = (path: string): string[] => {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out;
};

export const sep = '/';
export const delimiter = ':';

export function isAbsolute(path: string): boolean {
  return path.startsWith('/');
}

export function normalize(path: string): string {
  const joined = normalizeParts(path).join('/');
  const trailing = path.endsWith('/') && joined !== '' ? '/' : '';
  return isAbsolute(path) ? `/${joined}${trailing}` : `${joined || '.'}${trailing}`;
}

export function join(...paths: string[]): string {
  const joined = paths.filter((p) => p !== '').join('/');
  return joined === '' ? '.' : normalize(joined);
}

export function resolve(...paths: string[]): string {
  let resolved = '';
  for (let i = paths.length - 1; i >= 0 && !isAbsolute(resolved); i--) {
    const p = paths[i]!;
    if (p !== '') resolved = resolved === '' ? p : `${p}/${resolved}`;
  }
  return `/${normalizeParts(resolved).join('/')}`;
}

export function dirname(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const slash = trimmed.lastIndexOf('/');
  if (slash < 0) return '.';
  return slash === 0 ? '/' : trimmed.slice(0, slash);
}

export function basename(path: string, ext?: string): string {
  const base = path.replace(/\/+$/, '').split('/').pop() ?? '';
  return ext && base.endsWith(ext) && base !== ext ? base.slice(0, -ext.length) : base;
}

export function extname(path: string): string {
  const base = basename(path);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot) : '';
}

export function relative(from: string, to: string): string {
  const a = normalizeParts(resolve(from));
  const b = normalizeParts(resolve(to));
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...Array(a.length - i).fill('..'), ...b.slice(i)].join('/');
}

/** As Node's: `ext` gets its dot when it has none (Node 20+). */
export function format(parts: { dir?: string; root?: string; base?: string; name?: string; ext?: string }): string {
  const ext = parts.ext ? (parts.ext.startsWith('.') ? parts.ext : `.${parts.ext}`) : '';
  const base = parts.base ?? `${parts.name ?? ''}${ext}`;
  const dir = parts.dir ?? parts.root ?? '';
  if (!dir) return base;
  return dir === parts.root ? `${dir}${base}` : `${dir}/${base}`;
}

export function parse(path: string): { root: string; dir: string; base: string; ext: string; name: string } {
  const base = basename(path);
  const ext = extname(path);
  return {
    root: isAbsolute(path) ? '/' : '',
    dir: dirname(path),
    base,
    ext,
    name: base.slice(0, base.length - ext.length),
  };
}

const path = {
  sep,
  delimiter,
  isAbsolute,
  normalize,
  join,
  resolve,
  dirname,
  basename,
  extname,
  relative,
  format,
  parse,
};
export const posix = path;
export default { ...path, posix };
