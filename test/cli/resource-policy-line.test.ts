import { describe, expect, it } from 'vitest';
import { resourcePolicyLine } from '../../src/cli/resource-policy-line.js';

describe("the CLI's resource policy line", () => {
  it('names the decision, the statement, the caller and the phase', () => {
    expect(resourcePolicyLine({ decision: 'ALLOW', statement: 0, principal: null, phase: 'final' })).toBe(
      'apigw-lab: resource policy: allow (Statement[0]) for anonymous',
    );
    expect(
      resourcePolicyLine({ decision: 'IMPLICIT_DENY', statement: null, principal: null, phase: 'before-authorizer' }),
    ).toBe('apigw-lab: resource policy: implicit deny (no statement applies) for anonymous, before the authorizer');
    expect(
      resourcePolicyLine({
        decision: 'EXPLICIT_DENY',
        statement: 2,
        principal: 'arn:aws:iam::123456789012:user/alice',
        phase: 'final',
      }),
    ).toBe('apigw-lab: resource policy: explicit deny (Statement[2]) for arn:aws:iam::123456789012:user/alice');
  });
});
