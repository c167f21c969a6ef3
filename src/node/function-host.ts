/**
 * Node-only Lambda runner for the gateway: each function gets a small pool of worker_threads Workers,
 * each one a Lambda execution environment running one invocation at a time. Handler files are
 * (re)bundled when they change on disk; a stuck handler is stopped by terminating its worker.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { InvokeOutcome, LambdaInvocation, LambdaInvoker, LambdaErrorPayload } from '../emulator/shared/invoker.js';
import { toErrorPayload } from '../lambda/js-handler.js';
import type { WorkerData, WorkerReply, WorkerRequest, WorkerWarmUp } from './handler-worker.js';
import { HandlerBuild, type VersionedHandler } from './load-handler.js';
import { decodeOutcomeRecord, INIT_RECORD, MESSAGE_RECORD } from './outcome-record.js';
import { StringRing } from './string-ring.js';
import { answerSyncHttp, isSyncHttpMessage } from './sync-fetch-bridge.js';

/** Where a function's code lives: a handler file, and the export (JS) or function (Python) to call. */
export interface FunctionSpec {
  /** Path of a .ts/.mts/.js/.mjs/.cjs or .py file; `file#name` also selects the export. */
  path: string;
  /** Default: `handler` for JS/TS, `lambda_handler` for Python. */
  exportName?: string;
  /** The function's own environment variables (its configuration's), set on top of those Lambda sets. */
  environment?: Record<string, string>;
}

/** Options for {@link createNodeFunctionHost}. */
export interface NodeFunctionHostOptions {
  /** The bundled worker entry. Default: `./handler-worker.mjs` beside this module (true in lib/). */
  workerUrl?: URL;
  /** Execution environments per function; invocations beyond wait in a queue. Default 4. */
  maxWorkersPerFunction?: number;
  /**
   * Stop a handler when its context's `deadlineMs` passes, as Lambda does at the function timeout
   * (`Sandbox.Timedout`). Cold-start time (loading Pyodide, importing the handler) is not counted. Default true.
   */
  enforceFunctionTimeout?: boolean;
  /**
   * Start one environment per function right away and load its handler (Pyodide takes about 2 s), so the
   * first request does not wait; an environment replaced after a timeout is warmed again. Default false.
   */
  prewarm?: boolean;
}

/** A running set of function pools. */
export interface NodeFunctionHost {
  invoke: LambdaInvoker;
  /** Terminates every worker and removes the bundled handlers. Pending invocations end with an error outcome. */
  close(): Promise<void>;
}

/** One invocation on its way through the pool; it is its own abort listener (no closure per call). */
class Job {
  settled = false;
  timer: ReturnType<typeof setTimeout> | undefined = undefined;
  /** The environment it was posted to (null while waiting in the pool's queue). */
  env: Environment | null = null;

  constructor(
    readonly pool: FunctionPool,
    readonly invocation: LambdaInvocation,
    readonly prepared: VersionedHandler,
    /** The function timeout: how long the handler may run once it starts. */
    readonly budgetMs: number,
    readonly resolve: (outcome: InvokeOutcome) => void,
  ) {}

  /** The invocation's signal was aborted. */
  handleEvent(): void {
    this.pool.abort(this);
  }
}

/**
 * Handler files are checked for edits (a stat each) at most once per event-loop turn, and again after
 * any invocation ends: requests that arrive together share one check, and a client that saw a response,
 * edited a file and sent another request still gets the new code.
 */
const checks = { epoch: 0, scheduled: false };

/** Starts a new check epoch (the current one's results are stale). */
function nextCheckEpoch(): void {
  checks.epoch++;
}

/** Ends the current check epoch with this turn of the event loop. */
function endEpochThisTurn(): void {
  if (checks.scheduled) return;
  checks.scheduled = true;
  setImmediate(() => {
    checks.scheduled = false;
    nextCheckEpoch();
  }).unref();
}

interface Environment {
  worker: Worker;
  /** Where the worker writes what happened, in order (see handler-worker's WorkerReply). */
  replies: StringRing;
  /** Outcomes that came as messages, for the ring's `M` records. */
  messageOutcomes: InvokeOutcome[];
  /** The ring's last record read was `M` and its message is still to come. */
  awaitingMessage: boolean;
  /** The handler version this worker has been sent (it loads it when it gets there). */
  version: number;
  /** Posted jobs in order; the worker runs them one at a time, `jobs[0]` is the running one. */
  jobs: Job[];
  /** Has finished an invocation (so it is not in a cold start). */
  warm: boolean;
  /** performance.now() when `jobs[0]` started running. */
  headStartedAt: number;
  /** Requests posted this turn of the event loop, sent as one message by {@link flushOutboxes}. */
  outbox: WorkerRequest[];
}

/**
 * Environments with requests in their outbox. Requests for one worker that arrive in the same turn of
 * the event loop (a busy server reads several sockets per turn) travel in one message: the worker
 * wakes once for all of them, and waking a thread costs far more than the message.
 */
const outboxes = new Set<Environment>();
let flushScheduled = false;

function flushOutboxes(): void {
  flushScheduled = false;
  for (const env of outboxes) {
    const batch = env.outbox;
    env.outbox = [];
    if (batch.length === 1) env.worker.postMessage(batch[0]);
    else if (batch.length > 1) env.worker.postMessage(batch);
  }
  outboxes.clear();
}

const DEFAULT_MAX_WORKERS = 4;
/** Bytes of each environment's reply ring (results over 64 KiB travel as messages). */
const REPLY_RING_BYTES = 256 * 1024;
/**
 * When every environment is busy, up to this many invocations are posted to a warm worker at once
 * (it still runs them one after another): the worker then picks up the next one without going to
 * sleep, which saves a thread wake-up per invocation under load.
 */
const PIPELINE_DEPTH = 4;
/**
 * Only pipeline behind an invocation that started less than this long ago: invocations of a slow
 * function wait in the pool's queue instead, for whichever environment frees first.
 */
const PIPELINE_MAX_HEAD_AGE_MS = 5;

/** Starts a host that runs the given functions (by name) in worker threads; call `close()` when done. */
export function createNodeFunctionHost(
  functions: Record<string, FunctionSpec>,
  options: NodeFunctionHostOptions = {},
): NodeFunctionHost {
  const workerUrl = options.workerUrl ?? new URL('./handler-worker.mjs', import.meta.url);
  const maxWorkers = Math.max(1, options.maxWorkersPerFunction ?? DEFAULT_MAX_WORKERS);
  const enforceTimeout = options.enforceFunctionTimeout ?? true;
  const prewarm = options.prewarm ?? false;
  let outDir: string | undefined;
  let closed = false;
  const pools = new Map<string, FunctionPool>();
  const bundleDir = (): string => (outDir ??= mkdtempSync(join(tmpdir(), 'apigw-lab-handlers-')));
  for (const [name, spec] of Object.entries(functions)) {
    const pool = new FunctionPool(spec, { workerUrl, maxWorkers, enforceTimeout, prewarm, bundleDir });
    pools.set(name, pool);
    if (prewarm) void pool.warmUp();
  }

  return {
    invoke: (invocation) => {
      try {
        const pool = pools.get(invocation.functionName);
        if (!pool)
          return Promise.resolve(
            errorOutcome('ResourceNotFoundException', `Function not found: ${invocation.functionName}`),
          );
        if (closed) return Promise.resolve(closedOutcome());
        return pool.invoke(invocation);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...pools.values()].map((pool) => pool.close()));
      if (outDir) rmSync(outDir, { recursive: true, force: true });
    },
  };
}

interface PoolConfig {
  workerUrl: URL;
  maxWorkers: number;
  enforceTimeout: boolean;
  prewarm: boolean;
  bundleDir: () => string;
}

/** The execution environments of one function, plus its current build. */
class FunctionPool {
  private readonly build: HandlerBuild;
  private readonly all = new Set<Environment>();
  private readonly idle: Environment[] = [];
  private readonly waiting: Job[] = [];
  private closed = false;
  /** The last build `current()` confirmed, and the check epoch it did so in. */
  private checked: VersionedHandler | Error | null = null;
  private checkedEpoch = -1;

  constructor(
    private readonly spec: FunctionSpec,
    private readonly config: PoolConfig,
  ) {
    this.build = new HandlerBuild(spec.path, spec.exportName, config.bundleDir);
  }

  invoke(invocation: LambdaInvocation): Promise<InvokeOutcome> {
    if (invocation.signal.aborted) return Promise.resolve(abortedOutcome(invocation));
    // The function timeout counts from when the handler starts running, as in Lambda (not from queueing or bundling).
    const budgetMs = invocation.context.deadlineMs - Date.now();
    const current = this.current();
    // The common case (built, unchanged) without an async function's extra promises.
    if (current !== null && !(current instanceof Error) && !this.closed)
      return this.enqueue(invocation, current, budgetMs);
    return this.invokeAfterBuild(invocation, current, budgetMs);
  }

  private async invokeAfterBuild(
    invocation: LambdaInvocation,
    current: VersionedHandler | Error | null,
    budgetMs: number,
  ): Promise<InvokeOutcome> {
    const prepared = current ?? (await this.build.refresh());
    if (prepared instanceof Error) return { kind: 'error', error: toErrorPayload(prepared), logs: [] };
    if (this.closed) return closedOutcome();
    if (invocation.signal.aborted) return abortedOutcome(invocation);
    return this.enqueue(invocation, prepared, budgetMs);
  }

  private enqueue(invocation: LambdaInvocation, prepared: VersionedHandler, budgetMs: number): Promise<InvokeOutcome> {
    return new Promise((resolve) => {
      const job = new Job(this, invocation, prepared, budgetMs, resolve);
      invocation.signal.addEventListener('abort', job, { once: true });
      this.waiting.push(job);
      this.pump();
    });
  }

  /** The build's `current()`, checked at most once per check epoch. */
  private current(): VersionedHandler | Error | null {
    if (this.checkedEpoch === checks.epoch && this.checked) return this.checked;
    const current = this.build.current();
    this.checked = current;
    this.checkedEpoch = checks.epoch;
    if (current) endEpochThisTurn();
    return current;
  }

  /** Starts an environment that loads the handler now, if the pool has none. */
  async warmUp(): Promise<void> {
    if (this.closed || this.all.size > 0) return;
    const prepared = this.build.current() ?? (await this.build.refresh());
    if (prepared instanceof Error || this.closed || this.all.size > 0) return;
    const env = this.spawn();
    env.version = prepared.version;
    env.worker.postMessage({ warm: prepared } satisfies WorkerWarmUp);
    env.worker.unref();
    this.idle.push(env);
  }

  /** Posts waiting jobs to free environments (idle, new, or a warm one's pipeline). */
  private pump(): void {
    while (this.waiting.length > 0 && !this.closed) {
      const env = this.pick();
      if (!env) return;
      this.post(env, this.waiting.shift() as Job);
    }
  }

  private pick(): Environment | null {
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.all.size < this.config.maxWorkers) return this.spawn();
    // All environments busy: queue behind a warm one whose current invocation is short-lived so far.
    const now = performance.now();
    let best: Environment | null = null;
    for (const env of this.all) {
      if (!env.warm || env.jobs.length >= PIPELINE_DEPTH || now - env.headStartedAt > PIPELINE_MAX_HEAD_AGE_MS)
        continue;
      if (!best || env.jobs.length < best.jobs.length) best = env;
    }
    return best;
  }

  private spawn(): Environment {
    const replies = StringRing.create(REPLY_RING_BYTES);
    const worker = new Worker(this.config.workerUrl, {
      workerData: {
        replyRing: replies.buffer,
        ...(this.spec.environment ? { environment: this.spec.environment } : {}),
      } satisfies WorkerData,
    });
    const env: Environment = {
      worker,
      replies,
      messageOutcomes: [],
      awaitingMessage: false,
      version: 0,
      jobs: [],
      warm: false,
      headStartedAt: 0,
      outbox: [],
    };
    this.all.add(env);
    worker.on('message', (reply: WorkerReply) => this.onReply(env, reply));
    worker.on('error', (error) => this.retire(env, exitOutcome(env, `Runtime exited with error: ${error.message}`)));
    worker.on('exit', (code) => this.retire(env, exitOutcome(env, `Runtime exited with error: exit status ${code}`)));
    return env;
  }

  private post(env: Environment, job: Job): void {
    if (env.jobs.length === 0) env.worker.ref();
    job.env = env;
    env.jobs.push(job);
    if (env.jobs.length === 1) this.armTimeout(env, job);
    const request: WorkerRequest = { context: job.invocation.context, budgetMs: job.budgetMs };
    // JSON text costs less to post than the object (the event is a JSON value; AWS sends it as JSON too).
    const json = eventJson(job.invocation.event);
    if (json === undefined) request.event = job.invocation.event;
    else request.eventJson = json;
    if (env.version !== job.prepared.version) {
      request.handler = job.prepared;
      env.version = job.prepared.version;
    }
    env.outbox.push(request);
    outboxes.add(env);
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flushOutboxes);
    }
  }

  /** Starts (or restarts, after a cold start) the running job's function-timeout clock. */
  private armTimeout(env: Environment, job: Job): void {
    env.headStartedAt = performance.now();
    if (!this.config.enforceTimeout) return;
    clearTimeout(job.timer);
    job.timer = setTimeout(
      () => {
        // An outcome may be in the ring, its doorbell not yet read.
        this.readReplies(env);
        if (!job.settled && env.jobs[0] === job) this.retire(env, timeoutOutcome(job));
      },
      Math.max(0, job.budgetMs),
    );
  }

  private onReply(env: Environment, reply: WorkerReply): void {
    // A Python handler's boto3 call, blocked in the worker until the parent answers.
    if (isSyncHttpMessage(reply)) return void answerSyncHttp(reply);
    if (reply.type === 'outcome') env.messageOutcomes.push(reply.outcome);
    this.readReplies(env);
  }

  /**
   * Takes the records out of the environment's reply ring in order, then waits for its doorbell again.
   * Stops at an `M` record whose message has not arrived yet (its arrival reads on).
   */
  private readReplies(env: Environment): void {
    for (;;) {
      if (!this.all.has(env)) return;
      if (env.awaitingMessage) {
        const outcome = env.messageOutcomes.shift();
        if (outcome === undefined) return;
        env.awaitingMessage = false;
        const head = env.jobs[0];
        if (head) this.onOutcome(env, head, outcome);
        continue;
      }
      const record = env.replies.read();
      if (record === null) {
        if (env.replies.arm()) continue;
        return;
      }
      if (record === MESSAGE_RECORD) {
        env.awaitingMessage = true;
        continue;
      }
      const head = env.jobs[0];
      if (!head) continue;
      if (record === INIT_RECORD) this.armTimeout(env, head);
      else this.onOutcome(env, head, decodeOutcomeRecord(record));
    }
  }

  /** The running job (`head`) ended with `outcome`. */
  private onOutcome(env: Environment, head: Job, outcome: InvokeOutcome): void {
    // Whoever sees this invocation end may edit a handler next: check the files again from now on.
    nextCheckEpoch();
    env.jobs.shift();
    env.warm = true;
    this.settle(head, outcome);
    const next = env.jobs[0];
    if (next) {
      this.armTimeout(env, next);
    } else if (!this.closed) {
      env.worker.unref();
      this.idle.push(env);
    }
    this.pump();
  }

  private settle(job: Job, outcome: InvokeOutcome): void {
    clearTimeout(job.timer);
    if (job.settled) return;
    job.settled = true;
    job.invocation.signal.removeEventListener('abort', job);
    job.resolve(outcome);
  }

  /** The gateway gave up: a running handler's environment is terminated (that stops any loop); a queued one is dropped. */
  abort(job: Job): void {
    if (job.settled) return;
    const env = job.env;
    if (env && env.jobs[0] === job) {
      this.readReplies(env);
      if (job.settled) return;
      if (env.jobs[0] === job) return this.retire(env, abortedOutcome(job.invocation));
    }
    if (!env) this.waiting.splice(this.waiting.indexOf(job), 1);
    // A job already posted behind another still runs in the worker; its reply is ignored.
    this.settle(job, abortedOutcome(job.invocation));
  }

  /** Ends an environment (stuck, timed out or crashed): the running job gets `outcome`, jobs queued behind it go elsewhere. */
  private retire(env: Environment, outcome: InvokeOutcome): void {
    if (!this.all.delete(env)) return;
    const idleIndex = this.idle.indexOf(env);
    if (idleIndex >= 0) this.idle.splice(idleIndex, 1);
    void env.worker.terminate();
    env.outbox = [];
    outboxes.delete(env);
    const [running, ...queued] = env.jobs;
    env.jobs = [];
    if (running) this.settle(running, outcome);
    const requeue = queued.filter((job) => !job.settled);
    for (const job of requeue) job.env = null;
    this.waiting.unshift(...requeue);
    if (this.closed) return;
    this.pump();
    // Only replace an environment that had worked, so a worker that cannot start is not respawned forever.
    if (this.config.prewarm && env.warm) void this.warmUp();
  }

  async close(): Promise<void> {
    this.closed = true;
    const envs = [...this.all];
    for (const env of envs) this.retire(env, closedOutcome());
    for (const job of this.waiting.splice(0)) this.settle(job, closedOutcome());
    await Promise.all(envs.map((env) => env.worker.terminate()));
  }
}

/** The event as JSON text, or undefined when JSON cannot carry it (then it is posted as an object). */
function eventJson(event: unknown): string | undefined {
  try {
    return JSON.stringify(event);
  } catch {
    return undefined;
  }
}

function closedOutcome(): InvokeOutcome {
  return errorOutcome('ServiceException', 'The function host is closed');
}

function errorOutcome(errorType: string, errorMessage: string, logs: string[] = []): InvokeOutcome {
  const error: LambdaErrorPayload = { errorType, errorMessage };
  return { kind: 'error', error, logs };
}

function abortedOutcome(invocation: LambdaInvocation): InvokeOutcome {
  const reason = invocation.signal.reason as unknown;
  const detail = reason instanceof Error ? reason.message : reason === undefined ? 'aborted' : String(reason);
  return errorOutcome(
    'Runtime.InvocationAborted',
    `RequestId: ${invocation.context.awsRequestId} Error: invocation stopped (${detail})`,
  );
}

function timeoutOutcome(job: Job): InvokeOutcome {
  const { awsRequestId } = job.invocation.context;
  const seconds = (Math.round(Math.max(0, job.budgetMs) / 10) / 100).toFixed(2);
  return errorOutcome('Sandbox.Timedout', `RequestId: ${awsRequestId} Error: Task timed out after ${seconds} seconds`, [
    `${new Date().toISOString()} ${awsRequestId} Task timed out after ${seconds} seconds`,
  ]);
}

function exitOutcome(env: Environment, message: string): InvokeOutcome {
  const requestId = env.jobs[0]?.invocation.context.awsRequestId ?? '';
  return errorOutcome('Runtime.ExitError', `RequestId: ${requestId} Error: ${message}`);
}
