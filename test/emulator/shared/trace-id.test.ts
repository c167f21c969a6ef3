import { describe, expect, it } from 'vitest';
import { traceIdOf } from '../../../src/emulator/shared/trace-id.js';

/** 26 Nov 2026 12:00:00 UTC: 0x6b081f40 seconds after the epoch. */
const EPOCH_MS = Date.UTC(2026, 10, 26, 12, 0, 0);
const NEW_ROOT = /^Root=1-6b081f40-[0-9a-f]{24}$/;
const CLIENT_ROOT = 'Root=1-5e1b4151-5ac6c58f5b0e8a7c3d2b1a09';

describe('traceIdOf', () => {
  it("keeps the client's X-Amzn-Trace-Id as sent when it carries a root, parent and sampling included", () => {
    const sent = `${CLIENT_ROOT};Parent=53995c3f42cd8ad8;Sampled=1`;
    expect(traceIdOf(sent, EPOCH_MS)).toBe(sent);
    expect(traceIdOf(CLIENT_ROOT, EPOCH_MS)).toBe(CLIENT_ROOT);
  });

  it('makes a new root from the arrival time in seconds (8 hex digits) and 24 random hex digits when none was sent', () => {
    const id = traceIdOf(null, EPOCH_MS);
    expect(id).toMatch(NEW_ROOT);
    expect(traceIdOf('', EPOCH_MS)).toMatch(NEW_ROOT);
  });

  it('pads the seconds of an early time to 8 hex digits', () => {
    expect(traceIdOf(null, 255_000)).toMatch(/^Root=1-000000ff-[0-9a-f]{24}$/);
  });

  it.each([
    ['no root', 'Parent=53995c3f42cd8ad8;Sampled=1'],
    ['upper-case hex', 'Root=1-5E1B4151-5AC6C58F5B0E8A7C3D2B1A09'],
    ['a short random part', 'Root=1-5e1b4151-5ac6c58f'],
    ['another version', 'Root=2-5e1b4151-5ac6c58f5b0e8a7c3d2b1a09'],
  ])('replaces a header with %s by a new root', (_what, sent) => {
    expect(traceIdOf(sent, EPOCH_MS)).toMatch(NEW_ROOT);
  });

  it('gives every request without a root its own id', () => {
    expect(traceIdOf(null, EPOCH_MS)).not.toBe(traceIdOf(null, EPOCH_MS));
  });
});
