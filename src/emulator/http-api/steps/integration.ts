import { lambdaContextInit } from '../../shared/lambda-context.js';
import { invokeWithTimeout } from '../../shared/pipeline/invoke-with-timeout.js';
import { monotonic } from '../../shared/pipeline/monotonic.js';
import type { HttpApiRequestContext } from '../context.js';

/**
 * The Lambda proxy call: invokes the function with the event under the integration timeout and records the outcome
 * (result, error or timeout) in the context and the trace; the integration-response step judges it.
 */
export async function integration(context: HttpApiRequestContext): Promise<void> {
  const { integration, event, lambdaRequestId, trace, services } = context;
  const { functionName } = integration;
  const started = monotonic();
  const outcome = await invokeWithTimeout(
    services.invoke,
    functionName,
    event,
    lambdaContextInit(services.home, functionName, lambdaRequestId, context.epochMs),
    integration.timeoutMs,
  );
  const durationMs = monotonic() - started;
  trace.timings.integrationMs = durationMs;
  trace.integration = {
    type: integration.type,
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
