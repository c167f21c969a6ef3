import { TokenBucket } from '../token-bucket.js';
import { ACCOUNT_DEFAULT_LIMITS, type ThrottleLimits } from './limits.js';

/** Which bucket refused a request: the stage's (for a method or route, by its settings) or the account's. */
export type ThrottledBy = 'stage' | 'account';

interface StageState<Settings> {
  settings: Settings;
  /**
   * Per key, then qualifier (a REST resource path, then method; an HTTP API's route key, then ''): its bucket, or
   * null when unthrottled.
   */
  buckets: Map<string, Map<string, TokenBucket | null>>;
}

/**
 * The token buckets a gateway throttles by, for REST and HTTP APIs alike: per stage, one bucket per key and qualifier
 * (a REST resource path and method, an HTTP API route key and '') made on its first request with the limits `limitsFor` finds in the stage's
 * settings; and the account's bucket, shared by every stage (opt-in: off until `setAccountLimits`, so that a stage
 * without settings pays a Map lookup and nothing else). The stage's bucket is taken from first, then the account's.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html
 */
export class StageBuckets<Settings> {
  readonly #stages = new Map<string, StageState<Settings>>();
  #account: TokenBucket | null = null;

  constructor(
    private readonly now: () => number,
    private readonly limitsFor: (settings: Settings, key: string, qualifier: string) => ThrottleLimits | null,
  ) {}

  /** Sets (or, with null, clears) a stage's settings; its buckets start full again. */
  put(stageName: string, settings: Settings | null): void {
    if (settings !== null) this.#stages.set(stageName, { settings, buckets: new Map() });
    else this.#stages.delete(stageName);
  }

  /** Throttles every request of the gateway (all its APIs and stages) by the account's limits; null turns it off. */
  setAccountLimits(limits: ThrottleLimits | null = ACCOUNT_DEFAULT_LIMITS): void {
    this.#account = limits ? new TokenBucket(limits.rateLimit, limits.burstLimit, this.now) : null;
  }

  /** Takes a token from the key's bucket on the stage, then the account's: null when the request may pass. */
  admit(stageName: string, key: string, qualifier = ''): ThrottledBy | null {
    const stage = this.#stages.get(stageName);
    if (stage !== undefined && !this.#take(stage, key, qualifier)) return 'stage';
    if (this.#account !== null && !this.#account.tryTake()) return 'account';
    return null;
  }

  #take(stage: StageState<Settings>, key: string, qualifier: string): boolean {
    let byQualifier = stage.buckets.get(key);
    let bucket = byQualifier?.get(qualifier);
    if (bucket === undefined) {
      const limits = this.limitsFor(stage.settings, key, qualifier);
      bucket = limits ? new TokenBucket(limits.rateLimit, limits.burstLimit, this.now) : null;
      if (!byQualifier) stage.buckets.set(key, (byQualifier = new Map()));
      byQualifier.set(qualifier, bucket);
    }
    return bucket === null || bucket.tryTake();
  }
}
