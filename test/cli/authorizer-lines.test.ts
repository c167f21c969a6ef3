import { describe, expect, it } from 'vitest';
import { writeAuthorizerLines } from '../../src/cli/authorizer-lines.js';
import type { AuthorizerTrace } from '../../src/emulator/index.js';

const base: AuthorizerTrace = {
  type: 'TOKEN',
  name: 'token-auth',
  functionName: 'auth',
  event: null,
  outcome: { kind: 'cached' },
  decision: 'allow',
  cached: true,
  logs: [],
  durationMs: 0,
};

const linesOf = (trace: AuthorizerTrace) => {
  const lines: string[] = [];
  writeAuthorizerLines(trace, { write: (line) => lines.push(line) });
  return lines;
};

describe('writeAuthorizerLines', () => {
  it('writes the function logs, then the verdict and why', () => {
    expect(linesOf({ ...base, logs: ['hello\n'], outcome: { kind: 'result', payload: {} }, cached: false })).toEqual([
      '[auth] hello',
      'apigw-lab: authorizer token-auth (TOKEN, auth): allow',
    ]);
    expect(linesOf(base)).toEqual(['apigw-lab: authorizer token-auth (TOKEN, auth): allow (cached)']);
    expect(
      linesOf({ ...base, decision: 'unauthorized', outcome: { kind: 'skipped', reason: 'identity source missing' } }),
    ).toEqual(['apigw-lab: authorizer token-auth (TOKEN, auth): unauthorized (not called: identity source missing)']);
    expect(
      linesOf({
        ...base,
        decision: 'error',
        outcome: { kind: 'error', error: { errorType: 'Error', errorMessage: 'x' } },
      }),
    ).toEqual(['apigw-lab: authorizer token-auth (TOKEN, auth): error (Error: x)']);
  });

  it("writes a Cognito authorizer's verdict without a function, with the reason of a refusal", () => {
    const cognito = { ...base, type: 'COGNITO_USER_POOLS', name: 'pool', functionName: 'cognito', cached: false };
    expect(linesOf({ ...cognito, outcome: { kind: 'result', payload: {} } })).toEqual([
      'apigw-lab: authorizer pool (COGNITO_USER_POOLS): allow',
    ]);
    expect(
      linesOf({ ...cognito, decision: 'unauthorized', outcome: { kind: 'skipped', reason: 'the token is not a JWT' } }),
    ).toEqual(['apigw-lab: authorizer pool (COGNITO_USER_POOLS): unauthorized (the token is not a JWT)']);
  });
});
