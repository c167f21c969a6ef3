import { describe, expect, it } from 'vitest';
import { Invocation } from '../../../src/emulator/shared/invocation.js';
import type { LambdaContextInit } from '../../../src/emulator/shared/invoker.js';

const context = { awsRequestId: 'r-1', deadlineMs: 0 } as LambdaContextInit;

describe('Invocation', () => {
  it('carries the function name, event and context it was made with', () => {
    const event = { path: '/items' };
    const invocation = new Invocation('items_handler', event, context);
    expect([invocation.functionName, invocation.event, invocation.context]).toEqual(['items_handler', event, context]);
  });

  it('aborts a signal read before the abort, with the first reason, once', () => {
    const invocation = new Invocation('f', {}, context);
    const signal = invocation.signal;
    const seen: unknown[] = [];
    signal.addEventListener('abort', () => seen.push(signal.reason));
    const reason = new Error('integration timeout after 10 ms');
    invocation.abort(reason);
    invocation.abort(new Error('again'));
    expect(signal.aborted).toBe(true);
    expect(seen).toEqual([reason]);
    expect(invocation.signal).toBe(signal);
  });

  it('hands out an already aborted signal when it is first read after the abort', () => {
    const invocation = new Invocation('f', {}, context);
    const reason = new Error('too late');
    invocation.abort(reason);
    expect(invocation.signal.aborted).toBe(true);
    expect(invocation.signal.reason).toBe(reason);
  });

  it('stays unaborted until aborted', () => {
    expect(new Invocation('f', {}, context).signal.aborted).toBe(false);
  });
});
