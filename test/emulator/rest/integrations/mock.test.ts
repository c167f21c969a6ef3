import { describe, expect, it } from 'vitest';
import { calling, callAndMap, text, JSON_ONLY } from './integration-helper.js';

describe('a MOCK integration (integrations/mock.ts)', () => {
  it('answers a MOCK from its integration response, calling nothing', async () => {
    const { context, spec, invocations } = await calling({
      type: 'mock',
      requestTemplates: JSON_ONLY,
      responses: {
        default: { statusCode: '200', responseTemplates: { 'application/json': '{"id":"$input.params(\'id\')"}' } },
      },
    });
    await callAndMap(context);
    expect(invocations).toHaveLength(0);
    const answer = context.answer!;
    expect(answer).toMatchObject({ kind: 'mapped', status: 200, held: null });
    if (answer.kind !== 'mapped') return;
    expect(answer.headers[0]).toEqual(['Content-Type', 'application/json']);
    expect(text(answer.body)).toBe('{"id":"7"}');
    expect(context.trace.integration).toMatchObject({
      type: 'MOCK',
      functionName: '',
      event: null,
      outcome: { kind: 'mock' },
    });
  });
});
