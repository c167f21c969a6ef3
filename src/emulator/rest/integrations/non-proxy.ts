import { newRequestId } from '../../shared/ids.js';
import { lambdaContextInit } from '../../shared/lambda-context.js';
import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import { invokeWithTimeout } from '../../shared/pipeline/invoke-with-timeout.js';
import { monotonic } from '../../shared/pipeline/monotonic.js';
import type { RestRequestContext } from '../context.js';
import { holdResponseBody } from '../http-proxy-stream.js';
import type { IntegrationModel } from '../model.js';
import type { NonProxyDeps } from '../non-proxy.js';
import { substituteStageVariables } from '../request-params.js';

// The template engine (velocityjs) loads only when an API has an integration beyond the Lambda proxy.
let nonProxyModule: Promise<typeof import('../non-proxy.js')> | undefined;
const loadNonProxy = () => (nonProxyModule ??= import('../non-proxy.js'));

/**
 * The integrations API Gateway maps with templates and parameter mappings (non-proxy.ts): Lambda custom (`AWS`),
 * `HTTP` and `MOCK`, from integration request to integration response, and `HTTP_PROXY`, whose request and response pass
 * through. With `responseTransferMode: STREAM`, an HTTP proxy's body is held back and streamed (http-proxy-stream.ts).
 * A fault stops the request with its gateway response; an answer is left for the method-response step.
 */
export async function callNonProxy(
  context: RestRequestContext,
  integration: Exclude<IntegrationModel, { type: 'AWS_PROXY' }>,
): Promise<void> {
  const { trace, services, stage, epochMs } = context;
  const request = context.templateRequest!;
  const started = monotonic();
  context.integrationStarted = started;
  const held =
    integration.type === 'HTTP_PROXY' && integration.responseTransferMode === 'STREAM'
      ? holdResponseBody(services.fetch)
      : null;
  const deps: NonProxyDeps = {
    fetch: held ? held.fetch : services.fetch,
    invokeLambda: async (functionName, event, timeoutMs) => {
      const lambdaRequestId = newRequestId();
      const init = lambdaContextInit(services.home, functionName, lambdaRequestId, epochMs);
      return {
        outcome: await invokeWithTimeout(services.invoke, functionName, event, init, timeoutMs),
        lambdaRequestId,
      };
    },
  };
  const { serveHttpProxy, serveNonProxy } = await loadNonProxy();
  const served =
    integration.type === 'HTTP_PROXY'
      ? await serveHttpProxy(integration, request, deps)
      : await serveNonProxy(integration, request, deps, context.methodModel.methodResponses);
  if (served.integration) {
    const durationMs = monotonic() - started;
    trace.timings.integrationMs = durationMs;
    const record = served.integration;
    trace.integration = {
      type: integration.type,
      functionName: substituteStageVariables(integration.functionName ?? '', stage.variables),
      event: record.event,
      request: record.request,
      outcome: record.outcome,
      logs: record.logs,
      durationMs,
    };
  }
  if (served.kind === 'fault') throw new GatewayError(served.fault, served.detail);
  context.answer = { kind: 'mapped', status: served.status, headers: served.headers, body: served.body, held };
}
