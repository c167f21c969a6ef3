import type { WebSocketApiModel, WebSocketRoute } from '../../model.js';
import {
  evaluateSelectionExpression,
  parseSelectionExpression,
  type ExpressionPart,
} from '../../selection-expression.js';

/** Parsed route selection expressions, by expression (a deployment's never changes). */
const parsed = new Map<string, ExpressionPart[]>();

/**
 * The route a message takes: the route whose key equals the route selection expression's value; else `$default`
 * ("if the route selection expression cannot be evaluated against the message or if no matching route is found");
 * undefined when there is no `$default` either (API Gateway then answers the Forbidden frame).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-develop-routes.html
 */
export function selectRoute(
  api: WebSocketApiModel,
  message: string,
): { route?: WebSocketRoute; selected: string | undefined } {
  let parts = parsed.get(api.routeSelectionExpression);
  if (!parts) {
    parts = parseSelectionExpression(api.routeSelectionExpression);
    parsed.set(api.routeSelectionExpression, parts);
  }
  const selected = evaluateSelectionExpression(parts, message);
  const custom =
    selected === undefined
      ? undefined
      : api.routes.find((r) => r.key === selected && !PREDEFINED_CONNECTION_ROUTES.has(r.key));
  const route = custom ?? api.routes.find((r) => r.key === '$default');
  return { ...(route ? { route } : {}), selected };
}

/** Routes a message can never select: they run when a connection opens or closes. */
const PREDEFINED_CONNECTION_ROUTES = new Set(['$connect', '$disconnect']);

/**
 * Whether a route is two-way: it has a route response selection expression (only `$default` is supported) and a
 * `$default` route response; a definition from `get-routes` alone carries no route responses, so a route with the
 * expression and no `RouteResponses` listed is taken as two-way (assumed).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-response.html
 */
export function isTwoWay(route: WebSocketRoute): boolean {
  if (route.routeResponseSelectionExpression === undefined) return false;
  return route.routeResponseKeys === undefined || route.routeResponseKeys.includes('$default');
}
