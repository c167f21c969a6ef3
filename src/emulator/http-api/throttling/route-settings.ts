/**
 * An HTTP API stage's throttling: its `defaultRouteSettings` (every route without its own setting) and
 * `routeSettings` keyed by route key (`GET /items`, `ANY /{proxy+}`, `$default`), each with `throttlingBurstLimit`
 * and `throttlingRateLimit`. Route-level throttling overrides the stage's default.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-stages-stagename.html (RouteSettings)
 */
import { readThrottleLimits, type LimitFieldNames, type ThrottleLimits } from '../../shared/throttling/limits.js';

/** One RouteSettings object, as UpdateStage takes it (camelCase, the API's JSON). */
export interface RouteSettingInput {
  throttlingBurstLimit?: number;
  throttlingRateLimit?: number;
  detailedMetricsEnabled?: boolean;
  /** WebSocket APIs only (AWS ignores them for HTTP APIs); accepted. */
  dataTraceEnabled?: boolean;
  loggingLevel?: 'ERROR' | 'INFO' | 'OFF';
}

/** The throttling of a stage's route settings: the stage's default, and per route key. */
export interface RouteThrottleSettings {
  /** `defaultRouteSettings`: every route without its own throttle; null without one. */
  readonly stageDefault: ThrottleLimits | null;
  /** Route key → limits. */
  readonly byRouteKey: ReadonlyMap<string, ThrottleLimits>;
}

/** How a document spells the settings' fields: UpdateStage's camelCase, or the PascalCase the AWS CLI prints. */
export interface RouteSettingsNaming {
  defaultRouteSettings: string;
  routeSettings: string;
  limits: LimitFieldNames;
  /** The RouteSettings fields besides the limits. */
  others: readonly string[];
}

/** UpdateStage's spelling (HttpApiGateway.putStage). */
export const CAMEL_CASE: RouteSettingsNaming = {
  defaultRouteSettings: 'defaultRouteSettings',
  routeSettings: 'routeSettings',
  limits: { rate: 'throttlingRateLimit', burst: 'throttlingBurstLimit' },
  others: ['detailedMetricsEnabled', 'dataTraceEnabled', 'loggingLevel'],
};

/** `aws apigatewayv2 get-stage`'s spelling (`--stage-config`). */
export const PASCAL_CASE: RouteSettingsNaming = {
  defaultRouteSettings: 'DefaultRouteSettings',
  routeSettings: 'RouteSettings',
  limits: { rate: 'ThrottlingRateLimit', burst: 'ThrottlingBurstLimit' },
  others: ['DetailedMetricsEnabled', 'DataTraceEnabled', 'LoggingLevel'],
};

/** Route keys: `$default`, or a method (or ANY) and a path. https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html */
const ROUTE_KEY = /^(\$default|(ANY|GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) \/\S*)$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks one RouteSettings object's fields (unknown ones are refused, naming them) and reads its limits. */
function readSetting(
  where: string,
  setting: unknown,
  naming: RouteSettingsNaming,
  fallback: ThrottleLimits | null,
): ThrottleLimits | null {
  if (!isObject(setting)) throw new Error(`${where}: expected an object`);
  for (const field of Object.keys(setting)) {
    if (field !== naming.limits.rate && field !== naming.limits.burst && !naming.others.includes(field)) {
      throw new Error(
        `${where}: unknown field "${field}" (RouteSettings has ${[naming.limits.burst, naming.limits.rate, ...naming.others].join(', ')})`,
      );
    }
  }
  return readThrottleLimits(where, setting, naming.limits, fallback);
}

/**
 * The throttling in a stage's `defaultRouteSettings` and `routeSettings` (undefined or {} when it has none); null when
 * nothing is throttled. A route's setting without one of the two limits takes it from the stage's default (assumed,
 * as REST's method settings inherit `*∕*`'s). Throws an Error naming the bad key or field (in `naming`'s spelling).
 */
export function parseRouteSettings(
  defaultRouteSettings: unknown,
  routeSettings: unknown,
  naming: RouteSettingsNaming = CAMEL_CASE,
): RouteThrottleSettings | null {
  const stageDefault =
    defaultRouteSettings === undefined || defaultRouteSettings === null
      ? null
      : readSetting(naming.defaultRouteSettings, defaultRouteSettings, naming, null);
  const byRouteKey = new Map<string, ThrottleLimits>();
  if (routeSettings !== undefined && routeSettings !== null) {
    if (!isObject(routeSettings))
      throw new Error(`${naming.routeSettings}: expected an object keyed by route key (e.g. "GET /items")`);
    for (const [key, value] of Object.entries(routeSettings)) {
      const where = `${naming.routeSettings}["${key}"]`;
      if (!ROUTE_KEY.test(key))
        throw new Error(`${where}: expected a route key such as "GET /items", "ANY /{proxy+}" or "$default"`);
      const limits = readSetting(where, value, naming, stageDefault);
      if (limits) byRouteKey.set(key, limits);
    }
  }
  return stageDefault !== null || byRouteKey.size > 0 ? { stageDefault, byRouteKey } : null;
}

/** The limits of one route on the stage: its own setting, else the stage's default; null when neither throttles it. */
export function routeLimitsFor(settings: RouteThrottleSettings, routeKey: string): ThrottleLimits | null {
  return settings.byRouteKey.get(routeKey) ?? settings.stageDefault;
}
