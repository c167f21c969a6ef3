/**
 * The embedded runner against a second ASL interpreter, aws-local-stepfunctions 3.0.0 (research §3, §6): the same
 * definitions and inputs, Task resources overridden to the same local functions, Wait/Retry pauses at 0.
 * Compared: the output of a succeeded run, or the error name of a failed one.
 */
import { StateMachine } from 'aws-local-stepfunctions';
import { describe, expect, it } from 'vitest';
import { LambdaFailure, makeStates, SM_ARN, type LocalFunction } from './states-helpers.js';

const FN = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

interface Case {
  name: string;
  definition: { StartAt: string; States: Record<string, Record<string, unknown>> };
  inputs: unknown[];
  /** Functions by name; each Task's Resource is FN(name). */
  functions?: () => Record<string, LocalFunction>;
}

/** A function failing `times` times with `errorType`, then answering. */
function flaky(times: number, errorType: string): LocalFunction {
  let calls = 0;
  return (event) => {
    calls++;
    if (calls <= times) throw new LambdaFailure(errorType, `attempt ${calls} failed`);
    return { event, calls };
  };
}

const CASES: Case[] = [
  {
    name: 'Pass: InputPath, Parameters with paths and intrinsics, ResultPath, OutputPath',
    definition: {
      StartAt: 'Shape',
      States: {
        Shape: {
          Type: 'Pass',
          InputPath: '$.order',
          Parameters: {
            'id.$': '$.id',
            'label.$': "States.Format('order {} for {}', $.id, $.customer.name)",
            'parsed.$': 'States.StringToJson($.raw)',
            'text.$': 'States.JsonToString($.customer)',
            fixed: { nested: [1, 'two', false] },
            'first.$': '$.items[0]',
          },
          ResultPath: '$.shaped',
          Next: 'Fixed',
        },
        Fixed: {
          Type: 'Pass',
          Result: { ok: true },
          ResultPath: '$.shaped.flag',
          OutputPath: '$.shaped',
          Next: 'Discard',
        },
        Discard: { Type: 'Pass', Result: 'ignored', ResultPath: null, End: true },
      },
    },
    inputs: [
      { order: { id: 7, customer: { name: 'Ana' }, raw: '{"a":[1,2]}', items: ['x', 'y'] } },
      { order: { id: 'A-1', customer: { name: "O'Brien" }, raw: '"s"', items: [{ k: 1 }] } },
      { order: { id: 1, customer: { name: 'x' }, raw: '{}' } },
    ],
  },
  {
    name: 'Choice: comparisons, And/Or/Not, StringMatches, IsPresent, Default, States.NoChoiceMatched',
    definition: {
      StartAt: 'Route',
      States: {
        Route: {
          Type: 'Choice',
          Choices: [
            { Variable: '$.kind', StringEquals: 'big', Next: 'Big' },
            {
              And: [
                { Variable: '$.amount', NumericGreaterThanEquals: 10 },
                { Variable: '$.amount', NumericLessThan: 100 },
              ],
              Next: 'Medium',
            },
            {
              Or: [
                { Variable: '$.vip', BooleanEquals: true },
                { Variable: '$.name', StringMatches: 'log-*.txt' },
              ],
              Next: 'Vip',
            },
            { Not: { Variable: '$.missing', IsPresent: true }, Next: 'NoChoiceLeft' },
          ],
        },
        NoChoiceLeft: {
          Type: 'Choice',
          Choices: [
            { Variable: '$.amount', NumericEqualsPath: '$.limit', Next: 'AtLimit' },
            { Variable: '$.note', IsNull: true, Next: 'NullNote' },
          ],
          Default: 'Small',
        },
        Big: { Type: 'Pass', Result: 'big', End: true },
        Medium: { Type: 'Pass', Result: 'medium', End: true },
        Vip: { Type: 'Pass', Parameters: { 'vip.$': '$.name' }, End: true },
        AtLimit: { Type: 'Pass', Result: 'at-limit', End: true },
        NullNote: { Type: 'Pass', Result: 'null-note', End: true },
        Small: { Type: 'Succeed' },
      },
    },
    inputs: [
      { kind: 'big' },
      { kind: 'x', amount: 50 },
      { kind: 'x', amount: 5, vip: true, name: 'a' },
      { kind: 'x', amount: 5, vip: false, name: 'log-2024.txt' },
      { kind: 'x', amount: 3, vip: false, name: 'b', limit: 3 },
      { kind: 'x', amount: 3, vip: false, name: 'b', limit: 4, note: null },
      { kind: 'x', amount: 3, vip: false, name: 'b', limit: 4, note: 'n' },
      { kind: 'x', amount: 3, vip: false, name: 'b', missing: 1 },
      { amount: 3 },
    ],
  },
  {
    name: 'Task: Lambda result with ResultSelector, ResultPath; Retry then success; Catch with ResultPath',
    definition: {
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: FN('flaky'),
          Retry: [{ ErrorEquals: ['Transient'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2 }],
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'Recovered' }],
          ResultSelector: { 'calls.$': '$.calls', 'echo.$': '$.event.value' },
          ResultPath: '$.result',
          Next: 'Done',
        },
        Recovered: { Type: 'Pass', Parameters: { 'error.$': '$.failure.Error' }, End: true },
        Done: { Type: 'Succeed' },
      },
    },
    inputs: [{ value: 'a' }],
    functions: () => ({ flaky: flaky(2, 'Transient') }),
  },
  {
    name: 'Task: retries used up → Catch by name; States.TaskFailed',
    definition: {
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: FN('flaky'),
          Retry: [{ ErrorEquals: ['Transient'], MaxAttempts: 1 }],
          Catch: [
            { ErrorEquals: ['Other'], Next: 'Wrong' },
            { ErrorEquals: ['States.TaskFailed'], ResultPath: '$.err', Next: 'Caught' },
          ],
          End: true,
        },
        Wrong: { Type: 'Fail', Error: 'Wrong' },
        Caught: { Type: 'Pass', OutputPath: '$.err.Error', End: true },
      },
    },
    inputs: [{}],
    functions: () => ({ flaky: flaky(5, 'Transient') }),
  },
  {
    name: 'Task: an uncaught Lambda error fails the execution with its errorType',
    definition: { StartAt: 'Call', States: { Call: { Type: 'Task', Resource: FN('flaky'), End: true } } },
    inputs: [{}],
    functions: () => ({ flaky: flaky(1, 'CustomError') }),
  },
  {
    name: 'Task: TimeoutSeconds elapsed → States.Timeout, caught (not by States.TaskFailed)',
    definition: {
      StartAt: 'Slow',
      States: {
        Slow: {
          Type: 'Task',
          Resource: FN('slow'),
          TimeoutSeconds: 1,
          Catch: [
            { ErrorEquals: ['States.TaskFailed'], Next: 'Wrong' },
            { ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: 'TimedOut' },
          ],
          End: true,
        },
        Wrong: { Type: 'Fail', Error: 'Wrong' },
        TimedOut: { Type: 'Pass', OutputPath: '$.timeout.Error', End: true },
      },
    },
    inputs: [{}],
    functions: () => ({ slow: () => new Promise((resolve) => setTimeout(() => resolve('late'), 1500)) }),
  },
  {
    name: 'Choice: string and timestamp comparisons, …Path variants; States.Format with escaped braces',
    definition: {
      StartAt: 'When',
      States: {
        When: {
          Type: 'Choice',
          Choices: [
            { Variable: '$.at', TimestampLessThan: '2026-01-01T00:00:00Z', Next: 'Old' },
            { Variable: '$.at', TimestampGreaterThanEqualsPath: '$.cutoff', Next: 'New' },
            { Variable: '$.name', StringGreaterThan: 'm', Next: 'Late' },
          ],
          Default: 'Other',
        },
        Old: { Type: 'Pass', Parameters: { 'label.$': "States.Format('old \\{{}\\}', $.name)" }, End: true },
        New: { Type: 'Pass', Result: 'new', End: true },
        Late: { Type: 'Pass', Result: 'late', End: true },
        Other: { Type: 'Pass', Result: 'other', End: true },
      },
    },
    inputs: [
      { at: '2025-06-01T10:00:00Z', cutoff: '2026-06-01T00:00:00Z', name: 'ana' },
      { at: '2026-07-01T10:00:00Z', cutoff: '2026-06-01T00:00:00Z', name: 'ana' },
      { at: '2026-03-01T10:00:00Z', cutoff: '2026-06-01T00:00:00Z', name: 'zoe' },
      { at: '2026-03-01T10:00:00Z', cutoff: '2026-06-01T00:00:00Z', name: 'bob' },
    ],
  },
  {
    name: 'Fail state: Error and Cause',
    definition: {
      StartAt: 'Check',
      States: {
        Check: {
          Type: 'Choice',
          Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Fine' }],
          Default: 'Broken',
        },
        Fine: { Type: 'Succeed', OutputPath: '$.ok' },
        Broken: { Type: 'Fail', Error: 'NotOk', Cause: 'ok was not true' },
      },
    },
    inputs: [{ ok: true }, { ok: false }],
  },
  {
    name: 'Wait: Seconds 0 and SecondsPath 0 keep the input',
    definition: {
      StartAt: 'W1',
      States: {
        W1: { Type: 'Wait', Seconds: 0, Next: 'W2' },
        W2: { Type: 'Wait', SecondsPath: '$.delay', OutputPath: '$.data', End: true },
      },
    },
    inputs: [{ delay: 0, data: { a: [1, 2, 3] } }],
  },
];

type Outcome = { output: unknown } | { error: string };

async function runEmbedded(c: Case, input: unknown): Promise<Outcome> {
  const { send, service } = makeStates(c.functions?.() ?? {});
  const created = await send('CreateStateMachine', { name: 'M', definition: c.definition });
  expect(created.status).toBe(200);
  const { json } = await send('StartExecution', { stateMachineArn: SM_ARN('M'), input: JSON.stringify(input) });
  await service.whenIdle();
  const d = (await send('DescribeExecution', { executionArn: json.executionArn })).json;
  return d.status === 'SUCCEEDED' ? { output: JSON.parse(d.output) } : { error: d.error };
}

async function runReference(c: Case, input: unknown): Promise<Outcome> {
  const functions = c.functions?.() ?? {};
  const handlers: Record<string, (input: any) => Promise<any>> = {};
  const pauses: Record<string, number> = {};
  for (const [stateName, state] of Object.entries(c.definition.States)) {
    if (state.Type === 'Task') {
      const fn = functions[String(state.Resource).split(':').pop()!]!;
      handlers[stateName] = async (event) => {
        try {
          return await fn(event);
        } catch (error) {
          const e = new Error((error as Error).message);
          e.name = (error as LambdaFailure).errorType;
          throw e;
        }
      };
      pauses[stateName] = 0;
    }
  }
  const machine = new StateMachine(c.definition as never);
  try {
    const output = await machine.run(input as never, {
      overrides: { taskResourceLocalHandlers: handlers, retryIntervalOverrides: pauses },
    }).result;
    return { output };
  } catch (error) {
    return { error: ((error as Error).cause as Error).name };
  }
}

describe('Step Functions: the embedded runner agrees with aws-local-stepfunctions 3.0.0', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const seen = new Set<string>();
      for (const input of c.inputs) {
        const embedded = await runEmbedded(c, input);
        const reference = await runReference(c, input);
        expect(embedded, JSON.stringify(input)).toEqual(reference);
        seen.add(JSON.stringify(embedded));
      }
      // Each input reaches a different outcome: the cases exercise distinct paths.
      expect(seen.size, [...seen].join('\n')).toBe(c.inputs.length);
    });
  }
});
