import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  InvokeOutcome,
  LambdaContextInit,
  LambdaInvocation,
  LambdaInvoker,
} from '../../../../src/emulator/shared/invoker.js';
import { invokeWithTimeout, TIMED_OUT } from '../../../../src/emulator/shared/pipeline/invoke-with-timeout.js';

const CONTEXT: LambdaContextInit = {
  awsRequestId: 'lambda-req-1',
  functionName: 'fn',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn',
  memoryLimitInMB: 128,
  logGroupName: '/aws/lambda/fn',
  logStreamName: '2026/11/26/[$LATEST]abc',
  deadlineMs: 0,
};

/** An invoker answering with `answer`, keeping the invocations it was given. */
function invoker(answer: (invocation: LambdaInvocation) => Promise<InvokeOutcome>) {
  const seen: LambdaInvocation[] = [];
  const invoke: LambdaInvoker = (invocation) => {
    seen.push(invocation);
    return answer(invocation);
  };
  return { invoke, seen };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('invokeWithTimeout', () => {
  it("resolves with the invoker's outcome, having handed it the function, event and context", async () => {
    const outcome: InvokeOutcome = { kind: 'result', payload: { a: 1 }, logs: ['x'] };
    const { invoke, seen } = invoker(async () => outcome);
    const event = { hello: 'world' };
    await expect(invokeWithTimeout(invoke, 'fn', event, CONTEXT, 1000)).resolves.toBe(outcome);
    expect(seen[0]).toMatchObject({ functionName: 'fn', event, context: CONTEXT });
    expect(seen[0]!.signal.aborted).toBe(false);
  });

  it.each([
    [new Error('worker crashed'), 'worker crashed'],
    ['a plain string', 'a plain string'],
  ])('turns a rejection (%s) into a Runtime.Unknown error outcome', async (reason, message) => {
    const { invoke } = invoker(() => Promise.reject(reason));
    await expect(invokeWithTimeout(invoke, 'fn', {}, CONTEXT, 1000)).resolves.toEqual({
      kind: 'error',
      error: { errorType: 'Runtime.Unknown', errorMessage: message },
      logs: [],
    });
  });

  it("gives TIMED_OUT when the timeout passes first, and aborts the invocation's signal", async () => {
    vi.useFakeTimers();
    let late!: (outcome: InvokeOutcome) => void;
    const { invoke, seen } = invoker(() => new Promise((resolve) => (late = resolve)));
    const pending = invokeWithTimeout(invoke, 'fn', {}, CONTEXT, 500);
    const signal = seen[0]!.signal;
    await vi.advanceTimersByTimeAsync(499);
    expect(signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toBe(TIMED_OUT);
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).message).toBe('integration timeout after 500 ms');
    // An answer after the timeout changes nothing.
    late({ kind: 'result', payload: 'too late', logs: [] });
    await expect(pending).resolves.toBe(TIMED_OUT);
  });

  it('aborts a signal first read after the timeout too', async () => {
    vi.useFakeTimers();
    const { invoke, seen } = invoker(() => new Promise(() => {}));
    const pending = invokeWithTimeout(invoke, 'fn', {}, CONTEXT, 10);
    await vi.advanceTimersByTimeAsync(10);
    await expect(pending).resolves.toBe(TIMED_OUT);
    expect(seen[0]!.signal.aborted).toBe(true);
  });

  it('clears its timer once the outcome arrives', async () => {
    vi.useFakeTimers();
    const { invoke } = invoker(async () => ({ kind: 'result', payload: null, logs: [] }));
    await invokeWithTimeout(invoke, 'fn', {}, CONTEXT, 10_000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects with what the invoker throws synchronously (no error outcome), and clears its timer', async () => {
    vi.useFakeTimers();
    const bug = new Error('invoker misconfigured');
    const invoke: LambdaInvoker = () => {
      throw bug;
    };
    await expect(invokeWithTimeout(invoke, 'fn', {}, CONTEXT, 1000)).rejects.toBe(bug);
    expect(vi.getTimerCount()).toBe(0);
  });
});
