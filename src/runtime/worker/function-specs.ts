/**
 * The Worker runtime's functions of a run: its handler (`functionName`) and its other functions (`functions`: a
 * Lambda authorizer…), each the HandlerSpec a handler worker runs, and the invoker that dispatches an invocation to the
 * one it names. Pure.
 */
import type { InvokeOutcome, LambdaInvocation, LambdaInvoker } from '../../emulator/shared/invoker.js';
import type { HandlerSpec, WorkerRun } from './protocol.js';

/** The handler's spec (`handlerCode`, the build's transpiled TypeScript, when the page sent it). */
export function handlerSpecOf(run: WorkerRun): HandlerSpec {
  const spec: HandlerSpec = {
    language: run.language,
    source: run.handlerSource,
    moduleName: run.moduleName,
    handlerName: run.handlerName,
  };
  if (run.handlerCode !== undefined && run.language !== 'python') spec.code = run.handlerCode;
  return spec;
}

/** The spec of the run's function `name` (its handler or one of `functions`), or null when the run has none. */
export function functionSpecOf(run: WorkerRun, name: string): HandlerSpec | null {
  if (name === run.functionName) return handlerSpecOf(run);
  const fn = run.functions?.find((f) => f.name === name);
  if (!fn) return null;
  const spec: HandlerSpec = {
    language: run.language,
    source: fn.source,
    moduleName: fn.moduleName,
    handlerName: fn.handlerName,
  };
  if (fn.code !== undefined && run.language !== 'python') spec.code = fn.code;
  return spec;
}

/** The run's functions' names, for messages. */
export function functionNamesOf(run: WorkerRun): string[] {
  return [run.functionName, ...(run.functions?.map((f) => f.name) ?? [])].filter((n) => n !== '');
}

/**
 * The invoker of the run's functions: an invocation of one of them runs its spec with `invokeSpec`; any other name is
 * the error Lambda's Invoke answers for a function that does not exist (the gateway answers 500 for it).
 */
export function dispatchingInvoker(
  run: WorkerRun,
  invokeSpec: (spec: HandlerSpec, invocation: LambdaInvocation) => Promise<InvokeOutcome>,
): LambdaInvoker {
  return async (invocation) => {
    const spec = functionSpecOf(run, invocation.functionName);
    if (!spec) {
      return {
        kind: 'error',
        error: {
          errorType: 'ResourceNotFoundException',
          errorMessage: `Function not found: ${invocation.functionName} (this sandbox runs ${functionNamesOf(run).join(', ')})`,
        },
        logs: [],
      };
    }
    return invokeSpec(spec, invocation);
  };
}
