import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import type { RestRequestContext } from '../context.js';
import { GATEWAY_RESPONSES } from '../gateway-responses.js';
import type { MockIntegration } from '../model.js';
import { traceIntegration } from './trace-integration.js';

/**
 * A MOCK integration: no backend is called. The request template's output names the status
 * (`{"statusCode": 200}`) that selects the integration response; a status it does not name is a configuration
 * error (500). What the template set in `$context.requestOverride` and `$context.responseOverride` is carried on to the
 * integration response (LocalStack's AWS-validated
 * test_apigateway_integrations.py::test_integration_mock_with_response_override_in_request_template [True] and
 * [False], key "response"; ::test_integration_mock_with_request_overrides_in_response_template, keys "invoke-path1",
 * "invoke-path2", "invoke-path-else").
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html
 */
export function callMock(context: RestRequestContext, integration: MockIntegration): void {
  const { payload, overrides } = context.mappedRequest!;
  traceIntegration(context, integration, {
    event: null,
    request: { method: context.method, url: null, headers: [], body: payload },
    outcome: { kind: 'mock' },
    logs: [],
  });
  const statusCode = mockStatusCode(payload);
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode)) {
    throw new GatewayError(
      GATEWAY_RESPONSES.API_CONFIGURATION_ERROR,
      'Execution failed due to configuration error: Unable to parse statusCode. It should be an integer that is defined in the request template.',
    );
  }
  context.backendResponse = {
    selection: { kind: 'status', statusCode },
    body: '',
    bytes: null,
    headers: [],
    lambdaError: false,
    carried: overrides,
  };
}

/**
 * The `statusCode` a MOCK request template's output names. Beside JSON, AWS reads the unquoted form CDK's CORS
 * preflight writes, `{statusCode: 200}`, as 200 (LocalStack's AWS-validated
 * test_apigateway_integrations.py::test_integration_mock_with_path_param: 200, empty body).
 */
function mockStatusCode(payload: string): unknown {
  if (!payload.trim()) return undefined;
  try {
    const doc: unknown = JSON.parse(payload);
    return doc && typeof doc === 'object' ? (doc as Record<string, unknown>).statusCode : undefined;
  } catch {
    const loose = /^\s*\{(?:[^{}]*,)?\s*(['"]?)statusCode\1\s*:\s*(\d+)\s*[,}]/.exec(payload);
    return loose ? Number(loose[2]) : undefined;
  }
}
