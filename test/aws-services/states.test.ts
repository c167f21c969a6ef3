import { describe, expect, it } from 'vitest';
import { javaDouble } from '../../src/emulator/aws-services/states/java-double.js';
import { LambdaFailure, makeStates, SM_ARN } from './states-helpers.js';

const passMachine = {
  StartAt: 'Greet',
  States: {
    Greet: { Type: 'Pass', Result: { greeting: 'hello' }, ResultPath: '$.result', Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

describe('Step Functions: Java doubles', () => {
  it('writes epoch seconds as Java does: 1.486772644911E9 (SFN tutorial curl, research §1.5)', () => {
    expect(javaDouble(1486772644.911)).toBe('1.486772644911E9');
    expect(javaDouble(1680118019.525)).toBe('1.680118019525E9');
    expect(javaDouble(1486772644)).toBe('1.486772644E9');
    expect(javaDouble(1486772644.9)).toBe('1.4867726449E9');
    expect(javaDouble(12.5)).toBe('12.5');
    expect(javaDouble(3)).toBe('3.0');
  });
});

describe('Step Functions: StartExecution', () => {
  it('answers {"executionArn","startDate"} at once with startDate as a Java double (SFN tutorial, research §1.5)', async () => {
    const { send, service } = makeStates();
    const created = await send('CreateStateMachine', {
      name: 'HelloWorld',
      definition: JSON.stringify(passMachine),
      roleArn: 'arn:aws:iam::123456789012:role/sfn',
    });
    expect(created.status).toBe(200);
    expect(created.json.stateMachineArn).toBe(SM_ARN('HelloWorld'));
    const started = await send('StartExecution', {
      stateMachineArn: SM_ARN('HelloWorld'),
      name: 'MyExecution',
      input: '{"a":1}',
    });
    expect(started.status).toBe(200);
    expect(started.body).toBe(
      '{"executionArn":"arn:aws:states:us-east-1:123456789012:execution:HelloWorld:MyExecution","startDate":1.486772644911E9}',
    );
    expect(started.headers).toContainEqual(['Content-Type', 'application/x-amz-json-1.0']);
    expect(started.headers.some(([k]) => k === 'x-amzn-RequestId')).toBe(true);
    await service.whenIdle();
    const described = await send('DescribeExecution', { executionArn: started.json.executionArn });
    expect(described.json.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.json.output)).toEqual({ a: 1, result: { greeting: 'hello' } });
  });

  it('also takes POST /?Action=StartExecution without a target (research §1.1); name defaults to a uuid', async () => {
    const { send, service } = makeStates();
    await send('CreateStateMachine', { name: 'M', definition: passMachine });
    const response = await service.call({
      service: 'states',
      region: 'us-east-1',
      method: 'POST',
      path: '/?Action=StartExecution',
      headers: [['Content-Type', 'application/json']],
      body: new TextEncoder().encode(JSON.stringify({ stateMachineArn: SM_ARN('M') })),
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).executionArn).toMatch(/:execution:M:[0-9a-f-]{36}$/);
  });

  it('errors as AWS validated them: StateMachineDoesNotExist, InvalidExecutionInput (test_sfn_api.py snapshots, research §1.5), __type namespaced as AWS writes it', async () => {
    const { send } = makeStates();
    const missing = await send('StartExecution', { stateMachineArn: SM_ARN('nope') });
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({
      __type: 'com.amazonaws.swf.service.v2.model#StateMachineDoesNotExist',
      message: "State Machine Does Not Exist: 'arn:aws:states:us-east-1:123456789012:stateMachine:nope'",
    });
    await send('CreateStateMachine', { name: 'M', definition: passMachine });
    const bad = await send('StartExecution', { stateMachineArn: SM_ARN('M'), input: 'not json' });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({
      __type: 'com.amazonaws.swf.service.v2.model#InvalidExecutionInput',
      message:
        "Invalid State Machine Execution Input: 'Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')'",
    });
  });

  it('same name + same input while running → same answer; other input or closed → ExecutionAlreadyExists (API_StartExecution)', async () => {
    const { send, service } = makeStates();
    const waiting = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 5, End: true } } };
    await send('CreateStateMachine', { name: 'M', definition: waiting });
    let release!: () => void;
    (service.env as { sleep: (ms: number) => Promise<void> }).sleep = () => new Promise((r) => (release = r));
    const first = await send('StartExecution', { stateMachineArn: SM_ARN('M'), name: 'x', input: '{}' });
    const again = await send('StartExecution', { stateMachineArn: SM_ARN('M'), name: 'x', input: '{}' });
    expect(again.status).toBe(200);
    expect(again.body).toBe(first.body);
    const other = await send('StartExecution', { stateMachineArn: SM_ARN('M'), name: 'x', input: '{"b":2}' });
    expect(other.json).toEqual({
      __type: 'com.amazonaws.swf.service.v2.model#ExecutionAlreadyExists',
      message: "Execution Already Exists: 'arn:aws:states:us-east-1:123456789012:execution:M:x'",
    });
    await new Promise((r) => setTimeout(r, 0));
    release();
    await service.whenIdle();
    const closed = await send('StartExecution', { stateMachineArn: SM_ARN('M'), name: 'x', input: '{}' });
    expect(closed.json.__type).toBe('com.amazonaws.swf.service.v2.model#ExecutionAlreadyExists');
  });
});

describe('Step Functions: Fail and history', () => {
  it('a Fail state fails the execution with its Error and Cause; history names each step', async () => {
    const { send, service } = makeStates();
    const def = {
      StartAt: 'P',
      States: { P: { Type: 'Pass', Next: 'F' }, F: { Type: 'Fail', Error: 'Oops', Cause: 'it broke' } },
    };
    await send('CreateStateMachine', { name: 'M', definition: def });
    const { json } = await send('StartExecution', { stateMachineArn: SM_ARN('M'), input: '{"k":"v"}' });
    await service.whenIdle();
    const described = await send('DescribeExecution', { executionArn: json.executionArn });
    expect(described.json).toMatchObject({ status: 'FAILED', error: 'Oops', cause: 'it broke' });
    const history = await send('GetExecutionHistory', { executionArn: json.executionArn });
    expect(history.json.events.map((e: { type: string }) => e.type)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'FailStateEntered',
      'ExecutionFailed',
    ]);
    expect(history.json.events[1]).toEqual({
      timestamp: 1486772644.911,
      type: 'PassStateEntered',
      id: 2,
      previousEventId: 1,
      stateEnteredEventDetails: { name: 'P', input: '{"k":"v"}', inputDetails: { truncated: false } },
    });
    expect(history.json.events[4].executionFailedEventDetails).toEqual({ error: 'Oops', cause: 'it broke' });
  });
});

describe('Step Functions: Task states on local Lambda functions', () => {
  it('a function ARN runs env.invoke with a Lambda context and logs LambdaFunction* events (API_HistoryEvent)', async () => {
    const { send, service, calls } = makeStates({ double: (e) => ({ n: (e as { n: number }).n * 2 }) });
    const def = {
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:double', End: true } },
    };
    await send('CreateStateMachine', { name: 'M', definition: def });
    const { json } = await send('StartExecution', { stateMachineArn: SM_ARN('M'), input: '{"n":21}' });
    await service.whenIdle();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      functionName: 'double',
      event: { n: 21 },
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:double',
    });
    const events = (await send('GetExecutionHistory', { executionArn: json.executionArn })).json.events;
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events[2].lambdaFunctionScheduledEventDetails).toEqual({
      resource: 'arn:aws:lambda:us-east-1:123456789012:function:double',
      input: '{"n":21}',
      inputDetails: { truncated: false },
    });
    expect(events[6].executionSucceededEventDetails.output).toBe('{"n":42}');
  });

  it('arn:aws:states:::lambda:invoke wraps the payload as {ExecutedVersion, Payload, …, StatusCode} (connect-lambda.html)', async () => {
    const { send, service, calls } = makeStates({ echo: (e) => e });
    const def = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:echo', 'Payload.$': '$' },
          OutputPath: '$.Payload',
          End: true,
        },
      },
    };
    await send('CreateStateMachine', { name: 'M', definition: def });
    const { json } = await send('StartExecution', { stateMachineArn: SM_ARN('M'), input: '{"x":1}' });
    await service.whenIdle();
    expect(calls[0]!.event).toEqual({ x: 1 });
    const events = (await send('GetExecutionHistory', { executionArn: json.executionArn })).json.events;
    const succeeded = events.find((e: { type: string }) => e.type === 'TaskSucceeded').taskSucceededEventDetails;
    expect(succeeded.resourceType).toBe('lambda');
    expect(succeeded.resource).toBe('invoke');
    const result = JSON.parse(succeeded.output);
    expect(Object.keys(result)).toEqual([
      'ExecutedVersion',
      'Payload',
      'SdkHttpMetadata',
      'SdkResponseMetadata',
      'StatusCode',
    ]);
    expect(result).toMatchObject({ ExecutedVersion: '$LATEST', Payload: { x: 1 }, StatusCode: 200 });
    // The header set and order of a real execution's result (public capture, 2025-12-29).
    expect(Object.keys(result.SdkHttpMetadata.HttpHeaders)).toEqual([
      'Connection',
      'Content-Length',
      'Content-Type',
      'Date',
      'X-Amz-Executed-Version',
      'x-amzn-Remapped-Content-Length',
      'x-amzn-RequestId',
      'X-Amzn-Trace-Id',
    ]);
    expect(result.SdkHttpMetadata.HttpHeaders['Content-Length']).toBe('7');
    expect(result.SdkResponseMetadata.RequestId).toBe(result.SdkHttpMetadata.HttpHeaders['x-amzn-RequestId']);
    expect(JSON.parse((await send('DescribeExecution', { executionArn: json.executionArn })).json.output)).toEqual({
      x: 1,
    });
  });

  it('Retry waits IntervalSeconds × BackoffRate^n through env.sleep; the error name is the errorType (concepts-error-handling)', async () => {
    let n = 0;
    const { send, service, slept } = makeStates({
      f: () => {
        if (++n < 4) throw new LambdaFailure('Busy', 'try later');
        return 'ok';
      },
    });
    const def = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f',
          Retry: [{ ErrorEquals: ['Busy'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 1.5 }],
          End: true,
        },
      },
    };
    await send('CreateStateMachine', { name: 'M', definition: def });
    const { json } = await send('StartExecution', { stateMachineArn: SM_ARN('M') });
    await service.whenIdle();
    expect(slept).toEqual([2000, 3000, 4500]);
    expect((await send('DescribeExecution', { executionArn: json.executionArn })).json.output).toBe('"ok"');
  });

  it('an uncaught function error fails the execution: Error = errorType, Cause = the error payload as JSON', async () => {
    const { send, service } = makeStates({
      f: () => {
        throw new LambdaFailure('ValidationError', 'bad order');
      },
    });
    const def = {
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', End: true } },
    };
    await send('CreateStateMachine', { name: 'M', definition: def });
    const { json } = await send('StartExecution', { stateMachineArn: SM_ARN('M') });
    await service.whenIdle();
    const d = (await send('DescribeExecution', { executionArn: json.executionArn })).json;
    expect(d).toMatchObject({ status: 'FAILED', error: 'ValidationError' });
    expect(JSON.parse(d.cause)).toEqual({ errorMessage: 'bad order', errorType: 'ValidationError' });
    const types = (await send('GetExecutionHistory', { executionArn: json.executionArn })).json.events.map(
      (e: { type: string }) => e.type,
    );
    expect(types).toContain('LambdaFunctionFailed');
  });
});

describe('Step Functions: Wait, Choice and the context object', () => {
  it('Wait Seconds / TimestampPath sleep the right time; $$ gives the execution name; NoChoiceMatched without Default', async () => {
    const { send, service, slept } = makeStates();
    const def = {
      StartAt: 'W',
      States: {
        W: { Type: 'Wait', Seconds: 3, Next: 'Until' },
        Until: { Type: 'Wait', TimestampPath: '$.at', Next: 'Ctx' },
        Ctx: {
          Type: 'Pass',
          Parameters: { 'name.$': '$$.Execution.Name', 'state.$': '$$.State.Name' },
          ResultPath: '$.ctx',
          Next: 'C',
        },
        C: { Type: 'Choice', Choices: [{ Variable: '$.ctx.name', StringEquals: 'nobody', Next: 'W' }] },
      },
    };
    await send('CreateStateMachine', { name: 'M', definition: def });
    const at = new Date(Date.UTC(2017, 1, 11, 0, 25, 0)).toISOString();
    const { json } = await send('StartExecution', {
      stateMachineArn: SM_ARN('M'),
      name: 'run1',
      input: JSON.stringify({ at }),
    });
    await service.whenIdle();
    expect(slept).toEqual([3000, 60_000 - 4911 - 3000]);
    const d = (await send('DescribeExecution', { executionArn: json.executionArn })).json;
    expect(d).toMatchObject({ status: 'FAILED', error: 'States.NoChoiceMatched' });
    const events = (await send('GetExecutionHistory', { executionArn: json.executionArn })).json.events;
    const ctxExit = events.find(
      (e: { type: string; stateExitedEventDetails?: { name: string } }) => e.stateExitedEventDetails?.name === 'Ctx',
    );
    expect(JSON.parse(ctxExit.stateExitedEventDetails.output).ctx).toEqual({ name: 'run1', state: 'Ctx' });
  });
});

describe('Step Functions: definitions the lab refuses', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    [
      'an unknown state type',
      { StartAt: 'A', States: { A: { Type: 'Dance', End: true } } },
      /not a valid state type: Dance at \/States\/A\/Type/,
    ],
    [
      'a Map state (not supported by the lab)',
      { StartAt: 'A', States: { A: { Type: 'Map', End: true } } },
      /Map states are not supported by the lab/,
    ],
    [
      'a Parallel state',
      { StartAt: 'A', States: { A: { Type: 'Parallel', End: true } } },
      /Parallel states are not supported by the lab/,
    ],
    [
      'JSONata',
      { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
      /JSONata is not supported by the lab/,
    ],
    [
      'a state with neither Next nor End',
      { StartAt: 'A', States: { A: { Type: 'Pass' } } },
      /no 'Next' and no 'End'.* at \/States\/A/,
    ],
    [
      'a Next to nowhere',
      { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } },
      /MISSING_TRANSITION_TARGET: Missing 'Next' target: B at \/States\/A\/Next/,
    ],
    [
      'a StartAt to nowhere',
      { StartAt: 'Z', States: { A: { Type: 'Succeed' } } },
      /Missing 'Next' target: Z at \/StartAt/,
    ],
  ];
  for (const [what, definition, message] of cases) {
    it(`InvalidDefinition for ${what}`, async () => {
      const { send } = makeStates();
      const r = await send('CreateStateMachine', { name: 'M', definition: JSON.stringify(definition) });
      expect(r.status).toBe(400);
      expect(r.json.__type).toBe('com.amazonaws.swf.service.v2.model#InvalidDefinition');
      expect(r.json.message).toMatch(/^Invalid State Machine Definition: '/);
      expect(r.json.message).toMatch(message);
    });
  }

  it('apply() names the field of a bad services file entry', () => {
    const { service } = makeStates();
    expect(() =>
      service.apply({
        stateMachines: [
          { name: 'ok', definition: { StartAt: 'A', States: { A: { Type: 'Succeed' } } } },
          { name: 'M', definition: '{"StartAt":"A","States":{"A":{"Type":"Map","End":true}}}' },
        ],
      }),
    ).toThrow(/^stateMachines\[1\]\.definition: Invalid State Machine Definition: .*Map states are not supported/);
    expect(() => service.apply({ stateMachines: [{ name: 'x' } as never] })).toThrow(
      /^stateMachines\[0\]\.definition: required/,
    );
  });
});

describe('Step Functions: Express machines, stop, state', () => {
  it('StartSyncExecution waits and answers status/output for EXPRESS; STANDARD is refused', async () => {
    const { send, service } = makeStates();
    service.apply({
      stateMachines: [
        { name: 'Fast', type: 'EXPRESS', definition: passMachine },
        { name: 'Slow', definition: passMachine },
      ],
    });
    const r = await send('StartSyncExecution', { stateMachineArn: SM_ARN('Fast'), name: 'n1', input: '{}' });
    expect(r.status).toBe(200);
    expect(Object.keys(r.json)).toEqual([
      'executionArn',
      'stateMachineArn',
      'name',
      'startDate',
      'stopDate',
      'status',
      'input',
      'inputDetails',
      'output',
      'outputDetails',
      'billingDetails',
    ]);
    expect(r.json).toMatchObject({
      executionArn: 'arn:aws:states:us-east-1:123456789012:express:Fast:n1',
      status: 'SUCCEEDED',
      output: '{"result":{"greeting":"hello"}}',
    });
    expect(r.body).toContain('"startDate":1.486772644911E9');
    const standard = await send('StartSyncExecution', { stateMachineArn: SM_ARN('Slow') });
    expect(standard.status).toBe(400);
  });

  it('StopExecution aborts a waiting execution; state() lists executions with their events', async () => {
    const { send, service, env } = makeStates();
    let release!: () => void;
    env.sleep = () => new Promise((r) => (release = r));
    await send('CreateStateMachine', {
      name: 'M',
      definition: {
        StartAt: 'W',
        States: { W: { Type: 'Wait', Seconds: 60, Next: 'P' }, P: { Type: 'Pass', End: true } },
      },
    });
    const { json } = await send('StartExecution', { stateMachineArn: SM_ARN('M'), name: 'e' });
    await new Promise((r) => setTimeout(r, 0));
    const stopped = await send('StopExecution', {
      executionArn: json.executionArn,
      error: 'Manual',
      cause: 'reader stopped it',
    });
    expect(stopped.body).toBe('{"stopDate":1.486772644911E9}');
    release();
    await service.whenIdle();
    const into = { queues: [], streams: [], stateMachines: [], eventBuses: [], tables: [] };
    service.state(into);
    const execution = (into.stateMachines as any[])[0].executions[0];
    expect(execution).toMatchObject({ name: 'e', status: 'ABORTED', error: 'Manual', cause: 'reader stopped it' });
    expect(execution.events.map((e: { type: string }) => e.type)).toEqual([
      'ExecutionStarted',
      'WaitStateEntered',
      'ExecutionAborted',
    ]);
    const list = await send('ListExecutions', { stateMachineArn: SM_ARN('M') });
    expect(list.json.executions).toHaveLength(1);
  });
});

describe('Step Functions: a function error becomes Error/Cause as the runtime wrote the payload', () => {
  it('Node.js: compact {"errorType","errorMessage","trace"} (nodejs-exceptions.html); Python: json.dumps spacing (python-exceptions.html)', async () => {
    const { errorCause } = await import('../../src/emulator/aws-services/states/lambda-task.js');
    expect(errorCause({ errorType: 'Error', errorMessage: 'boom', trace: ['Error: boom', '    at x'] }, 'r1')).toBe(
      '{"errorType":"Error","errorMessage":"boom","trace":["Error: boom","    at x"]}',
    );
    expect(errorCause({ errorType: 'ValueError', errorMessage: 'café', stackTrace: ['  File "f.py"'] }, 'r1')).toBe(
      '{"errorMessage": "caf\\u00e9", "errorType": "ValueError", "requestId": "r1", "stackTrace": ["  File \\"f.py\\""]}',
    );
  });
});

describe('Step Functions and DynamoDB behind EmbeddedAwsServices', () => {
  it('the registry routes to both, applies a services file, and whenIdle waits for executions', async () => {
    const { EmbeddedAwsServices } = await import('../../src/emulator/aws-services/embedded-services.js');
    let now = Date.UTC(2026, 0, 1);
    const services = new EmbeddedAwsServices({
      region: 'us-east-1',
      accountId: '123456789012',
      now: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    });
    services.apply({
      stateMachines: [
        {
          name: 'Orders',
          definition: JSON.stringify({
            StartAt: 'W',
            States: { W: { Type: 'Wait', Seconds: 2, Next: 'Done' }, Done: { Type: 'Succeed' } },
          }),
        },
      ],
      tables: [
        {
          ...{
            TableName: 'items',
            KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
            AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          },
        },
      ],
    });
    const started = await services.call({
      service: 'states',
      region: 'us-east-1',
      method: 'POST',
      path: '/?Action=StartExecution',
      headers: [
        ['Content-Type', 'application/x-amz-json-1.0'],
        ['X-Amz-Target', 'AWSStepFunctions.StartExecution'],
      ],
      body: new TextEncoder().encode(JSON.stringify({ stateMachineArn: SM_ARN('Orders'), input: '{"id":"a"}' })),
    });
    expect(started.status).toBe(200);
    expect(started.body).toMatch(
      /^\{"executionArn":"arn:aws:states:us-east-1:123456789012:execution:Orders:[0-9a-f-]{36}","startDate":1\.7672256E9\}$/,
    );
    await services.whenIdle();
    const state = services.state();
    expect(state.stateMachines[0]!.executions[0]!.status).toBe('SUCCEEDED');
    expect(state.tables[0]!.name).toBe('items');
  });
});

describe('Step Functions: the history starts with StartExecution', () => {
  it('ExecutionStarted is recorded before StartExecution answers (the panel shows it at once)', async () => {
    const { send, service } = makeStates();
    await send('CreateStateMachine', { name: 'M', definition: passMachine });
    const { json } = await send('StartExecution', { stateMachineArn: SM_ARN('M'), input: '{"a":1}' });
    const into = { queues: [], streams: [], stateMachines: [] as any[], eventBuses: [], tables: [] };
    service.state(into);
    expect(into.stateMachines[0].executions[0].events[0]).toMatchObject({
      id: 1,
      type: 'ExecutionStarted',
      input: '{"a":1}',
    });
    await service.whenIdle();
    const types = (await send('GetExecutionHistory', { executionArn: json.executionArn })).json.events.map(
      (e: { type: string }) => e.type,
    );
    expect(types.filter((t: string) => t === 'ExecutionStarted')).toHaveLength(1);
  });
});

describe("Step Functions: the machine's TimeoutSeconds", () => {
  it('an execution running past TimeoutSeconds ends TIMED_OUT with States.Timeout (statemachine-structure.html)', async () => {
    const { send, service } = makeStates();
    const def = {
      TimeoutSeconds: 5,
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 10, Next: 'P' }, P: { Type: 'Pass', End: true } },
    };
    await send('CreateStateMachine', { name: 'M', definition: def });
    const { json } = await send('StartExecution', { stateMachineArn: SM_ARN('M') });
    await service.whenIdle();
    const d = (await send('DescribeExecution', { executionArn: json.executionArn })).json;
    expect(d).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    const events = (await send('GetExecutionHistory', { executionArn: json.executionArn })).json.events;
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'ExecutionStarted',
      'WaitStateEntered',
      'WaitStateExited',
      'ExecutionTimedOut',
    ]);
    expect(events[3].executionTimedOutEventDetails).toEqual({ error: 'States.Timeout' });
  });
});
