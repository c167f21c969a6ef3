import { describe, expect, it } from 'vitest';
import {
  DefinitionError,
  exportOpenApi,
  functionNamesOf,
  functionNamesOfApi,
  importOpenApi,
} from '../../../../src/emulator/index.js';
import { authorizedDoc, fnUri } from './fixtures.js';

/** The problems importOpenApi reports for `doc`. */
function problemsOf(doc: unknown): string[] {
  try {
    importOpenApi(doc);
  } catch (error) {
    if (error instanceof DefinitionError) return error.problems;
    throw error;
  }
  return [];
}

// x-amazon-apigateway-authorizer and x-amazon-apigateway-authtype:
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html
describe('Lambda authorizers read from OpenAPI', () => {
  it('reads a TOKEN authorizer: its header from the scheme name, TTL 300 by default, the methods whose security names it', () => {
    const api = importOpenApi(authorizedDoc({ type: 'token', identityValidationExpression: '^Bearer .+' }));
    expect(api.authorizers).toEqual({
      auth: {
        name: 'auth',
        type: 'TOKEN',
        uri: fnUri('auth'),
        functionName: 'auth',
        identitySources: ['method.request.header.Authorization'],
        identitySourceAsWritten: null,
        identityValidationExpression: '^Bearer .+',
        resultTtlSeconds: 300,
        ttlAsWritten: false,
        schemeName: 'Authorization',
        schemeIn: 'header',
      },
    });
    const methods = Object.fromEntries(
      api.resources.flatMap((r) =>
        Object.entries(r.methods).map(([m, model]) => [`${m} ${r.path}`, model!.authorizer]),
      ),
    );
    expect(methods).toEqual({
      'GET /items': 'auth',
      'POST /items': 'auth',
      'GET /items/{id}': 'auth',
      'GET /open': undefined,
    });
  });

  it('reads a REQUEST authorizer with several identity sources (Swagger 2 securityDefinitions too)', () => {
    const doc = authorizedDoc(
      {
        type: 'request',
        identitySource: 'method.request.header.X, method.request.querystring.q, stageVariables.s, context.requestId',
        authorizerResultTtlInSeconds: 0,
      },
      'Unused',
    );
    const swagger = {
      swagger: '2.0',
      info: doc.info,
      securityDefinitions: doc.components.securitySchemes,
      paths: doc.paths,
    };
    for (const d of [doc, swagger]) {
      const a = importOpenApi(d).authorizers!.auth!;
      expect(a.type).toBe('REQUEST');
      expect(a.identitySources).toEqual([
        'method.request.header.X',
        'method.request.querystring.q',
        'stageVariables.s',
        'context.requestId',
      ]);
      expect(a.resultTtlSeconds).toBe(0);
    }
  });

  it('applies the top-level security to operations without their own; security: [] opts out', () => {
    const doc = authorizedDoc({ type: 'token' }, 'Authorization', { security: [{ auth: [] }] });
    (doc.paths['/open'].get as Record<string, unknown>).security = undefined;
    delete (doc.paths['/open'].get as Record<string, unknown>).security;
    (doc.paths['/items'].post as Record<string, unknown>).security = [];
    const api = importOpenApi(doc);
    const of = (path: string, m: 'GET' | 'POST') => api.resources.find((r) => r.path === path)!.methods[m]!.authorizer;
    expect(of('/open', 'GET')).toBe('auth');
    expect(of('/items', 'POST')).toBeUndefined();
  });

  it('leaves Cognito and other schemes to their own readers', () => {
    const doc = authorizedDoc({
      type: 'cognito_user_pools',
      providerARNs: ['arn:aws:cognito-idp:us-east-1:123456789012:userpool/x'],
    });
    const api = importOpenApi(doc);
    expect(api.authorizers).toBeUndefined();
    expect(api.resources.every((r) => Object.values(r.methods).every((m) => m!.authorizer === undefined))).toBe(true);
  });

  it.each([
    [
      { type: 'token', authorizerUri: 'https://example.com' },
      /authorizerUri "https:\/\/example.com" is not a Lambda invocation URI/,
    ],
    [
      { type: 'token', authorizerResultTtlInSeconds: 3601 },
      /authorizerResultTtlInSeconds must be an integer from 0 to 3600/,
    ],
    [
      { type: 'token', identitySource: 'method.request.querystring.t' },
      /a TOKEN authorizer takes its token from one header/,
    ],
    [{ type: 'request', identitySource: 'header.X' }, /identity source "header.X" is not/],
    [{ type: 'request' }, /needs an identitySource, its cache key/],
    [
      { type: 'token', identityValidationExpression: '(' },
      /identityValidationExpression "\(" is not a regular expression/,
    ],
  ])('reports %j', (extension, message) => {
    expect(problemsOf(authorizedDoc(extension, 'Unused'))).toEqual([expect.stringMatching(message)]);
  });

  it('reports a method naming two authorizers', () => {
    const doc = authorizedDoc({ type: 'token' });
    const schemes = doc.components.securitySchemes as Record<string, unknown>;
    schemes.other = schemes.auth;
    (doc.paths['/open'].get as Record<string, unknown>).security = [{ auth: [], other: [] }];
    expect(problemsOf(doc)).toEqual([
      expect.stringMatching(/a method has one authorizer, but its security names auth and other/),
    ]);
  });
});

describe('the functions an API uses', () => {
  it("include its authorizers' functions, once (the CLI's --function auth=PATH)", () => {
    const api = importOpenApi(authorizedDoc({ type: 'token' }));
    expect(functionNamesOf(api)).toEqual(['backend', 'auth']);
    expect(functionNamesOfApi(api)).toEqual(['backend', 'auth']);
  });
});

describe('Lambda authorizers written back by the export', () => {
  it.each([
    [
      'TOKEN',
      authorizedDoc({
        type: 'token',
        authorizerResultTtlInSeconds: 60,
        identityValidationExpression: '^x',
        authorizerCredentials: 'arn:aws:iam::123456789012:role/r',
      }),
    ],
    ['REQUEST', authorizedDoc({ type: 'request', identitySource: 'method.request.header.X, context.stage' }, 'Unused')],
  ])('%s round-trips (import, export, import)', (_type, doc) => {
    const api = importOpenApi(doc, { apiId: 'abc123defg' });
    const exported = exportOpenApi(api, { version: '1' });
    const again = importOpenApi(structuredClone(exported), { apiId: 'abc123defg' });
    expect(again.authorizers).toEqual(api.authorizers);
    expect(exportOpenApi(again, { version: '1' })).toEqual(exported);
    const schemes = (exported.components as { securitySchemes: Record<string, Record<string, unknown>> })
      .securitySchemes;
    expect(schemes.auth!['x-amazon-apigateway-authtype']).toBe('custom');
    const paths = exported.paths as Record<string, Record<string, { security?: unknown }>>;
    expect(paths['/items']!.get!.security).toEqual([{ auth: [] }]);
    expect(paths['/open']!.get!.security).toBeUndefined();
  });
});
