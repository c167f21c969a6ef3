import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../src/runtime/run-in-gateway.js';
import { importApi } from '../../src/emulator/index.js';
import { poolAs, poolIssuersOf, sandboxUserPool } from '../../src/runtime/sandbox-user-pool.js';

const COGNITO = `
openapi: 3.0.1
info: { title: t, version: '1' }
components:
  securitySchemes:
    pool:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authtype: cognito_user_pools
      x-amazon-apigateway-authorizer:
        type: cognito_user_pools
        providerARNs:
          - arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Example
paths:
  /me:
    get:
      security: [{ pool: [] }]
      x-amazon-apigateway-integration: { type: mock, requestTemplates: { application/json: '{"statusCode": 200}' } }
`;

const JWT = `
openapi: 3.0.1
info: { title: t, version: '1' }
components:
  securitySchemes:
    jwt:
      type: oauth2
      flows: {}
      x-amazon-apigateway-authorizer:
        type: jwt
        identitySource: $request.header.Authorization
        jwtConfiguration:
          issuer: https://auth.example.com
          audience: [my-client]
paths:
  /me:
    get:
      security: [{ jwt: [] }]
      x-amazon-apigateway-integration:
        type: aws_proxy
        payloadFormatVersion: '2.0'
        httpMethod: POST
        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations
`;

const apiOf = (text: string, apiType?: 'REST' | 'HTTP') =>
  importApi(parseDefinition(text), { apiId: 'abc1234567', ...(apiType ? { apiType } : {}) });

describe('poolIssuersOf', () => {
  it("lists a REST API's Cognito provider ARNs as their pools' issuers", () => {
    expect(poolIssuersOf([apiOf(COGNITO, 'REST')])).toEqual([
      {
        issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example',
        clientId: 'apigwlabclient',
        providerArn: 'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Example',
      },
    ]);
  });

  it("lists an HTTP API's JWT issuers with their first audience", () => {
    expect(poolIssuersOf([apiOf(JWT, 'HTTP')])).toEqual([
      { issuer: 'https://auth.example.com', clientId: 'my-client' },
    ]);
  });

  it('is empty for an API without token authorizers (the pool is then never created)', () => {
    const plain = COGNITO.replace(/security: \[\{ pool: \[\] \}\]\n/, '').replace(
      /components:[\s\S]*?paths:/,
      'paths:',
    );
    expect(poolIssuersOf([apiOf(plain, 'REST')])).toEqual([]);
  });
});

describe('the sandbox user pool', () => {
  it('is created once per runtime', async () => {
    expect(await sandboxUserPool()).toBe(await sandboxUserPool());
  });

  it('issues tokens as a Cognito issuer (region and pool id from it) or any other issuer, with the same keys', async () => {
    const base = await sandboxUserPool();
    const cognito = poolAs(base, {
      issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example',
      clientId: 'c1',
    });
    const claims = decodeJwt(await cognito.issue({ user: 'alice', groups: ['admin'] }));
    expect([claims.iss, claims.aud, claims['cognito:username'], claims['cognito:groups']]).toEqual([
      'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example',
      'c1',
      'alice',
      ['admin'],
    ]);
    const other = poolAs(base, { issuer: 'https://auth.example.com', clientId: 'my-client' });
    const access = decodeJwt(await other.issue({ user: 'bob', tokenUse: 'access', scopes: ['items/read'] }));
    expect([access.iss, access.client_id, access.scope, access.token_use]).toEqual([
      'https://auth.example.com',
      'my-client',
      'items/read',
      'access',
    ]);
    expect(other.jwks()).toEqual(base.jwks());
    expect(base.issuer).toBe('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_apigwLab');
  });
});
