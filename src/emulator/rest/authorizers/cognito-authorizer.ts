import { createLocalJWKSet, decodeJwt, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import { startAuthorizerTrace } from '../../shared/trace.js';
import type { RestRequestContext } from '../context.js';
import { GATEWAY_RESPONSES } from '../gateway-responses.js';
import { AuthorizerCache, cognitoCacheOf } from './cache.js';
import type { CognitoAuthorizerModel } from './cognito-openapi.js';
import { identitySourceValues } from './identity-sources.js';
import { DEFAULT_AUTHORIZER_TTL_SECONDS } from './openapi.js';
import type { UserPoolKeys } from './user-pools.js';

/** Each registered pool's key set, built once (jose caches the imported keys inside it). */
const keySets = new WeakMap<UserPoolKeys, JWTVerifyGetKey>();

/**
 * Runs a COGNITO_USER_POOLS authorizer. The token (the identity source's header) is verified for real: its signature
 * against the JWKS of the pool its `iss` names (one of the authorizer's `providerARNs`), `exp`, and `token_use`. A
 * method without `authorizationScopes` takes an ID token; a method with them takes an access token whose `scope`
 * holds at least one of them ("The method invocation is authorized if any method scope matches a claimed scope in the
 * access token … When the method scope is configured, the client must provide an access token instead of an identity
 * token", https://docs.aws.amazon.com/apigateway/latest/api/API_Method.html, authorizationScopes; "The identity token
 * is used to authorize API calls based on identity claims … The access token … based on the custom scopes",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-integrate-with-cognito.html). Every refusal
 * is 401 `{"message":"Unauthorized"}` (UNAUTHORIZED): "otherwise, the client isn't authorized to make the call because
 * the client did not have credentials that could be authorized" (same page). AWS's troubleshooting page for these
 * 401s lists the same checks: the token not expired, its issuer the pool configured on the API, an ID token when the
 * method has no scopes and an access token when it has them
 * (https://repost.aws/knowledge-center/api-gateway-cognito-401-unauthorized); 401 for a valid access token that lacks
 * every scope is assumed (AWS documents no other status for it). The token's claims go to the backend as
 * `requestContext.authorizer.claims` and to templates as `$context.authorizer.claims.*`.
 */
export async function runCognitoAuthorizer(
  context: RestRequestContext,
  authorizer: CognitoAuthorizerModel,
  scopes: readonly string[] | undefined,
): Promise<void> {
  const record = startAuthorizerTrace(context.trace, 'COGNITO_USER_POOLS', authorizer.name, 'cognito');
  const refuse = (reason: string): never => {
    record.outcome = { kind: 'skipped', reason };
    throw new GatewayError(GATEWAY_RESPONSES.UNAUTHORIZED, `Unauthorized request: ${reason}`);
  };
  const header = identitySourceValues(context, [authorizer.identitySource])?.[0];
  if (header === undefined) return refuse(`identity source missing or empty (${authorizer.identitySource})`);
  const ttl = authorizer.resultTtlSeconds ?? DEFAULT_AUTHORIZER_TTL_SECONDS;
  const cache = ttl > 0 ? cognitoCacheOf(context.deployment) : null;
  const key = cache ? AuthorizerCache.keyOf(context.stage.name, authorizer.name, [header]) : '';
  let claims: JWTPayload | undefined = cache?.get(key, context.epochMs);
  if (claims) {
    record.cached = true;
    // A cached token past its `exp` is refused all the same (assumed: AWS does not document whether a cached result
    // outlives the token; refusing keeps `exp` meaningful whatever the TTL).
    if (typeof claims.exp === 'number' && claims.exp <= Math.floor(context.epochMs / 1000))
      return refuse('the token has expired ("exp"), though its verification is cached');
  } else {
    claims = await verifyToken(context, authorizer, header, refuse);
    if (cache) cache.set(key, claims, context.epochMs, ttl);
  }
  const wanted = scopes?.length ? 'access' : 'id';
  if (claims.token_use !== wanted)
    return refuse(
      wanted === 'id'
        ? `an ID token is required (token_use is ${String(claims.token_use)}; the method has no authorizationScopes)`
        : `an access token is required (token_use is ${String(claims.token_use)}; the method has authorizationScopes)`,
    );
  if (scopes?.length) {
    const held = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
    if (!scopes.some((s) => held.includes(s)))
      return refuse(`the access token's scope "${held.join(' ')}" holds none of ${scopes.join(', ')}`);
  }
  record.decision = 'allow';
  record.outcome = record.cached ? { kind: 'cached' } : { kind: 'result', payload: claims };
  const asStrings = claimsAsStrings(claims);
  context.authorizer = {
    principalId: '',
    proxy: { claims: asStrings },
    templateVariables: { claims: asStrings },
    usageIdentifierKey: undefined,
  };
}

/**
 * The token of the identity source's header, verified: a JWT whose `iss` is one of the authorizer's pools, signed by
 * that pool's key (RS256), not expired, of one of the pool's app clients when it lists them. Its claims are what the
 * cache holds per token for `authorizerResultTtlInSeconds`; what depends on the method (`token_use`, scopes) is
 * checked on every request.
 */
async function verifyToken(
  context: RestRequestContext,
  authorizer: CognitoAuthorizerModel,
  header: string,
  refuse: (reason: string) => never,
): Promise<JWTPayload> {
  // The token alone or after "Bearer " (accepting both is assumed).
  const token = /^bearer /i.test(header) ? header.slice(7).trim() : header;
  let unverified: JWTPayload;
  try {
    unverified = decodeJwt(token);
  } catch {
    return refuse('the token is not a JWT');
  }
  let pool: UserPoolKeys | undefined;
  for (const arn of authorizer.providerArns) {
    const candidate = context.services.userPools.forArn(arn);
    if (candidate && candidate.issuer === unverified.iss) pool = candidate;
  }
  if (!pool)
    return refuse(
      `the token's issuer ${String(unverified.iss)} is not a user pool of ${authorizer.providerArns.join(', ')}`,
    );
  let keySet = keySets.get(pool);
  if (!keySet) keySets.set(pool, (keySet = createLocalJWKSet(pool.jwks)));
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(token, keySet, {
      issuer: pool.issuer,
      algorithms: ['RS256'],
      currentDate: new Date(context.epochMs),
    }));
  } catch (error) {
    return refuse(`the token does not verify (${(error as Error).message})`);
  }
  // An ID token names its app client in `aud`, an access token in `client_id`.
  const client = claims.token_use === 'access' ? claims.client_id : claims.aud;
  if (pool.clientIds && !pool.clientIds.includes(String(client)))
    return refuse(`the token's app client ${String(client)} is not one of the pool's`);
  return claims;
}

/**
 * The claims as the REST API's Lambda proxy event carries them: every value a string (`"auth_time": "1560741111"`);
 * a list (`cognito:groups`) joined with commas. Strings for numbers are as captured events show them; the comma
 * join for several groups is assumed (AWS documents neither; AWS's Chalice reads the claim with `split(',')`,
 * https://github.com/aws/chalice/issues/783).
 */
export function claimsAsStrings(claims: JWTPayload): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(claims)) {
    out[key] = Array.isArray(value)
      ? value.map(String).join(',')
      : typeof value === 'object' && value !== null
        ? JSON.stringify(value)
        : String(value);
  }
  return out;
}
