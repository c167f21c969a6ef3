/** The words the sandbox shows for an example's users and API keys (src/components/access-text.ts). */
import { describe, expect, it } from 'vitest';
import { planLimitsText, sessionText, userDetailText } from '../../src/components/access-text.js';

describe('userDetailText', () => {
  it("names a user's groups and scopes, singular or plural", () => {
    expect(userDetailText({ user: 'alice', groups: ['admin', 'readers'], scopes: ['items/read'] })).toBe(
      'groups admin, readers · scope items/read',
    );
    expect(userDetailText({ user: 'bob', groups: ['readers'] })).toBe('group readers');
    expect(userDetailText({ user: 'carol', groups: [] })).toBe('no groups');
  });
});

describe('planLimitsText', () => {
  const plans = [
    { name: 'basic', throttle: { rateLimit: 10, burstLimit: 5 }, quota: { limit: 3, period: 'DAY' as const } },
    { name: 'trial', quota: { limit: 1, period: 'MONTH' as const } },
    { name: 'open' },
  ];
  it("says a plan's throttle and quota", () => {
    expect(planLimitsText('basic', plans)).toBe(
      'usage plan basic: 10 requests per second, bursts of 5, 3 requests per day',
    );
    expect(planLimitsText('trial', plans)).toBe('usage plan trial: 1 request per month');
    expect(planLimitsText('open', plans)).toBe('usage plan open: no limits');
  });
  it('puts a key without a plan in the default plan, and refuses a plan the setup does not list', () => {
    expect(planLimitsText(undefined, plans)).toBe('default usage plan, no limits');
    expect(() => planLimitsText('gold', plans)).toThrow(/"gold"/);
  });
});

describe('sessionText', () => {
  it('says what lives on between Runs, in agreement with what it names', () => {
    expect(sessionText(true, false)).toBe(
      "Runs share this sandbox's deployment: the authorizer's cache carries over from one Run to the next. Editing the code or the definition deploys afresh (so does Reset).",
    );
    expect(sessionText(true, true)).toMatch(
      /^Runs share this sandbox's deployment: the authorizer's cache and the usage plans' counters carry over/,
    );
    expect(sessionText(false, true)).toContain(": the usage plans' counters carry over from one Run to the next.");
    expect(sessionText(false, false)).toBe(
      "Runs share this sandbox's deployment. Editing the code or the definition deploys afresh (so does Reset).",
    );
  });
});
