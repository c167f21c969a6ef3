/**
 * Node-only: the function host's fast path, one Lambda execution environment in the server's own thread.
 *
 * Handing an invocation to a worker thread and back costs more than the rest of a request (waking a thread,
 * copying the event and the result). So a JS/TS handler that has already answered in a worker (it is not stuck
 * on every call) also runs here, one invocation at a time, whenever this environment is free; the others go to
 * the worker pool as before. What a worker guarantees still holds:
 * - a handler that never returns gets its function timeout (`Sandbox.Timedout`) and its version runs in workers
 *   only from then on (Lambda, too, starts a fresh environment after a timeout);
 * - a synchronous loop cannot stop the server: the {@link MainThreadWatchdog} ends it once the timeout has passed
 *   by {@link STUCK_GRACE_MS} (the handler is called from a microtask of its own, so only its own work is lost);
 * - console output, uncaught exceptions and unhandled rejections belong to the invocation, as in a worker;
 * - a handler that could change the process itself (`process.exit`, `process.chdir`, process listeners,
 *   worker_threads, …: see inline-safe.ts) always runs in workers.
 */
import { format } from 'node:util';
import type { InvokeOutcome, LambdaInvocation } from '../emulator/invoker.js';
import { lambdaEnvironment } from '../lambda/context.js';
import { CONSOLE_LEVELS, captureConsole, invokeJsHandler, toErrorPayload, type JsHandler } from '../lambda/js-handler.js';
import { importJsHandler, type PreparedJsHandler } from './load-handler.js';
import type { MainThreadWatchdog } from './main-thread-watchdog.js';

/** A handler version runs here only after this many invocations answered in workers. */
export const PROMOTE_AFTER = 2;
/**
 * How long past its deadline a handler may hold the thread before the watchdog ends it (the watchdog also waits
 * until the thread's heartbeat has stopped for STALE_MS, watchdog-slots.ts).
 */
export const STUCK_GRACE_MS = 100;
/** Lambda's limit on a function's init phase, applied to importing the handler module here. */
const INIT_LIMIT_MS = 10_000;
const MAX_STRAY_LOGS = 1000;

/** One function's standing with the inline environment, for its current handler version. */
export class InlineSlot {
  version = 0;
  /** Invocations of this version that answered in a worker. */
  proven = 0;
  fn: JsHandler | null = null;
  loading = false;
  /** Timed out, failed to load or got stuck here: this version stays in workers. */
  retired = false;

  constructor(readonly functionName: string) {}

  /** Forgets an older version. */
  track(version: number): void {
    if (this.version === version) return;
    this.version = version;
    this.proven = 0;
    this.fn = null;
    this.loading = false;
    this.retired = false;
  }
}

/** The Node.js runtime's wrapper for a rejection nobody handled. */
class UnhandledPromiseRejection extends Error {
  constructor(readonly reason: unknown) {
    super(String(reason));
  }
}
UnhandledPromiseRejection.prototype.name = 'Runtime.UnhandledPromiseRejection';

/** The one inline environment of this process (console, `process.env` and the thread are process-wide). */
export class InlineEnvironment {
  #busy = false;
  /** The slot whose Lambda variables `process.env` holds. */
  #envOf: InlineSlot | null = null;
  /** Aborted with the error when handler code throws outside the awaited call chain during an invocation. */
  #fatal = new AbortController();
  #running = false;
  #strays: string[] = [];
  #lastRequestId = '';
  #consoleRouted = false;
  /** Bundled handlers' directories and handlers' source files: an error whose stack passes through one came from handler code. */
  #handlerPlaces = new Set<string>();

  constructor(
    private readonly watchdog: MainThreadWatchdog,
    /** Called when an invocation here ends (the function host then checks handler files again). */
    private readonly onInvocationEnd: () => void,
  ) {}

  /** The directory of a host's bundled handlers (see {@link claimUncaught}). */
  addBundleDir(dir: string): void {
    this.#handlerPlaces.add(dir);
  }

  /**
   * Runs the invocation here if this environment is free and the handler version has earned it; else returns
   * null (the caller queues it for a worker). Starts loading a promoted version in the background.
   */
  tryInvoke(slot: InlineSlot, prepared: PreparedJsHandler & { version: number }, invocation: LambdaInvocation, budgetMs: number, enforceTimeout: boolean): Promise<InvokeOutcome> | null {
    if (this.#busy || !this.watchdog.alive) return null;
    slot.track(prepared.version);
    if (slot.retired || slot.proven < PROMOTE_AFTER || !prepared.inlineSafe) return null;
    if (slot.fn === null) {
      if (!slot.loading) this.#load(slot, prepared);
      return null;
    }
    return this.#invoke(slot, slot.fn, prepared.handlerName, invocation, budgetMs, enforceTimeout);
  }

  /**
   * For the process's `uncaughtException`/`unhandledRejection` listeners: true when the error belongs to handler
   * code (it ends the running inline invocation, or is logged with the next one, as a worker does).
   */
  claimUncaught(error: unknown, kind: 'exception' | 'rejection'): boolean {
    const wrapped = kind === 'rejection' ? new UnhandledPromiseRejection(error) : error;
    if (this.#running) {
      this.#fatal.abort(wrapped);
      return true;
    }
    const stack = error instanceof Error && typeof error.stack === 'string' ? error.stack : '';
    if (![...this.#handlerPlaces].some((place) => stack.includes(place))) return false;
    const label = kind === 'rejection' ? 'Unhandled Promise Rejection' : 'Uncaught Exception';
    this.#logStray('ERROR', `${label} \t${JSON.stringify(toErrorPayload(wrapped))}`);
    return true;
  }

  #load(slot: InlineSlot, prepared: PreparedJsHandler & { version: number }): void {
    slot.loading = true;
    // With source maps on, stack frames name the handler's own files.
    for (const file of prepared.watch) this.#handlerPlaces.add(file);
    this.#routeConsole();
    this.#busy = true;
    this.watchdog.arm(Date.now() + INIT_LIMIT_MS + STUCK_GRACE_MS);
    let settled = false;
    const finish = (fn: JsHandler | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(limit);
      this.watchdog.disarm();
      this.#busy = false;
      if (slot.version !== prepared.version) return;
      slot.loading = false;
      if (fn) slot.fn = fn;
      else slot.retired = true;
    };
    const limit = setTimeout(() => finish(null), INIT_LIMIT_MS);
    // The main thread's module cache is its own: this is a fresh instance of the module, a new environment's init.
    importJsHandler(prepared.moduleUrl, prepared.exportName, prepared.handlerName).then(finish, () => finish(null));
  }

  #invoke(slot: InlineSlot, fn: JsHandler, handlerName: string, invocation: LambdaInvocation, budgetMs: number, enforceTimeout: boolean): Promise<InvokeOutcome> {
    this.#busy = true;
    const { context } = invocation;
    if (this.#envOf !== slot) {
      Object.assign(process.env, lambdaEnvironment(context, handlerName));
      this.#envOf = slot;
    }
    const earlier = this.#strays.length > 0 ? this.#strays.splice(0) : null;
    this.#lastRequestId = context.awsRequestId;
    if (this.#fatal.signal.aborted) this.#fatal = new AbortController();
    this.watchdog.arm(Date.now() + Math.max(0, budgetMs) + STUCK_GRACE_MS);
    return new Promise<InvokeOutcome>((resolve) => {
      let done = false;
      const finish = (outcome: InvokeOutcome, retire: boolean): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.watchdog.disarm();
        this.#running = false;
        this.#busy = false;
        if (retire) slot.retired = true;
        this.onInvocationEnd();
        if (earlier) outcome.logs.unshift(...earlier);
        resolve(outcome);
      };
      const timer = enforceTimeout ? setTimeout(() => finish(timeoutOutcome(context.awsRequestId, budgetMs), true), Math.max(0, budgetMs)) : undefined;
      // From a microtask of its own: the caller holds this promise before handler code runs, and a loop the
      // watchdog ends takes only this microtask's queue with it.
      queueMicrotask(() => {
        this.#running = true;
        invokeJsHandler(fn, invocation.event, context, { format, signal: this.#fatal.signal }).then(
          (outcome) => finish(outcome, false),
          (error: unknown) => finish({ kind: 'error', error: toErrorPayload(error), logs: [] }, false),
        );
      });
    });
  }

  /**
   * Console output outside an invocation (timers, unawaited promises) goes into the next invocation's logs: a
   * capture that is never released sits under each invocation's own.
   */
  #routeConsole(): void {
    if (this.#consoleRouted) return;
    this.#consoleRouted = true;
    process.setSourceMapsEnabled(true);
    captureConsole(console, (method, args) => this.#logStray(CONSOLE_LEVELS[method], format(...args)));
  }

  #logStray(level: string, message: string): void {
    this.#strays.push(`${new Date().toISOString()}\t${this.#lastRequestId}\t${level}\t${message}`);
    if (this.#strays.length > MAX_STRAY_LOGS) this.#strays.shift();
  }
}

/** Lambda's timeout outcome, as the worker pool reports it. */
export function timeoutOutcome(awsRequestId: string, budgetMs: number): InvokeOutcome {
  const seconds = (Math.round(Math.max(0, budgetMs) / 10) / 100).toFixed(2);
  return {
    kind: 'error',
    error: { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${awsRequestId} Error: Task timed out after ${seconds} seconds` },
    logs: [`${new Date().toISOString()} ${awsRequestId} Task timed out after ${seconds} seconds`],
  };
}
