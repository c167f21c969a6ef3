import { describe, expect, it } from 'vitest';
import { arrowsOf, arrowText, diagramHeadSvg, diagramSvg, GATEWAY, LAMBDA } from '../../src/components/chat-diagram.js';
import type { ChatSandboxEvent } from '../../src/components/chat-types.js';
import { runSession } from '../../src/components/chat-steps.js';
import { chatHandler, FakeChatSandbox } from './chat-fake.js';

async function eventsOf(): Promise<ChatSandboxEvent[]> {
  const sandbox = new FakeChatSandbox(chatHandler());
  const events: ChatSandboxEvent[] = [];
  sandbox.subscribe((e) => events.push(e));
  await runSession(
    sandbox,
    [
      { client: 'alice', connect: { query: 'name=alice' } },
      { client: 'bob', connect: { query: 'name=bob' } },
      {
        client: 'bob',
        send: '{"action":"sendmessage","message":"hi"}',
        expect: [{ client: 'alice', data: '{"from":"bob","message":"hi"}' }],
      },
    ],
    0,
  );
  return events;
}

describe('the chat sequence diagram', () => {
  it('draws the frames, the invocations and the @connections call in the order they happened', async () => {
    const texts = arrowsOf(await eventsOf()).map(arrowText);
    const send = texts.indexOf(`bob → ${GATEWAY}: {"action":"sendmessage","message":"hi"}`);
    const invoke = texts.indexOf(`${GATEWAY} → ${LAMBDA}: invoke sendmessage`);
    const post = texts.findIndex((t) => t.startsWith(`${LAMBDA} → ${GATEWAY}: POST @connections/conn-alice`));
    const frame = texts.indexOf(`${GATEWAY} → alice: {"from":"bob","message":"hi"}`);
    const result = texts.lastIndexOf(`${LAMBDA} → ${GATEWAY}: statusCode 200`);
    expect([send, invoke, post, frame, result].every((i) => i >= 0)).toBe(true);
    expect(send).toBeLessThan(invoke);
    expect(invoke).toBeLessThan(post);
    expect(post).toBeLessThan(frame);
    expect(frame).toBeLessThan(result);
    expect(texts[0]).toBe(`alice → ${GATEWAY}: connect (upgrade request)`);
    // The gateway says "connected" after the $connect invocation answered, whatever the events' clocks say.
    expect(texts.indexOf(`${GATEWAY} → bob: connected (conn-bob-3)`)).toBeGreaterThan(
      texts.indexOf(
        `${GATEWAY} → ${LAMBDA}: invoke $connect`,
        texts.indexOf(`bob → ${GATEWAY}: connect (upgrade request)`),
      ) + 1,
    );
  });

  it('renders one lane per participant and one row per arrow, escaping what the frames hold', async () => {
    const arrows = [...arrowsOf(await eventsOf()), { from: 'carol', to: GATEWAY, label: '<b>&"', at: 1e9 }];
    const svg = diagramSvg(arrows, ['alice', 'bob', 'carol']);
    expect(svg.match(/class="chat-lane"/g)).toHaveLength(5);
    expect(
      diagramHeadSvg(['alice', 'bob', 'carol'])
        .match(/class="chat-lane-name">([^<]+)</g)
        ?.map((t) => t.slice(23, -1)),
    ).toEqual(['alice', 'bob', 'carol', GATEWAY, LAMBDA]);
    expect(svg.match(/<g class="chat-arrow/g)).toHaveLength(arrows.length);
    expect(svg).toContain('&lt;b&gt;&amp;&quot;');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('stroke-dasharray');
  });

  it("draws a connection's opening after its $connect answered, though the page's clock saw it first", () => {
    const trace = {
      kind: 'CONNECT' as const,
      connectionId: 'c1',
      requestId: 'r',
      routeKey: '$connect',
      stage: 'production',
      sent: [],
      startedAt: 100,
      durationMs: 40,
      lambda: { functionName: 'chat_handler', event: {}, result: { statusCode: 200 }, logs: [] },
    };
    const texts = arrowsOf([
      { type: 'open', client: 'alice', connectionId: 'c1', at: 120 },
      { type: 'trace', trace, client: 'alice', at: 141 },
    ]).map(arrowText);
    expect(texts).toEqual([
      `alice → ${GATEWAY}: connect (upgrade request)`,
      `${GATEWAY} → ${LAMBDA}: invoke $connect`,
      `${LAMBDA} → ${GATEWAY}: statusCode 200`,
      `${GATEWAY} → alice: connected (c1)`,
    ]);
  });
});
