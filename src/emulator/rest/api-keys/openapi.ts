/**
 * API keys in OpenAPI definitions, as API Gateway imports and exports them:
 * - `x-amazon-apigateway-api-key-source` on the API: `HEADER` (the `X-API-Key` header, the default) or `AUTHORIZER`
 *   (the Lambda authorizer's `usageIdentifierKey`).
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-api-key-source.html
 * - a method requires a key (`apiKeyRequired`) when its security requirement names an API key scheme:
 *   `{type: apiKey, name: x-api-key, in: header}` (securitySchemes in OpenAPI 3, securityDefinitions in Swagger 2),
 *   which AWS's export names `api_key`.
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/api-key-usage-plan-oas.html
 * A scheme with `x-amazon-apigateway-authtype` or `x-amazon-apigateway-authorizer` is a Lambda authorizer even when
 * its type is `apiKey` (AWS-recorded: LocalStack's test_import_with_global_api_key_authorizer imports such a scheme as
 * a CUSTOM authorizer with `apiKeyRequired: false`). A document-level `security` applies to operations without their
 * own, as OpenAPI says (the same recording applies a global authorizer to every method).
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where a REST API reads API keys from (`apiKeySource`). */
export type ApiKeySource = 'HEADER' | 'AUTHORIZER';

/** The name AWS's export gives the API key scheme. */
export const API_KEY_SCHEME = 'api_key';

/** `x-amazon-apigateway-api-key-source`, or undefined when absent (HEADER); a bad value is a problem. */
export function readApiKeySource(doc: Json, problems: string[]): ApiKeySource | undefined {
  const raw = doc['x-amazon-apigateway-api-key-source'];
  if (raw === undefined) return undefined;
  if (raw === 'HEADER' || raw === 'AUTHORIZER') return raw;
  problems.push(`x-amazon-apigateway-api-key-source must be HEADER or AUTHORIZER (it is ${JSON.stringify(raw)})`);
  return undefined;
}

/** Whether an operation requires an API key: one of its security requirements names an API key scheme. */
export function requiresApiKey(doc: Json, op: Json): boolean {
  const security = op.security !== undefined ? op.security : doc.security;
  if (!Array.isArray(security) || security.length === 0) return false;
  const schemes = securitySchemesOf(doc);
  return security.some(
    (requirement) => isObject(requirement) && Object.keys(requirement).some((name) => isApiKeyScheme(schemes[name])),
  );
}

/** A security scheme that is API Gateway's API key: `type: apiKey`, header `x-api-key`, not a Lambda authorizer. */
function isApiKeyScheme(scheme: unknown): boolean {
  return (
    isObject(scheme) &&
    scheme.type === 'apiKey' &&
    scheme.in === 'header' &&
    typeof scheme.name === 'string' &&
    scheme.name.toLowerCase() === 'x-api-key' &&
    scheme['x-amazon-apigateway-authtype'] === undefined &&
    scheme['x-amazon-apigateway-authorizer'] === undefined
  );
}

function securitySchemesOf(doc: Json): Json {
  const components = isObject(doc.components) ? doc.components : null;
  if (components && isObject(components.securitySchemes)) return components.securitySchemes;
  return isObject(doc.securityDefinitions) ? doc.securityDefinitions : {};
}

/** An exported operation's `security` for a method that requires a key. */
export function apiKeySecurity(): Json[] {
  return [{ [API_KEY_SCHEME]: [] }];
}

/**
 * Writes the API's key settings into an exported OpenAPI 3 document: the `api_key` scheme when a method requires a key,
 * and `x-amazon-apigateway-api-key-source` when the API names one.
 */
export function exportApiKeys(
  doc: Json,
  api: {
    apiKeySource?: ApiKeySource;
    resources: { methods: Record<string, { apiKeyRequired?: boolean } | undefined> }[];
  },
): void {
  if (api.resources.some((r) => Object.values(r.methods).some((m) => m?.apiKeyRequired))) {
    const components = (doc.components ??= {}) as Json;
    const schemes = (components.securitySchemes ??= {}) as Json;
    schemes[API_KEY_SCHEME] = { type: 'apiKey', name: 'x-api-key', in: 'header' };
  }
  if (api.apiKeySource) doc['x-amazon-apigateway-api-key-source'] = api.apiKeySource;
}
