/**
 * worker_threads entry: one Lambda execution environment. Receives one invocation at a time from the
 * function host, runs the handler (JS/TS in this thread, Python in a lazily loaded Pyodide) and replies
 * with the InvokeOutcome. Handler faults, even uncaught exceptions from stray async code, become error
 * outcomes: this thread only ends when the host terminates it.
 */
import { parentPort } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import type { PyodideInterface } from 'pyodide';
import type { InvokeOutcome, LambdaContextInit } from '../emulator/invoker.js';
import { lambdaEnvironment } from '../lambda/context.js';
import { invokeJsHandler, toErrorPayload, type JsHandler } from '../lambda/js-handler.js';
import { createPythonHandler, type PythonHandler } from '../lambda/python-handler.js';
import { importJsHandler, type PreparedHandler, type VersionedHandler } from './load-handler.js';

/** Host → worker: one invocation; `handler` is sent only when the worker must load a (new) version. */
export interface WorkerRequest {
  handler?: VersionedHandler;
  event: unknown;
  /** Its `deadlineMs` is replaced by start time + `budgetMs` when the invocation starts. */
  context: LambdaContextInit;
  /** The function timeout in milliseconds. */
  budgetMs: number;
}

/** Worker → host: `init` when a cold start (loading Pyodide or the handler) finished, then the outcome. */
export type WorkerReply = { type: 'init'; durationMs: number } | { type: 'outcome'; outcome: InvokeOutcome };

interface LoadedFunction {
  version: number;
  prepared: PreparedHandler;
  js?: JsHandler;
  python?: PythonHandler;
  environmentApplied: boolean;
}

/** The Node.js runtime's wrapper for a rejection nobody handled. */
class UnhandledPromiseRejection extends Error {
  constructor(readonly reason: unknown) {
    super(String(reason));
  }
}
UnhandledPromiseRejection.prototype.name = 'Runtime.UnhandledPromiseRejection';

const port = parentPort;
if (!port) throw new Error('handler-worker must run in a worker thread');

let loaded: LoadedFunction | null = null;
let pyodide: Promise<PyodideInterface> | null = null;
let importAttempt = 0;
/** Aborted with the error when handler code throws outside the awaited call chain during an invocation. */
let fatal = new AbortController();
let jsRunning = false;

process.setSourceMapsEnabled(true);
process.on('uncaughtException', (error) => {
  if (jsRunning) fatal.abort(error);
});
process.on('unhandledRejection', (reason) => {
  if (jsRunning) fatal.abort(new UnhandledPromiseRejection(reason));
});

// The host may post the next invocations before this one ends: run them strictly one at a time, in order.
const queue: WorkerRequest[] = [];
let draining = false;

port.on('message', (request: WorkerRequest) => {
  queue.push(request);
  if (!draining) void drain();
});

async function drain(): Promise<void> {
  draining = true;
  for (let request = queue.shift(); request; request = queue.shift()) {
    let outcome: InvokeOutcome;
    try {
      outcome = await handle(request);
    } catch (error) {
      outcome = { kind: 'error', error: toErrorPayload(error), logs: [] };
    }
    port?.postMessage({ type: 'outcome', outcome } satisfies WorkerReply);
  }
  draining = false;
}

async function handle(request: WorkerRequest): Promise<InvokeOutcome> {
  const started = Date.now();
  let cold = false;
  if (request.handler && request.handler.version !== loaded?.version) {
    loaded?.python?.dispose();
    loaded = { version: request.handler.version, prepared: request.handler, environmentApplied: false };
  }
  const fn = loaded;
  if (!fn) throw new Error('handler-worker: no handler loaded');
  let context: LambdaContextInit = { ...request.context, deadlineMs: started + request.budgetMs };
  try {
    if (fn.prepared.kind === 'js' && !fn.js) {
      cold = true;
      // A failed import is cached by URL: retry under a fresh one, as Lambda re-runs init after a failure.
      const url = importAttempt++ === 0 ? fn.prepared.moduleUrl : `${fn.prepared.moduleUrl}?attempt=${importAttempt}`;
      fn.js = await importJsHandler(url, fn.prepared.exportName, fn.prepared.handlerName);
    } else if (fn.prepared.kind === 'python' && !fn.python) {
      cold = true;
      fn.python = createPythonHandler(await getPyodide(), fn.prepared.source, fn.prepared.moduleName, fn.prepared.handlerName);
    }
  } finally {
    if (cold) {
      // Init has its own budget in Lambda: tell the host, and move the deadline by the time it took.
      const durationMs = Date.now() - started;
      context = { ...context, deadlineMs: context.deadlineMs + durationMs };
      port?.postMessage({ type: 'init', durationMs } satisfies WorkerReply);
    }
  }
  if (fn.python) return invokePython(fn.python, request.event, context);
  if (!fn.js) throw new Error('handler-worker: handler not loaded');
  if (!fn.environmentApplied) {
    Object.assign(process.env, lambdaEnvironment(context, fn.prepared.handlerName));
    fn.environmentApplied = true;
  }
  if (fatal.signal.aborted) fatal = new AbortController();
  jsRunning = true;
  try {
    return await invokeJsHandler(fn.js, request.event, context, { format, signal: fatal.signal });
  } finally {
    jsRunning = false;
  }
}

async function invokePython(handler: PythonHandler, event: unknown, context: LambdaContextInit): Promise<InvokeOutcome> {
  try {
    return await handler.invoke(event, context);
  } catch (error) {
    // Only a fault of Pyodide itself gets here (Python exceptions are outcomes): start a fresh interpreter next time.
    pyodide = null;
    if (loaded) loaded.python = undefined;
    throw error;
  }
}

function getPyodide(): Promise<PyodideInterface> {
  // Pyodide cannot locate its own files from inside a worker thread: point it at its package folder.
  const indexURL = fileURLToPath(new URL('.', import.meta.resolve('pyodide/package.json')));
  pyodide ??= import('pyodide').then(({ loadPyodide }) => loadPyodide({ indexURL }));
  pyodide.catch(() => {
    pyodide = null;
  });
  return pyodide;
}
