import { describe, expect, it } from 'vitest';
import { readHttpAuthorizers, readRouteAuthorization } from '../../../../src/emulator/http-api/authorizers/openapi.js';
import type { HttpJwtAuthorizer } from '../../../../src/emulator/http-api/authorizers/model.js';
import { importHttpApi } from '../../../../src/emulator/http-api/openapi-import.js';
import { DefinitionError } from '../../../../src/emulator/shared/errors.js';
import { AUDIENCE, ISSUER, jwtApiDoc } from './jwt-fixture.js';

const AUTH_URI =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations';
const scheme = (authorizer: unknown) => ({
  components: { securitySchemes: { a: { type: 'oauth2', 'x-amazon-apigateway-authorizer': authorizer } } },
});

// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html
describe('HTTP API authorizers from OpenAPI', () => {
  it('imports a JWT authorizer and the routes that name it, with their scopes', () => {
    const api = importHttpApi(jwtApiDoc());
    expect(api.authorizers).toEqual({
      cognito: {
        type: 'JWT',
        name: 'cognito',
        issuer: ISSUER,
        audience: [AUDIENCE, 'other-client'],
        identitySource: '$request.header.Authorization',
      },
    });
    const byKey = Object.fromEntries(api.routes.map((r) => [r.routeKey, r.authorization]));
    expect(byKey).toEqual({
      'GET /items': { authorizer: 'cognito', scopes: ['items/read'] },
      'GET /open': { authorizer: 'cognito', scopes: [] },
      'GET /public': undefined,
    });
  });

  it('an API without authorizers has no authorizers field (its model is unchanged)', () => {
    const doc = jwtApiDoc();
    delete (doc as { components?: unknown }).components;
    for (const p of Object.values(doc.paths)) delete (p.get as Record<string, unknown>).security;
    expect('authorizers' in importHttpApi(doc)).toBe(false);
  });

  it('reads type case-insensitively and a one-element identitySource list; defaults identitySource to the Authorization header', () => {
    const problems: string[] = [];
    const got = readHttpAuthorizers(
      scheme({
        type: 'JWT',
        jwtConfiguration: { issuer: ISSUER, audience: ['x'] },
        identitySource: ['$request.header.X-Token'],
      }),
      problems,
    );
    expect(problems).toEqual([]);
    expect((got.a as HttpJwtAuthorizer).identitySource).toBe('$request.header.X-Token');
    expect(
      (
        readHttpAuthorizers(scheme({ type: 'jwt', jwtConfiguration: { issuer: ISSUER, audience: ['x'] } }), [])
          .a as HttpJwtAuthorizer
      ).identitySource,
    ).toBe('$request.header.Authorization');
  });

  it.each([
    [{ type: 'token' }, /authorizer type "token" is not supported for HTTP APIs \(jwt or request\)/],
    [{ type: 'request', authorizerUri: 'nope', authorizerPayloadFormatVersion: '2.0' }, /authorizerUri "nope" is not/],
    [{ type: 'request', authorizerUri: AUTH_URI }, /authorizerPayloadFormatVersion must be "1.0" or "2.0"/],
    [
      { type: 'request', authorizerUri: AUTH_URI, authorizerPayloadFormatVersion: '1.0', enableSimpleResponses: true },
      /enableSimpleResponses needs/,
    ],
    [
      { type: 'request', authorizerUri: AUTH_URI, authorizerPayloadFormatVersion: '2.0', identitySource: '$body.x' },
      /identitySource "\$body.x" is not/,
    ],
    [
      {
        type: 'request',
        authorizerUri: AUTH_URI,
        authorizerPayloadFormatVersion: '2.0',
        authorizerResultTtlInSeconds: 300,
      },
      /caching .* needs at least one identity source/,
    ],
    [{ type: 'jwt', jwtConfiguration: { audience: ['x'] } }, /jwtConfiguration.issuer is required/],
    [{ type: 'jwt', jwtConfiguration: { issuer: ISSUER, audience: [] } }, /audience must be a non-empty list/],
    [
      { type: 'jwt', jwtConfiguration: { issuer: ISSUER, audience: ['x'] }, identitySource: '$context.x' },
      /identitySource must name/,
    ],
  ])('reports a bad authorizer: %j', (authorizer, message) => {
    const problems: string[] = [];
    expect(readHttpAuthorizers(scheme(authorizer), problems)).toEqual({});
    expect(problems.join('\n')).toMatch(message);
  });

  it('imports a Lambda authorizer: identity sources split at commas, TTL, simple responses', () => {
    const problems: string[] = [];
    const got = readHttpAuthorizers(
      scheme({
        type: 'request',
        authorizerUri: AUTH_URI,
        authorizerPayloadFormatVersion: '2.0',
        enableSimpleResponses: true,
        identitySource: '$request.header.Authorization, $context.routeKey',
        authorizerResultTtlInSeconds: 300,
      }),
      problems,
    );
    expect(problems).toEqual([]);
    expect(got.a).toEqual({
      type: 'REQUEST',
      name: 'a',
      functionName: 'auth',
      uri: AUTH_URI,
      payloadFormatVersion: '2.0',
      enableSimpleResponses: true,
      identitySources: ['$request.header.Authorization', '$context.routeKey'],
      resultTtlSeconds: 300,
    });
  });

  it('reports a route naming an unknown scheme, or two, or scopes that are not a list', () => {
    const authorizers = readHttpAuthorizers(
      scheme({ type: 'jwt', jwtConfiguration: { issuer: ISSUER, audience: ['x'] } }),
      [],
    );
    const problems: string[] = [];
    expect(readRouteAuthorization([{ nope: [] }], authorizers, 'r', problems)).toBeUndefined();
    expect(readRouteAuthorization([{ a: [] }, { b: [] }], authorizers, 'r', problems)).toBeUndefined();
    expect(readRouteAuthorization([{ a: 'read' }], authorizers, 'r', problems)).toBeUndefined();
    expect(problems).toEqual([
      'r.security names "nope", which is not a security scheme with x-amazon-apigateway-authorizer',
      'r.security names 2 authorizers; an HTTP API route has one',
      'r.security["a"] must be a list of scopes',
    ]);
    expect(readRouteAuthorization([], authorizers, 'r', problems)).toBeUndefined();
  });

  it('importHttpApi lists every problem in a DefinitionError', () => {
    const doc = jwtApiDoc();
    (doc.paths['/items']!.get as Record<string, unknown>).security = [{ missing: [] }];
    expect(() => importHttpApi(doc)).toThrow(DefinitionError);
  });
});
