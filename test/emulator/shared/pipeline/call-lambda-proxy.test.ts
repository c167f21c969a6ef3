import { describe, expect, it } from 'vitest';
import type { InvokeOutcome } from '../../../../src/emulator/shared/invoker.js';
import { callLambdaProxy, type LambdaProxyCall } from '../../../../src/emulator/shared/pipeline/call-lambda-proxy.js';
import { TIMED_OUT } from '../../../../src/emulator/shared/pipeline/invoke-with-timeout.js';
import { EPOCH_MS, restContext, type ContextOptions } from '../../rest/steps/context-helper.js';

const LAMBDA_REQUEST_ID = '3f1c2a5e-9b7d-4c1e-8f00-0123456789ab';
const CALL: LambdaProxyCall = {
  type: 'AWS_PROXY',
  functionName: 'items',
  event: { path: '/items' },
  lambdaRequestId: LAMBDA_REQUEST_ID,
  timeoutMs: 1000,
};

/** A request context (REST's: any RequestContext with `outcome` will do) whose function answers with `fn`. */
function contextWith(fn: ContextOptions['fn']) {
  return restContext({ fn });
}

describe('callLambdaProxy', () => {
  it('invokes the function with the event and its Lambda context (ARN, request id, deadline)', async () => {
    const { context, invocations } = contextWith(() => ({ kind: 'result', payload: 'x', logs: [] }));
    await callLambdaProxy(context, CALL);
    expect(invocations).toHaveLength(1);
    const [invocation] = invocations;
    expect(invocation!.functionName).toBe('items');
    expect(invocation!.event).toBe(CALL.event);
    expect(invocation!.context).toEqual({
      awsRequestId: LAMBDA_REQUEST_ID,
      functionName: 'items',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:items',
      memoryLimitInMB: 128,
      logGroupName: '/aws/lambda/items',
      logStreamName: '2026/11/26/[$LATEST]3f1c2a5e9b7d4c1e8f000123456789ab',
      deadlineMs: EPOCH_MS + 30_000,
    });
  });

  it('puts a result in context.outcome and the trace, with its logs and the duration of the call', async () => {
    const outcome: InvokeOutcome = {
      kind: 'result',
      payload: { statusCode: 200, body: 'hi' },
      payloadJson: '{"statusCode": 200, "body": "hi"}',
      logs: ['START', 'END'],
    };
    const { context } = contextWith(async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return outcome;
    });
    await callLambdaProxy(context, CALL);
    expect(context.outcome).toBe(outcome);
    const { trace } = context;
    expect(trace.integration).toEqual({
      type: 'AWS_PROXY',
      functionName: 'items',
      event: CALL.event,
      // The payload only: the runtime's bytes stay out of the trace.
      outcome: { kind: 'result', payload: { statusCode: 200, body: 'hi' } },
      logs: ['START', 'END'],
      durationMs: trace.timings.integrationMs,
    });
    expect(trace.timings.integrationMs).toBeGreaterThanOrEqual(25);
    expect(trace.timings.integrationMs).toBeLessThan(10_000);
  });

  it('puts a function error in context.outcome and the trace, with its logs', async () => {
    const error = { errorType: 'Error', errorMessage: 'boom' };
    const { context } = contextWith(() => ({ kind: 'error', error, logs: ['oops'] }));
    await callLambdaProxy(context, CALL);
    expect(context.outcome).toEqual({ kind: 'error', error, logs: ['oops'] });
    expect(context.trace.integration).toMatchObject({ outcome: { kind: 'error', error }, logs: ['oops'] });
  });

  it('gives TIMED_OUT when the function outlasts the integration timeout, with no logs in the trace', async () => {
    const { context, invocations } = contextWith(() => new Promise<InvokeOutcome>(() => {}));
    await callLambdaProxy(context, { ...CALL, type: 'AWS_PROXY', timeoutMs: 20 });
    expect(context.outcome).toBe(TIMED_OUT);
    expect(invocations[0]!.signal.aborted).toBe(true);
    expect(context.trace.integration).toMatchObject({ outcome: { kind: 'timeout' }, logs: [] });
    expect(context.trace.integration!.durationMs).toBeGreaterThanOrEqual(15);
    expect(context.trace.timings.integrationMs).toBe(context.trace.integration!.durationMs);
  });

  it('names the integration type the caller gives (an HTTP API trace says AWS_PROXY too)', async () => {
    const { context } = contextWith(undefined);
    await callLambdaProxy(context, { ...CALL, type: 'SOMETHING_ELSE' });
    expect(context.trace.integration!.type).toBe('SOMETHING_ELSE');
  });
});
