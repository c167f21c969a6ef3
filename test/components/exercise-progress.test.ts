/**
 * The exercises' progress in localStorage (exercise-progress.ts): `apigw-lab:exercise:<id>` is `attempted` after a
 * Check that failed, `passed` after one that passed, and a pass is never taken back; every change is announced.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { PROGRESS_EVENT, progressKey, progressOf, recordProgress } from '../../src/components/exercise-progress.js';

let events: Array<{ id: string; status: string }>;
beforeEach(() => {
  const items = new Map<string, string>();
  const localStorage = {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
  events = [];
  const target = new EventTarget();
  target.addEventListener(PROGRESS_EVENT, (e) => events.push((e as CustomEvent).detail));
  vi.stubGlobal('window', Object.assign(target, { localStorage }));
});
afterEach(() => vi.unstubAllGlobals());

it('keys an exercise by its id', () => {
  expect(progressKey('pricing-tiers')).toBe('apigw-lab:exercise:pricing-tiers');
});

it('records attempted, then passed, and keeps passed after a later failure', () => {
  expect(progressOf('x')).toBeNull();
  recordProgress('x', false);
  expect(progressOf('x')).toBe('attempted');
  recordProgress('x', true);
  expect(progressOf('x')).toBe('passed');
  recordProgress('x', false);
  expect(progressOf('x')).toBe('passed');
  expect(window.localStorage.getItem('apigw-lab:exercise:x')).toBe('passed');
  expect(events).toEqual([
    { id: 'x', status: 'attempted' },
    { id: 'x', status: 'passed' },
    { id: 'x', status: 'passed' },
  ]);
});

it('reads anything else stored under the key as no progress', () => {
  window.localStorage.setItem('apigw-lab:exercise:y', 'maybe');
  expect(progressOf('y')).toBeNull();
});
