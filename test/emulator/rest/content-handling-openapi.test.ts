import { describe, expect, it } from 'vitest';
import { DefinitionError } from '../../../src/emulator/shared/errors.js';
import { exportOpenApi } from '../../../src/emulator/rest/openapi-export.js';
import { importOpenApi } from '../../../src/emulator/rest/openapi-import.js';

// x-amazon-apigateway-integration.contentHandling (request) and .responses.*.contentHandling (response):
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html
const doc = (contentHandling: unknown) => ({
  openapi: '3.0.1',
  info: { title: 'Uploads', version: '1' },
  'x-amazon-apigateway-binary-media-types': ['image/png'],
  paths: {
    '/upload': {
      post: {
        responses: { '200': { description: '200 response' } },
        'x-amazon-apigateway-integration': {
          type: 'http',
          httpMethod: 'POST',
          uri: 'https://backend.example/upload',
          contentHandling,
          responses: { default: { statusCode: '200', contentHandling: 'CONVERT_TO_TEXT' } },
        },
      },
    },
  },
});

const integrationOf = (exported: Record<string, unknown>) => {
  const paths = exported.paths as Record<string, Record<string, Record<string, unknown>>>;
  return paths['/upload']!.post!['x-amazon-apigateway-integration'] as Record<string, unknown>;
};

describe('contentHandling of the integration request through OpenAPI', () => {
  it("imports it onto the integration and exports it back, next to the integration response's", () => {
    const api = importOpenApi(doc('CONVERT_TO_BINARY'));
    const integration = api.resources.find((r) => r.path === '/upload')!.methods.POST!.integration;
    expect(integration.type === 'HTTP' && integration.contentHandling).toBe('CONVERT_TO_BINARY');
    const exported = integrationOf(exportOpenApi(api));
    expect(exported.contentHandling).toBe('CONVERT_TO_BINARY');
    expect(exported.responses).toEqual({ default: { statusCode: '200', contentHandling: 'CONVERT_TO_TEXT' } });
    const again = importOpenApi(exportOpenApi(api));
    expect(again.resources.find((r) => r.path === '/upload')!.methods.POST!.integration).toEqual(integration);
  });

  it('leaves it out when the definition has none', () => {
    const api = importOpenApi(doc(undefined));
    expect(integrationOf(exportOpenApi(api))).not.toHaveProperty('contentHandling');
  });

  it('refuses a value that is neither CONVERT_TO_BINARY nor CONVERT_TO_TEXT', () => {
    expect(() => importOpenApi(doc('CONVERT_TO_JSON'))).toThrow(DefinitionError);
    expect(() => importOpenApi(doc('CONVERT_TO_JSON'))).toThrow(
      /contentHandling must be CONVERT_TO_BINARY or CONVERT_TO_TEXT/,
    );
  });
});
