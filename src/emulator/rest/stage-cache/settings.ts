/**
 * The stage cache's settings as `aws apigateway get-stage` prints them (`cacheClusterEnabled`, `cacheClusterSize`,
 * `methodSettings` keyed `*\/*` or `{resourcePath}/{METHOD}`, `/` written `~1`), and what they come to for one method.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html
 */

/** How a method answers a `Cache-Control: max-age=0` request it does not authorize (MethodSetting). */
export type UnauthorizedCacheControlHeaderStrategy =
  'FAIL_WITH_403' | 'SUCCEED_WITH_RESPONSE_HEADER' | 'SUCCEED_WITHOUT_RESPONSE_HEADER';

/** The caching fields of one `methodSettings` entry (its throttling fields are read elsewhere). */
export interface MethodCacheSettingInput {
  cachingEnabled?: boolean;
  cacheTtlInSeconds?: number;
  requireAuthorizationForCacheControl?: boolean;
  unauthorizedCacheControlHeaderStrategy?: UnauthorizedCacheControlHeaderStrategy;
  [other: string]: unknown;
}

/** The stage's cache fields, as get-stage prints them. */
export interface StageCacheInput {
  cacheClusterEnabled?: boolean;
  cacheClusterSize?: string;
  /** Entries are checked at run time (a get-stage JSON file is read as it is). */
  methodSettings?: Record<string, unknown>;
}

/** What the cache does for one method. */
export interface MethodCache {
  ttlSeconds: number;
  requireAuthorizationForCacheControl: boolean;
  unauthorizedCacheControlHeaderStrategy: UnauthorizedCacheControlHeaderStrategy;
}

/** "The default TTL value for API caching is 300 seconds. The maximum TTL value is 3600 seconds." (api-gateway-caching.html) */
export const DEFAULT_TTL_SECONDS = 300;
export const MAX_TTL_SECONDS = 3600;

/** cacheClusterSize's values, in GB. https://docs.aws.amazon.com/apigateway/latest/api/API_CreateStage.html */
export const CACHE_CLUSTER_SIZES = ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237'] as const;

const STRATEGIES: readonly string[] = [
  'FAIL_WITH_403',
  'SUCCEED_WITH_RESPONSE_HEADER',
  'SUCCEED_WITHOUT_RESPONSE_HEADER',
];

/** A stage's cache settings, checked, with method keys decoded (`~1items/GET` → `/items GET`). */
export interface StageCacheSettings {
  enabled: boolean;
  size: string;
  /** `*\/*`'s settings, or an empty object. */
  all: MethodCacheSettingInput;
  /** Per `{resourcePath} {METHOD}`. */
  methods: Map<string, MethodCacheSettingInput>;
}

/** Checks a stage's cache fields; throws an Error naming each bad field. */
export function readStageCache(input: StageCacheInput): StageCacheSettings {
  const problems: string[] = [];
  if (input.cacheClusterEnabled !== undefined && typeof input.cacheClusterEnabled !== 'boolean')
    problems.push('cacheClusterEnabled must be true or false');
  const size = input.cacheClusterSize ?? '0.5';
  if (!(CACHE_CLUSTER_SIZES as readonly string[]).includes(String(size)))
    problems.push(`cacheClusterSize must be one of ${CACHE_CLUSTER_SIZES.join(', ')} (it is "${String(size)}")`);
  let all: MethodCacheSettingInput = {};
  const methods = new Map<string, MethodCacheSettingInput>();
  for (const [key, entry] of Object.entries(input.methodSettings ?? {})) {
    const where = `methodSettings["${key}"]`;
    if (typeof entry !== 'object' || entry === null) {
      problems.push(`${where} is not an object`);
      continue;
    }
    const value = entry as MethodCacheSettingInput;
    checkSetting(value, where, problems);
    if (key === '*/*') {
      all = value;
      continue;
    }
    const slash = key.lastIndexOf('/');
    const method = key.slice(slash + 1).toUpperCase();
    if (slash <= 0 || !/^[A-Z]+$/.test(method)) {
      problems.push(`${where}: a key is "*/*" or "{resourcePath}/{METHOD}" with ~1 for "/" (e.g. "~1items/GET")`);
      continue;
    }
    let path = key.slice(0, slash).replaceAll('~1', '/');
    if (!path.startsWith('/')) path = `/${path}`;
    methods.set(`${path} ${method}`, value);
  }
  if (problems.length) throw new Error(`stage cache settings: ${problems.join('; ')}`);
  return { enabled: input.cacheClusterEnabled === true, size: String(size), all, methods };
}

function checkSetting(value: MethodCacheSettingInput, where: string, problems: string[]): void {
  if (value.cachingEnabled !== undefined && typeof value.cachingEnabled !== 'boolean')
    problems.push(`${where}.cachingEnabled must be true or false`);
  const ttl = value.cacheTtlInSeconds;
  if (ttl !== undefined && !(Number.isInteger(ttl) && ttl >= 0 && ttl <= MAX_TTL_SECONDS))
    problems.push(`${where}.cacheTtlInSeconds must be an integer from 0 to ${MAX_TTL_SECONDS} (it is ${String(ttl)})`);
  if (
    value.requireAuthorizationForCacheControl !== undefined &&
    typeof value.requireAuthorizationForCacheControl !== 'boolean'
  )
    problems.push(`${where}.requireAuthorizationForCacheControl must be true or false`);
  const strategy = value.unauthorizedCacheControlHeaderStrategy;
  if (strategy !== undefined && !STRATEGIES.includes(strategy))
    problems.push(`${where}.unauthorizedCacheControlHeaderStrategy must be one of ${STRATEGIES.join(', ')}`);
}

/**
 * The cache for one method, or null when it is not cached: no cache cluster, caching not enabled, or a TTL of 0
 * ("TTL=0 means caching is disabled"). `*\/*` enables GET only: "When you enable caching for a stage, only GET methods
 * have caching enabled by default"; other methods need their own override (api-gateway-caching.html). A method's own
 * entry overrides `*\/*` field by field.
 */
export function methodCache(
  settings: StageCacheSettings,
  resourcePath: string,
  httpMethod: string,
): MethodCache | null {
  if (!settings.enabled) return null;
  const own = settings.methods.get(`${resourcePath} ${httpMethod}`);
  const all = settings.all;
  const enabled = own?.cachingEnabled ?? (httpMethod === 'GET' ? all.cachingEnabled : undefined) ?? false;
  if (!enabled) return null;
  const ttlSeconds = own?.cacheTtlInSeconds ?? all.cacheTtlInSeconds ?? DEFAULT_TTL_SECONDS;
  if (ttlSeconds === 0) return null;
  return {
    ttlSeconds,
    // get-stage's defaults for a new method setting: authorization required, SUCCEED_WITH_RESPONSE_HEADER.
    requireAuthorizationForCacheControl:
      own?.requireAuthorizationForCacheControl ?? all.requireAuthorizationForCacheControl ?? true,
    unauthorizedCacheControlHeaderStrategy:
      own?.unauthorizedCacheControlHeaderStrategy ??
      all.unauthorizedCacheControlHeaderStrategy ??
      'SUCCEED_WITH_RESPONSE_HEADER',
  };
}
