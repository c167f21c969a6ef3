import { exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet, type JWTPayload } from 'jose';
import { httpApiDoc } from '../helpers.js';

export const ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_example';
export const AUDIENCE = 'client-123';
/** The test gateways' clock (2020-03-04T19:03:58.390Z), in seconds. */
export const NOW_S = Math.floor(1583348638390 / 1000);

/** An RS256 key pair with its public JWKS (kid `k1`). */
export async function keyPair(kid = 'k1') {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const jwks: JSONWebKeySet = { keys: [jwk] };
  /** A token signed by this pair: iss, aud, iat, exp (one hour) unless overridden. */
  const sign = (claims: JWTPayload = {}, header: { kid?: string | null; alg?: string } = {}) => {
    const protectedHeader: Record<string, unknown> = { alg: header.alg ?? 'RS256' };
    if (header.kid !== null) protectedHeader.kid = header.kid ?? kid;
    return new SignJWT({ iss: ISSUER, aud: AUDIENCE, iat: NOW_S - 60, exp: NOW_S + 3600, sub: 'alice', ...claims })
      .setProtectedHeader(protectedHeader as { alg: string })
      .sign(privateKey);
  };
  return { jwks, sign, privateKey };
}

/** An HTTP API with `GET /items` (scope items/read), `GET /open` (no scopes) behind a JWT authorizer, `GET /public` without. */
export function jwtApiDoc(
  payloadFormatVersion: '1.0' | '2.0' = '2.0',
  identitySource = '$request.header.Authorization',
) {
  const doc = httpApiDoc(['GET /items', 'GET /open', 'GET /public'], payloadFormatVersion) as ReturnType<
    typeof httpApiDoc
  > & { components?: unknown };
  (doc.paths['/items']!.get as Record<string, unknown>).security = [{ cognito: ['items/read'] }];
  (doc.paths['/open']!.get as Record<string, unknown>).security = [{ cognito: [] }];
  doc.components = {
    securitySchemes: {
      cognito: {
        type: 'oauth2',
        flows: {},
        'x-amazon-apigateway-authorizer': {
          type: 'jwt',
          jwtConfiguration: { issuer: ISSUER, audience: [AUDIENCE, 'other-client'] },
          identitySource,
        },
      },
    },
  };
  return doc;
}
