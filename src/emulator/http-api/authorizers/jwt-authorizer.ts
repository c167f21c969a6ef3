import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import { HTTP_API_RESPONSES, type HttpErrorResponse } from '../responses.js';
import { stringifyClaims, tokenScopes } from './jwt-claims.js';
import type { JwksStore } from './jwks-store.js';
import type { HttpJwtAuthorizer, HttpJwtAuthorizerResult } from './model.js';

/**
 * A JWT authorizer's check of one request, in the order AWS lists it
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html):
 * 1. the identity source holds the token, alone or after `Bearer `;
 * 2. the token decodes; its algorithm and signature check against the issuer's keys ("Currently, only RSA-based
 *    algorithms are supported": RS256, RS384, RS512 here); the header's `kid` must name one of those keys;
 * 3. claims: `iss` equals the issuer; `aud`, or `client_id` when `aud` is absent, is one of the audience entries;
 *    `exp` after now, `nbf` and `iat` before now;
 * 4. `scope` or `scp` holds at least one of the route's scopes (when the route lists any).
 * A token failing 1–3 → 401 `{"message":"Unauthorized"}`; failing 4 → 403 `{"message":"Forbidden"}`.
 *
 * The `www-authenticate` header: AWS documents one captured value,
 * `Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html). Every other
 * description below follows its form and wording but is assumed, as are the 403's header and the absence of the
 * header when the request carries no token.
 */
export async function verifyJwtRequest(
  authorizer: HttpJwtAuthorizer,
  identity: string | undefined,
  routeScopes: readonly string[],
  jwks: JwksStore | undefined,
  epochMs: number,
): Promise<HttpJwtAuthorizerResult> {
  if (identity === undefined || identity.trim() === '')
    throw new GatewayError(HTTP_API_RESPONSES.UNAUTHORIZED, `no token in ${authorizer.identitySource}`);
  const token = identity.trim().replace(/^Bearer\s+/i, '');
  const set = jwks?.get(authorizer.issuer);
  if (!set)
    throw unauthorized(
      'the token cannot be verified',
      `no JWKS was given for issuer ${authorizer.issuer} (HttpApiGateway.putJwks, or --jwks ISSUER=FILE)`,
    );
  let payload: JWTPayload;
  try {
    const verified = await jwtVerify(token, keyGetter(set), {
      issuer: authorizer.issuer,
      algorithms: ['RS256', 'RS384', 'RS512'],
      currentDate: new Date(epochMs),
    });
    if (typeof verified.protectedHeader.kid !== 'string')
      throw unauthorized('the token has no kid', 'the token header has no kid');
    payload = verified.payload;
  } catch (error) {
    if (error instanceof GatewayError) throw error;
    throw joseFailure(error);
  }
  const now = Math.floor(epochMs / 1000);
  if (typeof payload.iat === 'number' && payload.iat > now)
    throw unauthorized('the token was issued in the future', `iat ${payload.iat} is after now (${now})`);
  const audiences =
    payload.aud !== undefined
      ? typeof payload.aud === 'string'
        ? [payload.aud]
        : payload.aud
      : typeof payload.client_id === 'string'
        ? [payload.client_id]
        : [];
  if (!audiences.some((a) => authorizer.audience.includes(a)))
    throw unauthorized(
      'the token does not have a valid audience',
      `${payload.aud !== undefined ? 'aud' : 'client_id'} ${JSON.stringify(payload.aud ?? payload.client_id ?? null)} is not in the audience list`,
    );
  const scopes = tokenScopes(payload);
  if (routeScopes.length && !routeScopes.some((s) => scopes?.includes(s)))
    throw new GatewayError<HttpErrorResponse>(
      {
        ...HTTP_API_RESPONSES.FORBIDDEN,
        wwwAuthenticate: `Bearer scope="${routeScopes.join(' ')}" error="insufficient_scope" error_description="expected scopes: ${routeScopes.join(' ')}"`,
      },
      `the token's scopes (${scopes?.join(' ') ?? 'none'}) include none of the route's (${routeScopes.join(' ')})`,
    );
  return { type: 'JWT', claims: stringifyClaims(payload), scopes };
}

/** jose's key getter of a JWKS, made once per document. */
const getters = new WeakMap<JSONWebKeySet, ReturnType<typeof createLocalJWKSet>>();
function keyGetter(set: JSONWebKeySet): ReturnType<typeof createLocalJWKSet> {
  let getter = getters.get(set);
  if (!getter) getters.set(set, (getter = createLocalJWKSet(set)));
  return getter;
}

/** A 401 with `www-authenticate: Bearer scope="" error="invalid_token" error_description="…"`. */
function unauthorized(description: string, detail: string): GatewayError<HttpErrorResponse> {
  return new GatewayError<HttpErrorResponse>(
    {
      ...HTTP_API_RESPONSES.UNAUTHORIZED,
      wwwAuthenticate: `Bearer scope="" error="invalid_token" error_description="${description}"`,
    },
    `JWT authorizer: ${detail}`,
  );
}

/** jose's verdict as the authorizer's 401 (descriptions assumed, see verifyJwtRequest). */
function joseFailure(error: unknown): GatewayError<HttpErrorResponse> {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof errors.JWTExpired) return unauthorized('the token has expired', message);
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return unauthorized('the token does not have a valid issuer', message);
    if (error.claim === 'nbf') return unauthorized('the token is not valid yet', message);
    return unauthorized(`the token has an invalid ${error.claim} claim`, message);
  }
  if (error instanceof errors.JWKSNoMatchingKey) return unauthorized('the token was signed by an unknown key', message);
  if (error instanceof errors.JOSEAlgNotAllowed)
    return unauthorized('the token signing method is not supported', message);
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return unauthorized('the token signature is invalid', message);
  return unauthorized('the token is malformed', message);
}
