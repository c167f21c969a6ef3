import { describe, expect, it } from 'vitest';
import { readStageCache } from '../../../../src/emulator/rest/stage-cache/settings.js';
import { MAX_CACHED_BYTES, StageCaches } from '../../../../src/emulator/rest/stage-cache/store.js';

const entry = (expiresAt: number, bytes = 2) => ({ status: 200, headers: [], body: new Uint8Array(bytes), expiresAt });

/** https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html */
describe('StageCaches (api-gateway-caching.html)', () => {
  it('answers a fresh entry, drops a stale one, and keeps stages apart', () => {
    const caches = new StageCaches();
    caches.put('dev', 'k', entry(1000));
    expect(caches.get('dev', 'k', 999)).toBeDefined();
    expect(caches.get('prod', 'k', 999)).toBeUndefined();
    expect(caches.get('dev', 'k', 1000)).toBeUndefined();
    expect(caches.size('dev')).toBe(0);
  });

  it('"The maximum size of a response that can be cached is 1048576 bytes"', () => {
    const caches = new StageCaches();
    caches.put('dev', 'big', entry(1000, MAX_CACHED_BYTES + 1));
    caches.put('dev', 'max', entry(1000, MAX_CACHED_BYTES));
    expect(caches.get('dev', 'big', 0)).toBeUndefined();
    expect(caches.get('dev', 'max', 0)).toBeDefined();
  });

  it('invalidate drops one entry, flush all; a new cluster size empties the cache, the same settings keep it', () => {
    const caches = new StageCaches();
    caches.configure('dev', readStageCache({ cacheClusterEnabled: true }));
    caches.put('dev', 'a', entry(1000));
    caches.put('dev', 'b', entry(1000));
    caches.invalidate('dev', 'a');
    expect(caches.size('dev')).toBe(1);
    caches.configure('dev', readStageCache({ cacheClusterEnabled: true }));
    expect(caches.size('dev')).toBe(1);
    caches.configure('dev', readStageCache({ cacheClusterEnabled: true, cacheClusterSize: '1.6' }));
    expect(caches.size('dev')).toBe(0);
    caches.put('dev', 'c', entry(1000));
    caches.flush('dev');
    expect(caches.size('dev')).toBe(0);
  });
});
