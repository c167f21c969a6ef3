import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../src/emulator/shared/token-bucket.js';

/** A clock the test moves by hand. */
function clock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('TokenBucket (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html)', () => {
  it('starts full: `burst` requests pass at once, the next is throttled', () => {
    const c = clock();
    const bucket = new TokenBucket(1, 3, c.now);
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, true, false]);
  });

  it('refills at `rate` tokens per second, never above `burst`', () => {
    const c = clock();
    const bucket = new TokenBucket(2, 2, c.now);
    bucket.tryTake();
    bucket.tryTake();
    expect(bucket.tryTake()).toBe(false);
    c.advance(499);
    expect(bucket.tryTake()).toBe(false); // 0.998 tokens
    c.advance(1);
    expect(bucket.tryTake()).toBe(true); // 1 token after 500 ms at 2/s
    c.advance(60_000);
    expect(bucket.available()).toBe(2);
  });

  it('a fractional rate refills slowly (0.5/s: one token every 2 s)', () => {
    const c = clock();
    const bucket = new TokenBucket(0.5, 1, c.now);
    expect(bucket.tryTake()).toBe(true);
    c.advance(1000);
    expect(bucket.tryTake()).toBe(false);
    c.advance(1000);
    expect(bucket.tryTake()).toBe(true);
  });

  it('a clock that goes back does not add tokens', () => {
    const c = clock(10_000);
    const bucket = new TokenBucket(10, 1, c.now);
    bucket.tryTake();
    c.advance(-5000);
    expect(bucket.tryTake()).toBe(false);
  });

  it('refuses a negative or NaN rate or burst', () => {
    expect(() => new TokenBucket(-1, 1, () => 0)).toThrow(RangeError);
    expect(() => new TokenBucket(1, Number.NaN, () => 0)).toThrow(RangeError);
  });
});
