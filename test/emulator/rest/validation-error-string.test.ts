/**
 * `$context.error.validationErrorString` of a body that fails its model: the validator's messages in brackets, as
 * captured through gateway response templates (`[object has missing required properties (["name"])]`).
 */
import { describe, expect, it } from 'vitest';
import { RestGateway, importOpenApi } from '../../../src/emulator/index.js';
import { validateRequest } from '../../../src/emulator/rest/request-validation.js';

const models = {
  Item: {
    type: 'object',
    required: ['name', 'price'],
    properties: {
      name: { type: 'string', minLength: 1 },
      price: { type: 'number', minimum: 0 },
      tag: { type: 'string', enum: ['a', 'b'] },
    },
  },
};
const method = {
  requestParameters: { 'method.request.querystring.q': true },
  requestModels: { 'application/json': 'Item' },
};
const body = (text: string) => ({
  path: {},
  querystring: { q: '1' },
  headers: [],
  contentType: 'application/json',
  body: text,
});
const both = { validateRequestBody: true, validateRequestParameters: true };

describe('validationErrorString for a body that fails its model (api-gateway-request-validation)', () => {
  it('lists every missing required property of an object in one message, as the captured responses show', () => {
    const outcome = validateRequest(both, method, models, body('{}'));
    expect(outcome).toMatchObject({
      ok: false,
      type: 'BAD_REQUEST_BODY',
      validationErrorString: '[object has missing required properties (["name","price"])]',
    });
  });

  it('words a minimum, a minLength, a type and an enum failure as the validator does', () => {
    const outcome = validateRequest(both, method, models, body('{"name": "", "price": -1, "tag": "c"}'));
    expect(outcome.ok).toBe(false);
    const text = outcome.ok ? '' : outcome.validationErrorString;
    expect(text.startsWith('[') && text.endsWith(']')).toBe(true);
    expect(text).toContain('string "" is too short (length: 0, required minimum: 1)');
    expect(text).toContain('numeric instance is lower than the required minimum (minimum: 0, found: -1)');
    expect(text).toContain('instance value ("c") not found in enum (possible values: ["a","b"])');
    const typed = validateRequest(both, method, models, body('{"name": 5, "price": 1}'));
    expect(typed.ok ? '' : typed.validationErrorString).toBe(
      '[instance type (integer) does not match any allowed primitive type (allowed: ["string"])]',
    );
  });
});

describe('$context.error.validationErrorString in a customised gateway response', () => {
  const doc = {
    openapi: '3.0.1',
    info: { title: 't', version: '1' },
    'x-amazon-apigateway-request-validators': { body: { validateRequestBody: true, validateRequestParameters: false } },
    'x-amazon-apigateway-gateway-responses': {
      DEFAULT_4XX: {
        responseTemplates: {
          'application/json':
            '{"message": $context.error.messageString, "detail": "$context.error.validationErrorString"}',
        },
      },
    },
    components: { schemas: models },
    paths: {
      '/items': {
        post: {
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } },
          'x-amazon-apigateway-request-validator': 'body',
          responses: { '200': { description: 'ok' } },
          'x-amazon-apigateway-integration': {
            type: 'mock',
            requestTemplates: { 'application/json': '{"statusCode": 200}' },
            responses: { default: { statusCode: '200' } },
          },
        },
      },
    },
  };
  const gateway = new RestGateway({ invoke: async () => ({ kind: 'result', payload: null, logs: [] }) as never });
  gateway.putStage({ name: 'dev', deploymentId: gateway.deploy(importOpenApi(doc)).id });

  it('holds the validator messages for BAD_REQUEST_BODY', async () => {
    const { response } = await gateway.handle(
      new Request('https://a.execute-api.us-east-1.amazonaws.com/dev/items', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"price": 1}',
      }),
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toBe(
      '{"message": "Invalid request body", "detail": "[object has missing required properties (["name"])]"}',
    );
  });

  it('is empty for a response that is not a validation failure (a route the API does not have)', async () => {
    const { response } = await gateway.handle(new Request('https://a.execute-api.us-east-1.amazonaws.com/dev/nothing'));
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('{"message": "Missing Authentication Token", "detail": ""}');
  });
});
