/**
 * The server's LambdaInvoker: runs each invocation in a node:worker_threads Worker, so a handler
 * that never returns (`for(;;){}`) cannot wedge the server: when the gateway gives up (integration
 * timeout) the thread is terminated. Idle threads are kept warm, as Lambda keeps execution
 * environments; concurrent invocations get a thread each. One thread is started ahead of need (at
 * start-up, and after a timed-out one is stopped), so a run does not wait for a thread to boot;
 * it imports the handler at its first invocation.
 */
import { Worker } from 'node:worker_threads';
import type { InvokeOutcome, LambdaInvoker } from '../../../emulator/shared/invoker.js';
import { toErrorPayload } from '../../../lambda/js-handler.js';
import { LAMBDA_THREAD_ROLE, type LambdaThreadData, type ThreadInvocation } from './lambda-thread.js';

/** What the threads run. */
export interface ThreadInvokerOptions {
  /** The module a thread runs: the server bundle, which serves invocations when started as a Lambda thread. */
  threadModule: URL;
  /** file: URL of the handler module. */
  moduleUrl: string;
  moduleName: string;
  handlerName: string;
  /** The only function this sandbox has. */
  functionName: string;
}

/** The invoker and its shutdown. */
export interface ThreadInvoker {
  invoke: LambdaInvoker;
  /** Terminates every thread. */
  close(): Promise<void>;
}

interface Thread {
  worker: Worker;
  /** Settles the invocation in progress, if any. */
  settle: ((outcome: InvokeOutcome) => void) | null;
}

/** A LambdaInvoker backed by a pool of worker threads. */
export function createThreadInvoker(options: ThreadInvokerOptions): ThreadInvoker {
  const idle: Thread[] = [];
  const all = new Set<Thread>();
  let closed = false;

  const discard = (thread: Thread) => {
    if (!all.delete(thread)) return;
    const i = idle.indexOf(thread);
    if (i >= 0) idle.splice(i, 1);
    void thread.worker.terminate();
  };

  const spawn = (): Thread => {
    const data: LambdaThreadData = {
      role: LAMBDA_THREAD_ROLE,
      moduleUrl: options.moduleUrl,
      moduleName: options.moduleName,
      handlerName: options.handlerName,
    };
    const thread: Thread = { worker: new Worker(options.threadModule, { workerData: data }), settle: null };
    const fail = (outcome: InvokeOutcome) => {
      const settle = thread.settle;
      thread.settle = null;
      discard(thread);
      settle?.(outcome);
    };
    thread.worker.on('message', (outcome: InvokeOutcome) => {
      if (!all.has(thread)) return; // stopped already
      const settle = thread.settle;
      thread.settle = null;
      idle.push(thread);
      settle?.(outcome);
    });
    // An exception the handler left behind (a throw in a timer, an unhandled rejection) ends the environment.
    thread.worker.on('error', (error) => fail({ kind: 'error', error: toErrorPayload(error), logs: [] }));
    thread.worker.on('exit', (code) =>
      fail({
        kind: 'error',
        error: { errorType: 'Runtime.ExitError', errorMessage: `Runtime exited with error: exit status ${code}` },
        logs: [],
      }),
    );
    all.add(thread);
    return thread;
  };

  const keepOneReady = () => {
    if (!closed && idle.length === 0) idle.push(spawn());
  };
  keepOneReady();

  const invoke: LambdaInvoker = ({ functionName, event, context, signal }) => {
    if (functionName !== options.functionName) {
      return Promise.resolve({
        kind: 'error',
        error: {
          errorType: 'ResourceNotFoundException',
          errorMessage: `Function not found: ${context.invokedFunctionArn}`,
        },
        logs: [],
      });
    }
    return new Promise<InvokeOutcome>((resolve) => {
      if (signal.aborted) return resolve(aborted(signal));
      const thread = idle.pop() ?? spawn();
      const onAbort = () => {
        // The gateway has answered 504 already: stop the handler, wherever it is.
        thread.settle = null;
        discard(thread);
        keepOneReady();
        resolve(aborted(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      thread.settle = (outcome) => {
        signal.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      const message: ThreadInvocation = { event, context };
      thread.worker.postMessage(message);
    });
  };

  return {
    invoke,
    async close() {
      closed = true;
      const threads = [...all];
      all.clear();
      idle.length = 0;
      await Promise.all(threads.map((t) => t.worker.terminate()));
    },
  };
}

function aborted(signal: AbortSignal): InvokeOutcome {
  const reason = signal.reason instanceof Error ? signal.reason.message : 'the invocation was stopped';
  return { kind: 'error', error: { errorType: 'Sandbox.Stopped', errorMessage: reason }, logs: [] };
}
