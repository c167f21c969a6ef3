import { describe, expect, it } from 'vitest';
import { ApiKeyRegistry, periodStartOf } from '../../../../src/emulator/rest/api-keys/registry.js';

const KEY = 'abcdefghijklmnopqrst0123'; // 24 characters
const T0 = Date.UTC(2026, 11, 3, 10, 0, 0); // Thursday 2026-12-03 10:00 UTC

function setup(
  plan: Parameters<ApiKeyRegistry['putUsagePlan']>[0] = { name: 'basic', apiStages: [{ apiId: 'api1', stage: 'dev' }] },
) {
  let t = T0;
  const registry = new ApiKeyRegistry(() => t);
  const key = registry.putApiKey({ id: 'k1', name: 'alice', value: KEY, enabled: true });
  registry.putUsagePlan(plan);
  registry.putUsagePlanKey(plan.name, key.id);
  return { registry, key, advance: (ms: number) => void (t += ms) };
}

describe('ApiKeyRegistry: keys (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateApiKey.html)', () => {
  it('refuses values shorter than 20 or longer than 128 characters, in AWS words (AWS-recorded, LocalStack test_create_api_key_with_invalid_value)', () => {
    const registry = new ApiKeyRegistry(() => T0);
    expect(() => registry.putApiKey({ value: 'short', enabled: true })).toThrow(
      'API Key value should be at least 20 characters',
    );
    expect(() => registry.putApiKey({ value: 'a'.repeat(129), enabled: true })).toThrow(
      'API Key value exceeds maximum size of 128 characters',
    );
  });

  it('generates a 40-character value when none is given, and a key is disabled unless enabled (CreateApiKey default, AWS-recorded)', () => {
    const registry = new ApiKeyRegistry(() => T0);
    const key = registry.putApiKey({});
    expect(key.value).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(key.enabled).toBe(false);
  });

  it('refuses one value for two keys', () => {
    const registry = new ApiKeyRegistry(() => T0);
    registry.putApiKey({ id: 'a', value: KEY, enabled: true });
    expect(() => registry.putApiKey({ id: 'b', value: KEY, enabled: true })).toThrow(/already exists/);
  });
});

describe('ApiKeyRegistry.admit (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html)', () => {
  it('admits a key of a plan on the API stage, and refuses an unknown value', () => {
    const { registry } = setup();
    expect(registry.admit(KEY, 'api1', 'dev')).toMatchObject({ ok: true, key: { id: 'k1' }, plan: { name: 'basic' } });
    expect(registry.admit(`${KEY}x`, 'api1', 'dev')).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('refuses a disabled key, and a key whose plan does not cover this API stage', () => {
    const { registry } = setup();
    expect(registry.admit(KEY, 'api1', 'prod')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(registry.admit(KEY, 'api2', 'dev')).toMatchObject({ ok: false, reason: 'invalid' });
    registry.putApiKey({ id: 'k1', value: KEY, enabled: false });
    expect(registry.admit(KEY, 'api1', 'dev')).toMatchObject({ ok: false, reason: 'invalid', detail: /disabled/ });
  });

  it('a key in no plan at all is refused', () => {
    const registry = new ApiKeyRegistry(() => T0);
    registry.putApiKey({ id: 'lonely', value: KEY, enabled: true });
    expect(registry.admit(KEY, 'api1', 'dev')).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('counts a DAY quota per key and resets it at 00:00 UTC', () => {
    const { registry, advance } = setup({
      name: 'basic',
      apiStages: [{ apiId: 'api1', stage: 'dev' }],
      quota: { limit: 2, period: 'DAY' },
    });
    expect(registry.admit(KEY, 'api1', 'dev').ok).toBe(true);
    expect(registry.admit(KEY, 'api1', 'dev').ok).toBe(true);
    const third = registry.admit(KEY, 'api1', 'dev');
    expect(third).toMatchObject({ ok: false, reason: 'quota' });
    expect(!third.ok && third.detail).toContain('Key quota exhausted for Usage Plan ID');
    advance(14 * 3_600_000); // 2026-12-04 00:00 UTC
    expect(registry.admit(KEY, 'api1', 'dev').ok).toBe(true);
  });

  it("subtracts the quota's offset in the first period only (API_QuotaSettings)", () => {
    const { registry, advance } = setup({
      name: 'basic',
      apiStages: [{ apiId: 'api1', stage: 'dev' }],
      quota: { limit: 3, period: 'DAY', offset: 2 },
    });
    expect(registry.admit(KEY, 'api1', 'dev').ok).toBe(true);
    expect(registry.admit(KEY, 'api1', 'dev')).toMatchObject({ ok: false, reason: 'quota' });
    advance(86_400_000);
    expect([1, 2, 3, 4].map(() => registry.admit(KEY, 'api1', 'dev').ok)).toEqual([true, true, true, false]);
  });

  it("throttles each key with the plan's token bucket (rateLimit per second, burstLimit at once)", () => {
    const { registry, advance } = setup({
      name: 'basic',
      apiStages: [{ apiId: 'api1', stage: 'dev' }],
      throttle: { rateLimit: 1, burstLimit: 2 },
    });
    expect([1, 2, 3].map(() => registry.admit(KEY, 'api1', 'dev'))).toMatchObject([
      { ok: true },
      { ok: true },
      { ok: false, reason: 'throttled' },
    ]);
    advance(1000);
    expect(registry.admit(KEY, 'api1', 'dev').ok).toBe(true);
  });

  it('a throttled request does not spend the quota', () => {
    const { registry } = setup({
      name: 'basic',
      apiStages: [{ apiId: 'api1', stage: 'dev' }],
      throttle: { rateLimit: 0, burstLimit: 1 },
      quota: { limit: 5, period: 'DAY' },
    });
    registry.admit(KEY, 'api1', 'dev');
    registry.admit(KEY, 'api1', 'dev');
    expect(registry.getUsage('basic', { startDate: '2026-12-03', endDate: '2026-12-03' }).items).toEqual({
      k1: [[1, 4]],
    });
  });

  it('refuses a key in two plans of the same API stage ("cannot reference multiple Usage Plans with the same API Stage")', () => {
    const { registry } = setup();
    registry.putUsagePlan({ name: 'other', apiStages: [{ apiId: 'api1', stage: 'dev' }] });
    expect(() => registry.putUsagePlanKey('other', 'k1')).toThrow(/multiple Usage Plans with the same API Stage/);
    registry.putUsagePlan({ name: 'prod', apiStages: [{ apiId: 'api1', stage: 'prod' }] });
    expect(() => registry.putUsagePlanKey('prod', 'k1')).not.toThrow();
  });

  it('refuses bad plans', () => {
    const registry = new ApiKeyRegistry(() => T0);
    expect(() =>
      registry.putUsagePlan({ name: 'p', apiStages: [], quota: { limit: 1, period: 'YEAR' as 'DAY' } }),
    ).toThrow(/DAY, WEEK or MONTH/);
    expect(() => registry.putUsagePlan({ name: 'p', apiStages: [], quota: { limit: -1, period: 'DAY' } })).toThrow(
      /whole number/,
    );
    expect(() =>
      registry.putUsagePlan({ name: 'p', apiStages: [], throttle: { rateLimit: 1, burstLimit: 1.5 } }),
    ).toThrow(/burstLimit/);
  });
});

describe('ApiKeyRegistry.getUsage (https://docs.aws.amazon.com/apigateway/latest/api/API_GetUsage.html)', () => {
  it('gives per key id one [used, remaining] per UTC day of the range, as get-usage prints it', () => {
    const { registry, advance } = setup({
      name: 'basic',
      apiStages: [{ apiId: 'api1', stage: 'dev' }],
      quota: { limit: 10, period: 'WEEK' },
    });
    registry.admit(KEY, 'api1', 'dev');
    registry.admit(KEY, 'api1', 'dev');
    advance(86_400_000); // Friday
    registry.admit(KEY, 'api1', 'dev');
    const usage = registry.getUsage('basic', { startDate: '2026-12-02', endDate: '2026-12-05' });
    expect(usage).toEqual({
      usagePlanId: expect.stringMatching(/^[a-z0-9]{6}$/),
      startDate: '2026-12-02',
      endDate: '2026-12-05',
      items: {
        k1: [
          [0, 10],
          [2, 8],
          [1, 7],
          [0, 7],
        ],
      },
    });
  });

  it('refuses an unknown plan and bad dates', () => {
    const { registry } = setup();
    expect(() => registry.getUsage('nope', { startDate: '2026-12-01', endDate: '2026-12-02' })).toThrow(
      /no usage plan/,
    );
    expect(() => registry.getUsage('basic', { startDate: '2026-13-01', endDate: '2026-12-02' })).toThrow(/dates/);
    expect(() => registry.getUsage('basic', { startDate: '2026-12-03', endDate: '2026-12-02' })).toThrow(/end date/);
  });
});

describe('periodStartOf', () => {
  it('a day, a week from Sunday (assumed) and a calendar month, in UTC', () => {
    expect(new Date(periodStartOf('DAY', T0)).toISOString()).toBe('2026-12-03T00:00:00.000Z');
    expect(new Date(periodStartOf('WEEK', T0)).toISOString()).toBe('2026-11-29T00:00:00.000Z');
    expect(new Date(periodStartOf('MONTH', T0)).toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });
});
