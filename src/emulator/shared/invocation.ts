import type { LambdaContextInit, LambdaInvocation } from './invoker.js';

/**
 * The invocation a gateway hands to its invoker. Its `AbortSignal` is made only when someone reads `signal`
 * (a worker pool listens; the CLI's warm inline path never does), since making one cost more than the rest of
 * the hand-over; aborting before that makes the signal already aborted when it is read.
 */
export class Invocation implements LambdaInvocation {
  #controller: AbortController | undefined = undefined;
  #aborted = false;
  #reason: unknown = undefined;

  constructor(
    readonly functionName: string,
    readonly event: unknown,
    readonly context: LambdaContextInit,
  ) {}

  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  /** The gateway gives up (the integration timed out): the invoker should stop the handler. Only the first reason counts. */
  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.#controller?.abort(reason);
  }
}
