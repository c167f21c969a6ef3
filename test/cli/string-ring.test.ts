import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { decodeOutcomeRecord, encodeOutcomeRecord } from '../../src/node/outcome-record.js';
import { StringRing } from '../../src/node/string-ring.js';

describe('StringRing (the handler worker reply channel)', () => {
  it('gives back strings in order, across wrap-arounds, with multi-byte UTF-8', () => {
    // 3 strings of up to 36 bytes between reads: the ring wraps every few rounds.
    const ring = StringRing.create(256);
    const reader = new StringRing(ring.buffer);
    const sent: string[] = [];
    const got: string[] = [];
    for (let i = 0; i < 200; i++) {
      const text = `${i}:${'é'.repeat(i % 9)}${'x'.repeat(i % 13)}`;
      expect(ring.write(text)).not.toBe(false);
      sent.push(text);
      if (i % 3 === 2) for (let t = reader.read(); t !== null; t = reader.read()) got.push(t);
    }
    for (let t = reader.read(); t !== null; t = reader.read()) got.push(t);
    expect(got).toEqual(sent);
  });

  it('refuses a string that does not fit, and accepts it once read', () => {
    const ring = StringRing.create(32);
    expect(ring.write('a'.repeat(40))).toBe(false);
    expect(ring.write('b'.repeat(20))).not.toBe(false);
    expect(ring.write('c'.repeat(8))).toBe(false);
    expect(ring.read()).toBe('b'.repeat(20));
    expect(ring.write('c'.repeat(8))).not.toBe(false);
    expect(ring.read()).toBe('c'.repeat(8));
    expect(ring.read()).toBeNull();
  });

  it('asks for the doorbell only when the reader waits for one', () => {
    const ring = StringRing.create(64);
    expect(ring.write('1')).toBe('ring');
    expect(ring.write('2')).toBe('written');
    expect(ring.read()).toBe('1');
    expect(ring.read()).toBe('2');
    expect(ring.arm()).toBe(false);
    expect(ring.write('3')).toBe('ring');
    expect(ring.read()).toBe('3');
    expect(ring.arm()).toBe(false);
  });

  it('loses no string between threads (a writer thread and this reader)', async () => {
    const ring = StringRing.create(256);
    const count = 20_000;
    // The writer thread runs the module under test, compiled to CommonJS.
    const { code } = transformSync(readFileSync(new URL('../../src/node/string-ring.ts', import.meta.url), 'utf8'), {
      loader: 'ts',
      format: 'cjs',
    });
    const worker = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads');
       const module = { exports: {} };
       new Function('module', 'exports', workerData.code)(module, module.exports);
       const ring = new module.exports.StringRing(workerData.buffer);
       const tail = new Int32Array(workerData.buffer, 4, 1);
       for (let i = 0; i < ${count}; i++) {
         let r;
         while ((r = ring.write('m' + i)) === false) Atomics.wait(tail, 0, Atomics.load(tail, 0), 1);
         if (r === 'ring') parentPort.postMessage(0);
       }`,
      { eval: true, workerData: { buffer: ring.buffer, code } },
    );
    const got: string[] = [];
    await new Promise<void>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('message', () => {
        do {
          for (let t = ring.read(); t !== null; t = ring.read()) got.push(t);
        } while (ring.arm());
        if (got.length === count) resolve();
      });
    });
    await worker.terminate();
    expect(got).toEqual(Array.from({ length: count }, (_, i) => `m${i}`));
  });
});

describe('outcome records', () => {
  it('carry a result outcome: logs, payload and its JSON text', () => {
    const outcome = {
      kind: 'result' as const,
      payload: { statusCode: 200, body: 'a\nb' },
      payloadJson: '{"statusCode":200,"body":"a\\nb"}',
      logs: ['x\ty\n', 'z'],
    };
    expect(decodeOutcomeRecord(encodeOutcomeRecord(outcome)!)).toEqual(outcome);
  });

  it('keep text that is not JSON as the payload itself (Python bytes results)', () => {
    const outcome = { kind: 'result' as const, payload: "b'raw'", payloadJson: "b'raw'", logs: [] };
    expect(decodeOutcomeRecord(encodeOutcomeRecord(outcome)!)).toEqual(outcome);
  });

  it('leave errors and results without JSON text to messages', () => {
    expect(encodeOutcomeRecord({ kind: 'error', error: { errorType: 'E', errorMessage: 'm' }, logs: [] })).toBeNull();
    expect(encodeOutcomeRecord({ kind: 'result', payload: 1, logs: [] })).toBeNull();
  });
});
