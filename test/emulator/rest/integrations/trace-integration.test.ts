import { describe, expect, it } from 'vitest';
import { traceIntegration } from '../../../../src/emulator/rest/integrations/trace-integration.js';
import { monotonic } from '../../../../src/emulator/shared/pipeline/monotonic.js';
import { FN_URI } from '../steps/context-helper.js';
import { calling } from './integration-helper.js';

const RECORD = {
  event: { id: '7' },
  request: { method: 'GET', url: 'http://backend.local/', headers: [], body: '' },
  outcome: { kind: 'result' as const, payload: { ok: true } },
  logs: ['line 1'],
};

describe('traceIntegration', () => {
  it('puts the call in the trace, the function named by a stage variable resolved for the stage', async () => {
    const uri = FN_URI.replace('function:fn', 'function:${stageVariables.fn}');
    const { context, spec } = await calling(
      { type: 'aws', httpMethod: 'POST', uri, responses: { default: { statusCode: '200' } } },
      { stageVariables: { fn: 'items_v2' } },
    );
    context.integrationStarted = monotonic();
    traceIntegration(context, spec, RECORD);
    expect(context.trace.integration).toEqual({
      type: 'AWS',
      functionName: 'items_v2',
      ...RECORD,
      durationMs: context.trace.integration!.durationMs,
    });
  });

  it('times the call from integrationStarted, in the trace and its integration timing alike', async () => {
    const { context, spec } = await calling({ type: 'http', httpMethod: 'GET', uri: 'http://backend.local/' });
    context.integrationStarted = monotonic() - 250;
    traceIntegration(context, spec, RECORD);
    const { durationMs } = context.trace.integration!;
    expect(durationMs).toBeGreaterThanOrEqual(250);
    expect(durationMs).toBeLessThan(10_000);
    expect(context.trace.timings.integrationMs).toBe(durationMs);
  });

  it('names no function for an integration without one (HTTP, MOCK)', async () => {
    const { context, spec } = await calling({ type: 'http', httpMethod: 'GET', uri: 'http://backend.local/' });
    traceIntegration(context, spec, RECORD);
    expect(context.trace.integration).toMatchObject({ type: 'HTTP', functionName: '' });
  });
});
