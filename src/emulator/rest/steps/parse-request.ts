import { lastHeaderOf, lowerNames } from '../../shared/headers.js';
import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import { splitUrl } from '../../shared/request-url.js';
import type { RestRequestContext } from '../context.js';
import { GATEWAY_RESPONSES, MAX_PAYLOAD_BYTES } from '../gateway-responses.js';

/**
 * Reads the request: refuses a body over the 10 MB payload quota (413), splits the URL, merges slashes before the
 * stage, and finds the Host.
 */
export function parseRequest(context: RestRequestContext): void {
  const { body } = context;
  if (body && body.length > MAX_PAYLOAD_BYTES) {
    throw new GatewayError(
      GATEWAY_RESPONSES.REQUEST_TOO_LARGE,
      `request body of ${body.length} bytes exceeds the 10 MB payload limit`,
    );
  }
  const url = splitUrl(context.href);
  context.url = url;
  // Slashes before the stage are merged: `//dev/x` is `/dev/x`, requestContext.path included (LocalStack's
  // AWS-validated test_apigateway_lambda.py::test_lambda_aws_proxy_integration,
  // snapshot key "invocation-payload-with-prepended-slash-to-stage").
  context.pathname = url.pathname.charCodeAt(1) === 47 ? url.pathname.replace(/^\/+/, '/') : url.pathname;
  context.lowerNames = lowerNames(context.rawHeaders);
  context.host = lastHeaderOf(context.rawHeaders, context.lowerNames, 'host') ?? url.host;
}
