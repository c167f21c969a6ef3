/** The Authorizer and Signature panels' HTML (src/components/access-render.ts) and the session key (run-session.ts). */
import { describe, expect, it } from 'vitest';
import { authorizerHtml, sentRequestNote, signingHtml } from '../../src/components/access-render.js';
import { buildMarks } from '../../src/components/render.js';
import { deploymentOf, fingerprint, sessionOf } from '../../src/components/run-session.js';
import type { RunOutcome, SandboxRun } from '../../src/runtime/types.js';

type Trace = NonNullable<RunOutcome['authorizer']>;
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

const CALLED: Trace = {
  type: 'TOKEN',
  name: 'token-auth',
  functionName: 'auth',
  event: {
    type: 'TOKEN',
    authorizationToken: 'Bearer alice-token',
    methodArn: 'arn:aws:execute-api:us-east-1:123456789012:x/dev/GET/items',
  },
  outcome: { kind: 'result', payload: { principalId: 'alice' } },
  decision: 'allow',
  cached: false,
  logs: ['checked alice'],
  durationMs: 2,
};

describe('authorizerHtml', () => {
  it('names the authorizer, says the decision, shows the event, the answer and the logs', () => {
    const out = text(authorizerHtml(CALLED));
    expect(out).toMatch(/^# Lambda authorizer, TOKEN · "token-auth" · function auth\nAllow: the request goes on/);
    expect(out).toContain('"authorizationToken": "Bearer alice-token"');
    expect(out).toContain('"principalId": "alice"');
    expect(out).toContain('Logs\nchecked alice');
    expect(out).not.toContain('Cache hit');
  });

  it('marks a cache hit, with no event and no answer', () => {
    const html = authorizerHtml({ ...CALLED, event: null, outcome: { kind: 'cached' }, cached: true, logs: [] });
    expect(html).toContain('<mark class="sb-cache-hit" data-cache-hit>Cache hit</mark>');
    expect(text(html)).toContain('None: the function was not called.');
    expect(text(html)).toContain('None this time: the cached answer was used.');
  });

  it("says each refusal's status, a function error, a skipped call, and escapes what the function wrote", () => {
    expect(text(authorizerHtml({ ...CALLED, decision: 'deny' }))).toContain('Deny: the gateway answers 403');
    const error = authorizerHtml({
      ...CALLED,
      decision: 'unauthorized',
      outcome: { kind: 'error', error: { errorMessage: 'Unauthorized', errorType: '<Exception>' } },
    });
    expect(text(error)).toContain('Unauthorized: the gateway answers 401');
    expect(error).toContain('&lt;Exception&gt;');
    expect(
      text(
        authorizerHtml({
          ...CALLED,
          decision: 'unauthorized',
          event: null,
          outcome: { kind: 'skipped', reason: 'no Authorization header' },
        }),
      ),
    ).toContain('Not called: no Authorization header.');
    expect(text(authorizerHtml({ ...CALLED, decision: 'error', outcome: { kind: 'timeout' } }))).toContain(
      'The function timed out.',
    );
  });

  it('marks volatile fields of the event', () => {
    const marks = buildMarks([{ path: 'authorizer.event.methodArn', pattern: '.*', why: 'the API id' }]);
    expect(authorizerHtml(CALLED, marks)).toContain('title="Varies per request: the API id"');
  });
});

describe('signingHtml', () => {
  it('shows the canonical request, the scope, the string to sign and the signature, escaped', () => {
    const out = signingHtml({
      canonicalRequest: 'GET\n/dev/items\n\nhost:x\n\nhost\ne3b0',
      credentialScope: '20261203/us-east-1/execute-api/aws4_request',
      stringToSign: 'AWS4-HMAC-SHA256\n20261203T000000Z\n20261203/us-east-1/execute-api/aws4_request\nabc',
      signature: '<sig>',
    });
    expect(text(out)).toMatch(/^Canonical request\nGET\n\/dev\/items\n/);
    expect(text(out)).toContain('String to sign\nAWS4-HMAC-SHA256\n');
    expect(out).toContain('Signature</span>\n&lt;sig&gt;');
  });
});

describe('sentRequestNote', () => {
  it('says how the request was signed in or signed and what went before it', () => {
    expect(text(sentRequestNote({ signInAs: 'alice' }, 0))).toBe(
      '# As sent, signed in as alice: the token is in Authorization\n',
    );
    expect(text(sentRequestNote({ signWith: 'AKIA' }, 2))).toBe(
      "# As sent, signed with AKIA: the signature is in Authorization; sent after 2 earlier requests (the documented exchange's)\n",
    );
    expect(sentRequestNote(undefined, 0)).toBe('');
  });
});

describe('sessionOf', () => {
  const run: SandboxRun = {
    language: 'python',
    handlerSource: 'def lambda_handler(e, c): pass',
    definition: '{}',
    apiId: 'x',
    stage: 'dev',
    invokeUrl: 'https://x.execute-api.us-east-1.amazonaws.com/dev',
    functionName: 'items_handler',
    handlerName: 'lambda_handler',
    moduleName: 'items_handler',
    functions: [{ name: 'auth', source: 'A', handlerName: 'lambda_handler', moduleName: 'auth' }],
    request: { method: 'GET', path: '/items', headers: [], body: null },
  };
  it('stays the same for another request or auth, and changes with an edit, the language or a Reset', () => {
    const key = sessionOf('sb1', 0, run);
    expect(
      sessionOf('sb1', 0, { ...run, request: { ...run.request, path: '/items/1' }, auth: { signInAs: 'bob' } }),
    ).toBe(key);
    expect(sessionOf('sb1', 0, { ...run, functions: [{ ...run.functions![0]!, source: 'B' }] })).not.toBe(key);
    expect(sessionOf('sb1', 0, { ...run, definition: '{"x":1}' })).not.toBe(key);
    expect(sessionOf('sb1', 0, { ...run, language: 'typescript' })).not.toBe(key);
    expect(sessionOf('sb1', 1, run)).not.toBe(key);
    expect(sessionOf('sb2', 0, run)).not.toBe(key);
    expect(deploymentOf(run)).not.toContain('/items');
  });
  it('fingerprints with FNV-1a', () => {
    // FNV-1a 32-bit test vectors: "" → 0x811c9dc5, "a" → 0xe40c292c.
    expect(fingerprint('')).toBe((0x811c9dc5).toString(36));
    expect(fingerprint('a')).toBe((0xe40c292c).toString(36));
  });
});
