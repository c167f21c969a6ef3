import type { AnyGateway, QuotaPeriod } from '../emulator/index.js';
import { acceptsApiKeys, DEFAULT_PLAN, putApiKeysAndPlans } from '../runtime/api-key-setup.js';
import { CliError } from './errors.js';

/** A `--api-key VALUE[=PLAN]` flag. */
export interface ApiKeyFlag {
  value: string;
  /** The `--usage-plan` it belongs to; undefined → the default plan, without limits. */
  plan?: string;
}

/** A `--usage-plan NAME:rate=R,burst=B,quota=N/PERIOD` flag (every limit optional). */
export interface UsagePlanFlag {
  name: string;
  throttle?: { rateLimit: number; burstLimit: number };
  quota?: { limit: number; period: QuotaPeriod };
}

/** The plan keys given without `=PLAN` go to. */
export { DEFAULT_PLAN };

const PLAN_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const NUMBER = /^\d+(\.\d+)?$/;
const WHOLE = /^\d+$/;

/**
 * Parses `--api-key VALUE[=PLAN]`. A value has 20 to 128 characters, as API Gateway requires (CreateApiKey: "API Key
 * value should be at least 20 characters"), and no spaces or `=`.
 */
export function parseApiKeyFlag(spelled: string, value: string): ApiKeyFlag {
  const eq = value.indexOf('=');
  const key = eq < 0 ? value : value.slice(0, eq);
  const plan = eq < 0 ? undefined : value.slice(eq + 1);
  if (!/^[\x21-\x7e]+$/.test(key))
    throw new CliError(
      `${spelled} "${value}": expected VALUE[=PLAN], a key value of printable characters without spaces`,
    );
  if (key.length < 20 || key.length > 128)
    throw new CliError(
      `${spelled} "${value}": an API key value has 20 to 128 characters, as API Gateway requires (this one has ${key.length})`,
    );
  if (plan !== undefined && !PLAN_NAME.test(plan))
    throw new CliError(`${spelled} "${value}": "${plan}" is not a usage plan name (letters, digits, "-", "_", ".")`);
  return plan === undefined ? { value: key } : { value: key, plan };
}

/** Parses `--usage-plan NAME:rate=R,burst=B,quota=N/DAY|WEEK|MONTH` (each limit optional, rate and burst together). */
export function parseUsagePlanFlag(spelled: string, value: string): UsagePlanFlag {
  const fail = (why: string) =>
    new CliError(`${spelled} "${value}": ${why} (expected NAME:rate=R,burst=B,quota=N/DAY|WEEK|MONTH)`);
  const colon = value.indexOf(':');
  const name = colon < 0 ? value : value.slice(0, colon);
  if (!PLAN_NAME.test(name)) throw fail(`"${name}" is not a usage plan name (letters, digits, "-", "_", ".")`);
  const flag: UsagePlanFlag = { name };
  let rate: number | undefined;
  let burst: number | undefined;
  const rest = colon < 0 ? '' : value.slice(colon + 1);
  if (colon >= 0 && !rest) throw fail('no limits after ":"');
  for (const part of rest ? rest.split(',') : []) {
    const eq = part.indexOf('=');
    const field = eq < 0 ? part : part.slice(0, eq);
    const v = eq < 0 ? '' : part.slice(eq + 1);
    if (field === 'rate') {
      if (rate !== undefined) throw fail('rate is given twice');
      if (!NUMBER.test(v)) throw fail(`rate "${v}" is not a number of requests per second`);
      rate = Number(v);
    } else if (field === 'burst') {
      if (burst !== undefined) throw fail('burst is given twice');
      if (!WHOLE.test(v)) throw fail(`burst "${v}" is not a whole number of requests`);
      burst = Number(v);
    } else if (field === 'quota') {
      if (flag.quota) throw fail('quota is given twice');
      const m = /^(\d+)\/(DAY|WEEK|MONTH)$/i.exec(v);
      if (!m) throw fail(`quota "${v}" is not N/DAY, N/WEEK or N/MONTH`);
      flag.quota = { limit: Number(m[1]), period: m[2]!.toUpperCase() as QuotaPeriod };
    } else throw fail(`unknown limit "${field}"`);
  }
  if ((rate === undefined) !== (burst === undefined)) throw fail('rate and burst go together');
  if (rate !== undefined && burst !== undefined) flag.throttle = { rateLimit: rate, burstLimit: burst };
  return flag;
}

/** Checks that every key's plan is declared and no plan is declared twice. */
export function checkApiKeyFlags(keys: readonly ApiKeyFlag[], plans: readonly UsagePlanFlag[]): void {
  const names = new Set<string>();
  for (const plan of plans) {
    if (names.has(plan.name)) throw new CliError(`--usage-plan: plan "${plan.name}" is given twice`);
    names.add(plan.name);
  }
  const values = new Set<string>();
  for (const key of keys) {
    if (values.has(key.value)) throw new CliError(`--api-key: key "${key.value}" is given twice`);
    values.add(key.value);
    if (key.plan !== undefined && !names.has(key.plan))
      throw new CliError(
        `--api-key ${key.value}=${key.plan}: no usage plan "${key.plan}" (add --usage-plan ${key.plan}:…)`,
      );
  }
}

/**
 * Creates the keys and plans on the gateway: each plan covers every served stage, each key (enabled) joins its plan,
 * keys without a plan join the default plan, which has no limits (putApiKeysAndPlans, shared with the sandboxes).
 */
export function applyApiKeyFlags(
  gateway: AnyGateway,
  stages: readonly { apiId: string; stage: string }[],
  keys: readonly ApiKeyFlag[],
  plans: readonly UsagePlanFlag[],
): void {
  if (!keys.length && !plans.length) return;
  if (!acceptsApiKeys(gateway))
    throw new CliError('--api-key and --usage-plan: API keys and usage plans are a REST API feature (see --api-type)');
  putApiKeysAndPlans(gateway, stages, keys, plans);
}
