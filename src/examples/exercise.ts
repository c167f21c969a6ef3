/**
 * An exercise (`examples/<name>/exercise.json`): a task on one of the example's functions, or on its stage config
 * (`edit: "stageConfig"`: the get-stage JSON the reader edits), a hint, and checks the page runs the reader's work
 * against (requests the reader doesn't see until they check) with the status each must get, or for a burst (the
 * request sent `burst` times at one instant) how many must be throttled.
 */
import type { ExampleRequest, Language } from './types.js';

export interface ExerciseCheck {
  title: string;
  request: ExampleRequest;
  /** Send the request this many times at one instant (SandboxRun.burst); then `expect.throttled` applies. */
  burst?: number;
  /**
   * The status the request must get (and, if given, response headers by name, any case, with these exact values, null
   * for a header that must be absent; a
   * JSON body holding these fields: `json` is matched as a subset, arrays whole), or for a burst how many of its
   * requests must get 429.
   */
  expect: { status: number; headers?: Record<string, string | null>; json?: unknown } | { throttled: number };
}

export interface Exercise {
  id: string;
  title: string;
  /** What the reader edits: one of the example's functions (the default), or the example's stage config. */
  edit?: 'function' | 'stageConfig';
  /**
   * The function the reader edits (its starter code is the example's source of it); none for a stage config. It may be
   * the example's handler itself (the example's only function).
   */
  function?: string;
  /** What the editor is called, before the language: `Handler code` makes `Handler code (Python)`. */
  label?: string;
  task: string;
  hint: string;
  /**
   * Files in the example's folder the tests prove pass every check: a solution per language for a function, one
   * get-stage JSON file (`stageConfig`) for a stage config.
   */
  solution: Partial<Record<Language, string>> & { stageConfig?: string };
  checks: ExerciseCheck[];
}

/** How one check went. */
export interface CheckResult {
  title: string;
  pass: boolean;
  /** `status`: expected and actual are statuses; `throttled`: how many of a burst's requests got 429. */
  kind: 'status' | 'throttled';
  expected: number;
  /** The status the API answered (the number throttled, for a burst), or null when the run failed. */
  actual: number | null;
  /** The response body (or the run's error), for the reader to see why. */
  detail: string;
  /** Why a check with the expected status fails: the header or body field that differs. */
  why?: string;
}

/** What one check's run answered: the (last) response, and for a burst every status. */
export interface SentCheck {
  status: number;
  body: string;
  /** The response headers (the header and body checks read them). */
  headers?: ReadonlyArray<readonly [string, string]>;
  /** A burst's statuses (RunOutcome.burstStatuses). */
  statuses?: number[];
}

/**
 * Runs every check, one after another, through `send` (a sandbox run of the reader's work: the request, sent `burst`
 * times at one instant for a burst check), and says how each went.
 */
export async function runChecks(
  exercise: Pick<Exercise, 'checks'>,
  send: (request: ExampleRequest, burst?: number) => Promise<SentCheck>,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of exercise.checks) {
    const kind = 'throttled' in check.expect ? 'throttled' : 'status';
    const expected = 'throttled' in check.expect ? check.expect.throttled : check.expect.status;
    try {
      if (kind === 'throttled') {
        if (check.burst === undefined) throw new Error(`check "${check.title}": expect.throttled needs a burst`);
        const { statuses = [] } = await send(check.request, check.burst);
        if (statuses.length !== check.burst) throw new Error(`the burst sent ${statuses.length} of ${check.burst} requests`);
        const throttled = statuses.filter((s) => s === 429).length;
        const detail = statusCounts(statuses);
        results.push({ title: check.title, pass: throttled === expected, kind, expected, actual: throttled, detail });
      } else {
        const sent = await send(check.request);
        const why = sent.status === expected && 'status' in check.expect ? mismatchOf(check.expect, sent) : undefined;
        const pass = sent.status === expected && why === undefined;
        const result: CheckResult = { title: check.title, pass, kind, expected, actual: sent.status, detail: sent.body };
        results.push(why === undefined ? result : { ...result, why });
      }
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      results.push({ title: check.title, pass: false, kind, expected, actual: null, detail });
    }
  }
  return results;
}

/** What differs from a check's expected headers and JSON body (the first thing), or undefined when nothing does. */
export function mismatchOf(
  expect: { headers?: Record<string, string | null>; json?: unknown },
  sent: SentCheck,
): string | undefined {
  for (const [name, value] of Object.entries(expect.headers ?? {})) {
    const got = sent.headers?.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
    if (value === null) {
      if (got !== undefined) return `${name} was ${got}, expected no ${name} header`;
      continue;
    }
    if (got !== value) return got === undefined ? `no ${name} header (expected ${value})` : `${name} was ${got}, expected ${value}`;
  }
  if (expect.json === undefined) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(sent.body);
  } catch {
    return 'the body is not JSON';
  }
  return subsetMismatch(expect.json, body, 'body');
}

/** Where `actual` differs from `expected` (objects: the expected keys only; arrays and values: whole), or undefined. */
function subsetMismatch(expected: unknown, actual: unknown, at: string): string | undefined {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return `${at} is not an object`;
    for (const [key, value] of Object.entries(expected)) {
      const why = subsetMismatch(value, (actual as Record<string, unknown>)[key], `${at}.${key}`);
      if (why !== undefined) return why;
    }
    return undefined;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length)
      return `${at} is not a list of ${expected.length}`;
    for (const [i, value] of expected.entries()) {
      const why = subsetMismatch(value, actual[i], `${at}[${i}]`);
      if (why !== undefined) return why;
    }
    return undefined;
  }
  return actual === expected ? undefined : `${at} was ${JSON.stringify(actual) ?? 'missing'}, expected ${JSON.stringify(expected)}`;
}

/** `40 × 200, 10 × 429`: a burst's statuses counted, lowest status first. */
export function statusCounts(statuses: readonly number[]): string {
  const counts = new Map<number, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, n]) => `${n} × ${status}`)
    .join(', ');
}

/** `4 of 6 checks pass`, or `All 6 checks pass`. */
export function summaryOf(results: readonly CheckResult[]): string {
  const passed = results.filter((r) => r.pass).length;
  return passed === results.length
    ? `All ${results.length} checks pass`
    : `${passed} of ${results.length} checks pass`;
}
