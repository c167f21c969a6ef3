import { ACCOUNT_DEFAULT_LIMITS, type ThrottleLimits } from '../../shared/throttling/limits.js';
import { StageBuckets } from '../../shared/throttling/stage-buckets.js';
import { routeLimitsFor, type RouteThrottleSettings } from './route-settings.js';

/** Which limit refused a request: the route's (its own setting or the stage's default route settings) or the account's. */
export type ThrottledBy = 'route' | 'account';

/**
 * The route token buckets of an HTTP API gateway's stages, and the account's (opt-in: off until `setAccountLimits`),
 * on the buckets REST APIs share (shared/throttling/stage-buckets.ts): a request takes a token from its route's
 * bucket, then from the account's. https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html
 */
export class RouteThrottleRegistry {
  readonly #buckets: StageBuckets<RouteThrottleSettings>;

  constructor(now: () => number) {
    this.#buckets = new StageBuckets(now, routeLimitsFor);
  }

  /** Sets (or, with null, clears) a stage's route throttling; its buckets start full again. */
  putParsed(stageName: string, settings: RouteThrottleSettings | null): void {
    this.#buckets.put(stageName, settings);
  }

  /** Throttles every request of the gateway (all its APIs and stages) by the account's limits; null turns it off. */
  setAccountLimits(limits: ThrottleLimits | null = ACCOUNT_DEFAULT_LIMITS): void {
    this.#buckets.setAccountLimits(limits);
  }

  /** Takes a token from the route's bucket, then the account's: null when the request may pass. */
  admit(stageName: string, routeKey: string): ThrottledBy | null {
    const by = this.#buckets.admit(stageName, routeKey);
    return by === 'stage' ? 'route' : by;
  }
}
