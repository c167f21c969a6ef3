/**
 * The exercises' header and JSON body checks (runChecks with `expect.headers` / `expect.json`): each fails with a
 * reason naming what differs, and the reader's edits are diffed against the starter (exercise-diff.ts).
 */
import { describe, expect, it } from 'vitest';
import { mismatchOf, runChecks, type ExerciseCheck } from '../../src/examples/exercise.js';
import { unifiedDiff } from '../../src/components/exercise-diff.js';

const sent = (status: number, body: string, headers: Array<[string, string]> = []) => ({ status, body, headers });
const request = { method: 'GET', path: '/x', headers: [], body: null } as ExerciseCheck['request'];

describe('mismatchOf', () => {
  it('matches headers by name in any case, with exact values', () => {
    expect(mismatchOf({ headers: { 'content-type': 'application/json' } }, sent(200, '', [['Content-Type', 'application/json']]))).toBeUndefined();
    expect(mismatchOf({ headers: { Vary: 'Origin' } }, sent(200, ''))).toBe('no Vary header (expected Origin)');
    expect(mismatchOf({ headers: { Vary: 'Origin' } }, sent(200, '', [['vary', '*']]))).toBe('Vary was *, expected Origin');
  });
  it('a null header must be absent', () => {
    expect(mismatchOf({ headers: { 'Access-Control-Allow-Origin': null } }, sent(200, ''))).toBeUndefined();
    expect(
      mismatchOf({ headers: { 'Access-Control-Allow-Origin': null } }, sent(200, '', [['access-control-allow-origin', '*']])),
    ).toBe('Access-Control-Allow-Origin was *, expected no Access-Control-Allow-Origin header');
  });
  it('matches the JSON body as a subset of objects, arrays whole', () => {
    const body = JSON.stringify({ a: 1, b: { c: 'x', d: [1, 2] }, e: true });
    expect(mismatchOf({ json: { b: { c: 'x' } } }, sent(200, body))).toBeUndefined();
    expect(mismatchOf({ json: { b: { d: [1, 2] } } }, sent(200, body))).toBeUndefined();
    expect(mismatchOf({ json: { b: { d: [1] } } }, sent(200, body))).toBe('body.b.d is not a list of 1');
    expect(mismatchOf({ json: { b: { c: 'y' } } }, sent(200, body))).toBe('body.b.c was "x", expected "y"');
    expect(mismatchOf({ json: { z: 1 } }, sent(200, body))).toBe('body.z was missing, expected 1');
    expect(mismatchOf({ json: { a: 1 } }, sent(200, 'Hello!'))).toBe('the body is not JSON');
  });
});

describe('runChecks with headers and a JSON body', () => {
  const check: ExerciseCheck = {
    title: 'hello',
    request,
    expect: { status: 200, headers: { 'Content-Type': 'application/json' }, json: { message: 'Hello, alice!' } },
  };
  it('passes when the status, the headers and the fields match', async () => {
    const [result] = await runChecks({ checks: [check] }, async () =>
      sent(200, '{"message":"Hello, alice!","extra":1}', [['content-type', 'application/json']]),
    );
    expect(result).toMatchObject({ pass: true, actual: 200 });
    expect(result!.why).toBeUndefined();
  });
  it('fails with the reason when the status matches but a field does not', async () => {
    const [result] = await runChecks({ checks: [check] }, async () =>
      sent(200, '{"message":"Hello!"}', [['Content-Type', 'application/json']]),
    );
    expect(result).toMatchObject({ pass: false, actual: 200, why: 'body.message was "Hello!", expected "Hello, alice!"' });
  });
  it('fails on the status alone (no reason) when the status differs', async () => {
    const [result] = await runChecks({ checks: [check] }, async () => sent(502, '{"message":"Internal server error"}'));
    expect(result).toMatchObject({ pass: false, actual: 502 });
    expect(result!.why).toBeUndefined();
  });
});

describe('unifiedDiff', () => {
  it('shows the edited line as removed and added, with the file named', () => {
    const diff = unifiedDiff('a\nb\nc\n', 'a\nB\nc\n', 'hello_handler.py');
    expect(diff.split('\n')).toEqual([
      '--- hello_handler.py (starter)',
      '+++ hello_handler.py (yours)',
      '@@ -1,3 +1,3 @@',
      ' a',
      '-b',
      '+B',
      ' c',
    ]);
  });
  it('treats a missing final newline as no change', () => {
    expect(unifiedDiff('a\nb', 'a\nb\n', 'x.ts')).not.toMatch(/^[-+][^-+]/m);
  });
});
