import { describe, expect, it } from 'vitest';
import { ACCOUNT_DEFAULT_LIMITS, ThrottleRegistry } from '../../../../src/emulator/rest/throttling/stage-throttles.js';

const THROTTLING = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html';

/** A registry on a clock the test moves. */
function setup() {
  let now = 1_000_000;
  const registry = new ThrottleRegistry(() => now);
  return { registry, advance: (ms: number) => void (now += ms) };
}

describe(`stage and method token buckets (${THROTTLING})`, () => {
  it('the burst passes, the next request is throttled by the method, and the bucket refills at the rate', () => {
    const { registry, advance } = setup();
    registry.putStage('dev', { '*/*': { throttlingRateLimit: 2, throttlingBurstLimit: 3 } });
    const take = () => registry.admit('dev', '/pets', 'GET');
    expect([take(), take(), take(), take()]).toEqual([null, null, null, 'method']);
    advance(499);
    expect(take()).toBe('method');
    advance(1);
    expect(take()).toBeNull();
    advance(10_000);
    expect([take(), take(), take(), take()]).toEqual([null, null, null, 'method']);
  });

  it('each method has its own bucket; other stages are not throttled', () => {
    const { registry } = setup();
    registry.putStage('dev', { '*/*': { throttlingRateLimit: 1, throttlingBurstLimit: 1 } });
    expect(registry.admit('dev', '/pets', 'GET')).toBeNull();
    expect(registry.admit('dev', '/pets', 'GET')).toBe('method');
    expect(registry.admit('dev', '/pets', 'POST')).toBeNull();
    expect(registry.admit('prod', '/pets', 'GET')).toBeNull();
    expect(registry.admit('prod', '/pets', 'GET')).toBeNull();
  });

  it('putting the stage again refills its buckets; settings without throttling clear them', () => {
    const { registry } = setup();
    registry.putStage('dev', { '*/*': { throttlingRateLimit: 1, throttlingBurstLimit: 1 } });
    registry.admit('dev', '/', 'GET');
    expect(registry.admit('dev', '/', 'GET')).toBe('method');
    registry.putStage('dev', { '*/*': { throttlingRateLimit: 1, throttlingBurstLimit: 1 } });
    expect(registry.admit('dev', '/', 'GET')).toBeNull();
    registry.putStage('dev', undefined);
    for (let i = 0; i < 5; i++) expect(registry.admit('dev', '/', 'GET')).toBeNull();
  });

  it('bad settings throw and leave the stage as it was', () => {
    const { registry } = setup();
    registry.putStage('dev', { '*/*': { throttlingRateLimit: 1, throttlingBurstLimit: 1 } });
    expect(() => registry.putStage('dev', { '*/*': { throttlingBurstLimit: null } })).toThrow('throttlingBurstLimit');
    registry.admit('dev', '/', 'GET');
    expect(registry.admit('dev', '/', 'GET')).toBe('method');
  });
});

describe(`the account bucket (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html, ${THROTTLING})`, () => {
  it("defaults to AWS's 10,000 requests per second with a burst of 5,000", () => {
    expect(ACCOUNT_DEFAULT_LIMITS).toEqual({ rateLimit: 10_000, burstLimit: 5_000 });
    const { registry } = setup();
    registry.setAccountLimits();
    let passed = 0;
    while (registry.admit('dev', '/', 'GET') === null && passed < 10_000) passed++;
    expect(passed).toBe(5_000);
  });

  it('is off until set, and is shared by every stage and method; the method is checked first', () => {
    const { registry, advance } = setup();
    for (let i = 0; i < 10; i++) expect(registry.admit('a', '/', 'GET')).toBeNull();
    registry.setAccountLimits({ rateLimit: 1, burstLimit: 2 });
    registry.putStage('b', { '~1x/GET': { throttlingRateLimit: 1, throttlingBurstLimit: 0 } });
    expect(registry.admit('b', '/x', 'GET')).toBe('method');
    expect(registry.admit('a', '/', 'GET')).toBeNull();
    expect(registry.admit('b', '/y', 'POST')).toBeNull();
    expect(registry.admit('a', '/z', 'PUT')).toBe('account');
    advance(1000);
    expect(registry.admit('a', '/z', 'PUT')).toBeNull();
    registry.setAccountLimits(null);
    expect(registry.admit('a', '/z', 'PUT')).toBeNull();
  });
});
