import { describe, expect, it } from 'vitest';
import { methodCache, readStageCache } from '../../../../src/emulator/rest/stage-cache/settings.js';

/** Stage cache settings as get-stage prints them. https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html */
describe('readStageCache and methodCache (api-gateway-caching.html)', () => {
  it('decodes ~1 in method keys and lets a method override */* field by field', () => {
    const settings = readStageCache({
      cacheClusterEnabled: true,
      methodSettings: {
        '*/*': { cachingEnabled: true, cacheTtlInSeconds: 60, unauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403' },
        '~1items~1{id}/GET': { cacheTtlInSeconds: 5 },
      },
    });
    expect(methodCache(settings, '/items/{id}', 'GET')).toEqual({
      ttlSeconds: 5,
      requireAuthorizationForCacheControl: true,
      unauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403',
    });
    expect(methodCache(settings, '/other', 'GET')?.ttlSeconds).toBe(60);
  });

  it('"only GET methods have caching enabled by default": */* leaves DELETE uncached, its own entry caches it', () => {
    const settings = readStageCache({
      cacheClusterEnabled: true,
      methodSettings: { '*/*': { cachingEnabled: true }, '~1a/DELETE': { cachingEnabled: true } },
    });
    expect(methodCache(settings, '/b', 'DELETE')).toBeNull();
    expect(methodCache(settings, '/a', 'DELETE')?.ttlSeconds).toBe(300);
  });

  it('a method can turn caching off under */*; no cluster caches nothing; "TTL=0 means caching is disabled"', () => {
    const on = { '*/*': { cachingEnabled: true } };
    expect(
      methodCache(
        readStageCache({ cacheClusterEnabled: true, methodSettings: { ...on, '~1a/GET': { cachingEnabled: false } } }),
        '/a',
        'GET',
      ),
    ).toBeNull();
    expect(methodCache(readStageCache({ methodSettings: on }), '/a', 'GET')).toBeNull();
    expect(
      methodCache(
        readStageCache({
          cacheClusterEnabled: true,
          methodSettings: { '*/*': { cachingEnabled: true, cacheTtlInSeconds: 0 } },
        }),
        '/a',
        'GET',
      ),
    ).toBeNull();
  });

  it('refuses bad fields, naming each', () => {
    expect(() =>
      readStageCache({
        cacheClusterSize: '2',
        methodSettings: {
          items: { cachingEnabled: true },
          '*/*': { cacheTtlInSeconds: -1, unauthorizedCacheControlHeaderStrategy: 'NO' as 'FAIL_WITH_403' },
        },
      }),
    ).toThrow(
      /cacheClusterSize must be one of 0\.5, 1\.6.*methodSettings\["items"\]: a key is.*cacheTtlInSeconds must be an integer from 0 to 3600 \(it is -1\).*unauthorizedCacheControlHeaderStrategy must be one of/,
    );
  });
});
