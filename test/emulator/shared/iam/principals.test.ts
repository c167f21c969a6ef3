import { describe, expect, it } from 'vitest';
import { IamRegistry } from '../../../../src/emulator/shared/iam/principals.js';

describe('IamRegistry (the access keys and identity policies IAM authorization uses)', () => {
  it("gives a key without an ARN to the account's user apigw-lab, with a stable AIDA user id", () => {
    const registry = new IamRegistry('123456789012');
    const p = registry.putCredentials({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 's' });
    expect(p.arn).toBe('arn:aws:iam::123456789012:user/apigw-lab');
    expect(p.accountId).toBe('123456789012');
    expect(p.userId).toMatch(/^AIDA[A-Z0-9]{17}$/);
    expect(p.callerId).toBe(p.userId);
    expect(
      new IamRegistry('1').putCredentials({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x', arn: p.arn })
        .userId,
    ).toBe(p.userId);
    expect(registry.forAccessKey('AKIAIOSFODNN7EXAMPLE')).toBe(p);
    expect(registry.forAccessKey('AKIAOTHER0000000000')).toBeUndefined();
  });

  it("names an assumed role's caller {roleId}:{session} (IAM's principal table)", () => {
    const p = new IamRegistry('123456789012').putCredentials({
      accessKeyId: 'ASIAEXAMPLE000000000',
      secretAccessKey: 's',
      arn: 'arn:aws:sts::111122223333:assumed-role/Reader/alice',
    });
    expect(p.accountId).toBe('111122223333');
    expect(p.userId).toMatch(/^AROA[A-Z0-9]{17}$/);
    expect(p.callerId).toBe(`${p.userId}:alice`);
  });

  it('refuses a short key id, an empty secret and an ARN that is no principal, with the reason', () => {
    const registry = new IamRegistry('123456789012');
    expect(() => registry.putCredentials({ accessKeyId: 'AKIA', secretAccessKey: 's' })).toThrow(/16 to 128/);
    expect(() => registry.putCredentials({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: '' })).toThrow(
      /empty/,
    );
    expect(() =>
      registry.putCredentials({
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 's',
        arn: 'arn:aws:iam::1:user/x',
      }),
    ).toThrow(/not an IAM user ARN/);
  });

  it('keeps one identity policy per principal and refuses a document that is no policy', () => {
    const registry = new IamRegistry('123456789012');
    const arn = 'arn:aws:iam::123456789012:user/alice';
    expect(registry.identityPolicy(arn)).toBeUndefined();
    registry.putIdentityPolicy(arn, { Statement: { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' } });
    expect(registry.identityPolicy(arn)).toEqual([
      { effect: 'Allow', actions: ['execute-api:Invoke'], resources: ['*'] },
    ]);
    expect(() => registry.putIdentityPolicy(arn, { Statement: [{ Effect: 'Maybe' }] })).toThrow(/Effect must be/);
  });
});
