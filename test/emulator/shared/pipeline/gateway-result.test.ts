import { describe, expect, it } from 'vitest';
import type { HeaderList } from '../../../../src/emulator/shared/headers.js';
import {
  BufferedResult,
  finishBuffered,
  finishStreamed,
  StreamedResult,
} from '../../../../src/emulator/shared/pipeline/gateway-result.js';
import { monotonic } from '../../../../src/emulator/shared/pipeline/monotonic.js';
import { newTrace } from '../../../../src/emulator/shared/pipeline/new-trace.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const trace = () => newTrace('req-1', 'Ext=', 'GET', 0, {});
const HEADERS: HeaderList = [
  ['Content-Type', 'text/plain'],
  ['Content-Length', '5'],
  ['X-Kept', 'yes'],
];

describe('BufferedResult', () => {
  it('leaves the omitted headers, whatever their case, out of the Fetch response only', async () => {
    const result = new BufferedResult(trace(), bytes('hello'), 200, HEADERS, ['content-length']);
    const { response } = result;
    expect(response.status).toBe(200);
    expect([...response.headers]).toEqual([
      ['content-type', 'text/plain'],
      ['x-kept', 'yes'],
    ]);
    expect(await response.text()).toBe('hello');
    expect(new TextDecoder().decode(result.body!)).toBe('hello');
  });

  it('has a null body when there are no bytes', () => {
    expect(new BufferedResult(trace(), new Uint8Array(0), 200, [], []).body).toBeNull();
    expect(new BufferedResult(trace(), null, 200, [], []).body).toBeNull();
  });

  it('builds a 204 response without a body', async () => {
    const result = new BufferedResult(trace(), bytes('ignored'), 204, [], []);
    expect(result.response.status).toBe(204);
    expect(result.response.body).toBeNull();
  });

  it('builds its Response only when first read, and once', () => {
    // The Fetch API refuses status 99: constructing the result must not build the Response yet.
    const invalid = new BufferedResult(trace(), null, 99, [], []);
    expect(() => invalid.response).toThrow(RangeError);
    const result = new BufferedResult(trace(), bytes('x'), 200, [], []);
    expect(result.response).toBe(result.response);
  });
});

describe('finishBuffered', () => {
  it("fills the trace's status, headers, length and total time, and wraps the answer", async () => {
    const t = trace();
    const started = monotonic() - 1000;
    const result = finishBuffered(t, started, 201, HEADERS, bytes('hello'), ['content-length']);
    expect(result).toBeInstanceOf(BufferedResult);
    expect(result.trace).toBe(t);
    expect([t.status, t.responseLength]).toEqual([201, 5]);
    expect(t.responseHeaders).toBe(HEADERS);
    expect(t.timings.totalMs).toBeGreaterThanOrEqual(1000);
    expect(t.timings.totalMs).toBeLessThan(60_000);
    expect(result.response.headers.get('content-length')).toBeNull();
    expect(await result.response.text()).toBe('hello');
  });

  it('counts a missing body as 0 bytes', () => {
    const t = trace();
    finishBuffered(t, monotonic(), 204, [], null, []);
    expect([t.status, t.responseLength]).toEqual([204, 0]);
  });
});

describe('finishStreamed', () => {
  it('fills the status and headers now, leaving the length to the stream, and exposes the body stream', async () => {
    const t = trace();
    t.responseLength = -1;
    const stream = new Response('streamed').body!;
    const result = finishStreamed(t, monotonic(), 200, HEADERS, stream);
    expect(result).toBeInstanceOf(StreamedResult);
    expect([t.status, t.responseLength]).toEqual([200, -1]);
    expect(t.responseHeaders).toBe(HEADERS);
    expect(result.body).toBeUndefined();
    expect(result.bodyStream).toBe(stream);
    expect(await result.response.text()).toBe('streamed');
  });
});
