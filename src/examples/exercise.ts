/**
 * An exercise (`examples/<name>/exercise.json`): a task on one of the example's functions, a hint, and checks the page
 * runs the reader's code against (requests the reader doesn't see until they check) with the status each must get.
 */
import type { ExampleRequest, Language } from './types.js';

export interface ExerciseCheck {
  title: string;
  request: ExampleRequest;
  expect: { status: number };
}

export interface Exercise {
  id: string;
  title: string;
  /** The function the reader edits (its starter code is the example's source of it). */
  function: string;
  task: string;
  hint: string;
  /** A solution per language (files in the example's folder): the tests prove it passes every check. */
  solution: Record<Language, string>;
  checks: ExerciseCheck[];
}

/** How one check went. */
export interface CheckResult {
  title: string;
  pass: boolean;
  expected: number;
  /** The status the API answered, or null when the run failed. */
  actual: number | null;
  /** The response body (or the run's error), for the reader to see why. */
  detail: string;
}

/** Runs every check, one after another, through `send` (a sandbox run of the reader's code), and says how each went. */
export async function runChecks(
  exercise: Pick<Exercise, 'checks'>,
  send: (request: ExampleRequest) => Promise<{ status: number; body: string }>,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of exercise.checks) {
    const expected = check.expect.status;
    try {
      const { status, body } = await send(check.request);
      results.push({ title: check.title, pass: status === expected, expected, actual: status, detail: body });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      results.push({ title: check.title, pass: false, expected, actual: null, detail });
    }
  }
  return results;
}

/** `4 of 6 checks pass`, or `All 6 checks pass`. */
export function summaryOf(results: readonly CheckResult[]): string {
  const passed = results.filter((r) => r.pass).length;
  return passed === results.length
    ? `All ${results.length} checks pass`
    : `${passed} of ${results.length} checks pass`;
}
