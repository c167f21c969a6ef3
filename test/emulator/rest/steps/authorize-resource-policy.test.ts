import { describe, expect, it } from 'vitest';
import { authorize } from '../../../../src/emulator/rest/steps/authorize.js';
import { contextBefore, gatewayErrorOf, gatewayErrorOfSync, proxyMethod, smallDoc } from './context-helper.js';

// The authorize step on an API with a resource policy (rest/resource-policy/), no authorizer on the method:
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html#apigateway-authorization-flow-resource-policy-only
const doc = (statements: unknown[]) =>
  smallDoc(
    { '/open': { get: proxyMethod() } },
    { 'x-amazon-apigateway-policy': { Version: '2012-10-17', Statement: statements } },
  );
const statement = (effect: string, resource: string) => ({
  Effect: effect,
  Principal: '*',
  Action: 'execute-api:Invoke',
  Resource: resource,
});

describe('the authorize step with a resource policy', () => {
  it('loads the policy code on first use, then judges a method without an authorizer synchronously', async () => {
    const first = await contextBefore(authorize, {
      doc: doc([statement('Allow', 'execute-api:/*')]),
      url: '/dev/open',
    });
    await authorize(first.context); // may load the module
    const { context } = await contextBefore(authorize, {
      doc: doc([statement('Allow', 'execute-api:/*')]),
      url: '/dev/open',
    });
    expect(authorize(context)).toBeUndefined();
    expect(context.trace.resourcePolicy).toMatchObject({ decision: 'ALLOW', statement: 0, principal: null });
  });

  it('throws ACCESS_DENIED with the policy verdict: explicit deny and implicit deny', async () => {
    const denied = await contextBefore(authorize, {
      doc: doc([statement('Allow', 'execute-api:/*'), statement('Deny', 'execute-api:/dev/GET/open')]),
      url: '/dev/open',
    });
    await authorize(
      (await contextBefore(authorize, { doc: doc([statement('Allow', '*')]), url: '/dev/open' })).context,
    );
    const explicit = gatewayErrorOfSync(() => authorize(denied.context));
    expect(explicit.response).toMatchObject({ type: 'ACCESS_DENIED', status: 403, errorType: 'AccessDeniedException' });
    expect(explicit.response.body).toMatch(
      / on resource: arn:aws:execute-api:[\w-]+:\*{8}\d{4}:\w+\/dev\/GET\/open with an explicit deny"\}$/,
    );
    const silent = await contextBefore(authorize, {
      doc: doc([statement('Allow', 'execute-api:/prod/*')]),
      url: '/dev/open',
    });
    const implicit = await gatewayErrorOf(() => authorize(silent.context));
    expect(implicit.response.body).toMatch(/\/dev\/GET\/open"\}$/);
    expect(implicit.detail).toMatch(
      /^The resource policy does not allow an anonymous caller execute-api:Invoke on arn:/,
    );
  });
});

describe('an IAM caller under the resource policy (iamDecisionUnderPolicy, for AWS_IAM methods)', () => {
  const same = 'arn:aws:iam::123456789012:user/alice';
  const other = 'arn:aws:iam::444455556666:user/bob';
  it('Table A in the same account, Table B across accounts; undefined without a policy', async () => {
    const { iamDecisionUnderPolicy } = await import('../../../../src/emulator/rest/resource-policy/verdict.js');
    const onlyBob = doc([
      { Effect: 'Allow', Principal: { AWS: other }, Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
    ]);
    const { context } = await contextBefore(authorize, { doc: onlyBob, url: '/dev/open' });
    // Same account: the identity policy's Allow suffices, the resource policy being silent about alice.
    expect(iamDecisionUnderPolicy(context, same, 'ALLOW')).toBe('ALLOW');
    expect(iamDecisionUnderPolicy(context, same, 'IMPLICIT_DENY')).toBe('IMPLICIT_DENY');
    // Another account: both must allow.
    expect(iamDecisionUnderPolicy(context, other, 'ALLOW')).toBe('ALLOW');
    expect(iamDecisionUnderPolicy(context, other, 'IMPLICIT_DENY')).toBe('IMPLICIT_DENY');
    expect(iamDecisionUnderPolicy(context, 'arn:aws:iam::777777777777:user/eve', 'ALLOW')).toBe('IMPLICIT_DENY');
    expect(context.trace.resourcePolicy).toMatchObject({ principal: 'arn:aws:iam::777777777777:user/eve' });
    const plain = await contextBefore(authorize, {
      doc: smallDoc({ '/open': { get: proxyMethod() } }),
      url: '/dev/open',
    });
    expect(iamDecisionUnderPolicy(plain.context, same, 'ALLOW')).toBeUndefined();
  });
});
