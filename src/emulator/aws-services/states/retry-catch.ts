/**
 * Retry and Catch on Task states (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html):
 * `States.ALL` matches every error but `States.Runtime`; `States.TaskFailed` every error but `States.Timeout`
 * (and not States.Runtime). Defaults: IntervalSeconds 1, MaxAttempts 3, BackoffRate 2.0.
 */

type Handler = Record<string, unknown> & { ErrorEquals: string[] };

/** Whether an `ErrorEquals` list names this error. */
export function errorMatches(errorEquals: string[], error: string): boolean {
  return errorEquals.some((name) => {
    if (name === error) return true;
    if (name === 'States.ALL') return error !== 'States.Runtime';
    if (name === 'States.TaskFailed') return error !== 'States.Timeout' && error !== 'States.Runtime';
    return false;
  });
}

/**
 * The wait before the next attempt, or undefined when no retrier matches or its attempts are used up.
 * `counts[i]` is how many times retrier i has retried (updated here).
 */
export function retryDelayMs(retriers: unknown, error: string, counts: number[]): number | undefined {
  if (!Array.isArray(retriers)) return undefined;
  for (let i = 0; i < retriers.length; i++) {
    const retrier = retriers[i] as Handler;
    if (!errorMatches(retrier.ErrorEquals, error)) continue;
    const max = typeof retrier.MaxAttempts === 'number' ? retrier.MaxAttempts : 3;
    const done = counts[i] ?? 0;
    if (done >= max) return undefined;
    counts[i] = done + 1;
    const interval = typeof retrier.IntervalSeconds === 'number' ? retrier.IntervalSeconds : 1;
    const backoff = typeof retrier.BackoffRate === 'number' ? retrier.BackoffRate : 2;
    let delay = interval * 1000 * Math.pow(backoff, done);
    if (typeof retrier.MaxDelaySeconds === 'number') delay = Math.min(delay, retrier.MaxDelaySeconds * 1000);
    return delay;
  }
  return undefined;
}

/** The first catcher whose ErrorEquals names the error. */
export function findCatcher(catchers: unknown, error: string): Handler | undefined {
  if (!Array.isArray(catchers)) return undefined;
  return (catchers as Handler[]).find((c) => errorMatches(c.ErrorEquals, error));
}
