/**
 * An abort controller whose `AbortSignal` is made only when someone reads `signal`: most invocations end
 * before anyone listens, and making a signal costs more than the rest of the hand-over to the invoker.
 * Aborting before the signal exists makes it already aborted when it is read.
 */
export class LazyAbortController {
  #controller: AbortController | undefined;
  #reason: unknown;
  #aborted = false;

  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.#controller?.abort(reason);
  }
}
