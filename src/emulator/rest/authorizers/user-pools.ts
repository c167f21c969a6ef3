import type { JSONWebKeySet } from 'jose';
import { parseUserPoolArn } from './cognito-openapi.js';

/** A user pool the gateway trusts: its issuer, its public keys, and (optionally) its app client ids. */
export interface UserPoolKeys {
  /** The tokens' `iss`: `https://cognito-idp.{region}.amazonaws.com/{userPoolId}`. */
  issuer: string;
  /** The pool's public JWKS (`{issuer}/.well-known/jwks.json`). */
  jwks: JSONWebKeySet;
  /**
   * The pool's app client ids: when given, an ID token's `aud` and an access token's `client_id` must be one of them
   * (a token of another pool's client is refused; assumed, as AWS does not document the check).
   */
  clientIds?: readonly string[];
}

/** The user pools Cognito authorizers verify tokens against, by `{region}/{userPoolId}` (control plane). */
export class UserPoolRegistry {
  readonly #pools = new Map<string, UserPoolKeys>();

  /**
   * Registers a pool for the authorizers whose `providerARNs` name `providerArn` (or, without one, the pool its
   * issuer URL names). Throws on an ARN or issuer that names no user pool.
   */
  put(pool: UserPoolKeys, providerArn?: string): void {
    const key = providerArn !== undefined ? keyOfArn(providerArn) : keyOfIssuer(pool.issuer);
    if (!key)
      throw new Error(
        providerArn !== undefined
          ? `"${providerArn}" is not a user pool ARN (arn:aws:cognito-idp:{region}:{account}:userpool/{userPoolId})`
          : `"${pool.issuer}" is not a user pool issuer (https://cognito-idp.{region}.amazonaws.com/{userPoolId})`,
      );
    this.#pools.set(key, pool);
  }

  /** The pool registered for a provider ARN, if any. */
  forArn(providerArn: string): UserPoolKeys | undefined {
    const key = keyOfArn(providerArn);
    return key ? this.#pools.get(key) : undefined;
  }
}

function keyOfArn(arn: string): string | null {
  const parts = parseUserPoolArn(arn);
  return parts ? `${parts.region}/${parts.userPoolId}` : null;
}

function keyOfIssuer(issuer: string): string | null {
  const m = /^https:\/\/cognito-idp\.([a-z0-9-]+)\.amazonaws\.com\/([\w-]+)$/.exec(issuer);
  return m ? `${m[1]}/${m[2]}` : null;
}
