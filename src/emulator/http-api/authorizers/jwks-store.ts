import type { JSONWebKeySet } from 'jose';

/**
 * The JSON Web Key Sets lent to a gateway, by issuer. API Gateway fetches an issuer's keys from its `jwks_uri`
 * (and may cache them for two hours, http-api-jwt-authorizer.html); the emulator does not reach the network, so each
 * issuer's JWKS is given to it (`HttpApiGateway.putJwks`, the CLI's `--jwks ISSUER=FILE`). Holds the documents only:
 * jose loads with the first JWT authorizer that runs.
 */
export class JwksStore {
  readonly #byIssuer = new Map<string, JSONWebKeySet>();

  /** Lends `jwks` as `issuer`'s keys (replacing any earlier set); throws on a document that is not a JWKS. */
  put(issuer: string, jwks: JSONWebKeySet): void {
    if (!issuer) throw new Error('a JWKS needs an issuer');
    if (
      typeof jwks !== 'object' ||
      jwks === null ||
      !Array.isArray(jwks.keys) ||
      jwks.keys.length === 0 ||
      !jwks.keys.every((k) => typeof k === 'object' && k !== null && typeof k.kty === 'string')
    )
      throw new Error(`the JWKS of ${issuer} is not a JSON Web Key Set ({"keys": [{"kty": ...}, ...]})`);
    this.#byIssuer.set(issuer, jwks);
  }

  /** The JWKS of `issuer`, or undefined when none was lent. */
  get(issuer: string): JSONWebKeySet | undefined {
    return this.#byIssuer.get(issuer);
  }
}
