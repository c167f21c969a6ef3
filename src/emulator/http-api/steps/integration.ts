import { callLambdaProxy } from '../../shared/pipeline/call-lambda-proxy.js';
import type { HttpApiRequestContext } from '../context.js';
import type { HttpServiceIntegration } from '../model.js';

// First-class AWS service integrations load with their module, only when an API has one.
let awsService: Promise<typeof import('../integrations/aws-service.js')> | undefined;
const loadAwsService = () => (awsService ??= import('../integrations/aws-service.js'));

/** Calls an AWS service by the integration's subtype (integrations/aws-service.ts), which leaves the answer. */
async function callService(context: HttpApiRequestContext, integration: HttpServiceIntegration): Promise<void> {
  const { callServiceIntegration } = await loadAwsService();
  return callServiceIntegration(context, integration);
}

/**
 * The Lambda proxy call: invokes the function with the event under the integration timeout and records the outcome
 * (result, error or timeout) in the context and the trace; the integration-response step judges it. A first-class
 * integration (`integrationSubtype`) calls its AWS service instead and leaves the client's answer.
 */
export function integration(context: HttpApiRequestContext): Promise<void> {
  const { integration, event, lambdaRequestId } = context;
  if ('subtype' in integration) return callService(context, integration);
  const { type, functionName, timeoutMs } = integration;
  return callLambdaProxy(context, { type, functionName, event, lambdaRequestId, timeoutMs });
}
