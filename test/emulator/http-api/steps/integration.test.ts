import { describe, expect, it } from 'vitest';
import type { LambdaInvocation } from '../../../../src/emulator/index.js';
import { integration } from '../../../../src/emulator/http-api/steps/integration.js';
import { TIMED_OUT } from '../../../../src/emulator/shared/pipeline/invoke-with-timeout.js';
import { EPOCH_MS, advanceTo, contextFor, servicesFor, type ServicesSetup } from './context-helper.js';
import { ok } from '../helpers.js';

async function atIntegration(setup: ServicesSetup, timeoutMs?: number) {
  const services = servicesFor(setup);
  const context = contextFor(services, '/items/7');
  await advanceTo(context, integration);
  if (timeoutMs !== undefined) context.integration = { ...context.integration, timeoutMs };
  return { context, invocations: services.invocations };
}

describe('integration', () => {
  it("invokes the route's function with the event and a Lambda context, and records the result", async () => {
    const payload = { statusCode: 201, body: 'made' };
    const { context, invocations } = await atIntegration({ fn: () => ok(payload) });
    const pending = integration(context);
    expect(pending).toBeInstanceOf(Promise);
    await pending;
    expect(invocations).toHaveLength(1);
    const call = invocations[0]!;
    expect(call.functionName).toBe('fn');
    expect(call.event).toBe(context.event);
    expect(call.context).toMatchObject({
      awsRequestId: context.lambdaRequestId,
      functionName: 'fn',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn',
      deadlineMs: EPOCH_MS + 30_000,
    });
    expect(context.outcome).toEqual({ kind: 'result', payload, logs: [] });
    expect(context.trace.integration).toMatchObject({
      type: 'AWS_PROXY',
      functionName: 'fn',
      event: context.event,
      outcome: { kind: 'result', payload },
      logs: [],
    });
    expect(context.trace.timings.integrationMs).toBe(context.trace.integration!.durationMs);
  });

  it("records a function error with the function's logs", async () => {
    const error = { errorType: 'TypeError', errorMessage: 'boom' };
    const { context } = await atIntegration({ fn: () => ({ kind: 'error', error, logs: ['line'] }) });
    await integration(context);
    expect(context.outcome).toEqual({ kind: 'error', error, logs: ['line'] });
    expect(context.trace.integration).toMatchObject({ outcome: { kind: 'error', error }, logs: ['line'] });
  });

  it('records a rejected invocation as the runtime failing (Runtime.Unknown)', async () => {
    const { context } = await atIntegration({
      fn: () => {
        throw new Error('runner crashed');
      },
    });
    await integration(context);
    expect(context.outcome).toEqual({
      kind: 'error',
      error: { errorType: 'Runtime.Unknown', errorMessage: 'runner crashed' },
      logs: [],
    });
  });

  it('gives up at the integration timeout, records a timeout and aborts the invocation', async () => {
    let call: LambdaInvocation | undefined;
    const { context } = await atIntegration(
      {
        fn: (invocation) => {
          call = invocation;
          return new Promise(() => {});
        },
      },
      30,
    );
    await integration(context);
    expect(context.outcome).toBe(TIMED_OUT);
    expect(context.trace.integration).toMatchObject({ outcome: { kind: 'timeout' }, logs: [] });
    expect(context.trace.integration!.durationMs).toBeGreaterThanOrEqual(25);
    expect(call!.signal.aborted).toBe(true);
  });
});
