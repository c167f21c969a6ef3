/**
 * Runs one JavaScript/TypeScript Lambda handler invocation the way the AWS Node.js runtime does:
 * async handlers, callback-style handlers, the runtime's error payload, JSON serialisation of the
 * result and console capture into CloudWatch-style log lines.
 * Pure (no Node imports), so it also runs in a browser Web Worker.
 */
import type { InvokeOutcome, LambdaContextInit, LambdaErrorPayload } from '../emulator/shared/invoker.js';
import { createLambdaContext, type LambdaContext } from './context.js';
import { formatLogArgs } from './format.js';
import { invokeStreamingJsHandlerBuffered, type StreamingJsHandler } from './js-stream-handler.js';
import { isStreamingHandler } from './response-stream.js';

/** The Node.js runtime's `callback(error, result)`. */
export type LambdaCallback = (error?: unknown, result?: unknown) => void;

/** A Node.js Lambda handler: async `(event, context)` or callback-style `(event, context, callback)`. */
export type JsHandler = (event: unknown, context: LambdaContext, callback: LambdaCallback) => unknown;

/** Options for {@link invokeJsHandler}. */
export interface InvokeJsOptions {
  /** Turns console arguments into a message. Default: a built-in `util.format` look-alike; Node callers can pass `util.format`. */
  format?: (...args: unknown[]) => string;
  /**
   * `'text'` (default): each entry is `<ISO time>\t<requestId>\t<LEVEL>\t<message>`, the Node.js runtime's
   * CloudWatch line; `'plain'`: the message alone.
   */
  logFormat?: 'text' | 'plain';
  /** When aborted, the invocation ends with `signal.reason` as its error (e.g. an uncaught exception caught by the host). */
  signal?: AbortSignal;
  /** The console whose methods are captured. Default: `globalThis.console`. */
  console?: Console;
  /** Clock for `getRemainingTimeInMillis` and log timestamps. Default: `Date.now`. */
  now?: () => number;
}

type Settled = { ok: true; value: unknown; text?: string } | { ok: false; error: unknown };

const CONSOLE_LEVELS = {
  log: 'INFO',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  debug: 'DEBUG',
  trace: 'TRACE',
} as const;
type ConsoleMethod = keyof typeof CONSOLE_LEVELS;

/** Invokes `fn` with `event` and a context built from `contextInit`; never throws for handler faults. */
export async function invokeJsHandler(
  fn: JsHandler,
  event: unknown,
  contextInit: LambdaContextInit,
  opts: InvokeJsOptions = {},
): Promise<InvokeOutcome> {
  // A streamified handler (awslambda.streamifyResponse) invoked without streaming: what it writes, buffered.
  if (isStreamingHandler(fn))
    return invokeStreamingJsHandlerBuffered(fn as unknown as StreamingJsHandler, event, contextInit, opts);
  const now = opts.now ?? Date.now;
  const { logs, write, release } = captureInvocationLogs(contextInit.awsRequestId, opts);
  try {
    const settled = await runHandler(fn, event, createLambdaContext(contextInit, now), opts.signal);
    if (settled.ok) {
      const serialised = serialiseResult(settled.value);
      if (serialised.ok)
        return {
          kind: 'result',
          payload: serialised.value,
          ...(serialised.text !== undefined ? { payloadJson: serialised.text } : {}),
          logs,
        };
      write('ERROR', `Invoke Error \t${formatInvokeError(serialised.error)}`);
      return { kind: 'error', error: toErrorPayload(serialised.error), logs };
    }
    write('ERROR', `Invoke Error \t${formatInvokeError(settled.error)}`);
    return { kind: 'error', error: toErrorPayload(settled.error), logs };
  } finally {
    release();
  }
}

/** One invocation's log lines: the console captured until `release`, and `write` for the runtime's own lines. */
export interface InvocationLogs {
  logs: string[];
  write(level: string, message: string): void;
  release(): void;
}

/** Starts capturing the console into one invocation's log lines (see {@link InvokeJsOptions.logFormat}). */
export function captureInvocationLogs(requestId: string, opts: InvokeJsOptions = {}): InvocationLogs {
  const now = opts.now ?? Date.now;
  const format = opts.format ?? ((...args: unknown[]) => formatLogArgs(args));
  const logs: string[] = [];
  const write = (level: string, message: string): void => {
    logs.push(
      opts.logFormat === 'plain' ? message : `${new Date(now()).toISOString()}\t${requestId}\t${level}\t${message}`,
    );
  };
  const release = captureConsole(opts.console ?? globalThis.console, (method, args) =>
    write(CONSOLE_LEVELS[method], format(...args)),
  );
  return { logs, write, release };
}

/** Converts a thrown value into the Node.js runtime's function-error payload (`{errorType, errorMessage, trace}`). */
export function toErrorPayload(error: unknown): LambdaErrorPayload {
  try {
    if (isErrorLike(error)) {
      return { errorType: error.name, errorMessage: error.message, trace: (error.stack as string).split('\n') };
    }
    return { errorType: typeof error, errorMessage: (error as { toString(): string }).toString(), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage:
        'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
    };
  }
}

function isErrorLike(error: unknown): error is Error {
  if (typeof error !== 'object' || error === null) return false;
  if (error instanceof Error || Object.prototype.toString.call(error) === '[object Error]') return true;
  const e = error as Partial<Record<'name' | 'message' | 'stack', unknown>>;
  return (
    Boolean(e.name && e.message && e.stack) &&
    typeof e.name === 'string' &&
    typeof e.message === 'string' &&
    typeof e.stack === 'string'
  );
}

/** Calls the handler and settles with the first of: returned promise, callback (non-promise returns), abort. */
function runHandler(fn: JsHandler, event: unknown, context: LambdaContext, signal?: AbortSignal): Promise<Settled> {
  return new Promise<Settled>((resolve) => {
    let done = false;
    let returnedPromise = false;
    const settle = (s: Settled): void => {
      if (done) return;
      done = true;
      signal?.removeEventListener('abort', onAbort);
      resolve(s);
    };
    const onAbort = (): void => settle({ ok: false, error: signal?.reason });
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);

    let returned = false;
    let callbackOutcome: Settled | undefined;
    const callback: LambdaCallback = (error, result) => {
      if (callbackOutcome) return;
      callbackOutcome = error !== undefined && error !== null ? { ok: false, error } : { ok: true, value: result };
      if (returned && !returnedPromise) settle(callbackOutcome);
    };
    let value: unknown;
    try {
      value = fn(event, context, callback);
    } catch (error) {
      // The runtime passes a synchronous throw to callback(err): a thrown null/undefined counts as success.
      returned = true;
      return settle(error !== undefined && error !== null ? { ok: false, error } : { ok: true, value: undefined });
    }
    returned = true;
    if (isThenable(value)) {
      returnedPromise = true;
      // The runtime turns a rejection with no reason into fail('handled').
      value.then(
        (v) => settle({ ok: true, value: v }),
        (e: unknown) => settle({ ok: false, error: e ?? 'handled' }),
      );
    } else if (callbackOutcome) {
      settle(callbackOutcome);
    } else if (fn.length < 3) {
      // A synchronous handler without a callback parameter: its return value is the result, as in the
      // nodejs24.x runtime (nodejs22.x and older ignore it and respond null once the event loop drains).
      settle({ ok: true, value });
    }
  });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * JSON round-trip of the result, as the runtime serialises it (undefined → null). A result JSON.stringify cannot
 * represent (a function, a Symbol) stringifies to undefined, which the runtime's native client refuses
 * (`done(id, undefined)` throws `TypeError: Wrong arguments`); the runtime reports that error as the invocation's.
 */
function serialiseResult(value: unknown): Settled {
  let text: string | undefined;
  try {
    text = JSON.stringify(value === undefined ? null : value) as string | undefined;
  } catch {
    return { ok: false, error: new Error('Unable to stringify response body') };
  }
  if (text === undefined) return { ok: false, error: new TypeError('Wrong arguments') };
  return { ok: true, value: JSON.parse(text) as unknown, text };
}

/** The runtime's "Invoke Error" log rendering: the error with its enumerable properties and stack lines. */
export function formatInvokeError(error: unknown): string {
  const err = error instanceof Error ? error : new Error(String(error));
  try {
    const fields: Record<string, unknown> = {
      errorType: err.name,
      errorMessage: err.message,
      code: (err as { code?: unknown }).code,
    };
    Object.assign(fields, err);
    if (typeof err.stack === 'string') fields['stack'] = err.stack.split('\n');
    return JSON.stringify(fields);
  } catch {
    return JSON.stringify(toErrorPayload(err));
  }
}

type Sink = (method: ConsoleMethod, args: unknown[]) => void;

interface Capture {
  originals: Partial<Record<ConsoleMethod, unknown>>;
  sinks: Sink[];
}

const captures = new WeakMap<Console, Capture>();

/**
 * Routes the console's log methods to `sink` until the returned function is called. Overlapping
 * invocations in one realm write to the most recently started one (a Lambda environment runs one at a time).
 */
function captureConsole(target: Console, sink: Sink): () => void {
  let capture = captures.get(target);
  if (!capture) {
    const created: Capture = { originals: {}, sinks: [] };
    for (const method of Object.keys(CONSOLE_LEVELS) as ConsoleMethod[]) {
      created.originals[method] = target[method];
      target[method] = (...args: unknown[]) => created.sinks[created.sinks.length - 1]?.(method, args);
    }
    captures.set(target, created);
    capture = created;
  }
  const active = capture;
  active.sinks.push(sink);
  return () => {
    const index = active.sinks.lastIndexOf(sink);
    if (index >= 0) active.sinks.splice(index, 1);
    if (active.sinks.length > 0) return;
    for (const method of Object.keys(CONSOLE_LEVELS) as ConsoleMethod[]) {
      (target as unknown as Record<string, unknown>)[method] = active.originals[method];
    }
    captures.delete(target);
  };
}
