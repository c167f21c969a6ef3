/**
 * A step of a request pipeline: a plain function of the request's context. It reads what earlier steps left in the
 * context and fills in its own part; it stops the request by throwing a {@link GatewayError}; a step that does not
 * apply to the request returns at once. Only a step with something to wait for returns a promise.
 */
export type Step<Context> = (context: Context) => void | Promise<void>;

/**
 * Applies `steps` to `context` in order. Steps run synchronously until one returns a promise; from there on each
 * promise is awaited before the next step. Returns undefined when every step was synchronous (a request refused
 * early costs no promise), else the promise of the rest. What a step throws propagates to the caller, which renders
 * a {@link GatewayError} as the gateway's answer.
 */
export function runSteps<Context>(steps: readonly Step<Context>[], context: Context): void | Promise<void> {
  for (let i = 0; i < steps.length; i++) {
    const pending = steps[i]!(context);
    if (pending !== undefined) return runRest(pending, steps, i + 1, context);
  }
}

/** Awaits `pending`, then applies the steps from `from` on, awaiting the ones that return a promise. */
async function runRest<Context>(
  pending: Promise<void>,
  steps: readonly Step<Context>[],
  from: number,
  context: Context,
): Promise<void> {
  await pending;
  for (let i = from; i < steps.length; i++) {
    const next = steps[i]!(context);
    if (next !== undefined) await next;
  }
}
