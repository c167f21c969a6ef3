import { describe, expect, it } from 'vitest';
import { invokeStreamingJsHandler, type StreamingJsHandler } from '../../src/lambda/js-stream-handler.js';
import type { ResponseStream } from '../../src/lambda/response-stream.js';
import {
  receiveStreamedInvocation,
  relayStreamedInvocation,
  type StreamRelayMessage,
} from '../../src/lambda/stream-relay.js';
import { contextInit } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const decode = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

/** A handler's streamed invocation relayed over a real MessageChannel, as between a worker and the gateway. */
function overChannel(handler: StreamingJsHandler) {
  const channel = new MessageChannel();
  const cancelled: unknown[] = [];
  const { invocation, receive } = receiveStreamedInvocation((reason) => cancelled.push(reason));
  channel.port2.onmessage = (e: MessageEvent<StreamRelayMessage>) => receive(e.data);
  const relayed = relayStreamedInvocation(
    invokeStreamingJsHandler(handler, {}, contextInit(), { logFormat: 'plain' }),
    (m) => channel.port1.postMessage(m, m.type === 'chunk' ? [m.bytes.buffer as ArrayBuffer] : []),
  );
  const close = () => (channel.port1.close(), channel.port2.close());
  return { invocation, relayed, cancelled, close };
}

describe('relaying a streamed invocation across a message port', () => {
  it('delivers the chunks as they are written, then the end and the logs', async () => {
    let wroteSecond = false;
    const { invocation, relayed, close } = overChannel(async (_e: unknown, s: ResponseStream) => {
      s.write('one');
      await sleep(40);
      wroteSecond = true;
      s.write('two');
      console.log('logged');
      s.end();
    });
    try {
      const reader = invocation.body.getReader();
      expect(decode((await reader.read()).value)).toBe('one');
      expect(wroteSecond).toBe(false);
      expect(decode((await reader.read()).value)).toBe('two');
      expect((await reader.read()).done).toBe(true);
      expect(await invocation.completion).toEqual({ logs: ['logged'] });
      await relayed;
    } finally {
      close();
    }
  });

  it('delivers a failure after what was written', async () => {
    const { invocation, close } = overChannel(async (_e: unknown, s: ResponseStream) => {
      s.write('partial');
      await sleep(5);
      throw new Error('broken');
    });
    try {
      const reader = invocation.body.getReader();
      expect(decode((await reader.read()).value)).toBe('partial');
      await expect(reader.read()).rejects.toMatchObject({ errorType: 'Error', errorMessage: 'broken' });
      expect((await invocation.completion).error).toMatchObject({ errorMessage: 'broken' });
    } finally {
      close();
    }
  });

  it('tells the handler side when the reader cancels', async () => {
    const { invocation, cancelled, close } = overChannel(async (_e: unknown, s: ResponseStream) => void s.write('x'));
    try {
      await invocation.body.cancel('client gone');
      expect(cancelled).toEqual(['client gone']);
    } finally {
      close();
    }
  });
});
