/**
 * A payload 1.0 `requestContext.identity` with the API key the request used: `apiKey` and `apiKeyId` appear only when
 * a key was used ("$context.identity.apiKey: For API methods that require an API key, this variable is the API key
 * associated with the method request", "apiKeyId: The API key ID associated with an API request that requires an API
 * key", https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html).
 * The fields keep the alphabetical order the event's identity has.
 */
export function identityWithApiKey<T extends object>(identity: T, key: { id: string; value: string }): T {
  const merged: Record<string, unknown> = { ...identity, apiKey: key.value, apiKeyId: key.id };
  const sorted: Record<string, unknown> = {};
  for (const name of Object.keys(merged).sort()) sorted[name] = merged[name];
  return sorted as T;
}
