import { describe, expect, it } from 'vitest';
import { methodRequest } from '../../../../src/emulator/rest/steps/method-request.js';
import {
  contextBefore,
  EPOCH_MS,
  gatewayErrorOf,
  proxyMethod,
  smallDoc,
  type ContextOptions,
} from './context-helper.js';

const MOCK = {
  'x-amazon-apigateway-integration': {
    type: 'mock',
    requestTemplates: { 'application/json': '{"statusCode": 200}' },
    responses: { default: { statusCode: '200' } },
  },
};

/** GET /v?q (parameters validated) and POST /v (body validated against Pet), both Lambda proxies. */
const validated = smallDoc(
  {
    '/v': {
      get: {
        ...proxyMethod(),
        parameters: [{ name: 'q', in: 'query', required: true, schema: { type: 'string' } }],
        'x-amazon-apigateway-request-validator': 'params',
      },
      post: {
        ...proxyMethod(),
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } },
        'x-amazon-apigateway-request-validator': 'body',
      },
    },
  },
  {
    'x-amazon-apigateway-request-validators': {
      params: { validateRequestBody: false, validateRequestParameters: true },
      body: { validateRequestBody: true, validateRequestParameters: false },
    },
    components: {
      schemas: { Pet: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } },
    },
  },
);

const at = (options: ContextOptions) => contextBefore(methodRequest, options);

describe('methodRequest', () => {
  it('takes the fast path for a Lambda proxy without validator or gateway responses: no $context, no promise', async () => {
    const { context } = await at({});
    expect(methodRequest(context)).toBeUndefined();
    expect(context.templateRequest).toBeNull();
  });

  it('builds the request with its $context for a non-proxy integration', async () => {
    const { context, deployment } = await at({
      doc: smallDoc({ '/m/{id}': { get: MOCK } }),
      url: '/dev//m/7?x=1',
      headers: [
        ['Host', 'abc123defg.execute-api.us-east-1.amazonaws.com:443'],
        ['User-Agent', 'curl/8'],
      ],
      stageVariables: { a: 'b' },
    });
    expect(methodRequest(context)).toBeUndefined();
    const request = context.templateRequest!;
    expect(request).toMatchObject({
      method: 'GET',
      path: '/m/7',
      rawQuery: 'x=1',
      pathParameters: { id: '7' },
      stageVariables: { a: 'b' },
    });
    expect(request.context).toMatchObject({
      accountId: '123456789012',
      apiId: 'abc123defg',
      deploymentId: deployment.id,
      domainName: 'abc123defg.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abc123defg',
      extendedRequestId: context.trace.extendedRequestId,
      httpMethod: 'GET',
      identity: { sourceIp: '127.0.0.1', userAgent: 'curl/8' },
      path: '/dev//m/7',
      requestId: context.trace.requestId,
      requestTimeEpoch: EPOCH_MS,
      resourceId: context.resource.id,
      resourcePath: '/m/{id}',
      stage: 'dev',
    });
  });

  it('builds the $context of a Lambda proxy when the API customises gateway responses', async () => {
    const { context } = await at({
      doc: smallDoc(undefined, {
        'x-amazon-apigateway-gateway-responses': { DEFAULT_4XX: { statusCode: 418 } },
      }),
    });
    methodRequest(context);
    expect(context.templateRequest?.context.resourcePath).toBe('/items');
  });

  it('gives $context.path the base path on a custom domain, not the stage', async () => {
    const { context } = await at({
      doc: smallDoc({ '/m': { get: MOCK } }),
      url: 'https://api.example.com/v1/m',
      headers: [['Host', 'api.example.com']],
      domains: [{ domainName: 'api.example.com', basePathMappings: [{ basePath: 'v1', stage: 'dev' }] }],
    });
    methodRequest(context);
    expect(context.templateRequest?.context).toMatchObject({ path: '/v1/m', domainPrefix: 'api', stage: 'dev' });
  });

  it('resolves when the request passes its validator', async () => {
    const { context } = await at({ doc: validated, url: '/dev/v?q=1' });
    const pending = methodRequest(context);
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).resolves.toBeUndefined();
    expect(context.templateRequest).not.toBeNull();
  });

  it('refuses a missing required parameter with 400 BAD_REQUEST_PARAMETERS', async () => {
    const { context } = await at({ doc: validated, url: '/dev/v' });
    const error = await gatewayErrorOf(() => methodRequest(context));
    expect([error.response.type, error.response.status, error.response.body]).toEqual([
      'BAD_REQUEST_PARAMETERS',
      400,
      '{"message": "Missing required request parameters: [q]"}',
    ]);
    expect(error.response.errorType).toBe('BadRequestException');
    expect(error.detail).toBe('Request validation failed: Missing required request parameters: [q]');
    expect(error.validationErrorString).toBe('Missing required request parameters: [q]');
  });

  it('refuses a body that fails its model with 400 BAD_REQUEST_BODY', async () => {
    const { context } = await at({
      doc: validated,
      url: '/dev/v',
      method: 'POST',
      headers: [['Content-Type', 'application/json']],
      body: '{"nom":"Rex"}',
    });
    const error = await gatewayErrorOf(() => methodRequest(context));
    expect([error.response.type, error.response.status, error.response.body]).toEqual([
      'BAD_REQUEST_BODY',
      400,
      '{"message": "Invalid request body"}',
    ]);
    expect(error.validationErrorString).toBe('[object has missing required properties (["name"])]');
    expect(error.detail).toMatch(/^Request validation failed: /);
  });
});

describe('$context.domainPrefix of a host with a port', () => {
  // Derived from domainName (the port dropped), as the Lambda proxy event (event.ts) derives it.
  it('is the first label of $context.domainName, as the Lambda event gives it', async () => {
    const { context } = await at({
      doc: smallDoc({ '/m': { get: MOCK } }),
      url: 'http://localhost:3000/dev/m',
      headers: [['Host', 'localhost:3000']],
    });
    methodRequest(context);
    expect(context.templateRequest?.context).toMatchObject({ domainName: 'localhost', domainPrefix: 'localhost' });
  });
});
