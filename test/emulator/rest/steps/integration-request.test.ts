import { describe, expect, it } from 'vitest';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { integrationRequest } from '../../../../src/emulator/rest/steps/integration-request.js';
import { contextBefore, EPOCH_MS, FN_URI, smallDoc, type ContextOptions } from './context-helper.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const at = (options: ContextOptions) => contextBefore(integrationRequest, options);

describe('integrationRequest', () => {
  it('builds the Lambda proxy event from what the earlier steps found', async () => {
    const { context, deployment } = await at({
      url: '/dev/items/7?tag=a&tag=b',
      headers: [['Accept', 'application/json']],
      stageVariables: { env: 'test' },
    });
    expect(integrationRequest(context)).toBeUndefined();
    const event = context.event as APIGatewayProxyEvent;
    expect(event).toMatchObject({
      resource: '/items/{id}',
      path: '/items/7',
      httpMethod: 'GET',
      pathParameters: { id: '7' },
      queryStringParameters: { tag: 'b' },
      multiValueQueryStringParameters: { tag: ['a', 'b'] },
      stageVariables: { env: 'test' },
      body: null,
      isBase64Encoded: false,
    });
    expect(event.requestContext).toMatchObject({
      apiId: 'abc123defg',
      deploymentId: deployment.id,
      path: '/dev/items/7',
      stage: 'dev',
      requestId: context.trace.requestId,
      extendedRequestId: context.trace.extendedRequestId,
      requestTimeEpoch: EPOCH_MS,
      resourceId: context.resource.id,
    });
    expect(event.headers['X-Amzn-Trace-Id']).toBe(context.traceId);
    expect(context.functionName).toBe('fn');
    expect(context.lambdaRequestId).toMatch(UUID);
    expect(context.lambdaRequestId).not.toBe(context.trace.requestId);
  });

  it('keeps the slashes the client sent in requestContext.path, not in path', async () => {
    const { context } = await at({ url: '/dev//items' });
    integrationRequest(context);
    const event = context.event as APIGatewayProxyEvent;
    expect([event.path, event.requestContext.path]).toEqual(['/items', '/dev//items']);
  });

  it('puts the base path of a custom domain in path and requestContext.path', async () => {
    const { context } = await at({
      url: 'https://api.example.com/v1/items',
      headers: [['Host', 'api.example.com']],
      domains: [{ domainName: 'api.example.com', basePathMappings: [{ basePath: 'v1', stage: 'dev' }] }],
    });
    integrationRequest(context);
    const event = context.event as APIGatewayProxyEvent;
    expect([event.path, event.requestContext.path]).toEqual(['/v1/items', '/v1/items']);
  });

  it('resolves a function named by a stage variable for the stage', async () => {
    const uri = FN_URI.replace('function:fn', 'function:${stageVariables.fn}');
    const doc = smallDoc({
      '/items': { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri } } },
    });
    const { context } = await at({ doc, stageVariables: { fn: 'items_v2' } });
    integrationRequest(context);
    expect(context.functionName).toBe('items_v2');
  });

  it("maps a templated integration's request with its template and requestParameters, not a proxy event", async () => {
    const doc = smallDoc({
      '/items/{id}': {
        get: {
          'x-amazon-apigateway-integration': {
            type: 'mock',
            requestTemplates: { 'application/json': '{"statusCode": 200, "id": "$input.params(\'id\')"}' },
            requestParameters: { 'integration.request.header.x-id': 'method.request.path.id' },
            responses: { default: { statusCode: '200' } },
          },
        },
      },
    });
    const { context } = await at({ doc, url: '/dev/items/7' });
    const pending = integrationRequest(context);
    expect(pending).toBeInstanceOf(Promise);
    await pending;
    expect(context.mappedRequest!.payload).toBe('{"statusCode": 200, "id": "7"}');
    expect(context.mappedRequest!.parameters.header).toEqual({ 'x-id': '7' });
    expect([context.event, context.functionName, context.lambdaRequestId]).toEqual([undefined, '', '']);
  });

  it('leaves an HTTP_PROXY request to its integration (it passes through)', async () => {
    const doc = smallDoc({
      '/items': {
        get: {
          'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'GET', uri: 'http://backend.local/' },
        },
      },
    });
    const { context } = await at({ doc });
    expect(integrationRequest(context)).toBeUndefined();
    expect([context.mappedRequest, context.event]).toEqual([undefined, undefined]);
  });
});
