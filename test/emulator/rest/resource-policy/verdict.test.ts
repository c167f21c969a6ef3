import { describe, expect, it } from 'vitest';
import type { PolicyDecision } from '../../../../src/emulator/rest/resource-policy/evaluate.js';
import { combineDecisions, maskAccount, sourceVpceOf } from '../../../../src/emulator/rest/resource-policy/verdict.js';

const NEITHER = 'IMPLICIT_DENY';
const ROWS: Array<[PolicyDecision, PolicyDecision, PolicyDecision, PolicyDecision]> = [
  // identity (IAM policy, Lambda or Cognito authorizer), resource policy, Table A, Table B
  ['ALLOW', 'ALLOW', 'ALLOW', 'ALLOW'],
  ['ALLOW', NEITHER, 'ALLOW', 'IMPLICIT_DENY'],
  ['ALLOW', 'EXPLICIT_DENY', 'EXPLICIT_DENY', 'EXPLICIT_DENY'],
  [NEITHER, 'ALLOW', 'ALLOW', 'IMPLICIT_DENY'],
  [NEITHER, NEITHER, 'IMPLICIT_DENY', 'IMPLICIT_DENY'],
  [NEITHER, 'EXPLICIT_DENY', 'EXPLICIT_DENY', 'EXPLICIT_DENY'],
  ['EXPLICIT_DENY', 'ALLOW', 'EXPLICIT_DENY', 'EXPLICIT_DENY'],
  ['EXPLICIT_DENY', NEITHER, 'EXPLICIT_DENY', 'EXPLICIT_DENY'],
  ['EXPLICIT_DENY', 'EXPLICIT_DENY', 'EXPLICIT_DENY', 'EXPLICIT_DENY'],
];

// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html#apigateway-resource-policies-iam-policies-interaction
describe('policy evaluation outcome tables', () => {
  it.each(ROWS)('Table A (same account): %s + resource policy %s → %s', (identity, resource, a) => {
    expect(combineDecisions(identity, resource, true)).toBe(a);
  });
  it.each(ROWS)('Table B (another account): %s + resource policy %s → (A %s) B %s', (identity, resource, _a, b) => {
    expect(combineDecisions(identity, resource, false)).toBe(b);
  });
});

describe('the account id in an ACCESS_DENIED message', () => {
  it('is masked to eight asterisks and its last four digits, in the resource and the caller ARN', () => {
    expect(maskAccount('arn:aws:execute-api:us-east-1:123456789012:abc/dev/GET/items')).toBe(
      'arn:aws:execute-api:us-east-1:********9012:abc/dev/GET/items',
    );
    expect(maskAccount('arn:aws:sts::111122225355:assumed-role/R/s')).toBe(
      'arn:aws:sts::********5355:assumed-role/R/s',
    );
  });
});

describe('aws:SourceVpce from the host a private API is called through', () => {
  it('reads the Route 53 alias and the endpoint-specific DNS names, nothing else', () => {
    expect(sourceVpceOf('abc123defg-vpce-0123456789abcdef0.execute-api.us-east-1.amazonaws.com')).toBe(
      'vpce-0123456789abcdef0',
    );
    expect(sourceVpceOf('vpce-0123456789abcdef0-b1ymkvq3.execute-api.us-east-1.vpce.amazonaws.com')).toBe(
      'vpce-0123456789abcdef0',
    );
    expect(sourceVpceOf('abc123defg.execute-api.us-east-1.amazonaws.com')).toBeUndefined();
    expect(sourceVpceOf('127.0.0.1:3000')).toBeUndefined();
  });
});
