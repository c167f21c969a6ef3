import { TokenBucket } from '../../shared/token-bucket.js';
import { limitsFor, parseMethodSettings, type StageThrottleSettings, type ThrottleLimits } from './method-settings.js';

/**
 * The account's default throttle per Region: 10,000 requests per second, a burst of 5,000.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
 */
export const ACCOUNT_DEFAULT_LIMITS: Readonly<ThrottleLimits> = Object.freeze({ rateLimit: 10_000, burstLimit: 5_000 });

/** Which limit refused a request: the method's (its own setting or the stage's `*∕*`) or the account's. */
export type ThrottledBy = 'method' | 'account';

interface StageState {
  settings: StageThrottleSettings;
  /** `resourcePath` → METHOD → its bucket, made on the method's first request. */
  buckets: Map<string, Map<string, TokenBucket>>;
}

/**
 * The stage and method token buckets of a gateway, and the account's (opt-in: off until `setAccountLimits`, so that a
 * stage without settings pays a Map lookup and nothing else). Per-client usage-plan buckets live with the API keys
 * (api-keys/registry.ts), applied before these, as AWS orders them: usage plan, method (stage), account.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
 */
export class ThrottleRegistry {
  readonly #stages = new Map<string, StageState>();
  #account: TokenBucket | null = null;

  constructor(private readonly now: () => number) {}

  /**
   * Sets (or clears, when they have no throttling) a stage's method settings; its buckets start full again. Throws,
   * naming the key or field, on bad settings (parseMethodSettings), leaving the stage's throttles as they were.
   */
  putStage(stageName: string, methodSettings: unknown): void {
    this.putParsed(stageName, parseMethodSettings(methodSettings));
  }

  /** putStage with settings parseMethodSettings made. */
  putParsed(stageName: string, settings: StageThrottleSettings | null): void {
    if (settings) this.#stages.set(stageName, { settings, buckets: new Map() });
    else this.#stages.delete(stageName);
  }

  /** Throttles every request of the gateway (all its APIs and stages) by the account's limits; null turns it off. */
  setAccountLimits(limits: ThrottleLimits | null = ACCOUNT_DEFAULT_LIMITS): void {
    this.#account = limits ? new TokenBucket(limits.rateLimit, limits.burstLimit, this.now) : null;
  }

  /** Takes a token from the method's bucket, then the account's: null when the request may pass. */
  admit(stageName: string, resourcePath: string, httpMethod: string): ThrottledBy | null {
    const stage = this.#stages.get(stageName);
    if (stage !== undefined && !takeMethodToken(stage, resourcePath, httpMethod, this.now)) return 'method';
    if (this.#account !== null && !this.#account.tryTake()) return 'account';
    return null;
  }
}

function takeMethodToken(stage: StageState, resourcePath: string, httpMethod: string, now: () => number): boolean {
  let methods = stage.buckets.get(resourcePath);
  let bucket = methods?.get(httpMethod);
  if (bucket === undefined) {
    const limits = limitsFor(stage.settings, resourcePath, httpMethod);
    if (!limits) return true;
    if (!methods) stage.buckets.set(resourcePath, (methods = new Map()));
    methods.set(httpMethod, (bucket = new TokenBucket(limits.rateLimit, limits.burstLimit, now)));
  }
  return bucket.tryTake();
}
