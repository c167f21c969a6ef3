import { Invocation } from '../invocation.js';
import type { InvokeOutcome, LambdaContextInit, LambdaInvoker } from '../invoker.js';

/** What {@link invokeWithTimeout} gives when the integration timeout passes first. */
export const TIMED_OUT = Object.freeze({ kind: 'timeout' as const });

/**
 * Invokes a function, racing the integration timeout (one timer, one promise); on timeout the runner is told to stop
 * (the invocation's signal aborts). A rejected invocation is the runtime's failure: an error outcome
 * `Runtime.Unknown`. An invoker that throws at once is the caller's fault, and what it throws propagates.
 */
export function invokeWithTimeout(
  invoke: LambdaInvoker,
  functionName: string,
  event: unknown,
  context: LambdaContextInit,
  timeoutMs: number,
): Promise<InvokeOutcome | typeof TIMED_OUT> {
  const request = new Invocation(functionName, event, context);
  return new Promise((resolve) => {
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      resolve(TIMED_OUT);
      request.abort(new Error(`integration timeout after ${timeoutMs} ms`));
    }, timeoutMs);
    const done = (outcome: InvokeOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    let invocation: Promise<InvokeOutcome>;
    try {
      invocation = invoke(request);
    } catch (error) {
      clearTimeout(timer);
      throw error;
    }
    invocation.then(done, (error: unknown) =>
      done({
        kind: 'error',
        error: { errorType: 'Runtime.Unknown', errorMessage: error instanceof Error ? error.message : String(error) },
        logs: [],
      }),
    );
  });
}
