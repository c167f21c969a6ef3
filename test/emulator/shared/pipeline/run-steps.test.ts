import { describe, expect, it } from 'vitest';
import { runSteps, type Step } from '../../../../src/emulator/shared/pipeline/run-steps.js';

type Log = string[];
const sync =
  (name: string): Step<Log> =>
  (log) => {
    log.push(name);
  };
const async =
  (name: string): Step<Log> =>
  async (log) => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    log.push(name);
  };
const throws =
  (error: unknown): Step<Log> =>
  () => {
    throw error;
  };

describe('runSteps', () => {
  it('runs synchronous steps in order and returns undefined, no promise', () => {
    const log: Log = [];
    expect(runSteps([sync('a'), sync('b'), sync('c')], log)).toBeUndefined();
    expect(log).toEqual(['a', 'b', 'c']);
  });

  it('returns undefined for no steps', () => {
    expect(runSteps([], [])).toBeUndefined();
  });

  it('awaits each step that returns a promise before the next, keeping the order', async () => {
    const log: Log = [];
    const pending = runSteps([sync('a'), async('b'), sync('c'), async('d'), sync('e')], log);
    expect(pending).toBeInstanceOf(Promise);
    // Up to the first asynchronous step, the steps ran before runSteps returned; the rest wait.
    expect(log).toEqual(['a']);
    await pending;
    expect(log).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('stops at a step that throws: the error propagates synchronously and no later step runs', () => {
    const log: Log = [];
    const error = new Error('stop');
    expect(() => runSteps([sync('a'), throws(error), sync('c')], log)).toThrow(error);
    expect(log).toEqual(['a']);
  });

  it('rejects with what a step throws after an asynchronous one, and runs no later step', async () => {
    const log: Log = [];
    const verdict = { not: 'an Error' };
    await expect(runSteps([async('a'), throws(verdict), sync('c')], log)).rejects.toBe(verdict);
    expect(log).toEqual(['a']);
  });

  it('stops at an asynchronous step that rejects', async () => {
    const log: Log = [];
    const failing: Step<Log> = () => Promise.reject(new Error('late'));
    await expect(runSteps([sync('a'), failing, sync('c')], log)).rejects.toThrow('late');
    expect(log).toEqual(['a']);
  });
});
