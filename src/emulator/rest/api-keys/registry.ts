import { randomBytes, stableId } from '../../shared/ids.js';
import { TokenBucket } from '../../shared/token-bucket.js';

/**
 * API keys and usage plans: the control plane a REST gateway keeps beside its stages (CreateApiKey, CreateUsagePlan,
 * CreateUsagePlanKey, GetUsage), and what the apiKey step asks of it per request: which key a value names, the plan
 * that key has on the request's API stage, the plan's per-key throttle and quota, and the usage it counts.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
 */

/** An API key (CreateApiKey). https://docs.aws.amazon.com/apigateway/latest/api/API_CreateApiKey.html */
export interface ApiKey {
  id: string;
  name: string;
  value: string;
  enabled: boolean;
}

/** A quota's period. https://docs.aws.amazon.com/apigateway/latest/api/API_QuotaSettings.html */
export type QuotaPeriod = 'DAY' | 'WEEK' | 'MONTH';

/** `QuotaSettings`: at most `limit` requests per key per period, `offset` of them spent in the first period. */
export interface QuotaSettings {
  limit: number;
  period: QuotaPeriod;
  /** "The number of requests subtracted from the given limit in the initial time period" (API_QuotaSettings). */
  offset?: number;
}

/** `ThrottleSettings`: each key's token bucket. https://docs.aws.amazon.com/apigateway/latest/api/API_ThrottleSettings.html */
export interface ThrottleSettings {
  rateLimit: number;
  burstLimit: number;
}

/** A usage plan (CreateUsagePlan) with the keys added to it (CreateUsagePlanKey). */
export interface UsagePlan {
  id: string;
  name: string;
  apiStages: { apiId: string; stage: string }[];
  throttle?: ThrottleSettings;
  quota?: QuotaSettings;
}

/** GetUsage's answer as `aws apigateway get-usage` prints it: per key id, one `[used, remaining]` per UTC day. */
export interface Usage {
  usagePlanId: string;
  startDate: string;
  endDate: string;
  items: Record<string, [number, number][]>;
}

/** What the registry says of a key presented on an API stage. */
export type KeyVerdict =
  | { ok: true; key: ApiKey; plan: UsagePlan }
  /** Unknown, disabled, or in no usage plan of this API stage: 403 INVALID_API_KEY. */
  | { ok: false; reason: 'invalid'; detail: string }
  /** The key's quota for the current period is spent: 429 QUOTA_EXCEEDED. */
  | { ok: false; reason: 'quota'; detail: string }
  /** The key's token bucket is empty: 429 THROTTLED. */
  | { ok: false; reason: 'throttled'; detail: string };

const PERIODS: readonly QuotaPeriod[] = ['DAY', 'WEEK', 'MONTH'];
const DAY_MS = 86_400_000;
const KEY_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Per key and plan: the token bucket, the requests of the current quota period, and the requests per UTC day. */
interface KeyState {
  bucket: TokenBucket | null;
  periodStart: number;
  periodUsed: number;
  /** When the first period the key met began (the quota's `offset` applies to it). */
  firstPeriodStart: number;
  daily: Map<string, number>;
}

export class ApiKeyRegistry {
  readonly #keys = new Map<string, ApiKey>();
  readonly #keyIdsByValue = new Map<string, string>();
  readonly #plans = new Map<string, UsagePlan>();
  /** Plan name → key ids. */
  readonly #planKeys = new Map<string, Set<string>>();
  /** `${planId}\n${keyId}` → state. */
  readonly #state = new Map<string, KeyState>();

  constructor(private readonly now: () => number) {}

  /**
   * CreateApiKey (or replaces the key with the same id). The value has 20 to 128 characters, as AWS requires
   * (AWS-recorded: "API Key value should be at least 20 characters", "API Key value exceeds maximum size of 128
   * characters", LocalStack's test_create_api_key_with_invalid_value); without one, a 40-character value is generated.
   * A key is disabled unless `enabled` says otherwise, as CreateApiKey's default is (the same recording).
   */
  putApiKey(input: { id?: string; name?: string; value?: string; enabled?: boolean }): ApiKey {
    const value = input.value ?? generatedValue();
    if (value.length < 20) throw new Error('API Key value should be at least 20 characters');
    if (value.length > 128) throw new Error('API Key value exceeds maximum size of 128 characters');
    const name = input.name ?? '';
    if (name.length > 1024) throw new Error('Invalid API Key name, can be at most 1024 characters.');
    const id = input.id ?? stableId(`apikey:${value}`);
    const taken = this.#keyIdsByValue.get(value);
    if (taken !== undefined && taken !== id) throw new Error(`API Key value already exists (key ${taken})`);
    const previous = this.#keys.get(id);
    if (previous) this.#keyIdsByValue.delete(previous.value);
    const key: ApiKey = { id, name, value, enabled: input.enabled ?? false };
    this.#keys.set(id, key);
    this.#keyIdsByValue.set(value, id);
    return { ...key };
  }

  /** CreateUsagePlan (or replaces the plan with the same name, keeping its keys). */
  putUsagePlan(input: {
    name: string;
    apiStages: { apiId: string; stage: string }[];
    throttle?: ThrottleSettings;
    quota?: QuotaSettings;
  }): UsagePlan {
    if (!input.name) throw new Error('a usage plan needs a name');
    const { throttle, quota } = input;
    if (throttle && !(throttle.rateLimit >= 0 && throttle.burstLimit >= 0 && Number.isInteger(throttle.burstLimit)))
      throw new Error(`usage plan "${input.name}": throttle needs rateLimit ≥ 0 and a whole burstLimit ≥ 0`);
    if (quota) {
      if (!(Number.isInteger(quota.limit) && quota.limit >= 0))
        throw new Error(`usage plan "${input.name}": quota limit must be a whole number ≥ 0`);
      if (!PERIODS.includes(quota.period))
        throw new Error(`usage plan "${input.name}": quota period must be DAY, WEEK or MONTH`);
      if (quota.offset !== undefined && !(Number.isInteger(quota.offset) && quota.offset >= 0))
        throw new Error(`usage plan "${input.name}": quota offset must be a whole number ≥ 0`);
    }
    const plan: UsagePlan = {
      id: stableId(`usageplan:${input.name}`, 6),
      name: input.name,
      apiStages: input.apiStages.map((s) => ({ apiId: s.apiId, stage: s.stage })),
      ...(throttle ? { throttle: { ...throttle } } : {}),
      ...(quota ? { quota: { ...quota } } : {}),
    };
    this.#plans.set(plan.name, plan);
    if (!this.#planKeys.has(plan.name)) this.#planKeys.set(plan.name, new Set());
    // New limits start new buckets and periods; usage already counted stays.
    for (const [k, state] of this.#state) if (k.startsWith(`${plan.id}\n`)) state.bucket = null;
    return structuredClone(plan);
  }

  /**
   * CreateUsagePlanKey. A key may be in one plan per API stage only, as AWS refuses otherwise ("cannot reference
   * multiple Usage Plans with the same API Stage").
   */
  putUsagePlanKey(planName: string, keyId: string): void {
    const plan = this.#plans.get(planName);
    if (!plan) throw new Error(`no usage plan "${planName}"`);
    if (!this.#keys.has(keyId)) throw new Error(`no API key "${keyId}"`);
    for (const [otherName, keys] of this.#planKeys) {
      if (otherName === planName || !keys.has(keyId)) continue;
      const other = this.#plans.get(otherName)!;
      const shared = plan.apiStages.find((s) =>
        other.apiStages.some((o) => o.apiId === s.apiId && o.stage === s.stage),
      );
      if (shared)
        throw new Error(
          `API Key ${keyId} cannot reference multiple Usage Plans with the same API Stage: ${shared.apiId}:${shared.stage} (plans "${otherName}" and "${planName}")`,
        );
    }
    this.#planKeys.get(planName)!.add(keyId);
  }

  /** The API keys, in creation order. */
  apiKeys(): ApiKey[] {
    return [...this.#keys.values()].map((k) => ({ ...k }));
  }

  /** The usage plans, in creation order. */
  usagePlans(): UsagePlan[] {
    return [...this.#plans.values()].map((p) => structuredClone(p));
  }

  /**
   * Admits one request that presents `value` on `apiId`/`stage`: the key must exist, be enabled and be in a usage plan
   * of that API stage; then the plan's quota and throttle apply, in that order (assumed: AWS documents both answers,
   * not which it checks first), and an admitted request counts towards the key's quota and daily usage.
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html
   */
  admit(value: string, apiId: string, stage: string): KeyVerdict {
    const keyId = this.#keyIdsByValue.get(value);
    const key = keyId === undefined ? undefined : this.#keys.get(keyId);
    if (!key) return { ok: false, reason: 'invalid', detail: 'API Key not authorized because it does not exist' };
    if (!key.enabled) return { ok: false, reason: 'invalid', detail: `API Key ${key.id} is disabled` };
    const plan = this.#planOf(key.id, apiId, stage);
    if (!plan)
      return {
        ok: false,
        reason: 'invalid',
        detail: `API Key ${key.id} is in no usage plan of API stage ${apiId}/${stage}`,
      };
    const now = this.now();
    const state = this.#stateOf(plan, key.id, now);
    if (plan.quota) {
      const limit = plan.quota.limit - (state.periodStart === state.firstPeriodStart ? (plan.quota.offset ?? 0) : 0);
      if (state.periodUsed >= limit)
        return {
          ok: false,
          reason: 'quota',
          detail: `API Key ${key.id} exceeded quota limit for API Stage ${apiId}/${stage}: Key quota exhausted for Usage Plan ID ${plan.id}. Quota Limit: ${plan.quota.limit} Period: ${plan.quota.period}`,
        };
    }
    if (plan.throttle) {
      state.bucket ??= new TokenBucket(plan.throttle.rateLimit, plan.throttle.burstLimit, this.now);
      if (!state.bucket.tryTake())
        return {
          ok: false,
          reason: 'throttled',
          detail: `API Key ${key.id} exceeded throttle limit for API Stage ${apiId}/${stage}: Key throttle limit exceeded for Usage Plan ID ${plan.id}. Limit: ${plan.throttle.rateLimit.toFixed(2)} Burst: ${plan.throttle.burstLimit}`,
        };
    }
    state.periodUsed++;
    const day = utcDate(now);
    state.daily.set(day, (state.daily.get(day) ?? 0) + 1);
    return { ok: true, key: { ...key }, plan };
  }

  /**
   * GetUsage, as `aws apigateway get-usage --usage-plan-id … --start-date … --end-date …` prints it: per key of the
   * plan, one `[used, remaining]` per UTC day from `startDate` to `endDate` (YYYY-MM-DD, both included). "The usage
   * data, as daily logs of used and remaining quotas" (https://docs.aws.amazon.com/apigateway/latest/api/API_GetUsage.html;
   * the wire JSON calls the map `values`, the CLI and the SDKs `items`). `remaining` is what the quota had left at the
   * end of that day (assumed; 0 for a plan without a quota, also assumed).
   */
  getUsage(planName: string, range: { startDate: string; endDate: string; keyId?: string }): Usage {
    const plan = this.#plans.get(planName);
    if (!plan) throw new Error(`no usage plan "${planName}"`);
    const start = parseDate(range.startDate);
    const end = parseDate(range.endDate);
    if (start === null || end === null) throw new Error('startDate and endDate are dates such as 2016-01-01');
    if (end < start) throw new Error('The end date must be after the start date');
    const items: Record<string, [number, number][]> = {};
    for (const keyId of this.#planKeys.get(planName) ?? []) {
      if (range.keyId !== undefined && keyId !== range.keyId) continue;
      const state = this.#state.get(`${plan.id}\n${keyId}`);
      const days: [number, number][] = [];
      for (let t = start; t <= end; t += DAY_MS) {
        const used = state?.daily.get(utcDate(t)) ?? 0;
        days.push([used, plan.quota ? Math.max(0, this.#remainingAtEndOf(plan, state, t)) : 0]);
      }
      items[keyId] = days;
    }
    return { usagePlanId: plan.id, startDate: range.startDate, endDate: range.endDate, items };
  }

  /** The quota left at the end of day `dayStart`: the limit minus what the key used from its period's start to then. */
  #remainingAtEndOf(plan: UsagePlan, state: KeyState | undefined, dayStart: number): number {
    const quota = plan.quota!;
    const periodStart = periodStartOf(quota.period, dayStart);
    let used = 0;
    for (let t = periodStart; t <= dayStart; t += DAY_MS) used += state?.daily.get(utcDate(t)) ?? 0;
    const first = state ? state.firstPeriodStart === periodStart : true;
    return quota.limit - (first ? (quota.offset ?? 0) : 0) - used;
  }

  #planOf(keyId: string, apiId: string, stage: string): UsagePlan | undefined {
    for (const [name, keys] of this.#planKeys) {
      if (!keys.has(keyId)) continue;
      const plan = this.#plans.get(name)!;
      if (plan.apiStages.some((s) => s.apiId === apiId && s.stage === stage)) return plan;
    }
    return undefined;
  }

  #stateOf(plan: UsagePlan, keyId: string, now: number): KeyState {
    const k = `${plan.id}\n${keyId}`;
    const periodStart = plan.quota ? periodStartOf(plan.quota.period, now) : 0;
    let state = this.#state.get(k);
    if (!state) {
      state = { bucket: null, periodStart, periodUsed: 0, firstPeriodStart: periodStart, daily: new Map() };
      this.#state.set(k, state);
    } else if (state.periodStart !== periodStart) {
      state.periodStart = periodStart;
      state.periodUsed = 0;
    }
    return state;
  }
}

/**
 * When the quota period holding `epochMs` began, in UTC: the day, the week (from Sunday, assumed from the SDKs'
 * older QuotaSettings text "with a time period of WEEK, an offset of 0 starts on Sunday"), or the calendar month.
 */
export function periodStartOf(period: QuotaPeriod, epochMs: number): number {
  const day = Math.floor(epochMs / DAY_MS) * DAY_MS;
  if (period === 'DAY') return day;
  const date = new Date(day);
  if (period === 'WEEK') return day - date.getUTCDay() * DAY_MS;
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** `YYYY-MM-DD` of an instant, in UTC. */
function utcDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** A `YYYY-MM-DD` date → its UTC midnight, or null. */
function parseDate(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const t = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(t) || utcDate(t) !== text ? null : t;
}

/** A generated key value: 40 letters and digits. */
function generatedValue(): string {
  return Array.from(randomBytes(40), (b) => KEY_CHARS[b % KEY_CHARS.length]).join('');
}
