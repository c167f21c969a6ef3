import { describe, expect, it } from 'vitest';
import {
  methodArnOf,
  requestAuthorizerEvent,
  tokenAuthorizerEvent,
} from '../../../../src/emulator/rest/authorizers/event.js';
import { authorize } from '../../../../src/emulator/rest/steps/authorize.js';
import { contextBefore } from '../steps/context-helper.js';

// api-gateway-lambda-authorizer-input.html
describe('authorizer events', () => {
  it('methodArn names region, account, API, stage, method and the requested path', async () => {
    const { context } = await contextBefore(authorize, { url: '/dev/items/7', method: 'GET' });
    expect(methodArnOf(context)).toBe('arn:aws:execute-api:us-east-1:123456789012:abc123defg/dev/GET/items/7');
  });

  it('TOKEN: type, authorizationToken, methodArn in that order', () => {
    expect(JSON.stringify(tokenAuthorizerEvent('t', 'arn'))).toBe(
      '{"type":"TOKEN","authorizationToken":"t","methodArn":"arn"}',
    );
  });

  it('REQUEST: the request without its body; {} for absent path parameters and stage variables', async () => {
    const { context } = await contextBefore(authorize, {
      url: '/dev/items?a=1',
      method: 'GET',
      headers: [['X-Id', 'z']],
      body: 'ignored',
    });
    const event = requestAuthorizerEvent(context, 'arn');
    expect(event).toMatchObject({
      type: 'REQUEST',
      methodArn: 'arn',
      resource: '/items',
      path: '/items',
      httpMethod: 'GET',
      queryStringParameters: { a: '1' },
      multiValueQueryStringParameters: { a: ['1'] },
      pathParameters: {},
      stageVariables: {},
    });
    expect(event.headers!['X-Id']).toBe('z');
    expect(event.multiValueHeaders!['X-Id']).toEqual(['z']);
    expect(event).not.toHaveProperty('body');
    expect(event.requestContext).toMatchObject({ stage: 'dev', resourcePath: '/items', requestId: 'req-id-1' });
  });
});
