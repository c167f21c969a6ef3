import { describe, expect, it } from 'vitest';
import { fingerprintOf, SessionCache } from '../../src/runtime/run-session.js';
import type { SandboxRun } from '../../src/runtime/types.js';

const RUN: SandboxRun = {
  language: 'typescript',
  handlerSource: 'export const handler = async () => ({ statusCode: 200 });',
  definition: '{"openapi":"3.0.1"}',
  apiId: 'abc1234567',
  stage: 'dev',
  invokeUrl: 'https://abc1234567.execute-api.us-east-1.amazonaws.com/dev',
  functionName: 'f',
  handlerName: 'handler',
  moduleName: 'f',
  request: { method: 'GET', path: '/items', headers: [], body: null },
};

describe('fingerprintOf', () => {
  it('ignores the request, its auth, the requests sent first and the session key', () => {
    const other = {
      ...RUN,
      request: { method: 'POST', path: '/x', headers: [['A', 'b']] as Array<[string, string]>, body: '{}' },
      auth: { signInAs: 'alice' },
      before: [RUN.request],
      session: 'other',
    };
    expect(fingerprintOf(other)).toBe(fingerprintOf(RUN));
  });

  it.each([
    ['the definition', { definition: '{"openapi":"3.0.2"}' }],
    ['the handler source', { handlerSource: '' }],
    [
      "another function's source",
      { functions: [{ name: 'auth', source: 'x', handlerName: 'handler', moduleName: 'auth' }] },
    ],
    ['the access', { access: { apiKeys: [{ value: 'key-one-0123456789abcdef' }] } }],
    ['the timeout', { timeoutMs: 100 }],
    ['the stage', { stage: 'prod' }],
  ] as Array<[string, Partial<SandboxRun>]>)('changes with %s', (_what, change) => {
    expect(fingerprintOf({ ...RUN, ...change })).not.toBe(fingerprintOf(RUN));
  });

  it('with several stages, not with the stage the request goes to', () => {
    const stages = [
      { name: 'dev', definition: RUN.definition },
      { name: 'prod', definition: RUN.definition },
    ];
    expect(fingerprintOf({ ...RUN, stages, stage: 'prod', invokeUrl: 'https://x/prod' })).toBe(
      fingerprintOf({ ...RUN, stages }),
    );
  });
});

describe('SessionCache', () => {
  it('returns a session only for the fingerprint it was deployed from, and drops it otherwise', () => {
    const cache = new SessionCache<number>(4);
    cache.set('a', 'f1', 1);
    expect(cache.get('a', 'f1')).toBe(1);
    expect(cache.get('a', 'f2')).toBeUndefined();
    expect(cache.get('a', 'f1')).toBeUndefined();
  });

  it('keeps a few sessions, the least recently used dropped first', () => {
    const cache = new SessionCache<number>(2);
    cache.set('a', '', 1);
    cache.set('b', '', 2);
    cache.get('a', '');
    cache.set('c', '', 3);
    expect(cache.keys).toEqual(['a', 'c']);
  });
});
