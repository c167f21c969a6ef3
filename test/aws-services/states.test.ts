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

  it('errors as AWS validated them: StateMachineDoesNotExist, InvalidExecutionInput (test_sfn_api.py snapshots, research §1.5)', async () => {
    const { send } = makeStates();
    const missing = await send('StartExecution', { stateMachineArn: SM_ARN('nope') });
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({
      __type: 'StateMachineDoesNotExist',
      message: "State Machine Does Not Exist: 'arn:aws:states:us-east-1:123456789012:stateMachine:nope'",
    });
    await send('CreateStateMachine', { name: 'M', definition: passMachine });
    const bad = await send('StartExecution', { stateMachineArn: SM_ARN('M'), input: 'not json' });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({
      __type: 'InvalidExecutionInput',
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
      __type: 'ExecutionAlreadyExists',
      message: "Execution Already Exists: 'arn:aws:states:us-east-1:123456789012:execution:M:x'",
    });
    await new Promise((r) => setTimeout(r, 0));
    release();
    await service.whenIdle();
    const closed = await send('StartExecution', { stateMachineArn: SM_ARN('M'), name: 'x', input: '{}' });
    expect(closed.json.__type).toBe('ExecutionAlreadyExists');
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
