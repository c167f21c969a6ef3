import { lastHeaderOf } from '../../shared/headers.js';
import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import type { RestRequestContext } from '../context.js';
import { GATEWAY_RESPONSES } from '../gateway-responses.js';

const REFUSALS = {
  invalid: GATEWAY_RESPONSES.INVALID_API_KEY,
  quota: GATEWAY_RESPONSES.QUOTA_EXCEEDED,
  throttled: GATEWAY_RESPONSES.THROTTLED,
} as const;

/**
 * The method's API key (`apiKeyRequired`) and the usage plan it belongs to. The key comes from the `X-API-Key` header,
 * or from the Lambda authorizer's `usageIdentifierKey` when the API's key source is AUTHORIZER; a missing, unknown or
 * disabled key, or one in no usage plan of this API stage, is 403 INVALID_API_KEY ("API Gateway reads the key and
 * compares it against the keys in the usage plan … Otherwise … the caller receives a 403 Forbidden response",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html); the plan's quota and
 * throttle are 429 QUOTA_EXCEEDED and 429 THROTTLED. A method without `apiKeyRequired` passes at once.
 */
export function apiKey(context: RestRequestContext): void {
  if (context.methodModel.apiKeyRequired !== true) return;
  admit(context);
}

function admit(context: RestRequestContext): void {
  const api = context.api!;
  const fromAuthorizer = api.apiKeySource === 'AUTHORIZER';
  const value = fromAuthorizer
    ? (context.authorizer?.usageIdentifierKey ?? null)
    : lastHeaderOf(context.rawHeaders, context.lowerNames, 'x-api-key');
  if (!value) {
    throw new GatewayError(
      GATEWAY_RESPONSES.INVALID_API_KEY,
      fromAuthorizer
        ? 'API Key not found: the authorizer returned no usageIdentifierKey'
        : 'API Key not found in the X-API-Key header',
    );
  }
  const verdict = context.services.apiKeys.admit(value, api.id, context.stage.name);
  if (!verdict.ok) throw new GatewayError(REFUSALS[verdict.reason], verdict.detail);
  context.usedApiKey = { id: verdict.key.id, value: verdict.key.value };
  context.trace.apiKey = context.usedApiKey;
}
