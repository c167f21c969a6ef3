/**
 * A sandbox request authenticated just before it is sent (`RequestAuth`, the page's "sign in as" and "sign this
 * request"): a token of the runtime's local user pool for one of the example's users in a header, or a Signature
 * Version 4 signature with one of its IAM credentials. Pure (web crypto, jose, the IAM signer).
 */
import type { ApiModel } from '../emulator/index.js';
import type { ExampleAccess, RequestAuth } from '../examples/types.js';
import { poolAs, poolIssuersOf, sandboxUserPool } from './sandbox-user-pool.js';
import type { RunOutcome, RunRequest } from './types.js';

/** How a request was signed (RunOutcome.signing). */
export type Signing = NonNullable<RunOutcome['signing']>;

/** What a SigV4 signer is given: the request as sent, the credential, the scope and the clock. */
export interface SignInput {
  method: string;
  /** The full URL (`https://abc.execute-api.us-east-1.amazonaws.com/dev/items?x=1`). */
  url: string;
  headers: Array<[string, string]>;
  body: string | null;
  credentials: { accessKeyId: string; secretAccessKey: string };
  region: string;
  service: string;
  /** Epoch milliseconds. */
  now: number;
}

/** What it returns: the headers to add (X-Amz-Date, Authorization…) and how the signature was made. */
export type SignOutput = Signing & { headers: Array<[string, string]> | Record<string, string> };

/** A SigV4 signer (the IAM work's `signRequest`, adapted in sigv4-signer.ts). */
export type Signer = (input: SignInput) => Promise<SignOutput>;

/** Tokens a session keeps: one per user and token use, reused until it expires (as a signed-in client keeps it). */
export type TokenStore = Map<string, { token: string; expiresMs: number }>;

export interface AuthContext {
  access: ExampleAccess | undefined;
  /** The APIs served (their Cognito/JWT authorizers say which issuer a token is for). */
  apis: readonly ApiModel[];
  /** The run's invoke URL (its region is the signature's; us-east-1 when it names none). */
  invokeUrl: string;
  /** The run's clock (epoch ms). */
  now: () => number;
  /** The session's tokens (absent: a token per run). */
  tokens?: TokenStore;
  /** Loads the SigV4 signer (only for `signWith`). */
  signer: () => Promise<Signer>;
}

/** Authenticates one request: the request as sent, and how it was signed. */
export type Authenticate = (request: RunRequest) => Promise<{ request: RunRequest; signing?: Signing }>;

/** Token lifetime: Cognito's default for ID and access tokens (1 hour). */
const TOKEN_SECONDS = 3600;

/**
 * Prepares `auth` for the run's requests (its `before` requests and its request): the user's token is issued once
 * (one sign-in per run, or per session), a signature is made per request. Throws a readable error for a user or
 * access key the example's `access` does not have.
 */
export async function prepareAuth(auth: RequestAuth, context: AuthContext): Promise<Authenticate> {
  if ('signInAs' in auth) {
    const user = context.access?.users?.find((u) => u.user === auth.signInAs);
    if (!user)
      throw new RangeError(
        `sign in as "${auth.signInAs}": no such user in the example's access.users (${namesOf(context.access?.users?.map((u) => u.user))})`,
      );
    const tokenUse = auth.tokenUse ?? 'id';
    const token = await tokenFor(user, tokenUse, context);
    const header = auth.header ?? 'Authorization';
    const value = auth.scheme ? `${auth.scheme} ${token}` : token;
    return async (request) => ({ request: { ...request, headers: withHeader(request.headers, header, value) } });
  }
  const credential = context.access?.credentials?.find((c) => c.accessKeyId === auth.signWith);
  if (!credential)
    throw new RangeError(
      `sign with "${auth.signWith}": no such access key id in the example's access.credentials (${namesOf(context.access?.credentials?.map((c) => c.accessKeyId))})`,
    );
  const sign = await context.signer();
  const base = context.invokeUrl.replace(/\/+$/, '');
  return async (request) => {
    const url = base + (request.path.startsWith('/') ? request.path : `/${request.path}`);
    const { headers, canonicalRequest, stringToSign, credentialScope, signature } = await sign({
      method: request.method.toUpperCase(),
      url,
      headers: request.headers,
      body: request.body,
      credentials: { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey },
      region: regionOf(context.invokeUrl),
      service: 'execute-api',
      now: context.now(),
    });
    let sent = request.headers;
    for (const [name, value] of Array.isArray(headers) ? headers : Object.entries(headers)) {
      // The URL gives the Host (the gateway reads it from there); the signer signed it all the same.
      if (name.toLowerCase() === 'host' && !sent.some(([n]) => n.toLowerCase() === 'host')) continue;
      sent = withHeader(sent, name, value);
    }
    return {
      request: { ...request, headers: sent },
      signing: { canonicalRequest, stringToSign, credentialScope, signature },
    };
  };
}

/** The region of an execute-api invoke URL (`https://abc.execute-api.eu-west-1.amazonaws.com/dev`), else us-east-1. */
export function regionOf(invokeUrl: string): string {
  return /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com/i.exec(invokeUrl)?.[1]?.toLowerCase() ?? 'us-east-1';
}

/** The headers with `name` set to `value`: in place of the first header of that name (others dropped), else last. */
export function withHeader(headers: Array<[string, string]>, name: string, value: string): Array<[string, string]> {
  const lower = name.toLowerCase();
  const at = headers.findIndex(([n]) => n.toLowerCase() === lower);
  if (at < 0) return [...headers, [name, value]];
  return headers.flatMap(([n, v], i): Array<[string, string]> =>
    i === at ? [[n, value]] : n.toLowerCase() === lower ? [] : [[n, v]],
  );
}

async function tokenFor(
  user: NonNullable<ExampleAccess['users']>[number],
  tokenUse: 'id' | 'access',
  context: AuthContext,
): Promise<string> {
  const nowMs = context.now();
  const key = `${user.user}\u0000${tokenUse}`;
  const kept = context.tokens?.get(key);
  if (kept && kept.expiresMs > nowMs) return kept.token;
  const base = await sandboxUserPool();
  // The issuer of the API's first Cognito or JWT authorizer (the pool's own when it has none).
  const issuer = poolIssuersOf(context.apis)[0];
  const pool = issuer ? poolAs(base, issuer) : base;
  const nowSeconds = Math.floor(nowMs / 1000);
  const token = await pool.issue({
    user: user.user,
    groups: user.groups ?? [],
    scopes: tokenUse === 'access' ? (user.scopes ?? []) : [],
    tokenUse,
    expiresInSeconds: TOKEN_SECONDS,
    nowSeconds,
    ...(user.email !== undefined ? { email: user.email } : {}),
  });
  context.tokens?.set(key, { token, expiresMs: (nowSeconds + TOKEN_SECONDS) * 1000 });
  return token;
}

const namesOf = (names: readonly string[] | undefined) =>
  names?.length ? `it has ${names.map((n) => `"${n}"`).join(', ')}` : 'it has none';
