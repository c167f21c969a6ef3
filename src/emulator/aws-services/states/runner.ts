/**
 * Runs one execution of a definition the validator accepted, state by state, writing history events as
 * GetExecutionHistory reports them (https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html):
 * ExecutionStarted, `{Type}StateEntered` / `{Type}StateExited`, Lambda/Task events, ExecutionSucceeded / Failed.
 * Time comes from `env.now()`, waits (Wait states, retry intervals) go through `env.sleep`.
 */
import type { EmbeddedEnv } from '../types.js';
import type { AslDefinition, AslState } from './asl-validate.js';
import { chooseNext } from './choice.js';
import { ExecutionAborted, runtimeError, StatesError } from './errors.js';
import { addEvent, type ExecutionRecord } from './execution.js';
import { invokeLambda, lambdaTarget } from './lambda-task.js';
import { applyResultPath, applyTemplate, readPath, selectPath, type ContextObject } from './paths.js';
import { findCatcher, retryDelayMs } from './retry-catch.js';

/** Where a state leads: the next state's name, or the end of the execution. */
type Step = { next: string; output: unknown } | { end: true; output: unknown };

const iso = (ms: number): string => new Date(ms).toISOString();

/** The machine's TimeoutSeconds has passed. */
class ExecutionTimedOut extends Error {}

export class ExecutionRunner {
  readonly #context: ContextObject;

  constructor(
    readonly env: Required<EmbeddedEnv>,
    readonly definition: AslDefinition,
    readonly execution: ExecutionRecord,
    readonly stateMachineName: string,
    readonly roleArn: string,
  ) {
    this.#context = {
      Execution: {
        Id: execution.executionArn,
        Input: JSON.parse(execution.input),
        Name: execution.name,
        RoleArn: roleArn,
        StartTime: iso(execution.startMs),
        RedriveCount: 0,
      },
      State: { EnteredTime: '', Name: '', RetryCount: 0 },
      StateMachine: { Id: execution.stateMachineArn, Name: stateMachineName },
    };
  }

  #event(event: Parameters<typeof addEvent>[2]): void {
    addEvent(this.execution, this.env.now(), event);
  }

  /** Runs to the end; never rejects (a failure becomes ExecutionFailed, a stop ExecutionAborted). */
  async run(): Promise<void> {
    const execution = this.execution;
    if (execution.events.length === 0) this.#event({ type: 'ExecutionStarted', input: execution.input });
    let name = this.definition.StartAt;
    let value: unknown = JSON.parse(execution.input);
    try {
      const deadline =
        typeof this.definition.TimeoutSeconds === 'number'
          ? execution.startMs + this.definition.TimeoutSeconds * 1000
          : Infinity;
      for (;;) {
        this.#checkStopped();
        const step = await this.#runState(name, value);
        value = step.output;
        // The machine's TimeoutSeconds, checked between states on the service's clock (a state is not cut short: L).
        if (this.env.now() > deadline) throw new ExecutionTimedOut();
        if ('end' in step) break;
        name = step.next;
      }
      if (execution.status !== 'RUNNING') return;
      execution.output = JSON.stringify(value);
      execution.status = 'SUCCEEDED';
      execution.stopMs = this.env.now();
      this.#event({ type: 'ExecutionSucceeded', output: execution.output });
    } catch (error) {
      if (error instanceof ExecutionAborted || execution.status !== 'RUNNING') return;
      if (error instanceof ExecutionTimedOut) {
        // https://docs.aws.amazon.com/step-functions/latest/dg/statemachine-structure.html: "If the execution runs
        // longer than the specified time, the execution fails with a States.Timeout Error Name."
        execution.status = 'TIMED_OUT';
        execution.error = 'States.Timeout';
        execution.stopMs = this.env.now();
        this.#event({ type: 'ExecutionTimedOut', error: 'States.Timeout' });
        return;
      }
      const failure =
        error instanceof StatesError
          ? error
          : new StatesError('States.Runtime', error instanceof Error ? error.message : String(error));
      execution.status = 'FAILED';
      execution.error = failure.error;
      execution.cause = failure.cause;
      execution.stopMs = this.env.now();
      this.#event({ type: 'ExecutionFailed', error: failure.error, cause: failure.cause });
    }
  }

  #checkStopped(): void {
    if (this.execution.stop.signal.aborted || this.execution.status !== 'RUNNING') throw new ExecutionAborted();
  }

  async #runState(name: string, input: unknown): Promise<Step> {
    const state = this.definition.States[name]!;
    const context = this.#context;
    context.State = { EnteredTime: iso(this.env.now()), Name: name, RetryCount: 0 };
    this.#event({ type: `${state.Type}StateEntered`, stateName: name, input: JSON.stringify(input) });
    switch (state.Type) {
      case 'Succeed': {
        const output = this.#io(state, input, (effective) => effective);
        return this.#exit(state, name, output, { end: true, output });
      }
      case 'Fail': {
        const error =
          typeof state.ErrorPath === 'string' ? readPath(input, state.ErrorPath, context, 'ErrorPath') : state.Error;
        const cause =
          typeof state.CausePath === 'string' ? readPath(input, state.CausePath, context, 'CausePath') : state.Cause;
        throw new StatesError(String(error ?? ''), String(cause ?? ''));
      }
      case 'Pass': {
        const effective = this.#effectiveInput(state, input);
        const result = state.Result !== undefined ? state.Result : effective;
        const output = selectPath(
          applyResultPath(input, result, state.ResultPath),
          state.OutputPath,
          context,
          'OutputPath',
        );
        return this.#exit(state, name, output, this.#transition(state, output));
      }
      case 'Choice': {
        const effective = selectPath(input, state.InputPath, context, 'InputPath');
        const next = chooseNext(state, effective, context, name);
        const output = selectPath(effective, state.OutputPath, context, 'OutputPath');
        return this.#exit(state, name, output, { next, output });
      }
      case 'Wait': {
        const effective = selectPath(input, state.InputPath, context, 'InputPath');
        await this.#wait(state, effective);
        const output = selectPath(effective, state.OutputPath, context, 'OutputPath');
        return this.#exit(state, name, output, this.#transition(state, output));
      }
      case 'Task':
        return this.#runTask(state, name, input);
      default:
        throw runtimeError(`State type ${state.Type} is not supported by the lab`);
    }
  }

  /** InputPath then Parameters. */
  #effectiveInput(state: AslState, input: unknown): unknown {
    const selected = selectPath(input, state.InputPath, this.#context, 'InputPath');
    return state.Parameters !== undefined
      ? applyTemplate(state.Parameters, selected, this.#context, 'Parameters')
      : selected;
  }

  /** InputPath and OutputPath around a state that has no result (Succeed). */
  #io(state: AslState, input: unknown, body: (effective: unknown) => unknown): unknown {
    const effective = selectPath(input, state.InputPath, this.#context, 'InputPath');
    return selectPath(body(effective), state.OutputPath, this.#context, 'OutputPath');
  }

  #transition(state: AslState, output: unknown): Step {
    return state.End === true ? { end: true, output } : { next: String(state.Next), output };
  }

  #exit(state: AslState, name: string, output: unknown, step: Step): Step {
    this.#event({ type: `${state.Type}StateExited`, stateName: name, output: JSON.stringify(output) });
    return step;
  }

  async #wait(state: AslState, input: unknown): Promise<void> {
    let ms: number;
    if (state.Seconds !== undefined || state.SecondsPath !== undefined) {
      const seconds =
        state.Seconds !== undefined
          ? state.Seconds
          : readPath(input, String(state.SecondsPath), this.#context, 'SecondsPath');
      if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0)
        throw runtimeError(`The Wait state's seconds must be a non-negative integer, not ${JSON.stringify(seconds)}`);
      ms = seconds * 1000;
    } else {
      const stamp =
        state.Timestamp !== undefined
          ? state.Timestamp
          : readPath(input, String(state.TimestampPath), this.#context, 'TimestampPath');
      const at = typeof stamp === 'string' ? Date.parse(stamp) : NaN;
      if (Number.isNaN(at))
        throw runtimeError(`The Wait state's timestamp is not an ISO-8601 date: ${JSON.stringify(stamp)}`);
      ms = Math.max(0, at - this.env.now());
    }
    if (ms > 0) await this.env.sleep(ms);
    this.#checkStopped();
  }

  async #runTask(state: AslState, name: string, input: unknown): Promise<Step> {
    const context = this.#context;
    const counts: number[] = [];
    for (;;) {
      try {
        const effective = this.#effectiveInput(state, input);
        const raw = await this.#invoke(state, effective);
        const selected =
          state.ResultSelector !== undefined
            ? applyTemplate(state.ResultSelector, raw, context, 'ResultSelector')
            : raw;
        const output = selectPath(
          applyResultPath(input, selected, state.ResultPath),
          state.OutputPath,
          context,
          'OutputPath',
        );
        return this.#exit(state, name, output, this.#transition(state, output));
      } catch (error) {
        if (!(error instanceof StatesError)) throw error;
        this.#checkStopped();
        const delay = retryDelayMs(state.Retry, error.error, counts);
        if (delay !== undefined) {
          if (delay > 0) await this.env.sleep(delay);
          this.#checkStopped();
          context.State.RetryCount++;
          continue;
        }
        const catcher = findCatcher(state.Catch, error.error);
        if (!catcher) throw error;
        const output = applyResultPath(input, { Error: error.error, Cause: error.cause }, catcher.ResultPath);
        return this.#exit(state, name, output, { next: String(catcher.Next), output });
      }
    }
  }

  async #invoke(state: AslState, effective: unknown): Promise<unknown> {
    const resource = String(state.Resource);
    const target = lambdaTarget(resource, effective);
    if (!target)
      throw runtimeError(`The Task resource '${resource}' is not supported by the lab (Lambda functions are)`);
    const timeoutSeconds = typeof state.TimeoutSeconds === 'number' ? state.TimeoutSeconds : undefined;
    const inputJson = JSON.stringify(target.kind === 'function' ? effective : target.payload);
    if (target.kind === 'function') {
      this.#event({
        type: 'LambdaFunctionScheduled',
        resource,
        input: inputJson,
        ...(timeoutSeconds ? { timeoutInSeconds: timeoutSeconds } : {}),
      });
      this.#event({ type: 'LambdaFunctionStarted' });
    } else {
      this.#event({
        type: 'TaskScheduled',
        resource: 'invoke',
        resourceType: 'lambda',
        parameters: JSON.stringify(effective),
        ...(timeoutSeconds ? { timeoutInSeconds: timeoutSeconds } : {}),
      });
      this.#event({ type: 'TaskStarted', resource: 'invoke', resourceType: 'lambda' });
    }
    const prefix = target.kind === 'function' ? 'LambdaFunction' : 'Task';
    const extra = target.kind === 'function' ? {} : { resource: 'invoke', resourceType: 'lambda' };
    try {
      const result = await invokeLambda(
        this.env,
        target,
        JSON.parse(inputJson),
        timeoutSeconds,
        this.execution.stop.signal,
      );
      this.#checkStopped();
      this.#event({ type: `${prefix}Succeeded`, output: JSON.stringify(result), ...extra });
      return result;
    } catch (error) {
      if (error instanceof StatesError) {
        this.#checkStopped();
        const type = error.error === 'States.Timeout' ? `${prefix}TimedOut` : `${prefix}Failed`;
        this.#event({ type, error: error.error, cause: error.cause, ...extra });
      }
      throw error;
    }
  }
}
