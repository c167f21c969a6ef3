import { describe, expect, it } from 'vitest';
import type { InvokeOutcome, LambdaInvocation } from '../../../../src/emulator/index.js';
import { callLambdaProxy } from '../../../../src/emulator/rest/integrations/lambda-proxy.js';
import type { LambdaProxyIntegration } from '../../../../src/emulator/rest/model.js';
import { integration } from '../../../../src/emulator/rest/steps/integration.js';
import { TIMED_OUT } from '../../../../src/emulator/shared/pipeline/invoke-with-timeout.js';
import { contextBefore, EPOCH_MS, proxyMethod, smallDoc } from '../steps/context-helper.js';

/** A request about to call its Lambda proxy (timeoutInMillis 50) whose function is `fn`. */
async function calling(fn: (invocation: LambdaInvocation) => InvokeOutcome | Promise<InvokeOutcome>) {
  const doc = smallDoc({ '/items': { get: proxyMethod({ timeoutInMillis: 50 }) } });
  const built = await contextBefore(integration, { doc, fn });
  return { ...built, proxy: built.context.integration as LambdaProxyIntegration };
}

describe('callLambdaProxy', () => {
  it('invokes the function with the event and a Lambda context, and records the outcome', async () => {
    const outcome: InvokeOutcome = { kind: 'result', payload: { statusCode: 200 }, logs: ['START', 'END'] };
    const { context, proxy, invocations } = await calling(() => outcome);
    await callLambdaProxy(context, proxy);
    const [invocation] = invocations;
    expect(invocation!.functionName).toBe('fn');
    expect(invocation!.event).toBe(context.event);
    expect(invocation!.context).toMatchObject({
      awsRequestId: context.lambdaRequestId,
      functionName: 'fn',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn',
      deadlineMs: EPOCH_MS + 30_000,
    });
    expect(context.outcome).toBe(outcome);
    const { integration: traced, timings } = context.trace;
    expect(traced).toMatchObject({
      type: 'AWS_PROXY',
      functionName: 'fn',
      outcome: { kind: 'result', payload: { statusCode: 200 } },
      logs: ['START', 'END'],
    });
    expect(traced!.event).toBe(context.event);
    expect(timings.integrationMs).toBe(traced!.durationMs);
  });

  it("records a function error with the function's logs", async () => {
    const error = { errorType: 'Error', errorMessage: 'boom' };
    const { context, proxy } = await calling(() => ({ kind: 'error', error, logs: ['oops'] }));
    await callLambdaProxy(context, proxy);
    expect(context.outcome).toEqual({ kind: 'error', error, logs: ['oops'] });
    expect(context.trace.integration).toMatchObject({ outcome: { kind: 'error', error }, logs: ['oops'] });
  });

  it('records a runner that rejects as a Runtime.Unknown error', async () => {
    const { context, proxy } = await calling(() => Promise.reject(new Error('worker died')));
    await callLambdaProxy(context, proxy);
    expect(context.outcome).toEqual({
      kind: 'error',
      error: { errorType: 'Runtime.Unknown', errorMessage: 'worker died' },
      logs: [],
    });
  });

  it('gives up at the integration timeout, aborting the invocation', async () => {
    const { context, proxy, invocations } = await calling(() => new Promise<InvokeOutcome>(() => {}));
    await callLambdaProxy(context, proxy);
    expect(context.outcome).toBe(TIMED_OUT);
    expect(context.trace.integration).toMatchObject({ outcome: { kind: 'timeout' }, logs: [] });
    expect(context.trace.timings.integrationMs).toBeGreaterThanOrEqual(40);
    expect(invocations[0]!.signal.aborted).toBe(true);
  });
});
