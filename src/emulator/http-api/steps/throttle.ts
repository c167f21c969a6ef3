import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import type { HttpApiRequestContext } from '../context.js';
import { HTTP_API_RESPONSES } from '../responses.js';

/**
 * The stage's route throttle (the route's own `routeSettings` entry, else the stage's `defaultRouteSettings`), then
 * the account's: an empty bucket is HTTP APIs' 429 `{"message":"Too Many Requests"}` (HTTP APIs have no customisable
 * gateway responses). https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html
 * A stage without throttling settings and no account limit costs one Map lookup.
 */
export function throttle(context: HttpApiRequestContext): void {
  const by = context.services.throttles.admit(context.stage.name, context.route.routeKey);
  if (by !== null) {
    throw new GatewayError(
      HTTP_API_RESPONSES.THROTTLED,
      by === 'route'
        ? `the stage's throttle for route ${context.route.routeKey} is exhausted`
        : "the account's throttle is exhausted",
    );
  }
}
