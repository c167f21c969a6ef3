import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import { parseProxyResult } from '../../shared/proxy-response.js';
import type { RestRequestContext } from '../context.js';
import { GATEWAY_RESPONSES } from '../gateway-responses.js';

/**
 * The integration response of a buffered Lambda proxy call: a timeout is 504, a function error 502 (a missing function
 * 500), a result that is not a valid proxy response 502 "Malformed Lambda proxy response". Integrations that map their
 * own response (templates, streams) have already left their answer.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format
 */
export function integrationResponse(context: RestRequestContext): void {
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
