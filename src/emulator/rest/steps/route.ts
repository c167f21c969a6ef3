import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import type { RestRequestContext } from '../context.js';
import { GATEWAY_RESPONSES } from '../gateway-responses.js';
import { matchRoute } from '../router.js';

/**
 * Matches the path to a resource and the HTTP method to one of its methods (or ANY). No resource, or no such method
 * on it: 403 Missing Authentication Token, as API Gateway answers an unknown route.
 */
export function route(context: RestRequestContext): void {
  const api = context.api!;
  const match = matchRoute(api, context.path, context.method);
  if (!match || !match.method) {
    throw new GatewayError(
      GATEWAY_RESPONSES.MISSING_AUTHENTICATION_TOKEN,
      match ? `resource ${match.resource.path} has no ${context.method} method` : `no resource matches ${context.path}`,
    );
  }
  context.resource = match.resource;
  context.methodModel = match.method;
  context.integration = match.method.integration;
  context.pathParameters = match.pathParameters;
  context.trace.pathParameters = match.pathParameters;
  context.trace.resourcePath = match.resource.path;
}
