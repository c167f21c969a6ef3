import { describe, expect, it } from 'vitest';
import { ApiKeyRegistry } from '../../../../src/emulator/rest/api-keys/registry.js';
import { apiKey } from '../../../../src/emulator/rest/steps/api-key.js';
import { contextBefore, EPOCH_MS, gatewayErrorOf, proxyMethod, smallDoc } from './context-helper.js';

const KEY = 'key-value-of-alice-0001';

/** A registry with KEY (id `k1`) in plan `basic` on abc123defg/dev, with `limits`. */
function registryWith(limits: Record<string, unknown> = {}, enabled = true) {
  const registry = new ApiKeyRegistry(() => EPOCH_MS);
  registry.putApiKey({ id: 'k1', value: KEY, enabled });
  registry.putUsagePlan({ name: 'basic', apiStages: [{ apiId: 'abc123defg', stage: 'dev' }], ...limits });
  registry.putUsagePlanKey('basic', 'k1');
  return registry;
}

const keyedDoc = (extra: Record<string, unknown> = {}) =>
  smallDoc(
    { '/items': { get: { ...proxyMethod(), security: [{ api_key: [] }] } }, '/open': { get: proxyMethod() } },
    { components: { securitySchemes: { api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' } } }, ...extra },
  );

describe('the apiKey step (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html)', () => {
  it('a method without apiKeyRequired passes at once, touching nothing', async () => {
    const { context } = await contextBefore(apiKey, { doc: keyedDoc(), url: '/dev/open', apiKeys: registryWith() });
    expect(apiKey(context)).toBeUndefined();
    expect(context.usedApiKey).toBeNull();
  });

  it('admits the X-API-Key header (any case) and records the key it used', async () => {
    const { context } = await contextBefore(apiKey, {
      doc: keyedDoc(),
      headers: [['X-Api-Key', KEY]],
      apiKeys: registryWith(),
    });
    apiKey(context);
    expect(context.usedApiKey).toEqual({ id: 'k1', value: KEY });
  });

  it.each([
    ['no key', []],
    ['an unknown key', [['x-api-key', 'not-a-key-of-any-plan-000']]],
  ] as const)('%s: 403 INVALID_API_KEY {"message":"Forbidden"}', async (_name, headers) => {
    const { context } = await contextBefore(apiKey, {
      doc: keyedDoc(),
      headers: headers.map(([n, v]) => [n, v] as [string, string]),
      apiKeys: registryWith(),
    });
    const error = await gatewayErrorOf(() => apiKey(context));
    expect(error.response).toMatchObject({ type: 'INVALID_API_KEY', status: 403, body: '{"message":"Forbidden"}' });
  });

  it('a disabled key: 403 INVALID_API_KEY', async () => {
    const { context } = await contextBefore(apiKey, {
      doc: keyedDoc(),
      headers: [['x-api-key', KEY]],
      apiKeys: registryWith({}, false),
    });
    expect((await gatewayErrorOf(() => apiKey(context))).response.type).toBe('INVALID_API_KEY');
  });

  it('quota spent: 429 QUOTA_EXCEEDED {"message":"Limit Exceeded"}', async () => {
    const apiKeys = registryWith({ quota: { limit: 1, period: 'DAY' } });
    const first = await contextBefore(apiKey, { doc: keyedDoc(), headers: [['x-api-key', KEY]], apiKeys });
    apiKey(first.context);
    const second = await contextBefore(apiKey, { doc: keyedDoc(), headers: [['x-api-key', KEY]], apiKeys });
    const error = await gatewayErrorOf(() => apiKey(second.context));
    expect(error.response).toMatchObject({ type: 'QUOTA_EXCEEDED', status: 429, body: '{"message":"Limit Exceeded"}' });
    expect(error.detail).toContain('Key quota exhausted');
  });

  it('bucket empty: 429 THROTTLED {"message":"Too Many Requests"}', async () => {
    const apiKeys = registryWith({ throttle: { rateLimit: 1, burstLimit: 1 } });
    apiKey((await contextBefore(apiKey, { doc: keyedDoc(), headers: [['x-api-key', KEY]], apiKeys })).context);
    const { context } = await contextBefore(apiKey, { doc: keyedDoc(), headers: [['x-api-key', KEY]], apiKeys });
    const error = await gatewayErrorOf(() => apiKey(context));
    expect(error.response).toMatchObject({ type: 'THROTTLED', status: 429, body: '{"message":"Too Many Requests"}' });
  });

  it("key source AUTHORIZER: the key is the authorizer's usageIdentifierKey, never the header", async () => {
    const doc = keyedDoc({ 'x-amazon-apigateway-api-key-source': 'AUTHORIZER' });
    const viaHeader = await contextBefore(apiKey, { doc, headers: [['x-api-key', KEY]], apiKeys: registryWith() });
    expect((await gatewayErrorOf(() => apiKey(viaHeader.context))).response.type).toBe('INVALID_API_KEY');
    const viaAuthorizer = await contextBefore(apiKey, { doc, apiKeys: registryWith() });
    // As the authorize step leaves it.
    viaAuthorizer.context.authorizer = { principalId: 'p', proxy: {}, templateVariables: {}, usageIdentifierKey: KEY };
    apiKey(viaAuthorizer.context);
    expect(viaAuthorizer.context.usedApiKey).toEqual({ id: 'k1', value: KEY });
  });
});
