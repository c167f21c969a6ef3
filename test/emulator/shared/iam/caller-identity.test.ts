import { describe, expect, it } from 'vitest';
import { iamAuthorizerV2, withIamIdentity } from '../../../../src/emulator/shared/iam/caller-identity.js';
import { IamRegistry } from '../../../../src/emulator/shared/iam/principals.js';
import { payloadV1Identity } from '../../../../src/emulator/shared/payload-v1-identity.js';

const principal = new IamRegistry('123456789012').putCredentials({
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 's',
});

describe("the signed caller in the integration's event", () => {
  it('fills payload 1.0 identity (accessKey, accountId, caller, user, userArn), keeping its keys in order', () => {
    const anonymous = payloadV1Identity('198.51.100.1', 'curl/8');
    const identity = withIamIdentity(anonymous, principal) as unknown as Record<string, unknown>;
    expect(Object.keys(identity)).toEqual(Object.keys(anonymous));
    expect(identity).toMatchObject({
      accessKey: 'AKIAIOSFODNN7EXAMPLE',
      accountId: '123456789012',
      caller: principal.userId,
      user: principal.userId,
      userArn: 'arn:aws:iam::123456789012:user/apigw-lab',
      sourceIp: '198.51.100.1',
      cognitoIdentityId: null,
    });
  });

  it("gives payload 2.0's authorizer.iam the fields of AWS's recorded event", () => {
    expect(iamAuthorizerV2(principal)).toEqual({
      iam: {
        accessKey: 'AKIAIOSFODNN7EXAMPLE',
        accountId: '123456789012',
        callerId: principal.userId,
        cognitoIdentity: null,
        principalOrgId: null,
        userArn: 'arn:aws:iam::123456789012:user/apigw-lab',
        userId: principal.userId,
      },
    });
  });
});
