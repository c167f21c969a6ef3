import { describe, expect, it } from 'vitest';
import { exportOpenApi, importOpenApi } from '../../../../src/emulator/index.js';
import { parseUserPoolArn } from '../../../../src/emulator/rest/authorizers/cognito-openapi.js';
import { fnUri } from './fixtures.js';

const ARN = 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Abc';
const op = (security: unknown) => ({
  security,
  responses: { '200': { description: 'ok' } },
  'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: fnUri('backend') },
});

// The scheme as api-gateway-swagger-extensions-authorizer.html's Cognito example declares it.
const doc = (authorizer: Record<string, unknown> = {}, name = 'Authorization') => ({
  openapi: '3.0.1',
  info: { title: 'c', version: '1' },
  components: {
    securitySchemes: {
      pool: {
        type: 'apiKey',
        name,
        in: 'header',
        'x-amazon-apigateway-authtype': 'cognito_user_pools',
        'x-amazon-apigateway-authorizer': { type: 'cognito_user_pools', providerARNs: [ARN], ...authorizer },
      },
    },
  },
  paths: { '/a': { get: op([{ pool: [] }]), post: op([{ pool: ['res/write', 'res/admin'] }]), put: op(undefined) } },
});

describe('Cognito authorizers in OpenAPI', () => {
  it('reads providerARNs, the token header, and the scopes of each method as authorizationScopes', () => {
    const api = importOpenApi(doc());
    expect(api.cognitoAuthorizers).toEqual({
      pool: { name: 'pool', providerArns: [ARN], identitySource: 'method.request.header.Authorization' },
    });
    const methods = api.resources.find((r) => r.path === '/a')!.methods;
    expect(methods.GET).toMatchObject({ cognitoAuthorizer: 'pool' });
    expect(methods.GET).not.toHaveProperty('authorizationScopes');
    expect(methods.POST).toMatchObject({ cognitoAuthorizer: 'pool', authorizationScopes: ['res/write', 'res/admin'] });
    expect(methods.PUT).not.toHaveProperty('cognitoAuthorizer');
    expect(methods.GET).not.toHaveProperty('authorizer'); // not a Lambda authorizer
  });

  it('takes the header from identitySource, else from the scheme name', () => {
    expect(importOpenApi(doc({}, 'X-Id')).cognitoAuthorizers!.pool!.identitySource).toBe('method.request.header.X-Id');
    expect(
      importOpenApi(doc({ identitySource: 'method.request.header.Tok' })).cognitoAuthorizers!.pool!.identitySource,
    ).toBe('method.request.header.Tok');
    expect(() => importOpenApi(doc({ identitySource: 'method.request.querystring.t' }))).toThrow(/is not one header/);
  });

  it('exports the schemes and the methods scopes back, and the export imports as the same API', () => {
    const api = importOpenApi(doc({}, 'X-Id'));
    const out = exportOpenApi(api) as {
      components: { securitySchemes: Record<string, unknown> };
      paths: Record<string, Record<string, { security?: unknown }>>;
    };
    expect(out.components.securitySchemes.pool).toEqual({
      type: 'apiKey',
      name: 'X-Id',
      in: 'header',
      'x-amazon-apigateway-authtype': 'cognito_user_pools',
      'x-amazon-apigateway-authorizer': { type: 'cognito_user_pools', providerARNs: [ARN] },
    });
    expect(out.paths['/a']!.post!.security).toEqual([{ pool: ['res/write', 'res/admin'] }]);
    expect(out.paths['/a']!.put!.security).toBeUndefined();
    const again = importOpenApi(out);
    expect(again.cognitoAuthorizers).toEqual(api.cognitoAuthorizers);
    expect(again.resources.find((r) => r.path === '/a')!.methods.POST!.authorizationScopes).toEqual([
      'res/write',
      'res/admin',
    ]);
  });

  it('parses user pool ARNs', () => {
    expect(parseUserPoolArn(ARN)).toEqual({ region: 'us-east-1', userPoolId: 'us-east-1_Abc' });
    expect(parseUserPoolArn('arn:aws:cognito-idp:us-east-1:1:identitypool/x')).toBeNull();
  });
});
