/**
 * A Choice state's rules (https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html): `Variable` with a
 * String / Numeric / Boolean / Timestamp comparison (and its `…Path` form), `Is*` tests, `And` / `Or` / `Not`, then
 * `Default`. No rule matches and no Default → `States.NoChoiceMatched`.
 */
import { runtimeError, StatesError } from './errors.js';
import { readPath, type ContextObject } from './paths.js';

type Rule = Record<string, unknown>;
type Compare = (a: unknown, b: unknown) => boolean;

const str =
  (f: (a: string, b: string) => boolean): Compare =>
  (a, b) =>
    typeof a === 'string' && typeof b === 'string' && f(a, b);
const num =
  (f: (a: number, b: number) => boolean): Compare =>
  (a, b) =>
    typeof a === 'number' && typeof b === 'number' && f(a, b);
const ts =
  (f: (a: number, b: number) => boolean): Compare =>
  (a, b) =>
    typeof a === 'string' &&
    typeof b === 'string' &&
    isTimestamp(a) &&
    isTimestamp(b) &&
    f(Date.parse(a), Date.parse(b));

const COMPARISONS: Record<string, Compare> = {
  StringEquals: str((a, b) => a === b),
  StringLessThan: str((a, b) => a < b),
  StringGreaterThan: str((a, b) => a > b),
  StringLessThanEquals: str((a, b) => a <= b),
  StringGreaterThanEquals: str((a, b) => a >= b),
  StringMatches: str((a, b) => wildcard(b).test(a)),
  NumericEquals: num((a, b) => a === b),
  NumericLessThan: num((a, b) => a < b),
  NumericGreaterThan: num((a, b) => a > b),
  NumericLessThanEquals: num((a, b) => a <= b),
  NumericGreaterThanEquals: num((a, b) => a >= b),
  BooleanEquals: (a, b) => typeof a === 'boolean' && a === b,
  TimestampEquals: ts((a, b) => a === b),
  TimestampLessThan: ts((a, b) => a < b),
  TimestampGreaterThan: ts((a, b) => a > b),
  TimestampLessThanEquals: ts((a, b) => a <= b),
  TimestampGreaterThanEquals: ts((a, b) => a >= b),
};

const TESTS: Record<string, (present: boolean, v: unknown) => boolean> = {
  IsPresent: (present) => present,
  IsNull: (present, v) => present && v === null,
  IsString: (present, v) => present && typeof v === 'string',
  IsNumeric: (present, v) => present && typeof v === 'number',
  IsBoolean: (present, v) => present && typeof v === 'boolean',
  IsTimestamp: (present, v) => present && typeof v === 'string' && isTimestamp(v),
};

/** The state to go to: the first matching rule's `Next`, else `Default`; throws States.NoChoiceMatched. */
export function chooseNext(state: Rule, input: unknown, context: ContextObject, stateName: string): string {
  for (const rule of (state.Choices as Rule[]) ?? []) {
    if (matches(rule, input, context)) return String(rule.Next);
  }
  if (typeof state.Default === 'string') return state.Default;
  throw new StatesError('States.NoChoiceMatched', `No Matches! (state ${stateName})`);
}

/** Whether one rule (or a nested And/Or/Not rule) holds for the input. */
export function matches(rule: Rule, input: unknown, context: ContextObject): boolean {
  if (Array.isArray(rule.And)) return (rule.And as Rule[]).every((r) => matches(r, input, context));
  if (Array.isArray(rule.Or)) return (rule.Or as Rule[]).some((r) => matches(r, input, context));
  if (rule.Not !== undefined) return !matches(rule.Not as Rule, input, context);
  const variable = rule.Variable;
  if (typeof variable !== 'string') throw runtimeError("A choice rule needs 'Variable' (or And / Or / Not)");
  let present = true;
  let value: unknown;
  try {
    value = readPath(input, variable, context, 'Variable');
  } catch {
    present = false;
  }
  for (const [key, expected] of Object.entries(rule)) {
    const test = TESTS[key];
    if (test) return test(present, value) === expected;
    const isPath = key.endsWith('Path');
    const compare = COMPARISONS[isPath ? key.slice(0, -4) : key];
    if (!compare) continue;
    if (!present)
      throw runtimeError(`Invalid path '${variable}': The choice state's condition path references an invalid value.`);
    const other = isPath ? readPath(input, String(expected), context, key) : expected;
    return compare(value, other);
  }
  throw runtimeError(`The choice rule on '${variable}' has no comparison the lab knows`);
}

/** `StringMatches`: `*` matches any run of characters; `\*` and `\\` are literal. */
function wildcard(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) source += escape(pattern[++i]!);
    else if (ch === '*') source += '.*';
    else source += escape(ch);
  }
  return new RegExp(`^${source}$`, 's');
}

function escape(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** An RFC 3339 timestamp with an upper-case T and Z or an offset, as the Choice state requires. */
function isTimestamp(v: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v));
}
