import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import type { HttpApiRequestContext } from '../context.js';
import { HTTP_API_RESPONSES } from '../responses.js';
import { selectRoute } from '../router.js';

/**
 * Selects the route for the method and the path in the stage (full match, greedy variable, `$default`). No route:
 * 404 `{"message":"Not Found"}`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
 */
export function route(context: HttpApiRequestContext): void {
  const { method, pathInStage } = context;
  const match = selectRoute(context.api!, method, pathInStage);
  if (!match) throw new GatewayError(HTTP_API_RESPONSES.NOT_FOUND, `no route matches ${method} ${pathInStage}`);
  context.route = match.route;
  context.integration = match.route.integration;
  context.pathParameters = match.pathParameters;
  context.trace.pathParameters = match.pathParameters;
  context.trace.resourcePath = match.route.routeKey;
}
