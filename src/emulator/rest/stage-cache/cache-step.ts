import { httpDate } from '../../shared/clf-time.js';
import { lastHeaderOf, type HeaderList } from '../../shared/headers.js';
import { GatewayError, type GatewayErrorResponse } from '../../shared/pipeline/gateway-error.js';
import { finishBuffered } from '../../shared/pipeline/gateway-result.js';
import type { RestRequestContext } from '../context.js';
import { REST_OMITTED_HEADERS } from '../steps/method-response.js';
import { cacheKeyOf } from './cache-key.js';
import { methodCache } from './settings.js';
import type { CachedResponse } from './store.js';

/** A cached method's entry key and TTL, and the entry found on a hit. */
export interface CachePending {
  key: string;
  ttlSeconds: number;
  hit?: CachedResponse;
}

/** What a cache hit throws: the gateway-response step answers it with the cached response (renderCacheHit). */
export const CACHE_HIT: GatewayErrorResponse = {
  type: 'CACHE_HIT',
  status: 200,
  body: '',
  contentType: '',
  errorType: '',
};

/**
 * A `Cache-Control: max-age=0` request the method does not authorize, under FAIL_WITH_403: "the request fails with
 * 403" (api-gateway-caching.html, "Invalidate an API Gateway cache entry"). AWS does not document the body or the
 * gateway response type: `{"message":"Forbidden"}` under ACCESS_DENIED is ASSUMED (no capture).
 */
export const CACHE_INVALIDATION_DENIED: GatewayErrorResponse = {
  type: 'ACCESS_DENIED',
  status: 403,
  body: '{"message":"Forbidden"}',
  contentType: 'application/json',
  errorType: 'AccessDeniedException',
};

/**
 * The stage cache's lookup, after the method request: for a cached method, a fresh entry answers the request
 * without calling the integration (it throws CACHE_HIT); a miss leaves `cachePending` for `storeInCache`. A client's
 * `Cache-Control: max-age=0` drops the entry when the method allows it: without `requireAuthorizationForCacheControl`,
 * or from a caller IAM authorization verified (AWS also wants `execute-api:InvalidateCache` in the caller's policy;
 * not checked here); an unauthorized one is refused 403 under FAIL_WITH_403 and ignored otherwise (AWS's warning
 * header under SUCCEED_WITH_RESPONSE_HEADER is not documented, so not sent).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html
 * Returns at once for a stage without cache settings or a method that is not cached.
 */
export function cache(context: RestRequestContext): void {
  const { stageCaches } = context.services;
  const stage = context.stage.name;
  const settings = stageCaches.settings(stage);
  if (settings === undefined) return;
  const cache = methodCache(settings, context.resource.path, context.methodModel.httpMethod);
  if (cache === null) return;
  const key = cacheKeyOf(
    {
      httpMethod: context.method,
      resourcePath: context.resource.path,
      rawQuery: context.url.query,
      rawHeaders: context.rawHeaders,
      lowerNames: context.lowerNames,
      pathParameters: context.pathParameters,
    },
    context.methodModel.cacheKeyParameters,
  );
  const control = lastHeaderOf(context.rawHeaders, context.lowerNames, 'cache-control');
  if (control !== null && /(^|[\s,])max-age\s*=\s*0(\s|,|$)/i.test(control)) {
    const authorized = !cache.requireAuthorizationForCacheControl || context.iamCaller !== null;
    if (authorized) {
      stageCaches.invalidate(stage, key);
      context.trace.cache = { status: 'invalidated', ttlSeconds: cache.ttlSeconds };
      context.cachePending = { key, ttlSeconds: cache.ttlSeconds };
      return;
    }
    if (cache.unauthorizedCacheControlHeaderStrategy === 'FAIL_WITH_403') {
      throw new GatewayError(
        CACHE_INVALIDATION_DENIED,
        'Cache-Control: max-age=0 from a caller not authorized to invalidate the cache (FAIL_WITH_403)',
      );
    }
  }
  const hit = stageCaches.get(stage, key, context.epochMs);
  if (hit) {
    context.trace.cache = { status: 'hit', ttlSeconds: cache.ttlSeconds };
    context.cachePending = { key, ttlSeconds: cache.ttlSeconds, hit };
    throw new GatewayError(CACHE_HIT, '');
  }
  context.trace.cache = { status: 'miss', ttlSeconds: cache.ttlSeconds };
  context.cachePending = { key, ttlSeconds: cache.ttlSeconds };
}

/** After the method response: a miss's buffered answer goes into the cache for its TTL. Returns at once otherwise. */
export function storeInCache(context: RestRequestContext): void {
  const pending = context.cachePending;
  if (pending === null || pending.hit) return;
  const result = context.result;
  if (result === undefined || result.body === undefined) return; // a streamed answer is not cached
  const { trace } = context;
  context.services.stageCaches.put(context.stage.name, pending.key, {
    status: trace.status,
    headers: trace.responseHeaders,
    body: result.body,
    expiresAt: context.epochMs + pending.ttlSeconds * 1000,
  });
}

/** Answers a cache hit: the cached status, headers and body, with this request's Date, request ids and trace id. */
export function renderCacheHit(context: RestRequestContext): void {
  const { trace, started } = context;
  const entry = context.cachePending!.hit!;
  // The headers that belong to one request get this request's values.
  const fresh = new Map<string, string>([
    ['date', httpDate(context.epochMs)],
    ['x-amzn-requestid', trace.requestId],
    ['x-amz-apigw-id', trace.extendedRequestId],
    ['x-amzn-trace-id', `${context.traceId};Sampled=0`],
  ]);
  const headers: HeaderList = entry.headers.map(([name, value]) => {
    const lower = name.toLowerCase();
    return [name, fresh.get(lower) ?? value];
  });
  context.result = finishBuffered(trace, started, entry.status, headers, entry.body, REST_OMITTED_HEADERS);
}
