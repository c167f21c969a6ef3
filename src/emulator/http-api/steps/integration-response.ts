import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import { parseProxyResult } from '../../shared/proxy-response.js';
import type { HttpApiRequestContext } from '../context.js';
import { HTTP_API_RESPONSES, parseV2Result } from '../responses.js';

/**
 * The integration response: a timeout is 503 `{"message":"Service Unavailable"}`, a function error 500
 * `{"message":"Internal Server Error"}`, and so is a result that is not a valid response for the payload format
 * (see HTTP_API_RESPONSES). A format 2.0 result's cookies become Set-Cookie headers.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
export function integrationResponse(context: HttpApiRequestContext): void {
  // A first-class integration's service answer passes through as it was left (integrations/aws-service.ts).
  if (context.answer) return;
  const outcome = context.outcome!;
  if (outcome.kind === 'timeout') {
    throw new GatewayError(
      HTTP_API_RESPONSES.INTEGRATION_TIMEOUT,
      `integration timed out after ${context.integration.timeoutMs} ms`,
    );
  }
  if (outcome.kind === 'error') {
    throw new GatewayError(
      HTTP_API_RESPONSES.INTEGRATION_FAILURE,
      `The Lambda function returned the following error: ${outcome.error.errorMessage}. Lambda request id: ${context.lambdaRequestId}`,
    );
  }
  if (context.integration.payloadFormatVersion === '2.0') {
    const parsed = parseV2Result(outcome.payload);
    if (!parsed.ok) malformed(parsed.reason);
    const { statusCode, headers, cookies, body, isBase64Encoded } = parsed.result;
    // "In the response to the client, each cookie becomes a set-cookie header."
    const all = cookies.length ? [...headers, ...cookies.map((c): [string, string] => ['Set-Cookie', c])] : headers;
    context.answer = { statusCode, headers: all, body, isBase64Encoded };
  } else {
    const parsed = parseProxyResult(outcome.payload);
    if (!parsed.ok) malformed(parsed.reason);
    const { statusCode, headers, body, isBase64Encoded } = parsed.result;
    context.answer = { statusCode, headers, body, isBase64Encoded };
  }
}

function malformed(reason: string): never {
  throw new GatewayError(HTTP_API_RESPONSES.MALFORMED_RESPONSE, `Malformed Lambda proxy response (${reason})`);
}
