import { ACCOUNT_DEFAULT_LIMITS, type ThrottleLimits } from '../../shared/throttling/limits.js';
import { StageBuckets } from '../../shared/throttling/stage-buckets.js';
import { limitsFor, parseMethodSettings, type StageThrottleSettings } from './method-settings.js';

export { ACCOUNT_DEFAULT_LIMITS };

/** Which limit refused a request: the method's (its own setting or the stage's `*∕*`) or the account's. */
export type ThrottledBy = 'method' | 'account';

/**
 * The stage and method token buckets of a REST gateway, and the account's (opt-in: off until `setAccountLimits`), on
 * the buckets HTTP APIs share (shared/throttling/stage-buckets.ts). Per-client usage-plan buckets live with the API
 * keys (api-keys/registry.ts), applied before these, as AWS orders them: usage plan, method (stage), account.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
 */
export class ThrottleRegistry {
  readonly #buckets: StageBuckets<StageThrottleSettings>;

  constructor(now: () => number) {
    this.#buckets = new StageBuckets(now, limitsFor);
  }

  /**
   * Sets (or clears, when they have no throttling) a stage's method settings; its buckets start full again. Throws,
   * naming the key or field, on bad settings (parseMethodSettings), leaving the stage's throttles as they were.
   */
  putStage(stageName: string, methodSettings: unknown): void {
    this.putParsed(stageName, parseMethodSettings(methodSettings));
  }

  /** putStage with settings parseMethodSettings made. */
  putParsed(stageName: string, settings: StageThrottleSettings | null): void {
    this.#buckets.put(stageName, settings);
  }

  /** Throttles every request of the gateway (all its APIs and stages) by the account's limits; null turns it off. */
  setAccountLimits(limits: ThrottleLimits | null = ACCOUNT_DEFAULT_LIMITS): void {
    this.#buckets.setAccountLimits(limits);
  }

  /** Takes a token from the method's bucket, then the account's: null when the request may pass. */
  admit(stageName: string, resourcePath: string, httpMethod: string): ThrottledBy | null {
    const by = this.#buckets.admit(stageName, resourcePath, httpMethod);
    return by === 'stage' ? 'method' : by;
  }
}
