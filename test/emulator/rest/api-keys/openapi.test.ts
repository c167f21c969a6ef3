import { describe, expect, it } from 'vitest';
import { exportOpenApi, importOpenApi } from '../../../../src/emulator/index.js';
import { readApiKeySource, requiresApiKey } from '../../../../src/emulator/rest/api-keys/openapi.js';

const integration = {
  type: 'mock',
  requestTemplates: { 'application/json': '{"statusCode": 200}' },
  responses: { default: { statusCode: '200' } },
};

/** The OpenAPI 3.0 example of https://docs.aws.amazon.com/apigateway/latest/developerguide/api-key-usage-plan-oas.html, with MOCK integrations. */
function keysApi(extra: Record<string, unknown> = {}) {
  return {
    openapi: '3.0.1',
    info: { title: 'keys-api', version: '2024-03-14T20:20:12Z' },
    paths: {
      '/pets': {
        get: {
          responses: { '200': { description: 'ok' } },
          security: [{ api_key: [] }],
          'x-amazon-apigateway-integration': integration,
        },
        post: { responses: { '200': { description: 'ok' } }, 'x-amazon-apigateway-integration': integration },
      },
    },
    components: { securitySchemes: { api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' } } },
    ...extra,
  };
}

describe('API keys on import (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-key-usage-plan-oas.html)', () => {
  it('a method whose security names the api_key scheme requires a key; one without does not', () => {
    const api = importOpenApi(keysApi());
    const pets = api.resources.find((r) => r.path === '/pets')!;
    expect(pets.methods.GET!.apiKeyRequired).toBe(true);
    expect(pets.methods.POST!.apiKeyRequired).toBeUndefined();
    expect(api.apiKeySource).toBeUndefined();
  });

  it("Swagger 2 securityDefinitions, as the page's OpenAPI 2.0 example has them", () => {
    const doc = {
      swagger: '2.0',
      info: { title: 'keys-api' },
      paths: {
        '/pets': {
          get: { responses: {}, security: [{ api_key: [] }], 'x-amazon-apigateway-integration': integration },
        },
      },
      securityDefinitions: { api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' } },
    };
    expect(importOpenApi(doc).resources.find((r) => r.path === '/pets')!.methods.GET!.apiKeyRequired).toBe(true);
  });

  it('a document-level security applies to operations without their own; an empty operation security overrides it', () => {
    const doc = keysApi({ security: [{ api_key: [] }] }) as ReturnType<typeof keysApi> & {
      paths: { '/pets': { post: Record<string, unknown> } };
    };
    expect(requiresApiKey(doc, doc.paths['/pets'].post)).toBe(true);
    expect(requiresApiKey(doc, { ...doc.paths['/pets'].post, security: [] })).toBe(false);
  });

  it('a Lambda authorizer scheme of type apiKey is not an API key (AWS-recorded: LocalStack test_import_with_global_api_key_authorizer)', () => {
    const doc = {
      components: {
        securitySchemes: {
          GatewayAuthorizer: {
            type: 'apiKey',
            name: 'X-Api-Key',
            in: 'header',
            'x-amazon-apigateway-authtype': 'custom',
            'x-amazon-apigateway-authorizer': { type: 'request' },
          },
        },
      },
    };
    expect(requiresApiKey(doc, { security: [{ GatewayAuthorizer: [] }] })).toBe(false);
  });

  it("a scheme on another header or in the query string is not API Gateway's API key", () => {
    const doc = {
      components: {
        securitySchemes: {
          k: { type: 'apiKey', name: 'x-token', in: 'header' },
          q: { type: 'apiKey', name: 'x-api-key', in: 'query' },
        },
      },
    };
    expect(requiresApiKey(doc, { security: [{ k: [] }] })).toBe(false);
    expect(requiresApiKey(doc, { security: [{ q: [] }] })).toBe(false);
  });

  it('x-amazon-apigateway-api-key-source is HEADER or AUTHORIZER (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-api-key-source.html)', () => {
    expect(importOpenApi(keysApi({ 'x-amazon-apigateway-api-key-source': 'AUTHORIZER' })).apiKeySource).toBe(
      'AUTHORIZER',
    );
    expect(importOpenApi(keysApi({ 'x-amazon-apigateway-api-key-source': 'HEADER' })).apiKeySource).toBe('HEADER');
    const problems: string[] = [];
    expect(readApiKeySource({ 'x-amazon-apigateway-api-key-source': 'QUERY' }, problems)).toBeUndefined();
    expect(problems).toEqual(['x-amazon-apigateway-api-key-source must be HEADER or AUTHORIZER (it is "QUERY")']);
    expect(() => importOpenApi(keysApi({ 'x-amazon-apigateway-api-key-source': 'QUERY' }))).toThrow(
      /HEADER or AUTHORIZER/,
    );
  });
});

describe('API keys on export', () => {
  it('writes the api_key scheme, the method security and the key source back, and round-trips', () => {
    const api = importOpenApi(keysApi({ 'x-amazon-apigateway-api-key-source': 'AUTHORIZER' }));
    const doc = exportOpenApi(api, { version: '1' }) as Record<string, any>;
    expect(doc.components.securitySchemes).toEqual({ api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' } });
    expect(doc.paths['/pets'].get.security).toEqual([{ api_key: [] }]);
    expect(doc.paths['/pets'].post.security).toBeUndefined();
    expect(doc['x-amazon-apigateway-api-key-source']).toBe('AUTHORIZER');
    expect(importOpenApi(doc)).toEqual(api);
  });

  it('an API without keys exports neither', () => {
    const plain = keysApi();
    delete (plain.paths['/pets'].get as { security?: unknown }).security;
    const doc = exportOpenApi(importOpenApi(plain), { version: '1' }) as Record<string, unknown>;
    expect(doc.components).toBeUndefined();
    expect(doc['x-amazon-apigateway-api-key-source']).toBeUndefined();
  });
});
