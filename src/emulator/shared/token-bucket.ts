/**
 * A token bucket, the algorithm API Gateway throttles with: it holds at most `burst` tokens, starts full, and refills at
 * `rate` tokens per second; each request takes one, and a request that finds the bucket empty is throttled.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
 * The clock is injectable (milliseconds), so tests and the page can step time.
 */
export class TokenBucket {
  #tokens: number;
  #last: number;

  /**
   * @param rate Tokens added per second (`rateLimit`); may be fractional.
   * @param burst The bucket's capacity (`burstLimit`).
   * @param now The clock, in milliseconds.
   */
  constructor(
    readonly rate: number,
    readonly burst: number,
    private readonly now: () => number,
  ) {
    if (!(rate >= 0) || !(burst >= 0))
      throw new RangeError(`a token bucket needs rate ≥ 0 and burst ≥ 0 (got ${rate}, ${burst})`);
    this.#tokens = burst;
    this.#last = now();
  }

  /** Takes one token if there is one: true when the request may pass, false when it is throttled. */
  tryTake(): boolean {
    this.#refill();
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Tokens in the bucket now (after refilling). */
  available(): number {
    this.#refill();
    return this.#tokens;
  }

  #refill(): void {
    const now = this.now();
    const elapsed = now - this.#last;
    this.#last = now;
    if (elapsed > 0) this.#tokens = Math.min(this.burst, this.#tokens + (elapsed / 1000) * this.rate);
  }
}
