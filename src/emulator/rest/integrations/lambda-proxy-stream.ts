import { lambdaContextInit } from '../../shared/lambda-context.js';
import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import { monotonic } from '../../shared/pipeline/monotonic.js';
import type { IntegrationTrace } from '../../shared/trace.js';
import type { RestRequestContext } from '../context.js';
import { GATEWAY_RESPONSES } from '../gateway-responses.js';
import type { LambdaProxyIntegration } from '../model.js';
import { openLambdaStream } from '../streamed-response.js';

/**
 * A Lambda proxy call with `responseTransferMode: STREAM` (streamed-response.ts): the function is invoked with a
 * streamed response and this waits for its metadata; the method-response step then streams the body as the function
 * writes it. The integration timeout runs until the metadata and delimiter arrive (then 504, as for a buffered call:
 * assumed, AWS documents no error for this case) and goes on bounding the body, which is cut when it passes.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode.html
 */
export async function callLambdaProxyStream(
  context: RestRequestContext,
  integration: LambdaProxyIntegration,
): Promise<void> {
  const { functionName, event, lambdaRequestId, trace, services } = context;
  const integrationTrace: IntegrationTrace = {
    type: integration.type,
    functionName,
    event,
    outcome: { kind: 'timeout' },
    logs: [],
    durationMs: 0,
  };
  trace.integration = integrationTrace;
  const started = monotonic();
  context.integrationStarted = started;
  const opened = await openLambdaStream(
    services.invokeStream,
    { functionName, event, context: lambdaContextInit(services.home, functionName, lambdaRequestId, context.epochMs) },
    integration.timeoutMs,
    integrationTrace,
  );
  // The integration latency of a streamed call is, here, the time to its metadata (AWS's timeToAllHeaders).
  trace.timings.integrationMs = integrationTrace.durationMs = monotonic() - started;
  if (opened.kind === 'fault') throw new GatewayError(GATEWAY_RESPONSES[opened.fault], opened.detail);
  context.answer = { kind: 'proxy-stream', opened };
}
