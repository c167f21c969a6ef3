/**
 * worker_threads entry: one Lambda execution environment. Receives one invocation at a time from the
 * function host, runs the handler (JS/TS in this thread, Python in a lazily loaded Pyodide) and replies
 * with the InvokeOutcome. Handler faults, even uncaught exceptions from stray async code, become error
 * outcomes: this thread only ends when the host terminates it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import type { PyodideInterface } from 'pyodide';
import type { InvokeOutcome, LambdaContextInit } from '../emulator/shared/invoker.js';
import { lambdaEnvironment } from '../lambda/context.js';
import { invokeJsHandler, toErrorPayload, type JsHandler } from '../lambda/js-handler.js';
import { createPythonHandler, type PythonHandler } from '../lambda/python-handler.js';
import { importJsHandler, type PreparedHandler, type VersionedHandler } from './load-handler.js';
import { encodeOutcomeRecord, INIT_RECORD, MAX_RESULT_RECORD, MESSAGE_RECORD } from './outcome-record.js';
import { StringRing } from './string-ring.js';
import { installSyncHttp, type SyncHttpMessage } from './sync-fetch-bridge.js';

/** Host → worker: one invocation; `handler` is sent only when the worker must load a (new) version. */
export interface WorkerRequest {
  handler?: VersionedHandler;
  /** The event as JSON text (cheaper to post than the object); `event` is used when it has none. */
  eventJson?: string;
  event?: unknown;
  /** Its `deadlineMs` is replaced by start time + `budgetMs` when the invocation starts. */
  context: LambdaContextInit;
  /** The function timeout in milliseconds. */
  budgetMs: number;
}

/** Host → worker: load this handler now (Pyodide, module import) so the first invocation starts warm. */
export interface WorkerWarmUp {
  warm: VersionedHandler;
}

export type WorkerMessage = WorkerRequest | WorkerWarmUp;

/**
 * Worker → host: everything goes in order through the reply ring ({@link WorkerData}, records in
 * outcome-record.ts); a message says `ring` (there are records, and the host waits for this message
 * to read them) or carries an `outcome` too large for the ring or not a result, which the ring's
 * `M` record stands for.
 */
export type WorkerReply = { type: 'ring' } | { type: 'outcome'; outcome: InvokeOutcome } | SyncHttpMessage;

/** `workerData` from the host. */
export interface WorkerData {
  replyRing: SharedArrayBuffer;
  /** The function's own environment variables (e.g. a WebSocket function's management endpoint and credentials). */
  environment?: Record<string, string>;
}

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
const replyRing = new StringRing((workerData as WorkerData).replyRing);
const functionEnvironment = (workerData as WorkerData).environment ?? {};
// Synchronous HTTP for Python handlers (the boto3 shim): the parent makes the request while this thread waits.
installSyncHttp((message) => port.postMessage(message));

/** Appends a record to the reply ring (waiting while it is full: the host is reading it), ringing when the host waits. */
function putRecord(record: string): void {
  let written: ReturnType<StringRing['write']>;
  while ((written = replyRing.write(record)) === false) replyRing.waitForSpace(1);
  if (written === 'ring') port?.postMessage({ type: 'ring' } satisfies WorkerReply);
}

/** Hands an outcome to the host: a result record, or a message and the `M` record that stands for it. */
function reply(outcome: InvokeOutcome): void {
  const record = encodeOutcomeRecord(outcome);
  if (record !== null && record.length <= MAX_RESULT_RECORD) return putRecord(record);
  port?.postMessage({ type: 'outcome', outcome } satisfies WorkerReply);
  putRecord(MESSAGE_RECORD);
}

let loaded: LoadedFunction | null = null;
let pyodide: Promise<PyodideInterface> | null = null;
let importAttempt = 0;
/** Aborted with the error when handler code throws outside the awaited call chain during an invocation. */
let fatal = new AbortController();
let jsRunning = false;

/**
 * Output from handler code running between invocations (timers, unawaited promises). Lambda shows it
 * in the log stream when the environment next runs, so it is added to the next invocation's logs.
 */
const strayLogs: string[] = [];
const MAX_STRAY_LOGS = 1000;
let lastRequestId = '';

function logStray(level: string, message: string): void {
  strayLogs.push(`${new Date().toISOString()}\t${lastRequestId}\t${level}\t${message}`);
  if (strayLogs.length > MAX_STRAY_LOGS) strayLogs.shift();
}

const CONSOLE_LEVELS = {
  log: 'INFO',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  debug: 'DEBUG',
  trace: 'TRACE',
} as const;
for (const [method, level] of Object.entries(CONSOLE_LEVELS)) {
  (console as unknown as Record<string, (...args: unknown[]) => void>)[method] = (...args) =>
    logStray(level, format(...args));
}

process.setSourceMapsEnabled(true);
process.on('uncaughtException', (error) => {
  if (jsRunning) fatal.abort(error);
  else logStray('ERROR', `Uncaught Exception \t${JSON.stringify(toErrorPayload(error))}`);
});
process.on('unhandledRejection', (reason) => {
  const error = new UnhandledPromiseRejection(reason);
  if (jsRunning) fatal.abort(error);
  else logStray('ERROR', `Unhandled Promise Rejection \t${JSON.stringify(toErrorPayload(error))}`);
});

// The host may post the next invocations before this one ends: run them strictly one at a time, in order.
const queue: WorkerMessage[] = [];
let draining = false;

port.on('message', (message: WorkerMessage | WorkerRequest[]) => {
  if (Array.isArray(message)) queue.push(...message);
  else queue.push(message);
  if (!draining) void drain();
});

async function drain(): Promise<void> {
  draining = true;
  for (let message = queue.shift(); message; message = queue.shift()) {
    if ('warm' in message) {
      // A failure is reported by the invocation that next tries to load.
      await ensureLoaded(message.warm).catch(() => 0);
      continue;
    }
    let outcome: InvokeOutcome;
    try {
      outcome = await handle(message);
    } catch (error) {
      outcome = { kind: 'error', error: toErrorPayload(error), logs: [] };
    }
    reply(outcome);
  }
  draining = false;
}

/**
 * Switches to `handler` if it is a new version and loads what is missing (the JS module; Pyodide and
 * the Python handler). Returns how long loading took (0 when warm), after telling the host.
 */
async function ensureLoaded(handler: VersionedHandler | undefined): Promise<number> {
  if (handler && handler.version !== loaded?.version) {
    loaded?.python?.dispose();
    loaded = { version: handler.version, prepared: handler, environmentApplied: false };
  }
  const fn = loaded;
  if (!fn) throw new Error('handler-worker: no handler loaded');
  if (fn.js || fn.python) return 0;
  const started = Date.now();
  try {
    if (fn.prepared.kind === 'js') {
      // A failed import is cached by URL: retry under a fresh one, as Lambda re-runs init after a failure.
      const url = importAttempt++ === 0 ? fn.prepared.moduleUrl : `${fn.prepared.moduleUrl}?attempt=${importAttempt}`;
      fn.js = await importJsHandler(url, fn.prepared.exportName, fn.prepared.handlerName);
    } else {
      fn.python = createPythonHandler(
        await getPyodide(),
        fn.prepared.source,
        fn.prepared.moduleName,
        fn.prepared.handlerName,
        { environment: functionEnvironment },
      );
    }
  } finally {
    // Init has its own budget in Lambda: the host restarts the function-timeout clock now.
    putRecord(INIT_RECORD);
  }
  return Date.now() - started;
}

async function handle(request: WorkerRequest): Promise<InvokeOutcome> {
  const started = Date.now();
  // Warm (the usual case): no loading to wait for.
  const warm =
    loaded !== null &&
    (loaded.js !== undefined || loaded.python !== undefined) &&
    (!request.handler || request.handler.version === loaded.version);
  const initMs = warm ? 0 : await ensureLoaded(request.handler);
  const context: LambdaContextInit = { ...request.context, deadlineMs: started + initMs + request.budgetMs };
  const fn = loaded as LoadedFunction;
  const event: unknown = request.eventJson === undefined ? request.event : JSON.parse(request.eventJson);
  if (fn.python) return invokePython(fn.python, event, context);
  if (!fn.js) throw new Error('handler-worker: handler not loaded');
  if (!fn.environmentApplied) {
    Object.assign(process.env, lambdaEnvironment(context, fn.prepared.handlerName), functionEnvironment);
    fn.environmentApplied = true;
  }
  if (fatal.signal.aborted) fatal = new AbortController();
  const earlier = strayLogs.length > 0 ? strayLogs.splice(0) : null;
  lastRequestId = context.awsRequestId;
  jsRunning = true;
  try {
    const outcome = await invokeJsHandler(fn.js, event, context, { format, signal: fatal.signal });
    if (earlier) outcome.logs.unshift(...earlier);
    return outcome;
  } finally {
    jsRunning = false;
  }
}

async function invokePython(
  handler: PythonHandler,
  event: unknown,
  context: LambdaContextInit,
): Promise<InvokeOutcome> {
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
