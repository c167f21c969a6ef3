/**
 * The worker-thread side of the container's Lambda runtime: imports the handler module once (a warm
 * execution environment) and serves the invocations the server posts, one at a time, through
 * invokeJsHandler. A thread that runs past the integration timeout is terminated by the server.
 */
import { parentPort } from 'node:worker_threads';
import { format } from 'node:util';
import type { InvokeOutcome, LambdaContextInit, LambdaErrorPayload } from '../../../emulator/shared/invoker.js';
import { invokeJsHandler, toErrorPayload, type JsHandler } from '../../../lambda/js-handler.js';

/** Marks a worker thread started by the server's invoker (its `workerData.role`). */
export const LAMBDA_THREAD_ROLE = 'apigw-lab:lambda';

/** The `workerData` of a Lambda thread. */
export interface LambdaThreadData {
  role: typeof LAMBDA_THREAD_ROLE;
  /** file: URL of handler.mjs. */
  moduleUrl: string;
  /** The module's name as Lambda's `_HANDLER` has it (`handler` for handler.mjs). */
  moduleName: string;
  handlerName: string;
}

/** One invocation posted to a thread; the thread answers with an InvokeOutcome. */
export interface ThreadInvocation {
  event: unknown;
  context: LambdaContextInit;
}

/** Whether `data` is a Lambda thread's workerData. */
export function isLambdaThreadData(data: unknown): data is LambdaThreadData {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === LAMBDA_THREAD_ROLE;
}

/** Serves invocations in this worker thread until it is terminated. */
export function runLambdaThread(data: LambdaThreadData): void {
  const port = parentPort;
  if (!port) throw new Error('runLambdaThread runs in a worker thread');
  // Imported at the first invocation, not when the thread starts: a spare thread must not run the
  // reader's module (which may never finish loading) while nobody waits for it.
  let loaded: Promise<JsHandler | LambdaErrorPayload> | undefined;
  port.on('message', (invocation: ThreadInvocation) => {
    void (async () => {
      const outcome = await outcomeOf(() => (loaded ??= loadHandler(data)), invocation);
      try {
        port.postMessage(outcome);
      } catch (error) {
        // An outcome the thread cannot send (a value structured clone refuses in the error payload).
        port.postMessage({ kind: 'error', error: toErrorPayload(error), logs: outcome.logs } satisfies InvokeOutcome);
      }
    })();
  });
}

/**
 * One invocation's outcome. Whatever fails on the way becomes an error outcome, so the thread answers and stays warm
 * (an unhandled rejection would end it: the function's logs lost, the next invocation a cold start), as the Worker
 * runtime's handler worker does.
 */
async function outcomeOf(
  handlerOf: () => Promise<JsHandler | LambdaErrorPayload>,
  invocation: ThreadInvocation,
): Promise<InvokeOutcome> {
  try {
    const handler = await handlerOf();
    return typeof handler === 'function'
      ? await invokeJsHandler(handler, invocation.event, invocation.context, { format })
      : { kind: 'error', error: handler, logs: [] };
  } catch (error) {
    return { kind: 'error', error: toErrorPayload(error), logs: [] };
  }
}

/** Imports the handler; an init failure becomes the error payload Lambda's Node.js runtime reports. */
async function loadHandler(data: LambdaThreadData): Promise<JsHandler | LambdaErrorPayload> {
  let module: Record<string, unknown>;
  try {
    module = (await import(data.moduleUrl)) as Record<string, unknown>;
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    if (e.name === 'SyntaxError')
      return { errorType: 'Runtime.UserCodeSyntaxError', errorMessage: `SyntaxError: ${e.message}`, trace: [] };
    if ((e as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND')
      return { errorType: 'Runtime.ImportModuleError', errorMessage: `Error: ${e.message}`, trace: [] };
    return toErrorPayload(error);
  }
  const handler = module[data.handlerName];
  if (typeof handler !== 'function') {
    return {
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: `${data.moduleName}.${data.handlerName} is undefined or not exported`,
    };
  }
  return handler as JsHandler;
}
