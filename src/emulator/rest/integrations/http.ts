import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import type { RestRequestContext } from '../context.js';
import { GATEWAY_RESPONSES } from '../gateway-responses.js';
import type { HttpIntegration } from '../model.js';
import { buildHttpRequest, fetchWithTimeout, settleHttpCall } from './http-call.js';

/**
 * An HTTP (custom) integration: the mapped request goes to the endpoint; its status selects the integration response.
 * An endpoint that is not a URL is 500, no answer within the integration timeout 504 "Endpoint request timed out", an
 * endpoint that cannot be reached 504 INTEGRATION_FAILURE.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/setup-http-integrations.html
 */
export async function callHttp(context: RestRequestContext, integration: HttpIntegration): Promise<void> {
  const { payload, bytes, parameters, params } = context.mappedRequest!;
  const sent = buildHttpRequest(integration, context.templateRequest!, parameters, bytes, params);
  if ('error' in sent) {
    throw new GatewayError(
      GATEWAY_RESPONSES.API_CONFIGURATION_ERROR,
      `Execution failed due to configuration error: ${sent.error}`,
    );
  }
  const response = await fetchWithTimeout(context.services.fetch, sent, integration.timeoutMs);
  const answered = settleHttpCall(context, integration, payload, sent, response);
  context.backendResponse = {
    selection: { kind: 'status', statusCode: answered.status },
    body: answered.text,
    bytes: answered.bytes,
    headers: answered.headers,
    lambdaError: false,
    carried: null,
  };
}
