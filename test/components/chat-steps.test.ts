import { describe, expect, it } from 'vitest';
import { frameMatches, runSession, runStep, stepMismatches, type ChatStep } from '../../src/components/chat-steps.js';
import { chatHandler, FakeChatSandbox } from './chat-fake.js';

const SESSION: ChatStep[] = [
  { client: 'alice', connect: { query: 'name=alice' } },
  { client: 'bob', connect: { query: 'name=bob' } },
  {
    client: 'bob',
    send: '{"action":"sendmessage","message":"hi"}',
    expect: [{ client: 'alice', data: '{"from":"bob","message":"hi"}' }],
  },
  { client: 'carol', connect: { query: '', expectStatus: 400 } },
  { client: 'bob', disconnect: {} },
];

describe('chat steps', () => {
  it('replays a conversation and finds nothing wrong when every frame is the documented one', async () => {
    const sandbox = new FakeChatSandbox(chatHandler());
    expect(await runSession(sandbox, SESSION, 0)).toEqual([]);
  });

  it('names a missing frame, a frame nobody expected and a wrong connect status', async () => {
    const sandbox = new FakeChatSandbox(chatHandler());
    const problems = await runSession(
      sandbox,
      [
        { client: 'alice', connect: { query: 'name=alice' } },
        { client: 'bob', connect: { query: 'name=bob' } },
        { client: 'carol', connect: { query: 'name=carol' }, expect: [] },
        {
          client: 'bob',
          send: '{"action":"sendmessage","message":"hi"}',
          expect: [{ client: 'alice', data: '{"from":"bob","message":"HI"}' }],
        },
        { client: 'dave', connect: { query: 'name=dave', expectStatus: 400 } },
      ],
      0,
    );
    expect(problems).toEqual([
      'bob sends {"action":"sendmessage","message":"hi"}: alice did not receive {"from":"bob","message":"HI"}',
      'bob sends {"action":"sendmessage","message":"hi"}: alice received {"from":"bob","message":"hi"}, which no one expected',
      'bob sends {"action":"sendmessage","message":"hi"}: carol received {"from":"bob","message":"hi"}, which no one expected',
      "dave connects with ?name=dave: dave's connect: expected status 400, got an open connection",
    ]);
  });

  it('matches a JSON frame by the fields it must hold, and a refused connect by its status', async () => {
    expect(
      frameMatches(
        { client: 'bob', json: { from: 'alice', whisper: true } },
        '{"from":"alice","message":"psst","whisper":true}',
      ),
    ).toBe(true);
    expect(
      frameMatches({ client: 'bob', json: { from: 'alice', whisper: true } }, '{"from":"alice","message":"psst"}'),
    ).toBe(false);
    expect(frameMatches({ client: 'bob', json: { from: 'alice' } }, 'not json')).toBe(false);
    const sandbox = new FakeChatSandbox(chatHandler());
    const outcome = await runStep(sandbox, { client: 'carol', connect: {} }, 0);
    expect(outcome.refusedStatus).toBe(400);
    expect(stepMismatches({ client: 'carol', connect: {} }, outcome)).toEqual([
      "carol's connect was refused with status 400",
    ]);
  });
});
