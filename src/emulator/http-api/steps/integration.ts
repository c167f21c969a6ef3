import { callLambdaProxy } from '../../shared/pipeline/call-lambda-proxy.js';
import type { HttpApiRequestContext } from '../context.js';

/**
 * The Lambda proxy call: invokes the function with the event under the integration timeout and records the outcome
 * (result, error or timeout) in the context and the trace; the integration-response step judges it.
 */
export function integration(context: HttpApiRequestContext): Promise<void> {
  const { integration, event, lambdaRequestId } = context;
  const { type, functionName, timeoutMs } = integration;
  return callLambdaProxy(context, { type, functionName, event, lambdaRequestId, timeoutMs });
}
