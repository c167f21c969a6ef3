/**
 * The embedded Step Functions (in memory): CreateStateMachine / Describe / List / Delete, StartExecution (answers at
 * once, runs in the background), StartSyncExecution (EXPRESS machines), DescribeExecution, GetExecutionHistory,
 * StopExecution, ListExecutions, over the ASL subset in asl-validate.ts. Research: docs/research/service-integrations.md §1.5, §5.3.
 */
import type { EmbeddedServiceBackend, ServiceLinks } from '../embedded-backend.js';
import {
  ServicesFileError,
  type EmbeddedEnv,
  type ServiceRequest,
  type ServiceResponse,
  type ServicesFile,
  type ServicesState,
} from '../types.js';
import { validateDefinition, type AslDefinition } from './asl-validate.js';
import { SfnApiError } from './errors.js';
import { addEvent, executionView, type ExecutionRecord } from './execution.js';
import { wireEvent } from './history.js';
import { epochSecondsDouble } from './java-double.js';
import { fail, ok, readRequest } from './protocol.js';
import { ExecutionRunner } from './runner.js';

interface StateMachine {
  name: string;
  arn: string;
  type: 'STANDARD' | 'EXPRESS';
  definition: AslDefinition;
  definitionText: string;
  roleArn: string;
  creationMs: number;
  executions: ExecutionRecord[];
}

type Body = Record<string, unknown>;

export class EmbeddedStepFunctions implements EmbeddedServiceBackend {
  readonly service = 'states' as const;
  readonly #machines = new Map<string, StateMachine>();
  readonly #executions = new Map<string, { machine: StateMachine; execution: ExecutionRecord }>();

  constructor(
    readonly env: Required<EmbeddedEnv>,
    readonly links: ServiceLinks,
  ) {}

  async call(request: ServiceRequest): Promise<ServiceResponse> {
    const requestId = this.env.uuid();
    try {
      const { action, body } = readRequest(request, 'AWSStepFunctions');
      return ok(await this.#action(action, body), requestId);
    } catch (error) {
      if (error instanceof SfnApiError) return fail(error, requestId);
      return fail(
        new SfnApiError('InternalFailure', error instanceof Error ? error.message : String(error), 500),
        requestId,
      );
    }
  }

  async #action(action: string, body: Body): Promise<unknown> {
    switch (action) {
      case 'CreateStateMachine':
        return this.#createStateMachine(body);
      case 'DescribeStateMachine': {
        const m = this.#machine(body.stateMachineArn);
        return {
          stateMachineArn: m.arn,
          name: m.name,
          status: 'ACTIVE',
          definition: m.definitionText,
          roleArn: m.roleArn,
          type: m.type,
          creationDate: epochSecondsDouble(m.creationMs),
        };
      }
      case 'ListStateMachines':
        return {
          stateMachines: [...this.#machines.values()].map((m) => ({
            stateMachineArn: m.arn,
            name: m.name,
            type: m.type,
            creationDate: epochSecondsDouble(m.creationMs),
          })),
        };
      case 'DeleteStateMachine':
        this.#machines.delete(String(body.stateMachineArn));
        return {};
      case 'StartExecution': {
        const { execution } = this.#start(body);
        return { executionArn: execution.executionArn, startDate: epochSecondsDouble(execution.startMs) };
      }
      case 'StartSyncExecution':
        return this.#startSync(body);
      case 'DescribeExecution':
        return this.#describe(body);
      case 'GetExecutionHistory': {
        const { machine, execution } = this.#execution(body.executionArn);
        const withData = body.includeExecutionData !== false;
        const events = execution.events.map((e) => wireEvent(e, this.env.region, machine.roleArn, withData));
        if (body.reverseOrder === true) events.reverse();
        return { events };
      }
      case 'StopExecution':
        return this.#stop(body);
      case 'ListExecutions': {
        const machine = this.#machine(body.stateMachineArn);
        const filter = typeof body.statusFilter === 'string' ? body.statusFilter : undefined;
        const executions = machine.executions
          .filter((e) => !filter || e.status === filter)
          .reverse()
          .map((e) => ({
            executionArn: e.executionArn,
            stateMachineArn: e.stateMachineArn,
            name: e.name,
            status: e.status,
            startDate: epochSecondsDouble(e.startMs),
            ...(e.stopMs !== undefined ? { stopDate: epochSecondsDouble(e.stopMs) } : {}),
          }));
        return { executions };
      }
      default:
        throw new SfnApiError(
          'UnknownOperationException',
          `The action ${action} is not supported by the lab's Step Functions`,
        );
    }
  }

  #createStateMachine(body: Body): unknown {
    const name = body.name;
    if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,80}$/.test(name))
      throw new SfnApiError('InvalidName', `Invalid Name: '${String(name)}'`);
    const type = body.type ?? 'STANDARD';
    if (type !== 'STANDARD' && type !== 'EXPRESS')
      throw new SfnApiError(
        'ValidationException',
        `1 validation error detected: Value '${String(type)}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]`,
      );
    const definitionText = typeof body.definition === 'string' ? body.definition : JSON.stringify(body.definition);
    const definition = validateDefinition(body.definition);
    const arn = `arn:aws:states:${this.env.region}:${this.env.accountId}:stateMachine:${name}`;
    const existing = this.#machines.get(arn);
    if (existing) {
      if (existing.definitionText === definitionText && existing.type === type)
        return { stateMachineArn: arn, creationDate: epochSecondsDouble(existing.creationMs) };
      throw new SfnApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
    }
    const roleArn =
      typeof body.roleArn === 'string' ? body.roleArn : `arn:aws:iam::${this.env.accountId}:role/StepFunctionsRole`;
    const machine: StateMachine = {
      name,
      arn,
      type,
      definition,
      definitionText,
      roleArn,
      creationMs: this.env.now(),
      executions: [],
    };
    this.#machines.set(arn, machine);
    return { stateMachineArn: arn, creationDate: epochSecondsDouble(machine.creationMs) };
  }

  #machine(arn: unknown): StateMachine {
    const machine = this.#machines.get(String(arn));
    // AWS-validated message (research §1.5, test_invalid_start_execution_arn).
    if (!machine) throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${String(arn)}'`);
    return machine;
  }

  #execution(arn: unknown): { machine: StateMachine; execution: ExecutionRecord } {
    const found = this.#executions.get(String(arn));
    if (!found) throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${String(arn)}'`);
    return found;
  }

  /** Creates and starts an execution (StartExecution's checks); idempotent for a running one with the same input. */
  #start(body: Body): { machine: StateMachine; execution: ExecutionRecord } {
    const machine = this.#machine(body.stateMachineArn);
    if (body.input !== undefined && typeof body.input !== 'string')
      // Assumption (L): a non-string `input` fails in the JSON protocol's deserializer.
      throw new SfnApiError('SerializationException', 'Start of structure or map found where not expected.');
    const input = (body.input as string | undefined) ?? '{}';
    checkInput(input);
    const name = typeof body.name === 'string' ? body.name : this.env.uuid();
    if (!/^[^\s<>{}[\]?*"#%\\^|~`$&,;:/]{1,80}$/.test(name))
      throw new SfnApiError('InvalidName', `Invalid Name: '${name}'`);
    const kind = machine.type === 'EXPRESS' ? 'express' : 'execution';
    const executionArn = `arn:aws:states:${this.env.region}:${this.env.accountId}:${kind}:${machine.name}:${name}`;
    const previous = this.#executions.get(executionArn);
    if (previous) {
      // "If you call StartExecution with the same name and input as a running execution, the call succeeds and return
      // the same response as the original request. If the execution is closed or if the input is different, it
      // returns a 400 ExecutionAlreadyExists error." https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html
      if (previous.execution.status === 'RUNNING' && previous.execution.input === input) return previous;
      throw new SfnApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const execution: ExecutionRecord = {
      executionArn,
      stateMachineArn: machine.arn,
      name,
      status: 'RUNNING',
      input,
      startMs: this.env.now(),
      events: [],
      stop: new AbortController(),
      done: Promise.resolve(),
    };
    machine.executions.push(execution);
    const entry = { machine, execution };
    this.#executions.set(executionArn, entry);
    const runner = new ExecutionRunner(this.env, machine.definition, execution, machine.name, machine.roleArn);
    // ExecutionStarted is in the history as soon as StartExecution answers; the states run in the background.
    addEvent(execution, execution.startMs, { type: 'ExecutionStarted', input });
    execution.done = Promise.resolve().then(() => runner.run());
    return entry;
  }

  async #startSync(body: Body): Promise<unknown> {
    const machine = this.#machine(body.stateMachineArn);
    if (machine.type !== 'EXPRESS')
      // Assumption (L): the name and message of this error are not captured.
      throw new SfnApiError(
        'StateMachineTypeNotSupported',
        'This operation is not supported by this type of state machine',
      );
    const { execution } = this.#start(body);
    await execution.done;
    const stopMs = execution.stopMs ?? this.env.now();
    // Assumption (L): billing rounded up to 100 ms and 64 MB, as the Express pricing page bills.
    const billed = Math.max(100, Math.ceil((stopMs - execution.startMs) / 100) * 100);
    return {
      executionArn: execution.executionArn,
      stateMachineArn: machine.arn,
      name: execution.name,
      startDate: epochSecondsDouble(execution.startMs),
      stopDate: epochSecondsDouble(stopMs),
      status: execution.status,
      ...(execution.error !== undefined ? { error: execution.error, cause: execution.cause } : {}),
      input: execution.input,
      inputDetails: { included: true },
      ...(execution.output !== undefined ? { output: execution.output, outputDetails: { included: true } } : {}),
      billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: billed },
    };
  }

  #describe(body: Body): unknown {
    const { execution: e } = this.#execution(body.executionArn);
    return {
      executionArn: e.executionArn,
      stateMachineArn: e.stateMachineArn,
      name: e.name,
      status: e.status,
      startDate: epochSecondsDouble(e.startMs),
      ...(e.stopMs !== undefined ? { stopDate: epochSecondsDouble(e.stopMs) } : {}),
      input: e.input,
      inputDetails: { included: true },
      ...(e.output !== undefined ? { output: e.output, outputDetails: { included: true } } : {}),
      ...(e.error !== undefined ? { error: e.error } : {}),
      ...(e.cause !== undefined ? { cause: e.cause } : {}),
    };
  }

  #stop(body: Body): unknown {
    const { execution } = this.#execution(body.executionArn);
    if (execution.status === 'RUNNING') {
      execution.status = 'ABORTED';
      execution.stopMs = this.env.now();
      if (typeof body.error === 'string') execution.error = body.error;
      if (typeof body.cause === 'string') execution.cause = body.cause;
      addEvent(execution, execution.stopMs, {
        type: 'ExecutionAborted',
        error: execution.error,
        cause: execution.cause,
      });
      execution.stop.abort();
    }
    return { stopDate: epochSecondsDouble(execution.stopMs ?? this.env.now()) };
  }

  apply(file: ServicesFile): void {
    (file.stateMachines ?? []).forEach((entry, i) => {
      const at = `stateMachines[${i}]`;
      if (typeof entry !== 'object' || entry === null) throw new ServicesFileError(`${at}: must be an object`);
      if (entry.definition === undefined)
        throw new ServicesFileError(`${at}.definition: required (an ASL object or its JSON text)`);
      try {
        this.#createStateMachine({ ...entry });
      } catch (error) {
        if (!(error instanceof SfnApiError)) throw error;
        const field =
          error.type === 'InvalidDefinition' ? 'definition' : error.type === 'InvalidName' ? 'name' : 'type';
        throw new ServicesFileError(`${at}.${field}: ${error.message}`);
      }
    });
  }

  state(into: ServicesState): void {
    for (const m of this.#machines.values()) {
      into.stateMachines.push({ name: m.name, arn: m.arn, type: m.type, executions: m.executions.map(executionView) });
    }
  }

  async whenIdle(): Promise<void> {
    for (;;) {
      const running = [...this.#executions.values()].filter((e) => e.execution.status === 'RUNNING');
      if (running.length === 0) return;
      await Promise.all(running.map((e) => e.execution.done));
    }
  }
}

/** StartExecution's input check; the messages are AWS's (research §1.5, test_invalid_start_execution_input). */
function checkInput(input: string): void {
  try {
    JSON.parse(input);
  } catch {
    const token = /^\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(input)?.[1];
    // Assumption (L): Jackson's "Unrecognized token" message for a bare word, AWS's generic one otherwise.
    const detail = token
      ? `Unrecognized token '${token}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`
      : 'Invalid execution input.';
    throw new SfnApiError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${detail}'`);
  }
}
