import { describe, expect, it } from 'vitest';
import { ACCOUNT_DEFAULT_LIMITS, readThrottleLimits } from '../../../../src/emulator/shared/throttling/limits.js';
import { StageBuckets } from '../../../../src/emulator/shared/throttling/stage-buckets.js';

const REST = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html';
const HTTP = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html';
const FIELDS = { rate: 'rate', burst: 'burst' };

describe(`readThrottleLimits: one setting's two limits, as REST and HTTP APIs write them (${REST}, ${HTTP})`, () => {
  it('reads both limits; a missing one comes from the fallback; none at all is the fallback', () => {
    expect(readThrottleLimits('s', { rate: 1.5, burst: 3 }, FIELDS, null)).toEqual({ rateLimit: 1.5, burstLimit: 3 });
    expect(readThrottleLimits('s', { burst: 3 }, FIELDS, { rateLimit: 7, burstLimit: 9 })).toEqual({
      rateLimit: 7,
      burstLimit: 3,
    });
    expect(readThrottleLimits('s', { other: true }, FIELDS, null)).toBeNull();
  });

  it('a negative limit (AWS -1) is no limit; both negative throttle nothing', () => {
    expect(readThrottleLimits('s', { rate: -1, burst: 2 }, FIELDS, null)).toEqual({
      rateLimit: Number.POSITIVE_INFINITY,
      burstLimit: 2,
    });
    expect(readThrottleLimits('s', { rate: -1, burst: -1 }, FIELDS, null)).toBeNull();
  });

  it('names the field of a value that is no number, and a setting that is no object', () => {
    expect(() => readThrottleLimits('X["k"]', { rate: '5' }, FIELDS, null)).toThrow(
      'X["k"].rate: expected a number (got "5")',
    );
    expect(() => readThrottleLimits('X["k"]', [], FIELDS, null)).toThrow('X["k"]: expected an object');
  });

  it("the account default is AWS's per-Region quota: 10,000 requests per second, burst 5,000", () => {
    expect(ACCOUNT_DEFAULT_LIMITS).toEqual({ rateLimit: 10_000, burstLimit: 5_000 });
  });
});

describe(`StageBuckets: per stage one bucket per key, then the account's (${REST}, ${HTTP})`, () => {
  function setup() {
    let now = 0;
    const limits = new Map([['GET /a', { rateLimit: 1, burstLimit: 1 }]]);
    const buckets = new StageBuckets<Map<string, { rateLimit: number; burstLimit: number }>>(
      () => now,
      (settings, key) => settings.get(key) ?? null,
    );
    return { buckets, limits, advance: (ms: number) => void (now += ms) };
  }

  it('takes from the key bucket of the stage; keys without limits, and other stages, pass', () => {
    const { buckets, limits, advance } = setup();
    buckets.put('dev', limits);
    expect([buckets.admit('dev', 'GET /a'), buckets.admit('dev', 'GET /a')]).toEqual([null, 'stage']);
    expect([buckets.admit('dev', 'GET /b'), buckets.admit('dev', 'GET /b')]).toEqual([null, null]);
    expect([buckets.admit('prod', 'GET /a'), buckets.admit('prod', 'GET /a')]).toEqual([null, null]);
    advance(1000);
    expect(buckets.admit('dev', 'GET /a')).toBeNull();
  });

  it('put again refills; null clears; the account bucket is shared and checked after the stage', () => {
    const { buckets, limits } = setup();
    buckets.put('dev', limits);
    buckets.admit('dev', 'GET /a');
    buckets.put('dev', limits);
    expect(buckets.admit('dev', 'GET /a')).toBeNull();
    buckets.put('dev', null);
    expect(buckets.admit('dev', 'GET /a')).toBeNull();
    buckets.put('dev', limits);
    buckets.setAccountLimits({ rateLimit: 0, burstLimit: 1 });
    expect(buckets.admit('dev', 'GET /a')).toBeNull();
    expect(buckets.admit('dev', 'GET /a')).toBe('stage');
    expect(buckets.admit('prod', 'GET /x')).toBe('account');
    buckets.setAccountLimits(null);
    expect(buckets.admit('prod', 'GET /x')).toBeNull();
  });
});
