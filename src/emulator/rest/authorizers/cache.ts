import type { AuthorizerOutput } from './output.js';

/** One cached authorizer result and when it expires (epoch ms). */
interface Entry<T> {
  output: T;
  expires: number;
}

/** Entries past this many are dropped, oldest first (a bound for a long-running emulator; AWS documents none). */
const MAX_ENTRIES = 1000;

/**
 * Authorizer results cached per deployment, stage, authorizer and identity-source values, for
 * `authorizerResultTtlInSeconds`. The policy is cached, not the decision: a hit is evaluated again against the method
 * it is used for ("the returned IAM policy is cached … applied to any additional API requests made within the cache's
 * TTL", https://repost.aws/knowledge-center/api-gateway-lambda-authorization-errors).
 */
export class AuthorizerCache<T = AuthorizerOutput> {
  private readonly entries = new Map<string, Entry<T>>();

  /** The key of one authorizer's result for one set of identity values on one stage. */
  static keyOf(stage: string, authorizer: string, identity: readonly string[]): string {
    return JSON.stringify([stage, authorizer, ...identity]);
  }

  /** The result held for `key`, if it has not expired at `now`. */
  get(key: string, now: number): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires > now) return entry.output;
    this.entries.delete(key);
    return undefined;
  }

  /** Holds `output` for `ttlSeconds` from `now`. */
  set(key: string, output: T, now: number, ttlSeconds: number): void {
    this.entries.delete(key);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { output, expires: now + ttlSeconds * 1000 });
  }
}

/** One cache per deployment (a new deployment starts with an empty cache), dropped with the deployment. */
const caches = new WeakMap<object, AuthorizerCache>();

/** The authorizer cache of a deployment. */
export function authorizerCacheOf(deployment: object): AuthorizerCache {
  let cache = caches.get(deployment);
  if (!cache) caches.set(deployment, (cache = new AuthorizerCache()));
  return cache;
}

/** Verified Cognito token claims, cached per deployment like Lambda authorizer results (rest/authorizers/cognito-authorizer.ts). */
const claimCaches = new WeakMap<object, AuthorizerCache<Record<string, unknown>>>();

/** The Cognito authorizers' cache of a deployment. */
export function cognitoCacheOf(deployment: object): AuthorizerCache<Record<string, unknown>> {
  let cache = claimCaches.get(deployment);
  if (!cache) claimCaches.set(deployment, (cache = new AuthorizerCache<Record<string, unknown>>()));
  return cache;
}
