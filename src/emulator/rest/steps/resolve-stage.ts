import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import type { RestRequestContext } from '../context.js';
import { GATEWAY_RESPONSES } from '../gateway-responses.js';

/**
 * Finds the stage: on a custom domain name, by the longest base path mapping the path starts with (no stage segment
 * in the URL); otherwise from the first path segment (`https://{api-id}.execute-api.{region}.amazonaws.com/{stage}/…`).
 * No such stage, or no mapping: 403 Missing Authentication Token.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html
 */
export function resolveStage(context: RestRequestContext): void {
  const { pathname, host } = context;
  const { registry, domains } = context.services;
  let stageName: string;
  let path: string;
  const routed = domains.route(host, pathname);
  if (routed) {
    if (routed.kind === 'unmapped') {
      // AWS documents 403 "Missing Authentication Token" when a custom-domain URL path is incorrect
      // (https://repost.aws/knowledge-center/api-gateway-403-custom-domain); the exact response for a path that
      // matches no base path mapping at all could not be verified on an AWS page, so MISSING_AUTHENTICATION_TOKEN it is.
      throw new GatewayError(
        GATEWAY_RESPONSES.MISSING_AUTHENTICATION_TOKEN,
        `no base path mapping of ${host} matches ${pathname}`,
      );
    }
    stageName = routed.stage;
    context.basePath = routed.basePath;
    path = routed.path;
  } else {
    const slash = pathname.indexOf('/', 1);
    const rawStage = slash < 0 ? pathname.slice(1) : pathname.slice(1, slash);
    stageName = rawStage.includes('%') ? decodeStageName(rawStage) : rawStage;
    path = slash < 0 ? '/' : pathname.slice(slash);
  }
  context.sentPath = path;
  // Slashes at the start of the path after the stage are merged for routing and the event's `path`, while
  // requestContext.path keeps them: `GET /dev//hardcoded` is served by `/hardcoded`, not by a `/{proxy+}` sibling
  // (test_apigateway_lambda.py::test_lambda_aws_proxy_integration, snapshot keys "invocation-hardcoded" and
  // "invocation-payload-with-prepended-slash").
  context.path = path.charCodeAt(1) === 47 ? path.replace(/^\/+/, '/') : path;
  const stage = registry.stage(stageName);
  const deployment = registry.deploymentOf(stage);
  if (!stage || !deployment) {
    throw new GatewayError(
      GATEWAY_RESPONSES.MISSING_AUTHENTICATION_TOKEN,
      stageName ? `no stage named "${stageName}"` : 'the URL names no stage',
    );
  }
  context.stage = stage;
  context.deployment = deployment;
  context.api = deployment.api;
  context.trace.stage = stage.name;
  context.trace.apiId = deployment.api.id;
  context.trace.apiName = deployment.api.name;
}

/** A stage segment, percent-decoded; as sent when it is not valid percent-encoding (then no stage has that name). */
function decodeStageName(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
