/**
 * Throttle limits as API Gateway's settings carry them, shared by REST APIs (`methodSettings`) and HTTP APIs
 * (`DefaultRouteSettings`, `RouteSettings`): a rate (tokens per second) and a burst (the bucket's capacity).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html
 */

/** A token bucket's two numbers: tokens per second, and the bucket's capacity. */
export interface ThrottleLimits {
  rateLimit: number;
  burstLimit: number;
}

/**
 * The account's default throttle per Region, for REST and HTTP APIs alike: 10,000 requests per second, a burst of
 * 5,000. https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
 */
export const ACCOUNT_DEFAULT_LIMITS: Readonly<ThrottleLimits> = Object.freeze({ rateLimit: 10_000, burstLimit: 5_000 });

/** How a settings document spells its two throttling fields, for messages (`throttlingRateLimit`, `ThrottlingRateLimit`). */
export interface LimitFieldNames {
  rate: string;
  burst: string;
}

function limitField(where: string, setting: Record<string, unknown>, field: string): number | undefined {
  const value = setting[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`${where}.${field}: expected a number (got ${JSON.stringify(value)})`);
  }
  return value;
}

/**
 * The limits one setting object sets (`where` names it in messages: `methodSettings["*∕*"]`). A limit it leaves out
 * is `fallback`'s (the stage-wide setting); a negative limit (AWS's -1) means no limit; null when it throttles
 * nothing. Throws an Error naming the field on a value that is no number, or on a setting that is no object.
 */
export function readThrottleLimits(
  where: string,
  setting: unknown,
  fields: LimitFieldNames,
  fallback: ThrottleLimits | null,
): ThrottleLimits | null {
  if (typeof setting !== 'object' || setting === null || Array.isArray(setting)) {
    throw new Error(`${where}: expected an object`);
  }
  const rate = limitField(where, setting as Record<string, unknown>, fields.rate);
  const burst = limitField(where, setting as Record<string, unknown>, fields.burst);
  if (rate === undefined && burst === undefined) return fallback;
  const rateLimit = rate ?? fallback?.rateLimit ?? -1;
  const burstLimit = burst ?? fallback?.burstLimit ?? -1;
  if (rateLimit < 0 && burstLimit < 0) return null;
  return {
    rateLimit: rateLimit < 0 ? Number.POSITIVE_INFINITY : rateLimit,
    burstLimit: burstLimit < 0 ? Number.POSITIVE_INFINITY : burstLimit,
  };
}
