import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import { parseProxyResult } from '../../shared/proxy-response.js';
import type { RestRequestContext } from '../context.js';
import { GATEWAY_RESPONSES } from '../gateway-responses.js';
import type { TemplatedIntegration } from '../model.js';

// The template engine (velocityjs) loads only when an API has an integration that maps its response.
let responseMapping: Promise<typeof import('../integrations/response-mapping.js')> | undefined;
const loadResponseMapping = () => (responseMapping ??= import('../integrations/response-mapping.js'));

/**
 * The integration response. A buffered Lambda proxy call's outcome is judged: a timeout is 504, a function error 502
 * (a missing function 500), a result that is not a valid proxy response 502 "Malformed Lambda proxy response"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format).
 * A templated integration's (Lambda custom, HTTP, MOCK) backend answer is selected and mapped
 * (integrations/response-mapping.ts). HTTP proxy and streamed answers pass through as the integration left them.
 */
export function integrationResponse(context: RestRequestContext): void | Promise<void> {
  if (context.backendResponse) return mapWithTemplates(context, context.integration as TemplatedIntegration);
  const outcome = context.outcome;
  if (outcome === undefined) return;
  if (outcome.kind === 'timeout') {
    const timeoutMs = context.integration.timeoutMs;
    throw new GatewayError(
      GATEWAY_RESPONSES.INTEGRATION_TIMEOUT,
      `Execution failed due to a timeout error (${timeoutMs} ms)`,
    );
  }
  if (outcome.kind === 'error') {
    if (outcome.error.errorType === 'ResourceNotFoundException') {
      throw new GatewayError(
        GATEWAY_RESPONSES.API_CONFIGURATION_ERROR,
        `Execution failed due to configuration error: ${outcome.error.errorMessage}`,
      );
    }
    throw new GatewayError(
      GATEWAY_RESPONSES.LAMBDA_FUNCTION_ERROR,
      `Lambda execution failed with status 200 due to customer function error: ${outcome.error.errorMessage}. Lambda request id: ${context.lambdaRequestId}`,
    );
  }
  const parsed = parseProxyResult(outcome.payload);
  if (!parsed.ok) {
    throw new GatewayError(
      GATEWAY_RESPONSES.MALFORMED_PROXY_RESPONSE,
      `Execution failed due to configuration error: Malformed Lambda proxy response (${parsed.reason})`,
    );
  }
  context.answer = { kind: 'proxy', result: parsed.result };
}

/** Maps a templated integration's response, with the template engine loaded on first use. */
async function mapWithTemplates(context: RestRequestContext, integration: TemplatedIntegration): Promise<void> {
  const { mapIntegrationResponse } = await loadResponseMapping();
  mapIntegrationResponse(context, integration);
}
