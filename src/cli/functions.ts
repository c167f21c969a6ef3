import { stat } from 'node:fs/promises';
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { routesOfApi, type ApiModel } from '../emulator/index.js';
import type { FunctionFlag } from './args.js';
import { CliError } from './errors.js';

/** Handler file extensions, in the order they are looked for beside the definition. */
export const HANDLER_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs', '.py'] as const;

export interface ResolvedFunction {
  name: string;
  /** Absolute path of the handler file. */
  path: string;
  exportName: string;
  /** Where the mapping came from, for the start-up banner. */
  source: 'flag' | 'beside-definition';
}

export interface FunctionResolution {
  functions: ResolvedFunction[];
  /** Non-fatal problems (a --function the API does not use). */
  warnings: string[];
}

/** The default export a handler file is called through: Python's `lambda_handler`, JS/TS's `handler`. */
export function defaultExportName(path: string): string {
  return extname(path).toLowerCase() === '.py' ? 'lambda_handler' : 'handler';
}

/**
 * Maps each function the API's integrations name to a handler file: from `--function NAME=PATH`
 * (relative to `cwd`), else `NAME.{ts,mts,js,mjs,py}` beside the definition. `api` names, in messages, what uses a
 * function: a REST/HTTP API's routes, or a function that says it (a WebSocket API's route keys).
 */
export async function resolveFunctions(
  names: readonly string[],
  flags: readonly FunctionFlag[],
  definitionPath: string,
  api: ApiModel | ((functionName: string) => string),
  cwd: string = process.cwd(),
): Promise<FunctionResolution> {
  const warnings: string[] = [];
  const used = new Set(names);
  for (const flag of flags) {
    if (!used.has(flag.name)) {
      const known = names.length ? `it uses ${names.map((n) => `"${n}"`).join(', ')}` : 'it uses no Lambda function';
      warnings.push(`${flag.flag}: the API does not use a function named "${flag.name}" (${known}); ignored`);
    }
  }

  const functions: ResolvedFunction[] = [];
  const definitionDir = dirname(definitionPath);
  for (const name of names) {
    const flag = flags.find((f) => f.name === name);
    if (flag) {
      const path = resolve(cwd, flag.path);
      const kind = await fileKind(path);
      if (kind === 'missing') throw new CliError(`${flag.flag}: file not found: ${flag.path}`);
      if (kind === 'other') throw new CliError(`${flag.flag}: ${flag.path} is not a file`);
      const ext = extname(path).toLowerCase();
      if (!(HANDLER_EXTENSIONS as readonly string[]).includes(ext) && ext !== '.cjs' && ext !== '.cts') {
        throw new CliError(
          `${flag.flag}: ${flag.path} is not a handler file (expected ${HANDLER_EXTENSIONS.join(', ')})`,
        );
      }
      functions.push({ name, path, exportName: flag.exportName ?? defaultExportName(path), source: 'flag' });
      continue;
    }
    const candidates: string[] = [];
    for (const ext of HANDLER_EXTENSIONS) {
      const path = join(definitionDir, `${name}${ext}`);
      if ((await fileKind(path)) === 'file') candidates.push(path);
    }
    const shown = (p: string) => displayPath(p, cwd);
    if (candidates.length === 0) {
      const where = shown(join(definitionDir, `${name}.{${HANDLER_EXTENSIONS.map((e) => e.slice(1)).join(',')}}`));
      throw new CliError(
        `no handler file for Lambda function "${name}" (used by ${typeof api === 'function' ? api(name) : routesOf(api, name)}): ` +
          `looked for ${where}; pass --function ${name}=PATH`,
      );
    }
    if (candidates.length > 1) {
      throw new CliError(
        `Lambda function "${name}" matches ${candidates.length} files: ${candidates.map(shown).join(', ')}; ` +
          `choose one with --function ${name}=PATH`,
      );
    }
    const path = candidates[0]!;
    functions.push({ name, path, exportName: defaultExportName(path), source: 'beside-definition' });
  }
  return { functions, warnings };
}

/** A path as the user would write it: relative to `cwd` when inside it, else absolute. */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

async function fileKind(path: string): Promise<'file' | 'missing' | 'other'> {
  try {
    return (await stat(path)).isFile() ? 'file' : 'other';
  } catch {
    return 'missing';
  }
}

/** `GET /items, ANY /items/{id}`: the methods whose integration calls `functionName`. */
function routesOf(api: ApiModel, functionName: string): string {
  const routes = routesOfApi(api)
    .filter((r) => r.functionName === functionName)
    .map((r) => (r.path === '$default' ? '$default' : `${r.method} ${r.path}`));
  return routes.length > 3 ? `${routes.slice(0, 3).join(', ')} and ${routes.length - 3} more` : routes.join(', ');
}
