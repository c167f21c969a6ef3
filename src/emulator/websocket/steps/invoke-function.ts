import type { InvokeOutcome, LambdaInvoker } from '../../shared/invoker.js';
import { newRequestId } from '../../shared/ids.js';
import { lambdaContextInit, type FunctionHome } from '../../shared/lambda-context.js';
import { invokeWithTimeout, type TIMED_OUT } from '../../shared/pipeline/invoke-with-timeout.js';

/** How a WebSocket step calls a function: the invoker and where functions run. */
export interface FunctionRunner {
  invoke: LambdaInvoker;
  home: FunctionHome;
}

/** What one call gave, as the trace shows it. */
export interface FunctionCall {
  functionName: string;
  event: unknown;
  outcome: InvokeOutcome | typeof TIMED_OUT;
  /** The trace's record: `result` or `error` (a timeout is an error `{errorType: 'Timeout'}`), and the logs. */
  record: { functionName: string; event: unknown; result?: unknown; error?: unknown; logs: string[] };
}

/** Invokes `functionName` with `event` under `timeoutMs` (the shared invoke-with-timeout), for a trace. */
export async function invokeFunction(
  runner: FunctionRunner,
  functionName: string,
  event: unknown,
  timeoutMs: number,
  epochMs: number,
): Promise<FunctionCall> {
  const outcome = await invokeWithTimeout(
    runner.invoke,
    functionName,
    event,
    lambdaContextInit(runner.home, functionName, newRequestId(), epochMs),
    timeoutMs,
  );
  const record: FunctionCall['record'] = { functionName, event, logs: outcome.kind === 'timeout' ? [] : outcome.logs };
  if (outcome.kind === 'result') record.result = outcome.payload;
  else if (outcome.kind === 'error') record.error = outcome.error;
  else record.error = { errorType: 'Timeout', errorMessage: `the integration timeout (${timeoutMs} ms) passed` };
  return { functionName, event, outcome, record };
}
