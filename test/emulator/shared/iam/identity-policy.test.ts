import { describe, expect, it } from 'vitest';
import { accessDeniedMessage, identityDecision } from '../../../../src/emulator/shared/iam/identity-policy.js';
import { IamRegistry } from '../../../../src/emulator/shared/iam/principals.js';

const ARN = 'arn:aws:execute-api:us-east-1:123456789012:abc123defg/dev/GET/items/7';

describe('identity policies on execute-api:Invoke', () => {
  const registry = new IamRegistry('123456789012');
  const alice = registry.putCredentials({
    accessKeyId: 'AKIAALICE00000000000',
    secretAccessKey: 's',
    arn: 'arn:aws:iam::123456789012:user/alice',
  });

  it('assumes a principal without an identity policy is allowed (the emulator has no IAM)', () => {
    expect(identityDecision(registry, alice, ARN)).toBe('ASSUMED_ALLOW');
  });

  it('allows by wildcard, denies implicitly without a match, and lets an explicit Deny win', () => {
    registry.putIdentityPolicy(alice.arn, {
      Statement: [
        {
          Effect: 'Allow',
          Action: 'execute-api:Invoke',
          Resource: 'arn:aws:execute-api:*:*:abc123defg/dev/GET/items/*',
        },
      ],
    });
    expect(identityDecision(registry, alice, ARN)).toBe('ALLOW');
    expect(identityDecision(registry, alice, ARN.replace('/GET/', '/POST/'))).toBe('IMPLICIT_DENY');
    registry.putIdentityPolicy(alice.arn, {
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: 'execute-api:*', Resource: '*/dev/*' },
      ],
    });
    expect(identityDecision(registry, alice, ARN)).toBe('EXPLICIT_DENY');
  });

  it("words the denial as API Gateway does, the resource's account masked but for its last four digits", () => {
    expect(accessDeniedMessage(alice, ARN, false)).toBe(
      'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********9012:abc123defg/dev/GET/items/7 because no identity-based policy allows the execute-api:Invoke action',
    );
    expect(accessDeniedMessage(alice, ARN, true)).toMatch(
      /\/items\/7 with an explicit deny in an identity-based policy$/,
    );
  });
});
