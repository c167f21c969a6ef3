import { describe, expect, it } from 'vitest';
import type { InvokeOutcome, LambdaInvocation } from '../../../../src/emulator/index.js';
import { FN_URI, gatewayErrorOf } from '../steps/context-helper.js';
import { calling, callAndMap, text } from './integration-helper.js';

describe('a Lambda custom integration (integrations/lambda.ts)', () => {
  it("invokes a Lambda custom integration with the request template's output and maps its result", async () => {
    const seen: LambdaInvocation[] = [];
    const { context, spec } = await calling(
      {
        type: 'aws',
        httpMethod: 'POST',
        uri: FN_URI,
        requestTemplates: { 'application/json': '{"id": "$input.params(\'id\')"}' },
        responses: {
          default: { statusCode: '200', responseTemplates: { 'application/json': '{"got": $input.json(\'$.n\')}' } },
        },
      },
      {
        fn: (invocation): InvokeOutcome => {
          seen.push(invocation);
          return { kind: 'result', payload: { n: 42 }, logs: ['ran'] };
        },
      },
    );
    await callAndMap(context);
    expect(seen[0]!.functionName).toBe('fn');
    expect(seen[0]!.event).toEqual({ id: '7' });
    expect(seen[0]!.context.invokedFunctionArn).toBe('arn:aws:lambda:us-east-1:123456789012:function:fn');
    const answer = context.answer!;
    if (answer.kind !== 'mapped') throw new Error(`expected a mapped answer, got ${answer.kind}`);
    expect([answer.status, text(answer.body)]).toEqual([200, '{"got": 42}']);
    expect(context.trace.integration).toMatchObject({
      type: 'AWS',
      functionName: 'fn',
      outcome: { kind: 'result', payload: { n: 42 } },
      logs: ['ran'],
    });
    expect(context.trace.timings.integrationMs).toBe(context.trace.integration!.durationMs);
  });

  it('stops the request with 504 INTEGRATION_TIMEOUT when the function outlasts timeoutInMillis', async () => {
    const { context, spec, invocations } = await calling(
      {
        type: 'aws',
        httpMethod: 'POST',
        uri: FN_URI,
        timeoutInMillis: 50,
        responses: { default: { statusCode: '200' } },
      },
      { fn: () => new Promise<InvokeOutcome>(() => {}) },
    );
    const error = await gatewayErrorOf(() => callAndMap(context));
    expect([error.response.type, error.response.status]).toEqual(['INTEGRATION_TIMEOUT', 504]);
    expect(error.detail).toBe('Execution failed due to a timeout error (50 ms)');
    expect(invocations[0]!.signal.aborted).toBe(true);
  });
});
