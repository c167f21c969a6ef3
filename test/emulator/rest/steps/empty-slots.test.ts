import { describe, expect, it } from 'vitest';
import type { RestRequestContext } from '../../../../src/emulator/rest/context.js';
import { cache } from '../../../../src/emulator/rest/steps/cache.js';
import { throttle } from '../../../../src/emulator/rest/steps/throttle.js';
import { contextBefore } from './context-helper.js';

/** The context's own fields, each by identity, and a deep copy of its trace. */
const snapshot = (context: RestRequestContext) => ({
  fields: Object.entries(context),
  trace: structuredClone(context.trace),
});

describe.each([
  ['throttle', throttle],
  ['cache', cache],
])('the empty slot %s', (_name, step) => {
  it('returns undefined synchronously and leaves the routed context untouched', async () => {
    const { context } = await contextBefore(step, {
      url: '/dev/items/7',
      headers: [['X-Amzn-Trace-Id', 'Root=1-5759e988-bd862e3fe1be46a994272793']],
    });
    const before = snapshot(context);
    expect(step(context)).toBeUndefined();
    const after = snapshot(context);
    expect(after.fields.length).toBe(before.fields.length);
    after.fields.forEach(([name, value], i) => {
      expect(name).toBe(before.fields[i]![0]);
      expect(value).toBe(before.fields[i]![1]);
    });
    expect(after.trace).toEqual(before.trace);
    expect(context.result).toBeUndefined();
  });
});
