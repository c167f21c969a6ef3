import { callLambdaProxy as call } from '../../shared/pipeline/call-lambda-proxy.js';
import type { RestRequestContext } from '../context.js';
import type { LambdaProxyIntegration } from '../model.js';

/**
 * A buffered Lambda proxy call: invokes the function with the event under the integration timeout and records the
 * outcome (result, error or timeout) in the context and the trace; the integration-response step judges it.
 */
export function callLambdaProxy(context: RestRequestContext, integration: LambdaProxyIntegration): Promise<void> {
  const { functionName, event, lambdaRequestId } = context;
  return call(context, {
    type: integration.type,
    functionName,
    event,
    lambdaRequestId,
    timeoutMs: integration.timeoutMs,
  });
}
