import { describe, expect, it } from 'vitest';
import { exportHttpApiOpenApi } from '../../../../src/emulator/http-api/openapi-export.js';
import { importHttpApi } from '../../../../src/emulator/http-api/openapi-import.js';
import { AUDIENCE, ISSUER, jwtApiDoc } from './jwt-fixture.js';

describe('HTTP API authorizers in export-api', () => {
  it("writes a JWT authorizer as an oauth2 scheme and each route's security with its scopes; reads back the same", () => {
    const api = importHttpApi(jwtApiDoc(), { apiId: 'abc123defg' });
    const doc = exportHttpApiOpenApi(api, { version: 'v' }) as {
      components: { securitySchemes: Record<string, unknown> };
      paths: Record<string, Record<string, { security?: unknown }>>;
    };
    expect(doc.components.securitySchemes.cognito).toEqual({
      type: 'oauth2',
      flows: {},
      'x-amazon-apigateway-authorizer': {
        identitySource: '$request.header.Authorization',
        jwtConfiguration: { audience: [AUDIENCE, 'other-client'], issuer: ISSUER },
        type: 'jwt',
      },
    });
    expect(doc.paths['/items']!.get!.security).toEqual([{ cognito: ['items/read'] }]);
    expect(doc.paths['/public']!.get!.security).toBeUndefined();
    expect(importHttpApi(structuredClone(doc), { apiId: api.id })).toEqual(api);
  });

  it('an API without authorizers exports no components', () => {
    const doc = jwtApiDoc();
    delete (doc as { components?: unknown }).components;
    for (const p of Object.values(doc.paths)) delete (p.get as Record<string, unknown>).security;
    expect('components' in exportHttpApiOpenApi(importHttpApi(doc), { version: 'v' })).toBe(false);
  });
});
