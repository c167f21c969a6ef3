import { describe, expect, it } from 'vitest';
import { exportOpenApi, importOpenApi } from '../../../../src/emulator/index.js';
import { fnUri } from './fixtures.js';

const integration = { type: 'aws_proxy', httpMethod: 'POST', uri: fnUri('backend') };
const SIGV4 = { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' };

// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authtype.html
describe('AWS_IAM methods in OpenAPI', () => {
  const doc = {
    openapi: '3.0.1',
    info: { title: 'Iam', version: '1' },
    components: { securitySchemes: { sigv4: SIGV4, api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' } } },
    paths: {
      '/items': {
        get: { security: [{ sigv4: [], api_key: [] }], 'x-amazon-apigateway-integration': integration },
        post: { 'x-amazon-apigateway-auth': { type: 'AWS_IAM' }, 'x-amazon-apigateway-integration': integration },
        put: { 'x-amazon-apigateway-auth': { type: 'NONE' }, 'x-amazon-apigateway-integration': integration },
      },
    },
  };

  it('reads a security requirement naming the awsSigv4 scheme, and x-amazon-apigateway-auth, as AWS_IAM', () => {
    const methods = importOpenApi(doc).resources.find((r) => r.path === '/items')!.methods;
    expect(methods.GET).toMatchObject({ iam: 'sigv4', apiKeyRequired: true });
    expect(methods.POST!.iam).toBe('sigv4');
    expect(methods.PUT!.iam).toBeUndefined();
  });

  it("exports the sigv4 scheme and each method's requirement as get-export does, and imports them back", () => {
    const api = importOpenApi(doc, { apiId: 'abc123defg' });
    const exported = exportOpenApi(api) as {
      components: { securitySchemes: Record<string, unknown> };
      paths: Record<string, Record<string, { security?: unknown }>>;
    };
    expect(exported.components.securitySchemes.sigv4).toEqual(SIGV4);
    expect(exported.paths['/items']!.get!.security).toEqual([{ sigv4: [], api_key: [] }]);
    expect(exported.paths['/items']!.post!.security).toEqual([{ sigv4: [] }]);
    expect(exported.paths['/items']!.put!.security).toBeUndefined();
    expect(importOpenApi(exported, { apiId: 'abc123defg' }).resources).toEqual(api.resources);
  });
});
