/**
 * The WebSocket round trip of issue #15 (contract A↔B): the chat (examples/websocket-chat) exported with
 * `apigw-lab export --format sam` in Python and in TypeScript, then served from the bundle alone with
 * `apigw-lab serve <out>/template.yaml` (no --function, no --stage: the template names them), replays the documented
 * conversation (session.json: connect, the sendmessage broadcast to every other client, the two-way $default reply,
 * a refused connection, disconnect) exactly as the chat served from api.json does (test/cli/websocket.test.ts).
 * The bundle lives in a temporary folder with no node_modules: the TypeScript handler's `@aws-sdk/*` import resolves
 * as Lambda's Node.js runtime provides the SDK (src/node/load-handler.ts); `serve` reads the template's WebSocket API
 * with src/emulator/sam/raw-websocket.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/helpers.js';
import {
  expectSessionReplayed,
  openClient,
  type RunningWebSocketCli,
  startWebSocketCli,
} from '../cli/websocket-helpers.js';

describe.each([
  ['Python', 'examples/websocket-chat/chat_handler.py'],
  ['TypeScript', 'examples/websocket-chat/chat_handler.ts'],
])('examples/websocket-chat with the %s handler: export --format sam, serve template.yaml', (language, handler) => {
  let cli: RunningWebSocketCli;
  beforeAll(async () => {
    const out = join(mkdtempSync(join(tmpdir(), `ws-round-trip-${language}-`)), 'bundle');
    const exported = await runCli([
      'export',
      'examples/websocket-chat/api.json',
      '--format',
      'sam',
      '--out',
      out,
      '--function',
      `chat_handler=${handler}`,
      '--stage',
      'production',
    ]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    cli = await startWebSocketCli([join(out, 'template.yaml')], 60_000);
  }, 120_000);
  afterAll(async () => {
    await cli?.stop('SIGINT');
  });

  it("is served on the template's stage (production)", () => {
    expect(new URL(cli.url).pathname).toBe('/production');
  });

  it('every step of session.json gets exactly the documented frames (broadcast, $default reply, refusal)', async () => {
    await expectSessionReplayed(cli.url);
    // The handler reached the other client through the @connections API, as on AWS.
    expect(cli.stdout()).toMatch(/ MANAGEMENT POST \/production\/@connections\/\S+ 200 /);
  }, 90_000);

  it('two clients: sendmessage reaches the other one; $default answers the caller', async () => {
    const alice = await openClient(`${cli.url}?name=alice`);
    const bob = await openClient(`${cli.url}?name=bob`);
    try {
      alice.ws.send(JSON.stringify({ action: 'sendmessage', message: 'round trip' }));
      await until(() => bob.frames.length >= 1);
      expect(bob.frames).toEqual(['{"from":"alice","message":"round trip"}']);
      bob.ws.send('hello?');
      await until(() => bob.frames.length >= 2);
      expect(JSON.parse(bob.frames[1]!)).toEqual({
        message: 'Send {"action":"sendmessage","message":"..."} to talk to everyone else.',
      });
      expect(alice.frames).toEqual([]);
    } finally {
      alice.ws.terminate();
      bob.ws.terminate();
    }
  }, 30_000);
});

/** Waits (at most 10 s) until `done()` holds. */
async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}
