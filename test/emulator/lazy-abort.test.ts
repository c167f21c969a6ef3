import { describe, expect, it } from 'vitest';
import { LazyAbortController } from '../../src/emulator/lazy-abort.js';

describe('LazyAbortController', () => {
  it('aborts a signal read before the abort, with the reason, once', () => {
    const controller = new LazyAbortController();
    const signal = controller.signal;
    const seen: unknown[] = [];
    signal.addEventListener('abort', () => seen.push(signal.reason));
    const reason = new Error('integration timeout after 10 ms');
    controller.abort(reason);
    controller.abort(new Error('again'));
    expect(signal.aborted).toBe(true);
    expect(seen).toEqual([reason]);
    expect(controller.signal).toBe(signal);
  });

  it('hands out an already aborted signal when it is first read after the abort', () => {
    const controller = new LazyAbortController();
    const reason = new Error('too late');
    controller.abort(reason);
    expect(controller.signal.aborted).toBe(true);
    expect(controller.signal.reason).toBe(reason);
  });

  it('stays unaborted until aborted', () => {
    expect(new LazyAbortController().signal.aborted).toBe(false);
  });
});
