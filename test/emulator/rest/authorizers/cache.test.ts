import { describe, expect, it } from 'vitest';
import { AuthorizerCache, authorizerCacheOf } from '../../../../src/emulator/rest/authorizers/cache.js';
import type { AuthorizerOutput } from '../../../../src/emulator/rest/authorizers/output.js';

const output: AuthorizerOutput = { principalId: 'p', statements: [], context: {}, rawContext: {} };

describe('AuthorizerCache', () => {
  it('holds a result until its TTL has passed', () => {
    const cache = new AuthorizerCache();
    const key = AuthorizerCache.keyOf('dev', 'auth', ['token']);
    cache.set(key, output, 1_000, 300);
    expect(cache.get(key, 1_000)).toBe(output);
    expect(cache.get(key, 300_999)).toBe(output);
    expect(cache.get(key, 301_000)).toBeUndefined();
  });

  it('keys by stage, authorizer and every identity value, without ambiguity between values', () => {
    expect(AuthorizerCache.keyOf('dev', 'a', ['x,y'])).not.toBe(AuthorizerCache.keyOf('dev', 'a', ['x', 'y']));
    expect(AuthorizerCache.keyOf('dev', 'a', ['x'])).not.toBe(AuthorizerCache.keyOf('prod', 'a', ['x']));
    expect(AuthorizerCache.keyOf('dev', 'a', ['x'])).not.toBe(AuthorizerCache.keyOf('dev', 'b', ['x']));
  });

  it('is one per deployment', () => {
    const d1 = {};
    const d2 = {};
    expect(authorizerCacheOf(d1)).toBe(authorizerCacheOf(d1));
    expect(authorizerCacheOf(d1)).not.toBe(authorizerCacheOf(d2));
  });
});
