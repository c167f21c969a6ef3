import { describe, expect, it } from 'vitest';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { gatewayFor, ok, openApi, URL_BASE } from '../helpers.js';
import type { EndpointType } from '../../../src/emulator/index.js';

/** Sends one request and returns the event the function received. */
async function eventFor(
  path: string,
  init: { method?: string; headers?: Array<[string, string]>; body?: BodyInit | null } = {},
  extra: Record<string, unknown> = {},
  stageVariables?: Record<string, string>,
  endpointType?: EndpointType,
): Promise<APIGatewayProxyEvent> {
  const { gateway, invocations } = gatewayFor(
    openApi({ '/items': ['GET', 'POST'], '/items/{id}': ['GET'], '/files/{proxy+}': ['ANY'] }, extra),
    () => ok({ statusCode: 200 }),
    stageVariables,
    endpointType,
  );
  const { trace } = await gateway.handle(
    new Request(`${URL_BASE}/dev${path}`, {
      method: init.method ?? 'GET',
      headers: init.headers,
      body: init.body ?? null,
    }),
    {
      rawHeaders: init.headers,
      sourceIp: '203.0.113.7',
    },
  );
  expect(trace.status).toBe(200);
  return invocations[0]!.event as APIGatewayProxyEvent;
}

describe('REST API Lambda proxy event, payload format 1.0 (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html)', () => {
  it('has every field, with nulls where there is no query, no path parameter, no stage variable and no body', async () => {
    const event = await eventFor('/items', { headers: [['Accept', 'application/json']] });
    expect(Object.keys(event)).toEqual([
      'resource',
      'path',
      'httpMethod',
      'headers',
      'multiValueHeaders',
      'queryStringParameters',
      'multiValueQueryStringParameters',
      'pathParameters',
      'stageVariables',
      'requestContext',
      'body',
      'isBase64Encoded',
    ]);
    expect(event).toMatchObject({
      resource: '/items',
      path: '/items',
      httpMethod: 'GET',
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      pathParameters: null,
      stageVariables: null,
      body: null,
      isBase64Encoded: false,
    });
    expect(Object.keys(event.requestContext)).toEqual([
      'accountId',
      'apiId',
      'deploymentId',
      'domainName',
      'domainPrefix',
      'extendedRequestId',
      'httpMethod',
      'identity',
      'path',
      'protocol',
      'requestId',
      'requestTime',
      'requestTimeEpoch',
      'resourceId',
      'resourcePath',
      'stage',
    ]);
    expect(event.requestContext).toMatchObject({
      accountId: '123456789012',
      apiId: 'abc123defg',
      domainName: 'abc123defg.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abc123defg',
      httpMethod: 'GET',
      path: '/dev/items',
      protocol: 'HTTP/1.1',
      resourcePath: '/items',
      stage: 'dev',
    });
    expect(event.requestContext.requestTime).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(event.requestContext.identity).toMatchObject({
      sourceIp: '203.0.113.7',
      userAgent: null,
      user: null,
      caller: null,
      accessKey: null,
    });
  });

  it('adds Host, X-Amzn-Trace-Id and X-Forwarded-* and drops Content-Length and Connection (regional endpoint)', async () => {
    const event = await eventFor(
      '/items',
      {
        method: 'POST',
        headers: [
          ['content-type', 'application/json'],
          ['Connection', 'keep-alive'],
          ['Content-Length', '2'],
          ['User-Agent', 'curl/8.5.0'],
        ],
        body: '{}',
      },
      {},
      undefined,
      'REGIONAL',
    );
    expect(Object.keys(event.headers)).toEqual([
      'content-type',
      'Host',
      'User-Agent',
      'X-Amzn-Trace-Id',
      'X-Forwarded-For',
      'X-Forwarded-Port',
      'X-Forwarded-Proto',
    ]);
    expect(event.headers['X-Amzn-Trace-Id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(event.headers).toMatchObject({
      'X-Forwarded-For': '203.0.113.7',
      'X-Forwarded-Port': '443',
      'X-Forwarded-Proto': 'https',
    });
    expect(event.requestContext.identity.userAgent).toBe('curl/8.5.0');
    expect(event.body).toBe('{}');
  });

  it('adds CloudFront headers on an edge-optimized endpoint', async () => {
    const event = await eventFor('/items', { headers: [['user-agent', 'x']] });
    expect(event.headers).toMatchObject({
      'CloudFront-Forwarded-Proto': 'https',
      'CloudFront-Is-Desktop-Viewer': 'true',
      'User-Agent': 'x',
    });
    expect(event.headers.Via).toMatch(/^1\.1 [0-9a-f]{32}\.cloudfront\.net \(CloudFront\)$/);
    expect(event.headers['X-Forwarded-For']).toMatch(/^203\.0\.113\.7, 130\.176\.\d+\.\d+$/);
  });

  it('keeps the last value of a repeated header or query parameter in the single-value maps, all of them in the multi-value maps', async () => {
    const event = await eventFor('/items?category=electronics&category=books&price=10&empty=&flag', {
      headers: [
        ['X-Tag', 'a'],
        ['x-tag', 'b'],
      ],
    });
    expect(event.headers['X-Tag']).toBe('b');
    expect(event.multiValueHeaders['X-Tag']).toEqual(['a', 'b']);
    expect(event.queryStringParameters).toEqual({ category: 'books', price: '10', empty: '', flag: '' });
    expect(event.multiValueQueryStringParameters).toEqual({
      category: ['electronics', 'books'],
      price: ['10'],
      empty: [''],
      flag: [''],
    });
  });

  it('URL-decodes query values (+ is a space) but not the path or path parameters', async () => {
    const event = await eventFor('/items/a%2Bb?email=test%2Balias%40example.com&plus=a+b');
    expect(event.queryStringParameters).toEqual({ email: 'test+alias@example.com', plus: 'a b' });
    expect(event.path).toBe('/items/a%2Bb');
    expect(event.pathParameters).toEqual({ id: 'a%2Bb' });
  });

  it('passes the rest of the path as a greedy parameter', async () => {
    const event = await eventFor('/files/a/b/c.txt');
    expect(event).toMatchObject({
      resource: '/files/{proxy+}',
      path: '/files/a/b/c.txt',
      pathParameters: { proxy: 'a/b/c.txt' },
    });
  });

  it('passes stage variables', async () => {
    const event = await eventFor('/items', {}, {}, { table: 'items-dev' });
    expect(event.stageVariables).toEqual({ table: 'items-dev' });
  });

  it('base64-encodes a body whose Content-Type is a binary media type (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html)', async () => {
    const bytes = new Uint8Array([0, 255, 1, 128]);
    const event = await eventFor(
      '/items',
      { method: 'POST', headers: [['Content-Type', 'image/png']], body: bytes },
      { 'x-amazon-apigateway-binary-media-types': ['image/*'] },
    );
    expect(event).toMatchObject({ body: 'AP8BgA==', isBase64Encoded: true });
    const text = await eventFor(
      '/items',
      { method: 'POST', headers: [['Content-Type', 'text/plain']], body: 'héllo' },
      { 'x-amazon-apigateway-binary-media-types': ['image/*'] },
    );
    expect(text).toMatchObject({ body: 'héllo', isBase64Encoded: false });
  });
});
