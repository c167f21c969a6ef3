import { describe, expect, it } from 'vitest';
import { evaluatePolicy, readPolicy, wildcardMatch } from '../../../../src/emulator/rest/authorizers/policy.js';

const ARN = 'arn:aws:execute-api:us-east-1:123456789012:abc123defg/dev/GET/items/7';
const statement = (Effect: string, Resource: unknown, Action: unknown = 'execute-api:Invoke') => ({
  Effect,
  Resource,
  Action,
});
const decide = (...statements: unknown[]) => {
  const read = readPolicy({ Version: '2012-10-17', Statement: statements });
  if (typeof read === 'string') throw new Error(read);
  return evaluatePolicy(read, ARN);
};

// api-gateway-lambda-authorizer-output.html; IAM policy evaluation logic (an explicit deny overrides any allow).
describe('evaluatePolicy', () => {
  it('allows a matching Allow, denies explicitly a matching Deny, implicitly when nothing matches', () => {
    expect(decide(statement('Allow', ARN))).toBe('ALLOW');
    expect(decide(statement('Deny', ARN))).toBe('EXPLICIT_DENY');
    expect(decide(statement('Allow', ARN.replace('/7', '/8')))).toBe('IMPLICIT_DENY');
    expect(decide()).toBe('IMPLICIT_DENY');
  });

  it('lets a Deny win whatever the order', () => {
    expect(decide(statement('Allow', '*'), statement('Deny', ARN))).toBe('EXPLICIT_DENY');
    expect(decide(statement('Deny', ARN), statement('Allow', '*'))).toBe('EXPLICIT_DENY');
  });

  it('counts only statements whose Action covers execute-api:Invoke (case-insensitive, wildcards)', () => {
    expect(decide(statement('Allow', ARN, 'execute-api:ManageConnections'))).toBe('IMPLICIT_DENY');
    expect(decide(statement('Allow', ARN, ['s3:GetObject', 'execute-api:*']))).toBe('ALLOW');
    expect(decide(statement('Allow', ARN, 'Execute-API:invoke'))).toBe('ALLOW');
    expect(decide(statement('Allow', ARN, '*'))).toBe('ALLOW');
  });

  it('matches resources with * and ? and lists of resources', () => {
    expect(decide(statement('Allow', 'arn:aws:execute-api:us-east-1:123456789012:abc123defg/*'))).toBe('ALLOW');
    expect(decide(statement('Allow', 'arn:aws:execute-api:*:*:abc123defg/dev/*/items/?'))).toBe('ALLOW');
    expect(decide(statement('Allow', 'arn:aws:execute-api:*:*:abc123defg/dev/POST/*'))).toBe('IMPLICIT_DENY');
    expect(decide(statement('Allow', ['arn:x', ARN]))).toBe('ALLOW');
  });

  it('accepts a single statement object as Statement', () => {
    const read = readPolicy({ Statement: statement('Allow', '*') });
    expect(typeof read === 'string' ? read : evaluatePolicy(read, ARN)).toBe('ALLOW');
  });
});

describe('readPolicy', () => {
  it.each([
    [null, /policyDocument is missing/],
    [{}, /Statement is missing/],
    [{ Statement: ['x'] }, /Statement\[0\] is not an object/],
    [{ Statement: [statement('allow', '*')] }, /Effect must be "Allow" or "Deny"/],
    [{ Statement: [statement('Allow', '*', 3)] }, /Action must be a string or a list/],
    [{ Statement: [statement('Allow', [])] }, /Resource must be a string or a list/],
  ])('says why %j is not a policy', (doc, message) => {
    expect(readPolicy(doc)).toMatch(message);
  });
});

describe('wildcardMatch', () => {
  it('treats regular expression characters literally', () => {
    expect(wildcardMatch('a.b', 'axb')).toBe(false);
    expect(wildcardMatch('a(b)+', 'a(b)+')).toBe(true);
    expect(wildcardMatch('a*', 'a/b/c')).toBe(true);
    expect(wildcardMatch('a?', 'ab')).toBe(true);
    expect(wildcardMatch('a?', 'abc')).toBe(false);
  });
});
