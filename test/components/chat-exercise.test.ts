import { describe, expect, it } from 'vitest';
import { chatSummaryOf, definitionWithRoutes, runChatChecks } from '../../src/components/chat-exercise.js';
import type { ChatExerciseCheck } from '../../src/components/chat-exercise.js';
import { chatHandler, FakeChatSandbox } from './chat-fake.js';

const CHECKS: ChatExerciseCheck[] = [
  {
    title: 'only bob hears the whisper',
    steps: [
      { client: 'alice', connect: { query: 'name=alice' } },
      { client: 'bob', connect: { query: 'name=bob' } },
      { client: 'carol', connect: { query: 'name=carol' } },
      {
        client: 'alice',
        send: '{"action":"whisper","to":"bob","message":"psst"}',
        expect: [{ client: 'bob', json: { from: 'alice', message: 'psst', whisper: true } }],
      },
    ],
  },
];

describe('chat exercises', () => {
  it('passes a handler that whispers and fails one that broadcasts, each check on a fresh deployment', async () => {
    let deployments = 0;
    const fresh = (whisper: boolean) => async () => {
      deployments++;
      return new FakeChatSandbox(chatHandler({ whisper }), ['sendmessage', 'whisper']);
    };
    const passing = await runChatChecks(CHECKS, fresh(true), 0);
    expect(passing).toEqual([{ title: 'only bob hears the whisper', pass: true, problems: [] }]);
    const failing = await runChatChecks(CHECKS, fresh(false), 0);
    expect(failing[0]!.pass).toBe(false);
    expect(failing[0]!.problems.join('\n')).toContain(
      'carol received {"from":"alice","message":"psst"}, which no one expected',
    );
    expect(chatSummaryOf(failing)).toBe('0 of 1 checks pass');
    expect(deployments).toBe(2);
  });

  it('reports a run that throws as that check failing', async () => {
    const results = await runChatChecks(CHECKS, async () => {
      throw new Error('chat_handler.ts: Unexpected token');
    });
    expect(results[0]).toEqual({
      title: 'only bob hears the whisper',
      pass: false,
      problems: ['chat_handler.ts: Unexpected token'],
    });
  });

  it('adds a route as a copy of another, and names a missing model route', () => {
    const def = JSON.stringify({
      Api: {},
      Routes: [{ RouteId: 'a1', RouteKey: 'sendmessage', Target: 'integrations/i1' }],
      Integrations: [],
    });
    const routes = (
      JSON.parse(definitionWithRoutes(def, [{ RouteKey: 'whisper', like: 'sendmessage' }])) as { Routes: unknown[] }
    ).Routes;
    expect(routes).toEqual([
      { RouteId: 'a1', RouteKey: 'sendmessage', Target: 'integrations/i1' },
      { RouteId: 'whisper01', RouteKey: 'whisper', Target: 'integrations/i1' },
    ]);
    expect(() => definitionWithRoutes(def, [{ RouteKey: 'x', like: 'nope' }])).toThrow('no route "nope"');
  });
});
