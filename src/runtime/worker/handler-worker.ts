/**
 * Web Worker entry: one Lambda execution environment for one language. The reader's handler runs
 * here, never on the page's thread nor in the gateway worker, so the gateway can terminate this
 * worker when its integration timeout fires (stopping `while True: pass` and `for (;;) {}`).
 * TypeScript is type-stripped with sucrase (unless the page sent it transpiled at build time) and
 * imported as a module; Python runs on Pyodide, loaded from the site's own assets on the first
 * Python run. Module state persists between invocations of the same source (a warm Lambda
 * environment) and is reset when the source changes.
 */
import type { PyodideInterface } from 'pyodide';
import type { InvokeOutcome, LambdaContextInit } from '../../emulator/shared/invoker.js';
import { lambdaEnvironment } from '../../lambda/context.js';
import { invokeJsHandler, toErrorPayload, type JsHandler } from '../../lambda/js-handler.js';
import { createPythonHandler, ensurePythonBoto3Shim, type PythonHandler } from '../../lambda/python-handler.js';
import { loadPyodideFrom } from './pyodide-loader.js';
import type { HandlerReply, HandlerRequest, HandlerSpec } from './protocol.js';
import { serveUpstream } from './upstream.js';
import { workerScope } from './worker-scope.js';

const scope = workerScope();
const reply = (message: HandlerReply): void => scope.postMessage(message);

/** The Node.js runtime's wrapper for a rejection nobody handled. */
class UnhandledPromiseRejection extends Error {
  constructor(readonly reason: unknown) {
    super(String(reason));
    this.name = 'Runtime.UnhandledPromiseRejection';
  }
}

/** Aborted with the error when handler code throws outside the awaited call chain. */
let inFlight: AbortController | null = null;
scope.addEventListener('error', (event) => {
  if (!inFlight) return;
  event.preventDefault();
  inFlight.abort(event.error ?? new Error(event.message));
});
scope.addEventListener('unhandledrejection', (event) => {
  if (!inFlight) return;
  event.preventDefault();
  inFlight.abort(new UnhandledPromiseRejection(event.reason));
});

let pyodide: Promise<PyodideInterface> | null = null;
const pythonHandlers = new Map<string, { handler: PythonHandler; source: string; setup: string }>();
/**
 * Imported JavaScript/TypeScript handlers by module (each function its own warm environment: a run's handler and its
 * Lambda authorizer alternate without re-importing each other), re-imported when the source changes.
 */
const jsModules = new Map<
  string,
  { source: string; handlerName: string; instance: string | undefined; fn: Promise<JsHandler> }
>();
/** Modules kept at most (the page's sandboxes' functions); the least recently used is dropped first. */
const JS_MODULES_KEPT = 8;

function getPyodide(base: string, id: number): Promise<PyodideInterface> {
  if (!pyodide) {
    pyodide = loadPyodideFrom(base, (progress) => reply({ type: 'progress', id, progress }));
    pyodide.catch(() => {
      pyodide = null;
    });
  }
  return pyodide;
}

/**
 * TypeScript → JavaScript. sucrase (most of this worker's code) is loaded only for a source the build did not
 * transpile, i.e. once the reader edits it: the documented handler starts without it.
 */
let transpiler: Promise<typeof import('./transpile.js')> | null = null;
async function transpileTypeScript(source: string, fileName: string): Promise<string> {
  // A failed load (offline) is tried again at the next run.
  transpiler ??= import('./transpile.js').catch((error: unknown) => {
    transpiler = null;
    throw error;
  });
  return (await transpiler).transpileTypeScript(source, fileName);
}

/**
 * The chat's management-API bridge (../websocket/handler-bridge.ts), loaded only for a function with its own
 * environment (a WebSocket function) or one that imports a package handlers may use (the SDK).
 */
let bridge: Promise<typeof import('../websocket/handler-bridge.js')> | null = null;
const loadBridge = () => (bridge ??= import('../websocket/handler-bridge.js'));

/** Routes the function's management-API calls to the gateway worker (fetch for TypeScript, the sync hook for Python). */
async function prepareBridge(spec: HandlerSpec): Promise<void> {
  if (!spec.environment) return;
  (await loadBridge()).installManagementBridge(spec.environment, (call) => scope.postMessage(call));
}

/** Imports the reader's TypeScript/JavaScript as a module (once per source) and returns the handler. */
function jsHandlerOf(spec: HandlerSpec): Promise<JsHandler> {
  const kept = jsModules.get(spec.moduleName);
  if (kept && kept.source === spec.source && kept.handlerName === spec.handlerName && kept.instance === spec.instance) {
    jsModules.delete(spec.moduleName);
    jsModules.set(spec.moduleName, kept); // most recently used last
    return kept.fn;
  }
  const load = async (): Promise<JsHandler> => {
    let code = spec.code ?? (await transpileTypeScript(spec.source, `/var/task/${spec.moduleName}.ts`));
    // Its init may read the environment (a client built at the top of the module).
    if (spec.environment) {
      await prepareBridge(spec);
      applyEnvironment(null, '', spec.environment);
    }
    if (code.includes('@aws-sdk/')) code = await (await loadBridge()).resolveImports(code);
    const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    let mod: Record<string, unknown>;
    try {
      mod = (await import(/* @vite-ignore */ url)) as Record<string, unknown>;
    } catch (error) {
      if (error instanceof SyntaxError) {
        const e = new Error(`SyntaxError: ${error.message}`);
        e.name = 'Runtime.UserCodeSyntaxError';
        throw e;
      }
      if (
        error instanceof TypeError &&
        /module specifier|Failed to fetch dynamically imported module/i.test(error.message)
      ) {
        const e = new Error(
          `Error: Cannot find module: ${error.message} (the sandbox has no node_modules; only the handler file runs)`,
        );
        e.name = 'Runtime.ImportModuleError';
        throw e;
      }
      throw error;
    } finally {
      URL.revokeObjectURL(url);
    }
    const candidate =
      mod[spec.handlerName] ?? (mod['default'] as Record<string, unknown> | undefined)?.[spec.handlerName];
    const name = `${spec.moduleName}.${spec.handlerName}`;
    if (candidate === undefined)
      throw Object.assign(new Error(`${name} is undefined or not exported`), { name: 'Runtime.HandlerNotFound' });
    if (typeof candidate !== 'function')
      throw Object.assign(new Error(`${name} is not a function`), { name: 'Runtime.HandlerNotFound' });
    return candidate as JsHandler;
  };
  const fn = load();
  jsModules.delete(spec.moduleName);
  jsModules.set(spec.moduleName, { source: spec.source, handlerName: spec.handlerName, instance: spec.instance, fn });
  if (jsModules.size > JS_MODULES_KEPT) jsModules.delete(jsModules.keys().next().value!);
  // A failed import is retried next time, as Lambda re-runs init after a failure.
  fn.catch(() => {
    if (jsModules.get(spec.moduleName)?.fn === fn) jsModules.delete(spec.moduleName);
  });
  return fn;
}

/** Imports JavaScript as a module from a Blob URL. */
async function importBlob(code: string): Promise<Record<string, unknown>> {
  const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
  try {
    return (await import(/* @vite-ignore */ url)) as Record<string, unknown>;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * The environment the Lambda service sets (with the function's own, `extra`), readable as `process.env` (the browser
 * has no `process`); without a context, `extra` only.
 */
function applyEnvironment(context: LambdaContextInit | null, handler: string, extra?: Record<string, string>): void {
  const env = { ...(context ? lambdaEnvironment(context, handler) : {}), ...extra };
  const g = globalThis as unknown as { process?: { env?: Record<string, string> } };
  if (!g.process) g.process = { env: {} };
  g.process.env = { ...(g.process.env ?? {}), ...env };
}

/** The Python handler of `spec`, kept between invocations of the same source (a warm execution environment). */
function pythonHandlerOf(py: PyodideInterface, spec: HandlerSpec): PythonHandler {
  const key = `${spec.moduleName}.${spec.handlerName}`;
  // Another environment or execution environment (a chat's redeploy): the module is imported afresh.
  const setup = JSON.stringify([spec.environment ?? null, spec.instance ?? null]);
  let entry = pythonHandlers.get(key);
  if (entry && entry.setup !== setup) {
    entry.handler.dispose();
    pythonHandlers.delete(key);
    entry = undefined;
  }
  if (!entry) {
    const options = spec.environment ? { environment: spec.environment } : {};
    const handler = createPythonHandler(py, spec.source, spec.moduleName, spec.handlerName, options);
    entry = { handler, source: spec.source, setup };
    pythonHandlers.set(key, entry);
  } else if (entry.source !== spec.source) {
    entry.handler.setSource(spec.source);
    entry.source = spec.source;
  }
  return entry.handler;
}

/**
 * Readies a WebSocket function's Python before its first invocation, once Pyodide is loaded (the chat prepares it
 * first): the runtime's bootstrap and the boto3 shim imported, as Lambda's runtime has them loaded at a cold start.
 */
async function loadPython(spec: HandlerSpec): Promise<void> {
  if (!spec.environment || !pyodide) return;
  const py = await pyodide;
  await prepareBridge(spec);
  pythonHandlerOf(py, spec);
  try {
    await ensurePythonBoto3Shim(py);
    py.runPython('import boto3');
  } catch {
    // The invocation reports a broken runtime.
  }
}

async function invoke(request: Extract<HandlerRequest, { type: 'invoke' }>): Promise<InvokeOutcome> {
  const { spec, event, context } = request;
  if (spec.language === 'python') {
    const py = await getPyodide(request.pyodideBase, request.id);
    await prepareBridge(spec);
    return pythonHandlerOf(py, spec).invoke(event, context);
  }
  const controller = new AbortController();
  inFlight = controller;
  try {
    let fn: JsHandler;
    try {
      fn = await jsHandlerOf(spec);
    } catch (error) {
      return {
        kind: 'error',
        error: toErrorPayload(error),
        logs: [
          `${new Date().toISOString()}\tundefined\tERROR\tUncaught Exception \t${JSON.stringify(toErrorPayload(error))}`,
        ],
      };
    }
    applyEnvironment(context, `${spec.moduleName}.${spec.handlerName}`, spec.environment);
    return await invokeJsHandler(fn, event, context, { signal: controller.signal });
  } finally {
    inFlight = null;
  }
}

/** The runtime's own stack frames (this worker's bundle) read as the Lambda runtime's, as on AWS. */
const RUNTIME_FRAME = new RegExp(scope.location.href.replace(/[.*+?^$()|[\]{}\\]/g, '\\$&'), 'g');
function tidy(outcome: InvokeOutcome): InvokeOutcome {
  const fix = (line: string) => line.replace(RUNTIME_FRAME, 'file:///var/runtime/index.mjs');
  const logs = outcome.logs.map(fix);
  if (outcome.kind === 'result') return { ...outcome, logs };
  const trace = outcome.error.trace?.filter((line) => !/^\s*at new Promise \(<anonymous>\)$/.test(line)).map(fix);
  return { ...outcome, logs, error: { ...outcome.error, ...(trace ? { trace } : {}) } };
}

scope.addEventListener('message', (message: MessageEvent<HandlerRequest>) => {
  const request = message.data;
  if (request.type === 'management-response') {
    void loadBridge().then((b) => b.answerManagement(request));
    return;
  }
  if (request.type === 'fetch') {
    // The example's HTTP service (upstream.ts), imported as the handlers are.
    serveUpstream(request.upstream, request.request, transpileTypeScript, importBlob).then(
      (response) => reply({ type: 'response', id: request.id, response }),
      (error: unknown) =>
        reply({
          type: 'response',
          id: request.id,
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        }),
    );
    return;
  }
  if (request.type === 'load') {
    // The module's init runs now, as a Lambda cold start runs it before the first invocation; an import that fails is
    // tried again (and reported) by the invocation.
    const { spec } = request;
    const loaded =
      spec.language === 'python'
        ? loadPython(spec)
        : jsHandlerOf(spec).then(async () => {
            // A WebSocket function's first @connections call starts warm (handler-bridge.ts).
            if (spec.environment && bridge) await (await bridge).warmUpSdk();
          });
    loaded.then(
      () => reply({ type: 'prepared', id: request.id }),
      (error: unknown) =>
        reply({ type: 'prepared', id: request.id, error: error instanceof Error ? error.message : String(error) }),
    );
    return;
  }
  if (request.type === 'prepare') {
    const ready =
      request.language === 'python'
        ? getPyodide(request.pyodideBase, request.id).then(() => undefined)
        : Promise.resolve();
    ready.then(
      () => reply({ type: 'prepared', id: request.id }),
      (error: unknown) =>
        reply({ type: 'prepared', id: request.id, error: error instanceof Error ? error.message : String(error) }),
    );
    return;
  }
  invoke(request).then(
    (outcome) => reply({ type: 'outcome', id: request.id, outcome: tidy(outcome) }),
    (error: unknown) =>
      reply({ type: 'outcome', id: request.id, outcome: { kind: 'error', error: toErrorPayload(error), logs: [] } }),
  );
});
