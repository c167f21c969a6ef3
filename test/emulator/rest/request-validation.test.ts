import { describe, expect, it } from 'vitest';
import { validateRequest, type RequestForValidation } from '../../../src/emulator/rest/request-validation.js';

// The sample API of https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-validation-sample-api-swagger.html
// and the exchanges of https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-validation-test.html
const models = {
  RequestBodyModel: {
    $schema: 'http://json-schema.org/draft-04/schema#',
    type: 'object',
    properties: {
      id: { type: 'integer' },
      type: { type: 'string', enum: ['dog', 'cat', 'fish'] },
      name: { type: 'string' },
      price: { type: 'number', minimum: 25.0, maximum: 500.0 },
    },
    required: ['type', 'name', 'price'],
  },
};
const all = { validateRequestBody: true, validateRequestParameters: true };
const paramsOnly = { validateRequestBody: false, validateRequestParameters: true };
const getMethod = { requestParameters: { 'method.request.querystring.q1': true }, requestModels: {} };
const postMethod = {
  requestParameters: { 'method.request.header.h1': true },
  requestModels: { 'application/json': 'RequestBodyModel' },
};
const req = (over: Partial<RequestForValidation>): RequestForValidation => ({
  path: {},
  querystring: {},
  headers: [],
  contentType: 'application/json',
  body: '',
  ...over,
});

describe('request validation, as the documented test exchanges', () => {
  it('GET /validation?q1=cat passes', () => {
    expect(validateRequest(paramsOnly, getMethod, models, req({ querystring: { q1: 'cat' } }))).toEqual({ ok: true });
  });

  it.each([
    ['absent', {}],
    ['blank', { q1: '' }],
  ])('GET /validation with q1 %s → "Missing required request parameters: [q1]"', (_name, querystring) => {
    expect(validateRequest(paramsOnly, getMethod, models, req({ querystring }))).toMatchObject({
      ok: false,
      type: 'BAD_REQUEST_PARAMETERS',
      message: 'Missing required request parameters: [q1]',
    });
  });

  it('POST with h1 and a conforming body passes; without h1 → "Missing required request parameters: [h1]"', () => {
    const body = '{"name": "Marco", "type": "dog", "price": 260}';
    expect(validateRequest(all, postMethod, models, req({ headers: [['h1', 'v1']], body }))).toEqual({ ok: true });
    expect(validateRequest(all, postMethod, models, req({ body }))).toMatchObject({
      type: 'BAD_REQUEST_PARAMETERS',
      message: 'Missing required request parameters: [h1]',
    });
  });

  it.each([
    ['type outside the enum', '{"name": "Molly", "type": "bird", "price": 269}'],
    ['price over the maximum', '{"name": "Molly", "type": "dog", "price": 501}'],
    ['a body that is not JSON', '{"name": '],
    ['an empty body (validated as {})', ''],
  ])('POST with %s → "Invalid request body"', (_name, body) => {
    expect(validateRequest(all, postMethod, models, req({ headers: [['h1', 'v1']], body }))).toMatchObject({
      ok: false,
      type: 'BAD_REQUEST_BODY',
      message: 'Invalid request body',
    });
  });

  it('names every missing parameter, ordered by their method.request keys', () => {
    const method = {
      requestParameters: {
        'method.request.querystring.page': true,
        'method.request.header.X-Tenant': true,
        'method.request.querystring.opt': false,
      },
      requestModels: {},
    };
    expect(validateRequest(paramsOnly, method, models, req({}))).toMatchObject({
      message: 'Missing required request parameters: [X-Tenant, page]',
    });
  });

  it('matches headers case-insensitively', () => {
    expect(validateRequest(paramsOnly, postMethod, models, req({ headers: [['H1', 'v']] }))).toEqual({ ok: true });
  });

  it('does not validate what the validator does not enable', () => {
    expect(
      validateRequest(
        { validateRequestBody: true, validateRequestParameters: false },
        postMethod,
        models,
        req({ body: '{"name":"x","type":"dog","price":30}' }),
      ),
    ).toEqual({ ok: true });
  });

  it('follows $ref between models', () => {
    const withRef = {
      Pet: { type: 'object', properties: { type: { type: 'string', enum: ['dog'] } }, required: ['type'] },
      Pets: { type: 'array', items: { $ref: '#/components/schemas/Pet' } },
    };
    const method = { requestParameters: {}, requestModels: { 'application/json': 'Pets' } };
    expect(validateRequest(all, method, withRef, req({ body: '[{"type":"dog"}]' }))).toEqual({ ok: true });
    expect(validateRequest(all, method, withRef, req({ body: '[{"type":"cat"}]' }))).toMatchObject({
      type: 'BAD_REQUEST_BODY',
    });
  });
});
