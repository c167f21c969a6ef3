import type { InvokeOutcome } from '../invoker.js';
import { lambdaContextInit } from '../lambda-context.js';
import type { GatewayServices } from './gateway-services.js';
import { invokeWithTimeout, type TIMED_OUT } from './invoke-with-timeout.js';
import { monotonic } from './monotonic.js';
import type { RequestContext } from './request-context.js';

/** The function a Lambda proxy integration calls, with what it is called with. */
export interface LambdaProxyCall {
  /** The integration type, as the trace shows it (`AWS_PROXY`). */
  type: string;
  functionName: string;
  event: unknown;
  lambdaRequestId: string;
  /** The integration timeout. */
  timeoutMs: number;
}

/** A request context a Lambda proxy call can be made from, with the field its outcome goes to. */
type CallingContext = RequestContext<Pick<GatewayServices<{ id: string }>, 'invoke' | 'home'>> & {
  outcome: InvokeOutcome | typeof TIMED_OUT | undefined;
};

/**
 * A buffered Lambda proxy call, as REST and HTTP APIs make it: the function invoked with the event under the
 * integration timeout; the outcome (result, error or timeout) put in `context.outcome`, and the call, its logs and
 * duration in the trace. The API type's integration-response step judges the outcome.
 */
export async function callLambdaProxy(context: CallingContext, call: LambdaProxyCall): Promise<void> {
  const { services, trace } = context;
  const { functionName, event } = call;
  const started = monotonic();
  const outcome = await invokeWithTimeout(
    services.invoke,
    functionName,
    event,
    lambdaContextInit(services.home, functionName, call.lambdaRequestId, context.epochMs),
    call.timeoutMs,
  );
  const durationMs = monotonic() - started;
  trace.timings.integrationMs = durationMs;
  trace.integration = {
    type: call.type,
    functionName,
    event,
    outcome:
      outcome.kind === 'timeout'
        ? { kind: 'timeout' }
        : outcome.kind === 'result'
          ? { kind: 'result', payload: outcome.payload }
          : { kind: 'error', error: outcome.error },
    logs: outcome.kind === 'timeout' ? [] : outcome.logs,
    durationMs,
  };
  context.outcome = outcome;
}
