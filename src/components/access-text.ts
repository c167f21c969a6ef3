/**
 * Words for an example's access setup (manifest `access`, issue #11), as the sandbox shows it next to the request: a
 * user pool user's groups and scopes, an API key's usage plan limits. Pure: used at build time by Sandbox.astro.
 */
import type { ExampleAccess } from '../examples/types.js';

type User = NonNullable<ExampleAccess['users']>[number];
type Plan = NonNullable<ExampleAccess['usagePlans']>[number];

const PERIODS: Record<string, string> = { DAY: 'day', WEEK: 'week', MONTH: 'month' };

/** `groups admin, readers · scopes items/read`, or `no groups` for a user with neither. */
export function userDetailText(user: User): string {
  const parts: string[] = [];
  if (user.groups?.length) parts.push(`group${user.groups.length === 1 ? '' : 's'} ${user.groups.join(', ')}`);
  if (user.scopes?.length) parts.push(`scope${user.scopes.length === 1 ? '' : 's'} ${user.scopes.join(', ')}`);
  return parts.length ? parts.join(' · ') : 'no groups';
}

/**
 * An API key's plan and its limits: `usage plan basic: 10 requests per second, bursts of 5, 3 requests per day`; a key
 * in no named plan is in the default plan, without limits (as `--api-key VALUE` without `=PLAN`).
 */
export function planLimitsText(planName: string | undefined, plans: ExampleAccess['usagePlans'] = []): string {
  if (planName === undefined) return 'default usage plan, no limits';
  const plan: Plan | undefined = plans.find((p) => p.name === planName);
  if (!plan) throw new Error(`access: an API key names the usage plan "${planName}", which usagePlans does not list`);
  const limits: string[] = [];
  if (plan.throttle) {
    limits.push(
      `${plan.throttle.rateLimit} request${plan.throttle.rateLimit === 1 ? '' : 's'} per second`,
      `bursts of ${plan.throttle.burstLimit}`,
    );
  }
  if (plan.quota) {
    limits.push(
      `${plan.quota.limit} request${plan.quota.limit === 1 ? '' : 's'} per ${PERIODS[plan.quota.period] ?? plan.quota.period}`,
    );
  }
  return `usage plan ${plan.name}: ${limits.length ? limits.join(', ') : 'no limits'}`;
}

/** What the sandbox says about its session: what lives on from one Run to the next, and what deploys afresh. */
export function sessionText(authorizer: boolean, apiKeys: boolean): string {
  const kept = [authorizer ? "the authorizer's cache" : '', apiKeys ? "the usage plans' counters" : ''].filter(Boolean);
  // "the cache carries", "the counters carry", "the cache and the counters carry".
  const verb = authorizer && !apiKeys ? 'carries' : 'carry';
  const lives = kept.length ? `: ${kept.join(' and ')} ${verb} over from one Run to the next` : '';
  return `Runs share this sandbox's deployment${lives}. Editing the code or the definition deploys afresh (so does Reset).`;
}
