import { LocalUserPool } from '../../../../src/emulator/shared/local-user-pool.js';
import { authorizedGateway, fnUri } from './fixtures.js';

/** The user pool the Cognito authorizer tests trust, and their clock (epoch seconds). */
export const POOL_ARN = 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Lab';
export const NOW_S = Date.UTC(2026, 10, 26, 12, 0, 0) / 1000;

const proxy = (security: unknown) => ({
  security,
  'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: fnUri('backend') },
});

/** A REST API with a Cognito user pool authorizer: GET /items takes an ID token, POST /items the scope items/write. */
export function cognitoDoc(extension: Record<string, unknown> = {}) {
  return {
    openapi: '3.0.1',
    info: { title: 'CognitoTests', version: '1' },
    components: {
      securitySchemes: {
        pool: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authtype': 'cognito_user_pools',
          'x-amazon-apigateway-authorizer': { type: 'cognito_user_pools', providerARNs: [POOL_ARN], ...extension },
        },
      },
    },
    paths: { '/items': { get: proxy([{ pool: [] }]), post: proxy([{ pool: ['items/write'] }]) } },
  };
}

/** The API deployed with a fresh local pool it trusts (a Cognito authorizer calls no function). */
export async function cognitoGateway(doc: unknown = cognitoDoc()) {
  const pool = await LocalUserPool.create({ region: 'us-east-1', userPoolId: 'us-east-1_Lab', clientId: 'client1' });
  const g = authorizedGateway(doc, () => {
    throw new Error('a Cognito authorizer calls no function');
  });
  g.gateway.putUserPool({ issuer: pool.issuer, jwks: pool.jwks() });
  return { ...g, pool };
}
