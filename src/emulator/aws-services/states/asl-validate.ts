/**
 * Checks an Amazon States Language definition against the subset the lab runs (Pass, Task, Choice, Wait, Succeed,
 * Fail; JSONPath only) before CreateStateMachine accepts it. A problem is `InvalidDefinition` with AWS's message form
 * `Invalid State Machine Definition: 'CODE: what at /States/X/Field'` (the form is an assumption, L; the codes
 * SCHEMA_VALIDATION_FAILED and MISSING_TRANSITION_TARGET are the ones AWS reports).
 */
import { SfnApiError } from './errors.js';

/** One state as the runner reads it (fields beyond `Type` are checked here and read loosely). */
export type AslState = Record<string, unknown> & { Type: string };

export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
  Comment?: string;
  TimeoutSeconds?: number;
}

const SUPPORTED = new Set(['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail']);
const REFUSED = new Set(['Map', 'Parallel']);

function invalid(code: string, what: string, at: string): never {
  throw new SfnApiError('InvalidDefinition', `Invalid State Machine Definition: '${code}: ${what} at ${at}'`);
}

/** Parses (when text) and checks a definition; throws SfnApiError InvalidDefinition naming the problem. */
export function validateDefinition(input: unknown): AslDefinition {
  let def = input;
  if (typeof input === 'string') {
    try {
      def = JSON.parse(input);
    } catch (error) {
      throw new SfnApiError(
        'InvalidDefinition',
        `Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: ${error instanceof Error ? error.message : String(error)}'`,
      );
    }
  }
  if (typeof def !== 'object' || def === null || Array.isArray(def))
    invalid('SCHEMA_VALIDATION_FAILED', 'The definition must be a JSON object', '/');
  const d = def as Record<string, unknown>;
  if (d.QueryLanguage === 'JSONata')
    invalid(
      'SCHEMA_VALIDATION_FAILED',
      'QueryLanguage JSONata is not supported by the lab (JSONPath only)',
      '/QueryLanguage',
    );
  if (typeof d.StartAt !== 'string')
    invalid('SCHEMA_VALIDATION_FAILED', "The field 'StartAt' is required and must be a string", '/StartAt');
  if (typeof d.States !== 'object' || d.States === null || Array.isArray(d.States))
    invalid('SCHEMA_VALIDATION_FAILED', "The field 'States' is required and must be an object", '/States');
  const states = d.States as Record<string, unknown>;
  if (!Object.prototype.hasOwnProperty.call(states, d.StartAt))
    invalid('MISSING_TRANSITION_TARGET', `Missing 'Next' target: ${d.StartAt}`, '/StartAt');
  if (d.TimeoutSeconds !== undefined && (!Number.isInteger(d.TimeoutSeconds) || (d.TimeoutSeconds as number) < 1))
    invalid('SCHEMA_VALIDATION_FAILED', "The field 'TimeoutSeconds' must be a positive integer", '/TimeoutSeconds');
  for (const [name, raw] of Object.entries(states)) checkState(name, raw, states);
  return d as unknown as AslDefinition;
}

function checkState(name: string, raw: unknown, states: Record<string, unknown>): void {
  const at = `/States/${name}`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    invalid('SCHEMA_VALIDATION_FAILED', 'A state must be an object', at);
  const s = raw as Record<string, unknown>;
  const type = s.Type;
  if (typeof type !== 'string') invalid('SCHEMA_VALIDATION_FAILED', "The field 'Type' is required", `${at}/Type`);
  if (REFUSED.has(type))
    invalid(
      'SCHEMA_VALIDATION_FAILED',
      `${type} states are not supported by the lab (Pass, Task, Choice, Wait, Succeed, Fail are)`,
      `${at}/Type`,
    );
  if (!SUPPORTED.has(type))
    invalid('SCHEMA_VALIDATION_FAILED', `Value is not a valid state type: ${type}`, `${at}/Type`);
  if (s.QueryLanguage === 'JSONata')
    invalid(
      'SCHEMA_VALIDATION_FAILED',
      'QueryLanguage JSONata is not supported by the lab (JSONPath only)',
      `${at}/QueryLanguage`,
    );
  const target = (next: unknown, field: string): void => {
    if (typeof next !== 'string')
      invalid('SCHEMA_VALIDATION_FAILED', `The field '${field}' must be a string`, `${at}/${field}`);
    if (!Object.prototype.hasOwnProperty.call(states, next))
      invalid('MISSING_TRANSITION_TARGET', `Missing 'Next' target: ${next}`, `${at}/${field}`);
  };
  if (type === 'Pass' || type === 'Task' || type === 'Wait') {
    if (s.End === true) {
      if (s.Next !== undefined) invalid('SCHEMA_VALIDATION_FAILED', "A state cannot have both 'Next' and 'End'", at);
    } else if (s.Next === undefined) invalid('MISSING_TRANSITION_TARGET', "State has no 'Next' and no 'End': true", at);
    else target(s.Next, 'Next');
  }
  if (type === 'Task') {
    if (typeof s.Resource !== 'string')
      invalid('SCHEMA_VALIDATION_FAILED', "The field 'Resource' is required", `${at}/Resource`);
    checkCatch(s.Catch, at, target);
    checkRetry(s.Retry, at);
  }
  if (type === 'Wait') {
    const given = ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'].filter((k) => s[k] !== undefined);
    if (given.length !== 1)
      invalid(
        'SCHEMA_VALIDATION_FAILED',
        'A Wait state needs exactly one of Seconds, SecondsPath, Timestamp, TimestampPath',
        at,
      );
  }
  if (type === 'Choice') {
    if (!Array.isArray(s.Choices) || s.Choices.length === 0)
      invalid('SCHEMA_VALIDATION_FAILED', "The field 'Choices' must be a non-empty array", `${at}/Choices`);
    s.Choices.forEach((rule, i) => {
      if (typeof rule !== 'object' || rule === null)
        invalid('SCHEMA_VALIDATION_FAILED', 'A choice rule must be an object', `${at}/Choices/${i}`);
      target((rule as Record<string, unknown>).Next, `Choices/${i}/Next`);
    });
    if (s.Default !== undefined) target(s.Default, 'Default');
  }
  if (type === 'Fail' || type === 'Succeed') {
    if (s.Next !== undefined || s.End !== undefined)
      invalid('SCHEMA_VALIDATION_FAILED', `A ${type} state cannot have 'Next' or 'End'`, at);
  }
}

function checkRetry(retry: unknown, at: string): void {
  if (retry === undefined) return;
  if (!Array.isArray(retry)) invalid('SCHEMA_VALIDATION_FAILED', "The field 'Retry' must be an array", `${at}/Retry`);
  retry.forEach((r, i) => {
    if (!Array.isArray((r as Record<string, unknown>)?.ErrorEquals))
      invalid('SCHEMA_VALIDATION_FAILED', "The field 'ErrorEquals' is required", `${at}/Retry/${i}/ErrorEquals`);
  });
}

function checkCatch(catchers: unknown, at: string, target: (next: unknown, field: string) => void): void {
  if (catchers === undefined) return;
  if (!Array.isArray(catchers))
    invalid('SCHEMA_VALIDATION_FAILED', "The field 'Catch' must be an array", `${at}/Catch`);
  catchers.forEach((c, i) => {
    const catcher = c as Record<string, unknown>;
    if (!Array.isArray(catcher?.ErrorEquals))
      invalid('SCHEMA_VALIDATION_FAILED', "The field 'ErrorEquals' is required", `${at}/Catch/${i}/ErrorEquals`);
    target(catcher.Next, `Catch/${i}/Next`);
  });
}
