import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import type { RestRequestContext } from '../context.js';
import { GATEWAY_RESPONSES } from '../gateway-responses.js';

/**
 * The stage's method throttle (the method's own `methodSettings` entry, else the stage's `*∕*`), then the account's:
 * an empty bucket is 429 THROTTLED (`{"message":"Too Many Requests"}`, customisable as a gateway response). The usage
 * plan's per-client throttle came first, in the apiKey step: AWS applies per-client, then per-method, then account
 * limits. https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
 * A stage without throttling settings and no account limit costs one Map lookup.
 */
export function throttle(context: RestRequestContext): void {
  const by = context.services.throttles.admit(
    context.stage.name,
    context.resource.path,
    context.methodModel.httpMethod,
  );
  if (by !== null) {
    throw new GatewayError(
      GATEWAY_RESPONSES.THROTTLED,
      by === 'method'
        ? `the stage's throttle for ${context.methodModel.httpMethod} ${context.resource.path} is exhausted`
        : "the account's throttle is exhausted",
    );
  }
}
