import { describe, expect, it } from 'vitest';
import { authorize } from '../../../../src/emulator/rest/steps/authorize.js';
import { FN_URI, contextBefore, gatewayErrorOf, proxyMethod, smallDoc } from './context-helper.js';

const AUTH_URI = FN_URI.replace(':function:fn/', ':function:auth/');
const doc = smallDoc(
  { '/items': { get: { ...proxyMethod(), security: [{ auth: [] }] } }, '/open': { get: proxyMethod() } },
  {
    components: {
      securitySchemes: {
        auth: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authtype': 'custom',
          'x-amazon-apigateway-authorizer': { type: 'token', authorizerUri: AUTH_URI, authorizerResultTtlInSeconds: 0 },
        },
      },
    },
  },
);
const allow = {
  kind: 'result' as const,
  payload: {
    principalId: 'alice',
    policyDocument: { Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: '*' }] },
    context: { n: 1 },
    usageIdentifierKey: 'key-1',
  },
  logs: [],
};

describe('the authorize step', () => {
  it('returns undefined at once for a method without an authorizer', async () => {
    const { context, invocations } = await contextBefore(authorize, { doc, url: '/dev/open' });
    expect(authorize(context)).toBeUndefined();
    expect(context.authorizer).toBeUndefined();
    expect(invocations).toHaveLength(0);
  });

  it("runs the method's Lambda authorizer and leaves the caller in context.authorizer", async () => {
    const { context, invocations } = await contextBefore(authorize, {
      doc,
      url: '/dev/items',
      headers: [['Authorization', 't']],
      fn: () => allow,
    });
    const pending = authorize(context);
    expect(pending).toBeInstanceOf(Promise);
    await pending;
    expect(invocations.map((i) => i.functionName)).toEqual(['auth']);
    expect(context.authorizer).toEqual({
      principalId: 'alice',
      proxy: { principalId: 'alice', integrationLatency: expect.any(Number), n: '1' },
      templateVariables: { principalId: 'alice', n: '1' },
      usageIdentifierKey: 'key-1',
    });
  });

  it('throws the 401 GatewayError for a missing token', async () => {
    const { context } = await contextBefore(authorize, { doc, url: '/dev/items', fn: () => allow });
    const error = await gatewayErrorOf(() => authorize(context));
    expect(error.response.type).toBe('UNAUTHORIZED');
    expect(context.authorizer).toBeUndefined();
  });
});
