/**
 * Node-only: turns a handler file into something runnable. Python files are read as source for
 * Pyodide; TypeScript/JavaScript files are bundled once with esbuild (so TypeScript works on Node 20
 * too) into a temporary ES module that is then imported.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';
import type { JsHandler } from '../lambda/js-handler.js';

const JS_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs']);

/** A handler file and the export (JS) or function (Python) to call. */
export interface HandlerRef {
  kind: 'js' | 'python';
  /** Absolute path of the handler file. */
  path: string;
  exportName: string;
}

/** A JS/TS handler bundled into an importable ES module. */
export interface PreparedJsHandler {
  kind: 'js';
  /** file: URL of the bundled module. */
  moduleUrl: string;
  exportName: string;
  /** For error messages: `<file stem>.<export>`, as the Lambda runtime names a handler. */
  handlerName: string;
  /** The source files the bundle was built from (outside node_modules): re-bundle when one changes. */
  watch: string[];
}

/** A Python handler's source, ready for Pyodide. */
export interface PreparedPythonHandler {
  kind: 'python';
  source: string;
  moduleName: string;
  handlerName: string;
  watch: string[];
}

export type PreparedHandler = PreparedJsHandler | PreparedPythonHandler;

/** A prepared handler numbered by build: a worker reloads when the number changes. */
export type VersionedHandler = PreparedHandler & { version: number };

/** A handler resolved all the way to something callable in this thread. */
export type LoadedHandler =
  | { kind: 'js'; fn: JsHandler; path: string }
  | { kind: 'python'; source: string; moduleName: string; handlerName: string; path: string };

/** Splits `file.ts#name`, resolves the path and picks the default export (`handler`, or `lambda_handler` for .py). */
export function parseHandlerRef(path: string, exportName?: string): HandlerRef {
  let file = path;
  let name = exportName;
  const hash = path.lastIndexOf('#');
  if (hash > 0 && !path.slice(hash).includes('/')) {
    file = path.slice(0, hash);
    name = path.slice(hash + 1) || name;
  }
  const absolute = isAbsolute(file) ? file : resolve(file);
  const ext = extname(absolute).toLowerCase();
  if (ext === '.py') return { kind: 'python', path: absolute, exportName: name ?? 'lambda_handler' };
  if (JS_EXTENSIONS.has(ext)) return { kind: 'js', path: absolute, exportName: name ?? 'handler' };
  throw namedError(
    'Runtime.ImportModuleError',
    `Unsupported handler file type "${ext || basename(absolute)}": expected .py, .ts, .mts, .js, .mjs or .cjs (${absolute})`,
  );
}

/** A cheap fingerprint of files' mtimes and sizes: it changes when any of them is edited, created or deleted. */
export function statSignature(paths: readonly string[]): string {
  let signature = '';
  for (const path of paths) {
    const stats = statSync(path, { throwIfNoEntry: false });
    signature += stats ? `${stats.mtimeMs}:${stats.size};` : 'missing;';
  }
  return signature;
}

let buildCounter = 0;

const FROM_RUNTIME = { lambdaRuntimeSdk: true };
/** The `@aws-sdk/*` packages apigw-lab itself depends on (package.json), which a handler may import without installing. */
const PROVIDED_SDK_CLIENTS = '@aws-sdk/client-apigatewaymanagementapi and @aws-sdk/credential-provider-node';

/**
 * Lambda's Node.js runtimes include the AWS SDK for JavaScript v3 (https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html):
 * an `@aws-sdk/*` import that the handler's own folders do not resolve is resolved from apigw-lab's installation, as
 * Lambda resolves it from the runtime's (a handler of an exported SAM project, beside no node_modules, runs as on AWS).
 */
const lambdaRuntimeSdk: Plugin = {
  name: 'lambda-runtime-aws-sdk',
  setup(build) {
    const runtimeDir = dirname(fileURLToPath(import.meta.url));
    build.onResolve({ filter: /^@aws-sdk\// }, async (args) => {
      if (args.pluginData === FROM_RUNTIME) return undefined;
      const own = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: FROM_RUNTIME,
      });
      if (own.errors.length === 0) return own;
      const runtime = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: runtimeDir,
        pluginData: FROM_RUNTIME,
      });
      if (runtime.errors.length === 0) return runtime;
      // L: this installation carries only the SDK clients it uses itself, not the whole SDK Lambda's runtime has.
      return {
        errors: [
          {
            text: `Could not resolve "${args.path}": Lambda's Node.js runtime includes the AWS SDK v3, but apigw-lab provides only ${PROVIDED_SDK_CLIENTS}; install it beside the handler (npm install ${args.path})`,
          },
        ],
      };
    });
  },
};

/**
 * Reads (Python) or bundles (JS/TS, into `outDir`) a handler file. Throws an error named like the
 * Lambda runtime's init errors (`Runtime.ImportModuleError`, `Runtime.UserCodeSyntaxError`).
 */
export async function prepareHandler(ref: HandlerRef, outDir: string): Promise<PreparedHandler> {
  const stem = basename(ref.path, extname(ref.path));
  if (ref.kind === 'python') {
    return {
      kind: 'python',
      source: readSource(ref.path),
      moduleName: stem,
      handlerName: ref.exportName,
      watch: [ref.path],
    };
  }
  readSource(ref.path); // a missing file gets the runtime's "Cannot find module" error, not esbuild's
  const { build } = await import('esbuild');
  const outfile = join(outDir, `${stem.replace(/[^\w.-]/g, '_')}.${++buildCounter}.mjs`);
  const fileUrl = pathToFileURL(ref.path).href;
  const absWorkingDir = dirname(ref.path);
  let result;
  try {
    result = await build({
      entryPoints: [ref.path],
      absWorkingDir,
      outfile,
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: `node${process.versions.node.split('.')[0]}`,
      sourcemap: 'inline',
      metafile: true,
      logLevel: 'silent',
      plugins: [lambdaRuntimeSdk],
      // CommonJS dependencies call require(); give the bundle one that resolves from the handler's folder.
      banner: {
        js: `import { createRequire as __apigwCreateRequire } from 'node:module';\nglobalThis.require ??= __apigwCreateRequire(${JSON.stringify(fileUrl)});`,
      },
      // The code runs from a temporary file: keep its idea of where it lives pointing at the original.
      define: {
        'import.meta.url': JSON.stringify(fileUrl),
        __filename: JSON.stringify(ref.path),
        __dirname: JSON.stringify(dirname(ref.path)),
      },
    });
  } catch (error) {
    throw buildError(error, ref.path);
  }
  const output = result.outputFiles[0];
  if (!output) throw namedError('Runtime.ImportModuleError', `esbuild produced no output for ${ref.path}`);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(outfile, output.contents);
  const watch = Object.keys(result.metafile.inputs)
    .filter((input) => !input.includes('node_modules/') && !input.includes(':'))
    .map((input) => resolve(absWorkingDir, input));
  return {
    kind: 'js',
    moduleUrl: pathToFileURL(outfile).href,
    exportName: ref.exportName,
    handlerName: `${stem}.${ref.exportName}`,
    watch,
  };
}

/** Imports a bundled handler module and returns the named export; a missing export is `Runtime.HandlerNotFound`. */
export async function importJsHandler(moduleUrl: string, exportName: string, handlerName: string): Promise<JsHandler> {
  const mod = (await import(moduleUrl)) as Record<string, unknown>;
  // A CommonJS handler (module.exports.handler = ...) bundles to an ES module with only a default export.
  const commonJs = mod['default'];
  const candidate =
    exportName in mod
      ? mod[exportName]
      : typeof commonJs === 'object' && commonJs !== null
        ? (commonJs as Record<string, unknown>)[exportName]
        : undefined;
  if (candidate === undefined)
    throw namedError('Runtime.HandlerNotFound', `${handlerName} is undefined or not exported`);
  if (typeof candidate !== 'function') throw namedError('Runtime.HandlerNotFound', `${handlerName} is not a function`);
  return candidate as JsHandler;
}

/**
 * A handler file kept prepared: `current()` answers from the last build while its source files are
 * unchanged (one stat each), `refresh()` re-reads or re-bundles it. Failures are kept like builds,
 * as errors named like Lambda's init errors, until the file changes.
 */
export class HandlerBuild {
  private readonly ref: HandlerRef | Error;
  private last: VersionedHandler | Error | null = null;
  private signature = '';
  private pending: Promise<VersionedHandler | Error> | null = null;
  private version = 0;

  constructor(
    path: string,
    exportName: string | undefined,
    private readonly outDir: () => string,
  ) {
    try {
      this.ref = parseHandlerRef(path, exportName);
    } catch (error) {
      this.ref = error as Error;
    }
  }

  /** The last build if none of its files changed since, else null (call `refresh()`). */
  current(): VersionedHandler | Error | null {
    if (this.ref instanceof Error) return this.ref;
    if (!this.last || this.pending) return null;
    const watch = this.last instanceof Error ? [this.ref.path] : this.last.watch;
    return statSignature(watch) === this.signature ? this.last : null;
  }

  /** Builds again (concurrent callers share one build). */
  refresh(): Promise<VersionedHandler | Error> {
    if (this.ref instanceof Error) return Promise.resolve(this.ref);
    this.pending ??= this.rebuild(this.ref).finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async rebuild(ref: HandlerRef): Promise<VersionedHandler | Error> {
    const before = statSignature([ref.path]);
    try {
      const built: VersionedHandler = { ...(await prepareHandler(ref, this.outDir())), version: ++this.version };
      // An edit made while the file was being read leaves the signature stale, so the next call rebuilds.
      this.signature = statSignature([ref.path]) === before ? statSignature(built.watch) : '';
      this.last = built;
    } catch (error) {
      this.signature = before;
      this.last = error instanceof Error ? error : new Error(String(error));
    }
    return this.last;
  }
}

let scratchDir: string | undefined;

/** Resolves a handler file (optionally `file#export`) to a callable JS function or Python source, in this thread. */
export async function loadHandler(path: string, exportName?: string): Promise<LoadedHandler> {
  const ref = parseHandlerRef(path, exportName);
  if (!scratchDir) {
    const dir = mkdtempSync(join(tmpdir(), 'apigw-lab-handlers-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    scratchDir = dir;
  }
  const prepared = await prepareHandler(ref, scratchDir);
  if (prepared.kind === 'python') {
    return {
      kind: 'python',
      source: prepared.source,
      moduleName: prepared.moduleName,
      handlerName: prepared.handlerName,
      path: ref.path,
    };
  }
  return {
    kind: 'js',
    fn: await importJsHandler(prepared.moduleUrl, prepared.exportName, prepared.handlerName),
    path: ref.path,
  };
}

function readSource(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw namedError('Runtime.ImportModuleError', `Error: Cannot find module '${path}'`);
    throw namedError('Runtime.ImportModuleError', `Error: Cannot read ${path}: ${(error as Error).message}`);
  }
}

interface EsbuildMessage {
  text: string;
  location: { file: string; line: number; column: number; lineText: string } | null;
}

/** esbuild's failure as the Lambda runtime would report the equivalent import failure. */
function buildError(error: unknown, path: string): Error {
  const errors = (error as { errors?: EsbuildMessage[] }).errors ?? [];
  const first = errors[0];
  if (!first)
    return namedError('Runtime.UserCodeSyntaxError', `SyntaxError: ${(error as Error).message ?? String(error)}`);
  const unresolved = /^Could not resolve "([^"]+)"(?:: (.*))?/s.exec(first.text);
  if (unresolved) {
    // Lambda's words, then (from the @aws-sdk plugin) why the emulator differs from Lambda here.
    const note = unresolved[2] ? `\n(apigw-lab: ${unresolved[2]})` : '';
    return namedError(
      'Runtime.ImportModuleError',
      `Error: Cannot find module '${unresolved[1]}'\nRequire stack:\n- ${first.location ? resolve(dirname(path), first.location.file) : path}${note}`,
    );
  }
  const where = first.location
    ? `${resolve(dirname(path), first.location.file)}:${first.location.line}:${first.location.column}`
    : path;
  const err = namedError('Runtime.UserCodeSyntaxError', `SyntaxError: ${first.text}`);
  err.stack = [
    `Runtime.UserCodeSyntaxError: SyntaxError: ${first.text}`,
    `    at ${where}`,
    ...(first.location ? [`    ${first.location.lineText}`] : []),
  ].join('\n');
  return err;
}

function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  error.stack = `${name}: ${message}`;
  return error;
}
