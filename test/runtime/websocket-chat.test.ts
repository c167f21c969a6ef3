/**
 * The chat sandbox (issue #13) as the page runs it: createChatSandbox's chat worker and handler workers (the page's
 * bundles, on Node worker threads), replaying examples/websocket-chat/session.json with chat_handler.ts (the real
 * @aws-sdk/client-apigatewaymanagementapi, its browser build, whose fetch reaches the in-page gateway) and
 * chat_handler.py (the boto3 shim over the SharedArrayBuffer sync hook); a throwing handler, a handler that never
 * returns, an idle timeout and bad definitions.
 */
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatSandbox, ChatSandboxEvent } from '../../src/runtime/websocket/types.js';
import { bundleWorkers, chatInput, recordedSandbox, replaySession } from './websocket-harness.js';

let open: ChatSandbox[] = [];
let bundles = '';
beforeAll(async () => {
  bundles = await bundleWorkers();
}, 120_000);
afterAll(() => rmSync(bundles, { recursive: true, force: true }));
afterEach(() => {
  for (const s of open) s.dispose();
  open = [];
});

async function sandbox(): Promise<{ sandbox: ChatSandbox; events: ChatSandboxEvent[] }> {
  const made = await recordedSandbox();
  open.push(made.sandbox);
  return made;
}

const traces = (events: ChatSandboxEvent[]) =>
  events.filter((e): e is Extract<ChatSandboxEvent, { type: 'trace' }> => e.type === 'trace').map((e) => e.trace);

describe('the chat sandbox replays session.json', () => {
  it('with chat_handler.ts: the SDK posts to the other clients through the in-page @connections', async () => {
    const { sandbox: chat, events } = await sandbox();
    await chat.deploy(chatInput('typescript'));
    await replaySession(chat, events);
    const management = traces(events).filter((t) => t.kind === 'MANAGEMENT');
    // bob's "hi" to alice and carol, alice's "bye" to bob: SigV4-signed POSTs the gateway accepted.
    expect(management.map((t) => [t.management?.method, t.status])).toEqual([
      ['POST', 200],
      ['POST', 200],
      ['POST', 200],
    ]);
    // Every trace names the client it concerns; frames sent are the client's own.
    const sent = events
      .filter((e) => e.type === 'frame' && e.direction === 'sent')
      .map((e) => (e as { client: string }).client);
    expect(sent).toEqual(['bob', 'alice', 'alice']);
  });

  it('with chat_handler.py: boto3 posts through the synchronous bridge', async () => {
    const { sandbox: chat, events } = await sandbox();
    await chat.deploy(chatInput('python'));
    await replaySession(chat, events);
    expect(
      traces(events)
        .filter((t) => t.kind === 'MANAGEMENT')
        .map((t) => t.status),
    ).toEqual([200, 200, 200]);
  }, 120_000);
});
