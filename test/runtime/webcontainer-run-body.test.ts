/** The run's body between the page and the container's server (src/runtime/webcontainer/run-body.ts). */
import { describe, expect, it } from 'vitest';
import {
  MAX_RUN_JSON_BYTES,
  MAX_SENT_BODY_BYTES,
  runBodyOf,
  runRequestOf,
  sandboxRunBodyOf,
} from '../../src/runtime/webcontainer/run-body.js';
import type { RunRequest } from '../../src/runtime/types.js';

const bytes = (text: string) => new TextEncoder().encode(text).length;
const post = (body: string | null): RunRequest => ({
  method: 'POST',
  path: '/items',
  headers: [['Content-Type', 'text/plain']],
  body,
});

describe('runBodyOf / runRequestOf', () => {
  it('sends a body up to 10 MiB + 1 bytes whole', () => {
    for (const body of [null, '', 'x'.repeat(MAX_SENT_BODY_BYTES), '€'.repeat(3_000_000)]) {
      const sent = runBodyOf(post(body));
      expect(sent).toEqual({ request: post(body) });
      expect(runRequestOf(sent)).toEqual(post(body));
    }
  });

  it("sends a larger body's first 10 MiB + 1 bytes at most, whole characters, with its size; the server makes up a body of that size", () => {
    for (const body of ['x'.repeat(MAX_SENT_BODY_BYTES + 1), '€'.repeat(4_000_000), 'a' + '😀'.repeat(3_000_000)]) {
      const sent = runBodyOf(post(body));
      expect(sent.bodyBytes).toBe(bytes(body));
      expect(bytes(sent.request.body!)).toBeLessThanOrEqual(MAX_SENT_BODY_BYTES);
      expect(bytes(sent.request.body!)).toBeGreaterThan(MAX_SENT_BODY_BYTES - 4);
      expect(body.startsWith(sent.request.body!)).toBe(true);
      expect({ ...sent.request, body: null }).toEqual({ ...post(body), body: null });
      const restored = runRequestOf(JSON.parse(JSON.stringify(sent)));
      expect(bytes(restored.body!)).toBe(bytes(body));
      expect(restored.body!.startsWith(sent.request.body!)).toBe(true);
    }
  });

  it('leaves room in the JSON for the worst escaping of the largest body sent', () => {
    const sent = runBodyOf(post('\u0000'.repeat(MAX_SENT_BODY_BYTES)));
    expect(bytes(JSON.stringify(sent))).toBeLessThanOrEqual(MAX_RUN_JSON_BYTES);
  });

  it("refuses a size that is not a too-large body's", () => {
    expect(() => runRequestOf({ request: post('abc'), bodyBytes: 2 })).toThrow(/bodyBytes/);
    expect(() => runRequestOf({ request: post('abc'), bodyBytes: 100 })).toThrow(/bodyBytes/);
    expect(() => runRequestOf({ request: post('abc'), bodyBytes: 1.5e7 + 0.5 })).toThrow(/bodyBytes/);
  });
});

describe('sandboxRunBodyOf', () => {
  it("carries the run's auth, requests sent first and session, and nothing of them when the run has none", () => {
    const request = post('{}');
    expect(sandboxRunBodyOf({ request })).toEqual({ request });
    expect(sandboxRunBodyOf({ request, before: [] })).toEqual({ request });
    expect(
      sandboxRunBodyOf({ request, auth: { signInAs: 'alice' }, before: [post(null)], session: 'sandbox-1' }),
    ).toEqual({ request, auth: { signInAs: 'alice' }, before: [post(null)], session: 'sandbox-1' });
  });

  it('cuts a body over the limit as runBodyOf does', () => {
    const big = post('x'.repeat(MAX_SENT_BODY_BYTES + 10));
    expect(sandboxRunBodyOf({ request: big, session: 's' })).toEqual({ ...runBodyOf(big), session: 's' });
  });
});
