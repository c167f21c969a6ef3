import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { integrationRequest } from '../../../../src/emulator/http-api/steps/integration-request.js';
import { REQUEST_ID, advanceTo, contextFor, servicesFor, type ServicesSetup } from './context-helper.js';

// Payload formats: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html

async function eventFor(target: string, setup: ServicesSetup = {}, init: Parameters<typeof contextFor>[2] = {}) {
  const context = contextFor(servicesFor(setup), target, init);
  await advanceTo(context, integrationRequest);
  expect(context.event).toBeUndefined();
  integrationRequest(context);
  return context;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('integrationRequest', () => {
  it('builds a payload 2.0 event for a 2.0 integration, with the request id, trace id and stage path', async () => {
    const context = await eventFor('/dev/items/7?a=1', { stages: ['dev'], variables: { v: 'x' } });
    const event = context.event as APIGatewayProxyEventV2;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /items/{id}',
      rawPath: '/dev/items/7',
      rawQueryString: 'a=1',
      pathParameters: { id: '7' },
      stageVariables: { v: 'x' },
      requestContext: {
        accountId: '123456789012',
        apiId: 'abc123defg',
        requestId: REQUEST_ID,
        stage: 'dev',
        http: { method: 'GET', path: '/dev/items/7' },
      },
    });
    expect(event.headers['x-amzn-trace-id']).toBe(context.traceId);
    expect(event.headers['x-forwarded-proto']).toBe('https');
    expect(event.headers['x-forwarded-port']).toBe('443');
    expect(context.lambdaRequestId).toMatch(UUID);
  });

  it('builds a payload 1.0 event for a 1.0 integration, its path keeping a custom domain’s API mapping', async () => {
    const context = await eventFor('https://api.example.com/orders/items/7', {
      payloadFormatVersion: '1.0',
      domains: [{ domainName: 'api.example.com', basePathMappings: [{ basePath: 'orders', stage: '$default' }] }],
    });
    const event = context.event as APIGatewayProxyEvent;
    expect(event).toMatchObject({
      version: '1.0',
      resource: '/items/{id}',
      path: '/orders/items/7',
      httpMethod: 'GET',
      pathParameters: { id: '7' },
      requestContext: { stage: '$default', domainName: 'api.example.com', requestId: REQUEST_ID },
    });
  });

  it('leaves a custom domain’s API mapping out of payload 2.0 rawPath ("rawPath won\'t provide the API mapping value")', async () => {
    const context = await eventFor('https://api.example.com/v1/items/7', {
      stages: ['dev'],
      domains: [{ domainName: 'api.example.com', basePathMappings: [{ basePath: 'v1', stage: 'dev' }] }],
    });
    expect(context.event).toMatchObject({
      rawPath: '/items/7',
      requestContext: { stage: 'dev', domainName: 'api.example.com', http: { path: '/items/7' } },
    });
  });

  it('passes a body, and a bodiless request as a null body', async () => {
    const withBody = await eventFor(
      '/items',
      { routeKeys: ['POST /items'] },
      {
        method: 'POST',
        headers: [['Content-Type', 'application/json']],
        body: new TextEncoder().encode('{"a":1}'),
      },
    );
    expect(withBody.event).toMatchObject({ body: '{"a":1}', isBase64Encoded: false });
    const empty = await eventFor('/items', { routeKeys: ['POST /items'] }, { method: 'POST', body: new Uint8Array(0) });
    expect((empty.event as APIGatewayProxyEventV2).body).toBeUndefined();
  });

  it('gives each call its own Lambda request id', async () => {
    const a = await eventFor('/items');
    const b = await eventFor('/items');
    expect(a.lambdaRequestId).not.toBe(b.lambdaRequestId);
  });
});
