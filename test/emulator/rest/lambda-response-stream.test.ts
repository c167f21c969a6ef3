import { describe, expect, it } from 'vitest';
import {
  DELIMITER_LENGTH,
  parseMetadata,
  splitLambdaResponseStream,
} from '../../../src/emulator/rest/lambda-response-stream.js';
import { limitStream, StreamCutError, type StreamEnd } from '../../../src/emulator/rest/stream-limits.js';

const enc = (s: string) => new TextEncoder().encode(s);
const NULS = new Uint8Array(DELIMITER_LENGTH);
const cat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** A source the test writes into, and whether anything has cancelled it. */
function source() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const state = { cancelled: false as boolean, reason: undefined as unknown };
  const stream = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
    cancel: (reason) => {
      state.cancelled = true;
      state.reason = reason;
    },
  });
  return {
    stream,
    state,
    push: (b: Uint8Array | string) => controller.enqueue(typeof b === 'string' ? enc(b) : b),
    close: () => controller.close(),
    error: (e: unknown) => controller.error(e),
  };
}

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe('splitLambdaResponseStream', () => {
  it('finds the delimiter when chunks split the metadata and the 8 NUL bytes', async () => {
    const src = source();
    const bytes = cat(enc('{"statusCode":201,"headers":{"x-a":"1"}}'), NULS, enc('hello world'));
    // Metadata in two pieces, the delimiter split 3 + 5 with the first body bytes after it, then the rest.
    const nul = bytes.indexOf(0);
    src.push(bytes.slice(0, 10));
    src.push(bytes.slice(10, nul + 3));
    src.push(bytes.slice(nul + 3, nul + 8 + 3));
    src.push(bytes.slice(nul + 8 + 3));
    src.close();
    const split = await splitLambdaResponseStream(src.stream);
    expect(split.kind).toBe('response');
    if (split.kind !== 'response') return;
    expect(split.metadata.statusCode).toBe(201);
    expect(split.metadata.headers).toEqual([['x-a', '1']]);
    expect(await text(split.body)).toBe('hello world');
  });

  it('gives the first body chunk before the source has ended (unbuffered)', async () => {
    const src = source();
    src.push(cat(enc('{"statusCode":200}'), NULS, enc('first ')));
    const split = await splitLambdaResponseStream(src.stream);
    if (split.kind !== 'response') throw new Error(split.kind);
    const reader = split.body.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('first ');
    // The source is still open: the next read waits for it.
    let second: string | null = null;
    const pending = reader.read().then((r) => (second = new TextDecoder().decode(r.value)));
    await new Promise((r) => setTimeout(r, 20));
    expect(second).toBeNull();
    src.push('second');
    await pending;
    expect(second).toBe('second');
    src.close();
    expect((await reader.read()).done).toBe(true);
  });

  it('keeps NUL bytes inside the body (only the first 8 after the metadata are the delimiter)', async () => {
    const src = source();
    src.push(cat(enc('{}'), NULS, new Uint8Array([0, 1, 0, 0])));
    src.close();
    const split = await splitLambdaResponseStream(src.stream);
    if (split.kind !== 'response') throw new Error(split.kind);
    expect(split.metadata.statusCode).toBe(200);
    expect([...new Uint8Array(await new Response(split.body).arrayBuffer())]).toEqual([0, 1, 0, 0]);
  });

  it('cancelling the body cancels the source', async () => {
    const src = source();
    src.push(cat(enc('{}'), NULS));
    const split = await splitLambdaResponseStream(src.stream);
    if (split.kind !== 'response') throw new Error(split.kind);
    await split.body.cancel(new Error('client gone'));
    expect(src.state.cancelled).toBe(true);
  });

  it.each([
    ['nothing written', [] as Uint8Array[], 'wrote nothing'],
    ['no delimiter', [enc('{"statusCode":200}hello')], 'ended before the 8-byte delimiter'],
    ['a short delimiter', [cat(enc('{"statusCode":200}'), new Uint8Array(3), enc('body text'))], '3 NUL bytes'],
    ['metadata that is not JSON', [cat(enc('{statusCode:200}'), NULS)], 'not JSON'],
    ['metadata that is an array', [cat(enc('[1]'), NULS)], 'an array'],
    ['a buffered proxy result instead', [enc('{"statusCode":200,"body":"hi"}')], 'ended before'],
  ])('is malformed for %s', async (_name, chunks, reason) => {
    const src = source();
    for (const c of chunks) src.push(c);
    src.close();
    const split = await splitLambdaResponseStream(src.stream);
    expect(split.kind).toBe('malformed');
    if (split.kind === 'malformed') expect(split.reason).toContain(reason);
  });

  it('gives up after the metadata bound without a delimiter, and cancels the source', async () => {
    const src = source();
    src.push('x'.repeat(40));
    src.push('y'.repeat(40));
    const split = await splitLambdaResponseStream(src.stream, 64);
    expect(split).toMatchObject({ kind: 'malformed', reason: 'no delimiter within the first 64 bytes' });
    expect(src.state.cancelled).toBe(true);
  });

  it('reports a source error before the delimiter as failed', async () => {
    const src = source();
    src.push('{"statusCode"');
    src.error({ errorType: 'Error', errorMessage: 'boom' });
    expect(await splitLambdaResponseStream(src.stream)).toEqual({
      kind: 'failed',
      error: { errorType: 'Error', errorMessage: 'boom' },
    });
  });

  it('passes a source error after the delimiter to the body', async () => {
    const src = source();
    src.push(cat(enc('{}'), NULS, enc('partial')));
    const split = await splitLambdaResponseStream(src.stream);
    if (split.kind !== 'response') throw new Error(split.kind);
    const reader = split.body.getReader();
    expect((await reader.read()).done).toBe(false);
    src.error(new Error('mid-stream'));
    await expect(reader.read()).rejects.toThrow('mid-stream');
  });
});

describe('parseMetadata', () => {
  it('merges headers and multiValueHeaders as for a buffered proxy result, and keeps cookies', () => {
    const meta = parseMetadata(
      JSON.stringify({
        statusCode: '202',
        headers: { 'x-foo': 'bar', n: 1 },
        multiValueHeaders: { 'x-mv1': ['hello', 'world'] },
        cookies: ['c1=blue', 'c2=red'],
      }),
    );
    expect(meta).toMatchObject({
      statusCode: 202,
      headers: [
        ['x-foo', 'bar'],
        ['n', '1'],
        ['x-mv1', 'hello'],
        ['x-mv1', 'world'],
      ],
      cookies: ['c1=blue', 'c2=red'],
    });
  });

  it('refuses what a buffered proxy result may not carry, and cookies that are not strings', () => {
    expect(parseMetadata('{"statusCode":99}')).toContain('is not an HTTP status code');
    expect(parseMetadata('{"headers":{"a":null}}')).toContain('null value');
    expect(parseMetadata('{"cookies":"a=1"}')).toBe('"cookies" is not a list of strings');
  });
});

describe('limitStream', () => {
  it('passes chunks on, counting them, and reports completion', async () => {
    const src = source();
    const seen: number[] = [];
    const ends: StreamEnd[] = [];
    const limited = limitStream(src.stream, {
      remainingMs: 5_000,
      idleMs: 5_000,
      onChunk: (n) => seen.push(n),
      onEnd: (e) => ends.push(e),
    });
    src.push('ab');
    src.push('cde');
    src.close();
    expect(await text(limited)).toBe('abcde');
    expect(seen).toEqual([2, 3]);
    expect(ends).toEqual([{ state: 'complete' }]);
  });

  it('cuts a stream that stays idle longer than the idle timeout', async () => {
    const src = source();
    const ends: StreamEnd[] = [];
    const limited = limitStream(src.stream, { remainingMs: 10_000, idleMs: 40, onEnd: (e) => ends.push(e) });
    const reader = limited.getReader();
    src.push('a');
    expect((await reader.read()).value).toEqual(enc('a'));
    await expect(reader.read()).rejects.toBeInstanceOf(StreamCutError);
    expect(ends).toEqual([{ state: 'cut', reason: 'idle' }]);
    expect(src.state.cancelled).toBe(true);
  });

  it('cuts a stream that outlasts the integration timeout even while data keeps coming', async () => {
    const src = source();
    const ends: StreamEnd[] = [];
    const limited = limitStream(src.stream, { remainingMs: 120, idleMs: 60, onEnd: (e) => ends.push(e) });
    const timer = setInterval(() => src.push('.'), 10);
    try {
      await expect(text(limited)).rejects.toBeInstanceOf(StreamCutError);
    } finally {
      clearInterval(timer);
    }
    expect(ends).toEqual([{ state: 'cut', reason: 'timeout' }]);
  });

  it('reports a client cancel', async () => {
    const src = source();
    const ends: StreamEnd[] = [];
    const limited = limitStream(src.stream, { remainingMs: 5_000, idleMs: 5_000, onEnd: (e) => ends.push(e) });
    await limited.cancel('gone');
    expect(ends).toEqual([{ state: 'cancelled' }]);
    expect(src.state).toEqual({ cancelled: true, reason: 'gone' });
  });
});
