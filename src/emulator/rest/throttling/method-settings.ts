/**
 * A stage's `methodSettings` as `aws apigateway get-stage` prints them, reduced to their throttling: keys `*∕*` (every
 * method of the stage) and `{resourcePath}/{METHOD}` with each `/` of the path written `~1` (`~1pets~1{id}/GET`), values
 * with `throttlingRateLimit` and `throttlingBurstLimit`. A method's own setting overrides `*∕*`.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_Stage.html (methodSettings)
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
 */
import { readThrottleLimits, type ThrottleLimits } from '../../shared/throttling/limits.js';

export type { ThrottleLimits } from '../../shared/throttling/limits.js';

/** One value of the `methodSettings` map (fields other than throttling are kept by others, and ignored here). */
export interface MethodSettingInput {
  throttlingRateLimit?: number;
  throttlingBurstLimit?: number;
  [field: string]: unknown;
}

/** The throttling a stage's method settings set: the `*∕*` default, and per `resourcePath` and method. */
export interface StageThrottleSettings {
  /** `*∕*`: every method without its own setting; null without one. */
  readonly stageWide: ThrottleLimits | null;
  /** `resourcePath` → METHOD → limits. */
  readonly byMethod: ReadonlyMap<string, ReadonlyMap<string, ThrottleLimits>>;
}

const STAGE_WIDE = '*/*';

/** Decodes a methodSettings key's path as get-stage escapes it (JSON Pointer: `~1` is `/`, `~0` is `~`). */
export function unescapeSettingPath(escaped: string): string {
  return escaped.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Splits a methodSettings key into its resource path and method; throws on a key of another shape. */
export function parseSettingKey(key: string): { resourcePath: string; httpMethod: string } {
  const slash = key.lastIndexOf('/');
  const method = key.slice(slash + 1);
  const path = unescapeSettingPath(key.slice(0, slash));
  if (slash <= 0 || !/^([A-Z]+|\*)$/.test(method) || !path.startsWith('/')) {
    throw new Error(
      `methodSettings key "${key}": expected "*/*" or "{resourcePath}/{METHOD}" with ~1 for "/" (e.g. "~1pets/GET")`,
    );
  }
  return { resourcePath: path, httpMethod: method };
}

const FIELDS = { rate: 'throttlingRateLimit', burst: 'throttlingBurstLimit' };

/** Throws (naming the field) on a value that is no number; a negative limit (AWS's -1) means no limit. */
const limitsOf = (key: string, setting: unknown, fallback: ThrottleLimits | null) =>
  readThrottleLimits(`methodSettings["${key}"]`, setting, FIELDS, fallback);

/**
 * The throttling in a stage's `methodSettings` (undefined or {} when it has none). Throws an Error naming the bad key or
 * field. A method's setting without one of the two limits takes it from `*∕*`.
 */
export function parseMethodSettings(input: unknown): StageThrottleSettings | null {
  if (input === undefined || input === null) return null;
  if (typeof input !== 'object' || Array.isArray(input)) throw new Error('methodSettings: expected an object');
  const entries = Object.entries(input as Record<string, unknown>);
  const wide = (input as Record<string, unknown>)[STAGE_WIDE];
  const stageWide = wide === undefined ? null : limitsOf(STAGE_WIDE, wide, null);
  const byMethod = new Map<string, Map<string, ThrottleLimits>>();
  let any = stageWide !== null;
  for (const [key, value] of entries) {
    if (key === STAGE_WIDE) continue;
    const { resourcePath, httpMethod } = parseSettingKey(key);
    const limits = limitsOf(key, value, stageWide);
    if (!limits) continue;
    let methods = byMethod.get(resourcePath);
    if (!methods) byMethod.set(resourcePath, (methods = new Map()));
    methods.set(httpMethod, limits);
    any = true;
  }
  return any ? { stageWide, byMethod } : null;
}

/** The limits of one method on the stage: its own setting, else `*∕*`; null when neither throttles it. */
export function limitsFor(
  settings: StageThrottleSettings,
  resourcePath: string,
  httpMethod: string,
): ThrottleLimits | null {
  const methods = settings.byMethod.get(resourcePath);
  return (methods && (methods.get(httpMethod) ?? methods.get('*'))) ?? settings.stageWide;
}
