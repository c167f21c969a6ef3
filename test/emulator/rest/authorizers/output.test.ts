import { describe, expect, it } from 'vitest';
import { readAuthorizerOutput } from '../../../../src/emulator/rest/authorizers/output.js';

const policyDocument = {
  Version: '2012-10-17',
  Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: '*' }],
};

// api-gateway-lambda-authorizer-output.html: principalId, policyDocument, context, usageIdentifierKey.
describe('readAuthorizerOutput', () => {
  it('reads principalId, the statements, the context with values as strings, and usageIdentifierKey', () => {
    const output = readAuthorizerOutput({
      principalId: 'yyyyyyyy',
      policyDocument,
      context: { stringKey: 'value', numberKey: 1, booleanKey: true },
      usageIdentifierKey: 'key-123',
    });
    expect(output).toEqual({
      principalId: 'yyyyyyyy',
      statements: [{ effect: 'Allow', actions: ['execute-api:Invoke'], resources: ['*'] }],
      context: { stringKey: 'value', numberKey: '1', booleanKey: 'true' },
      rawContext: { stringKey: 'value', numberKey: 1, booleanKey: true },
      usageIdentifierKey: 'key-123',
    });
  });

  it.each([
    ['a string', 'Allow', /no object/],
    ['no principalId', { policyDocument }, /no principalId/],
    ['a broken policy', { principalId: 'p', policyDocument: {} }, /invalid policy: policyDocument.Statement/],
    [
      'a nested context value',
      { principalId: 'p', policyDocument, context: { user: { id: 3 } } },
      /context.user is an object/,
    ],
    [
      'an array context value',
      { principalId: 'p', policyDocument, context: { groups: ['a'] } },
      /context.groups is an array/,
    ],
    ['a context that is no map', { principalId: 'p', policyDocument, context: 'x' }, /context is not a map/],
  ])('refuses %s', (_what, payload, message) => {
    expect(readAuthorizerOutput(payload)).toMatch(message);
  });
});
