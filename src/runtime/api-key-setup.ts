/**
 * API keys and usage plans put on a gateway, as `apigw-lab serve --api-key VALUE[=PLAN] --usage-plan NAME:…` and an
 * example's `access` (the sandboxes, the tests) set them up: each plan covers every served stage, each key (enabled)
 * joins its plan, keys without a plan join the default plan, which has no limits. Pure (the emulator only).
 */
import { RestGateway, type AnyGateway, type QuotaPeriod } from '../emulator/index.js';

/** A key and the usage plan it joins (undefined → {@link DEFAULT_PLAN}). */
export interface ApiKeySetup {
  value: string;
  plan?: string;
}

/** A usage plan (every limit optional). */
export interface UsagePlanSetup {
  name: string;
  throttle?: { rateLimit: number; burstLimit: number };
  quota?: { limit: number; period: QuotaPeriod };
}

/** The plan keys given without a plan go to. */
export const DEFAULT_PLAN = 'default';

/** Whether the gateway can hold API keys (REST APIs only: HTTP APIs have no API keys or usage plans). */
export function acceptsApiKeys(gateway: AnyGateway): gateway is RestGateway {
  return gateway instanceof RestGateway;
}

/**
 * Creates the plans (over `stages`) and the keys on a REST API gateway. Throws a RangeError for an HTTP API gateway
 * or a key whose plan is not among `plans`.
 */
export function putApiKeysAndPlans(
  gateway: AnyGateway,
  stages: readonly { apiId: string; stage: string }[],
  keys: readonly ApiKeySetup[],
  plans: readonly UsagePlanSetup[],
): void {
  if (!keys.length && !plans.length) return;
  if (!acceptsApiKeys(gateway))
    throw new RangeError('API keys and usage plans are a REST API feature (this API is an HTTP API)');
  for (const key of keys)
    if (key.plan !== undefined && key.plan !== DEFAULT_PLAN && !plans.some((p) => p.name === key.plan))
      throw new RangeError(`API key "${key.value}" names usage plan "${key.plan}", which is not among the usage plans`);
  const apiStages = stages.map((s) => ({ apiId: s.apiId, stage: s.stage }));
  for (const plan of plans) gateway.putUsagePlan({ ...plan, apiStages });
  if (keys.some((k) => k.plan === undefined || k.plan === DEFAULT_PLAN) && !plans.some((p) => p.name === DEFAULT_PLAN))
    gateway.putUsagePlan({ name: DEFAULT_PLAN, apiStages });
  keys.forEach((key, i) => {
    const created = gateway.putApiKey({ name: `key${i + 1}`, value: key.value, enabled: true });
    gateway.putUsagePlanKey(key.plan ?? DEFAULT_PLAN, created.id);
  });
}
