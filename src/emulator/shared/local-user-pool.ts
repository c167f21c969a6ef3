import { exportJWK, generateKeyPair, importJWK, SignJWT, type JSONWebKeySet, type JWK } from 'jose';

/**
 * A local stand-in for an Amazon Cognito user pool: one RS256 key pair (with a `kid`), its public JWKS, and ID and
 * access tokens for any user, groups and scopes, with the claims Cognito puts in them:
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html
 * Web crypto only (jose), so it runs in Node and in the browser alike.
 */

export interface LocalUserPoolConfig {
  /** The pool's region (`us-east-1`). */
  region: string;
  /** The pool id (`us-east-1_LocalPool`). */
  userPoolId: string;
  /** The app client id: the ID token's `aud`, the access token's `client_id`. */
  clientId: string;
}

export interface IssueOptions {
  user: string;
  groups?: readonly string[];
  /** OAuth scopes (access token only): `items/read`, a resource server's custom scope. */
  scopes?: readonly string[];
  tokenUse?: 'id' | 'access';
  /** Lifetime; Cognito's default for both tokens is 1 hour. */
  expiresInSeconds?: number;
  /** The ID token's `email` claim. */
  email?: string;
  /** `iat`/`auth_time` in epoch seconds (default: now). */
  nowSeconds?: number;
}

/** The pool as a file keeps it: its settings and its key pair as JWKs. */
export interface LocalUserPoolJson extends LocalUserPoolConfig {
  privateJwk: JWK;
  publicJwk: JWK;
}

const ALG = 'RS256';

export class LocalUserPool {
  private constructor(
    readonly config: LocalUserPoolConfig,
    private readonly privateKey: CryptoKey,
    private readonly privateJwk: JWK,
    private readonly publicJwk: JWK,
  ) {}

  /** A new pool with a fresh RS256 key pair. */
  static async create(config: LocalUserPoolConfig): Promise<LocalUserPool> {
    const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
    const kid = randomKid();
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: ALG, use: 'sig' };
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ALG, use: 'sig' };
    return new LocalUserPool({ ...config }, privateKey, privateJwk, publicJwk);
  }

  /** A pool saved by {@link export}; throws a one-line error when the JSON is not one. */
  static async import(json: unknown): Promise<LocalUserPool> {
    const j = json as Partial<LocalUserPoolJson> | null;
    if (
      !j ||
      typeof j.region !== 'string' ||
      typeof j.userPoolId !== 'string' ||
      typeof j.clientId !== 'string' ||
      typeof j.privateJwk !== 'object' ||
      typeof j.publicJwk !== 'object' ||
      !j.privateJwk ||
      !j.publicJwk
    )
      throw new Error('not a local user pool (expected region, userPoolId, clientId, privateJwk, publicJwk)');
    const privateKey = (await importJWK(j.privateJwk, ALG)) as CryptoKey;
    return new LocalUserPool(
      { region: j.region, userPoolId: j.userPoolId, clientId: j.clientId },
      privateKey,
      j.privateJwk,
      j.publicJwk,
    );
  }

  /** The pool and its key pair as JSON (the CLI keeps it in a file, so tokens stay valid across runs). */
  export(): LocalUserPoolJson {
    return { ...this.config, privateJwk: { ...this.privateJwk }, publicJwk: { ...this.publicJwk } };
  }

  /** `https://cognito-idp.{region}.amazonaws.com/{userPoolId}`: the tokens' `iss`. */
  get issuer(): string {
    return issuerOf(this.config.region, this.config.userPoolId);
  }

  /** The public keys, as `{issuer}/.well-known/jwks.json` serves them. */
  jwks(): JSONWebKeySet {
    return { keys: [{ ...this.publicJwk }] };
  }

  /** An ID token (default) or access token for `user`, signed with the pool's key. */
  async issue(options: IssueOptions): Promise<string> {
    const { user, groups = [], scopes = [], tokenUse = 'id', expiresInSeconds = 3600 } = options;
    const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
    const sub = await subOf(this.config.userPoolId, user);
    const claims: Record<string, unknown> = { sub };
    if (groups.length) claims['cognito:groups'] = [...groups];
    if (tokenUse === 'id') {
      if (options.email !== undefined) {
        claims.email_verified = true;
      }
      claims.iss = this.issuer;
      claims['cognito:username'] = user;
      claims.aud = this.config.clientId;
      claims.event_id = randomUuid();
      claims.token_use = 'id';
      claims.auth_time = now;
      claims.exp = now + expiresInSeconds;
      claims.iat = now;
      claims.jti = randomUuid();
      if (options.email !== undefined) claims.email = options.email;
    } else {
      claims.iss = this.issuer;
      claims.client_id = this.config.clientId;
      claims.origin_jti = randomUuid();
      claims.event_id = randomUuid();
      claims.token_use = 'access';
      if (scopes.length) claims.scope = scopes.join(' ');
      claims.auth_time = now;
      claims.exp = now + expiresInSeconds;
      claims.iat = now;
      claims.jti = randomUuid();
      claims.username = user;
    }
    return new SignJWT(claims).setProtectedHeader({ kid: this.publicJwk.kid!, alg: ALG }).sign(this.privateKey);
  }
}

/** A Cognito user pool's issuer URL. */
export function issuerOf(region: string, userPoolId: string): string {
  return `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}

/** A stable UUID-shaped `sub` for a user of a pool (the same user keeps the same `sub`, as in Cognito). */
async function subOf(poolId: string, user: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${poolId}/${user}`)));
  const hex = [...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const randomUuid = (): string => crypto.randomUUID();

/** A random key id (Cognito's are base64 strings; any unique string serves). */
function randomKid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/=+$/, '');
}
