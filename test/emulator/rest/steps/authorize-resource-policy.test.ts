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
