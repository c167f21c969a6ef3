import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { InvokeOutcome, LambdaInvocation } from '../../../src/emulator/index.js';
import { headersOf, httpApiDoc, httpGatewayFor, ok, req } from './helpers.js';

const LAMBDA_PAGE =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html';
const ROUTES_PAGE = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html';
const TROUBLESHOOTING_PAGE =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html';

const eventOf = (inv: LambdaInvocation[]) => inv[0]!.event as APIGatewayProxyEventV2;

describe(`stages (${ROUTES_PAGE})`, () => {
  it('serves the $default stage at the root of the invoke URL, with rawPath and requestContext.stage to match', async () => {
    const { gateway, invocations } = httpGatewayFor(httpApiDoc(['GET /items']), () => ok({ statusCode: 200 }));
    expect((await gateway.handle(req('/items'))).response.status).toBe(200);
    expect(eventOf(invocations)).toMatchObject({
      rawPath: '/items',
      requestContext: { stage: '$default', http: { path: '/items' } },
    });
  });

  it('serves a named stage under /<stage>, keeping the prefix in rawPath and http.path', async () => {
    const { gateway, invocations } = httpGatewayFor(httpApiDoc(['GET /items']), () => ok({ statusCode: 200 }), {
      stages: ['dev'],
    });
    expect((await gateway.handle(req('/dev/items'))).response.status).toBe(200);
    expect(eventOf(invocations)).toMatchObject({
      rawPath: '/dev/items',
      routeKey: 'GET /items',
      requestContext: { stage: 'dev', http: { path: '/dev/items' } },
    });
  });

  it('sends a path whose first segment names no stage to the $default stage ("If no stage fully matches")', async () => {
    const { gateway, invocations } = httpGatewayFor(httpApiDoc(['GET /{proxy+}']), () => ok({ statusCode: 200 }), {
      stages: ['$default', 'dev'],
    });
    await gateway.handle(req('/prod/items'));
    expect(eventOf(invocations)).toMatchObject({
      rawPath: '/prod/items',
      pathParameters: { proxy: 'prod/items' },
      requestContext: { stage: '$default' },
    });
  });

  it('answers 404 {"message":"Not Found"} without a matching stage or $default stage, and without a route', async () => {
    const named = httpGatewayFor(httpApiDoc(['GET /items']), () => ok({}), { stages: ['dev'] });
    for (const path of ['/items', '/', '/prod/items', '/dev/other']) {
      const { response, trace } = await named.gateway.handle(req(path));
      expect([response.status, await response.text()]).toEqual([404, '{"message":"Not Found"}']);
      expect(trace.gatewayResponseType).toBe('NOT_FOUND');
    }
    const { response } = await named.gateway.handle(req('/dev/items', { method: 'POST', body: 'x' }));
    expect(response.status).toBe(404);
    expect(named.invocations).toHaveLength(0);
  });

  it('sends an unmatched request to the $default route with the full path ("sends the full request path")', async () => {
    const { gateway, invocations } = httpGatewayFor(httpApiDoc(['GET /items', '$default']), () =>
      ok({ statusCode: 200 }),
    );
    await gateway.handle(
      req('/store/checkout', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }),
    );
    const event = eventOf(invocations);
    expect([event.routeKey, event.rawPath, event.requestContext.routeKey, event.pathParameters]).toEqual([
      '$default',
      '/store/checkout',
      '$default',
      undefined,
    ]);
  });
});

describe(`error responses HTTP APIs send (${TROUBLESHOOTING_PAGE})`, () => {
  it('answers a function error with 500 {"message":"Internal Server Error"} and the HTTP API headers (no x-amzn-ErrorType)', async () => {
    const { gateway } = httpGatewayFor(httpApiDoc(['GET /items']), (): InvokeOutcome => ({
      kind: 'error',
      error: { errorType: 'KeyError', errorMessage: "'httpMethod'" },
      logs: [],
    }));
    const { response, trace } = await gateway.handle(req('/items'));
    expect([response.status, await response.text()]).toEqual([500, '{"message":"Internal Server Error"}']);
    expect(trace.responseHeaders.map(([n]) => n)).toEqual([
      'Date',
      'Content-Type',
      'Content-Length',
      'Connection',
      'Apigw-Requestid',
    ]);
    expect(headersOf(trace.responseHeaders)).toMatchObject({
      'Content-Type': 'application/json',
      'Content-Length': '35',
      'Apigw-Requestid': trace.requestId,
    });
    expect(trace.requestId).toMatch(/^[A-Za-z0-9]{15}=$/);
  });

  it('answers a malformed 2.0 result with 500, saying why in the trace', async () => {
    const { gateway } = httpGatewayFor(httpApiDoc(['GET /items']), () =>
      ok({ statusCode: 200, body: { not: 'a string' } }),
    );
    const { response, trace } = await gateway.handle(req('/items'));
    expect([response.status, await response.text()]).toEqual([500, '{"message":"Internal Server Error"}']);
    expect(trace.errorDetail).toMatch(/"body" is a object, not a string/);
  });

  it('answers a malformed 1.0 result with 500 (REST would say 502)', async () => {
    const { gateway } = httpGatewayFor(httpApiDoc(['GET /items'], '1.0'), () => ok({ statusCode: 200, extra: 1 }));
    const { response } = await gateway.handle(req('/items'));
    expect([response.status, await response.text()]).toEqual([500, '{"message":"Internal Server Error"}']);
  });

  it('answers 503 {"message":"Service Unavailable"} after timeoutInMillis, aborts the invocation, and keeps serving', async () => {
    let hang = true;
    let signal: AbortSignal | undefined;
    const { gateway } = httpGatewayFor(httpApiDoc(['GET /items'], '2.0', 100), (inv) => {
      signal = inv.signal;
      return hang ? new Promise<InvokeOutcome>(() => {}) : ok({ statusCode: 204 });
    });
    const { response, trace } = await gateway.handle(req('/items'));
    expect([response.status, await response.text()]).toEqual([503, '{"message":"Service Unavailable"}']);
    expect(headersOf(trace.responseHeaders)['Content-Length']).toBe('33');
    expect(signal?.aborted).toBe(true);
    hang = false;
    expect((await gateway.handle(req('/items'))).response.status).toBe(204);
  });
});

describe(`payload format 2.0 responses (${LAMBDA_PAGE}#http-api-develop-integrations-lambda.v2)`, () => {
  const serve = async (payload: unknown) => {
    const { gateway } = httpGatewayFor(httpApiDoc(['GET /r']), () => ok(payload));
    const { response, trace } = await gateway.handle(req('/r'));
    return { status: response.status, body: await response.text(), headers: trace.responseHeaders, response };
  };

  it('infers 200 with content-type application/json when the function returns a string: "Hello from Lambda!"', async () => {
    const r = await serve('Hello from Lambda!');
    expect([r.status, r.body]).toEqual([200, 'Hello from Lambda!']);
    expect(r.response.headers.get('content-type')).toBe('application/json');
  });

  it('infers 200 and serialises an object without statusCode as the JSON body: { "message": "Hello from Lambda!" }', async () => {
    const r = await serve({ message: 'Hello from Lambda!' });
    expect([r.status, r.body]).toEqual([200, '{"message":"Hello from Lambda!"}']);
    expect(r.response.headers.get('content-type')).toBe('application/json');
  });

  it('turns each entry of cookies into a Set-Cookie header, before Apigw-Requestid', async () => {
    const r = await serve({ statusCode: 201, cookies: ['a=1; Path=/', 'b=2'], headers: { 'x-n': 5 }, body: 'ok' });
    expect(r.status).toBe(201);
    expect(r.headers.map(([n]) => n)).toEqual([
      'Date',
      'Content-Type',
      'Content-Length',
      'Connection',
      'x-n',
      'Set-Cookie',
      'Set-Cookie',
      'Apigw-Requestid',
    ]);
    expect(r.response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2']);
    expect(headersOf(r.headers)['x-n']).toBe('5');
  });

  it('sends text/plain; charset=utf-8 when a structured result sets no Content-Type, and none for an empty body', async () => {
    expect(headersOf((await serve({ statusCode: 200, body: '{"a":1}' })).headers)['Content-Type']).toBe(
      'text/plain; charset=utf-8',
    );
    const empty = await serve({ statusCode: 302, headers: { Location: '/x' } });
    expect(empty.headers.map(([n]) => n)).toEqual([
      'Date',
      'Content-Length',
      'Connection',
      'Location',
      'Apigw-Requestid',
    ]);
    expect(
      headersOf((await serve({ statusCode: 200, headers: { 'Content-Type': 'text/html' }, body: '<p>' })).headers)[
        'Content-Type'
      ],
    ).toBe('text/html');
  });

  it('always decodes an isBase64Encoded body (HTTP APIs have no binary media types)', async () => {
    const { gateway } = httpGatewayFor(httpApiDoc(['GET /r']), () =>
      ok({ statusCode: 200, body: 'AP8BgA==', isBase64Encoded: true }),
    );
    const { response, trace, body } = await gateway.handle(req('/r'));
    expect(body).toEqual(new Uint8Array([0, 255, 1, 128]));
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array([0, 255, 1, 128]));
    expect(headersOf(trace.responseHeaders)['Content-Length']).toBe('4');
  });

  it('rejects a statusCode that is not a status and cookies that are not strings', async () => {
    expect((await serve({ statusCode: 'abc' })).status).toBe(500);
    expect((await serve({ statusCode: 200, cookies: [1] })).status).toBe(500);
  });
});

describe(`payload format 2.0 event (${LAMBDA_PAGE})`, () => {
  it("has AWS's fields in AWS's order, with optional fields absent when empty", async () => {
    const { gateway, invocations } = httpGatewayFor(httpApiDoc(['GET /items']), () => ok({}));
    await gateway.handle(req('/items', { headers: { 'User-Agent': 'curl/8.5.0', Accept: '*/*' } }), {
      sourceIp: '192.0.2.1',
    });
    const event = eventOf(invocations);
    expect(Object.keys(event)).toEqual([
      'version',
      'routeKey',
      'rawPath',
      'rawQueryString',
      'headers',
      'requestContext',
      'isBase64Encoded',
    ]);
    expect(Object.keys(event.requestContext)).toEqual([
      'accountId',
      'apiId',
      'domainName',
      'domainPrefix',
      'http',
      'requestId',
      'routeKey',
      'stage',
      'time',
      'timeEpoch',
    ]);
    expect(event.requestContext).toEqual({
      accountId: '123456789012',
      apiId: 'abc123defg',
      domainName: 'abc123defg.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abc123defg',
      http: { method: 'GET', path: '/items', protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'curl/8.5.0' },
      requestId: expect.stringMatching(/^[A-Za-z0-9]{15}=$/),
      routeKey: 'GET /items',
      stage: '$default',
      time: '04/Mar/2020:19:03:58 +0000',
      timeEpoch: 1583348638390,
    });
    // A captured bodiless GET: accept, content-length "0", host, user-agent, x-amzn-trace-id, x-forwarded-* (aws/aws-lambda-java-libs#230).
    expect(Object.keys(event.headers)).toEqual([
      'accept',
      'content-length',
      'host',
      'user-agent',
      'x-amzn-trace-id',
      'x-forwarded-for',
      'x-forwarded-port',
      'x-forwarded-proto',
    ]);
    expect(event.headers).toMatchObject({
      'content-length': '0',
      'x-forwarded-for': '192.0.2.1',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
    });
  });

  it('comma-joins repeated headers and query strings, moves cookies out of headers, and lists every field when present', async () => {
    const { gateway, invocations } = httpGatewayFor(httpApiDoc(['POST /items/{id}']), () => ok({}), {
      variables: { stageVariable1: 'value1' },
    });
    await gateway.handle(
      req('/items/42?parameter1=value1&parameter1=value2&parameter2=value', {
        method: 'POST',
        body: 'Hello from Lambda',
      }),
      {
        rawHeaders: [
          ['Header2', 'value1'],
          ['header2', 'value2'],
          ['Cookie', 'cookie1=a; cookie2=b'],
          ['Content-Type', 'text/plain'],
        ],
      },
    );
    const event = eventOf(invocations);
    expect(Object.keys(event)).toEqual([
      'version',
      'routeKey',
      'rawPath',
      'rawQueryString',
      'cookies',
      'headers',
      'queryStringParameters',
      'requestContext',
      'body',
      'pathParameters',
      'isBase64Encoded',
      'stageVariables',
    ]);
    expect(event.cookies).toEqual(['cookie1=a', 'cookie2=b']);
    expect(event.headers).not.toHaveProperty('cookie');
    expect(event.headers.header2).toBe('value1,value2');
    expect(event.headers['content-length']).toBe('17');
    expect(event.rawQueryString).toBe('parameter1=value1&parameter1=value2&parameter2=value');
    expect(event.queryStringParameters).toEqual({ parameter1: 'value1,value2', parameter2: 'value' });
    expect([event.body, event.isBase64Encoded, event.pathParameters, event.stageVariables]).toEqual([
      'Hello from Lambda',
      false,
      { id: '42' },
      { stageVariable1: 'value1' },
    ]);
  });

  it('base64-encodes bodies that are not text (measured against AWS: ministackorg/ministack#766)', async () => {
    const { gateway, invocations } = httpGatewayFor(httpApiDoc(['POST /up']), () => ok({}));
    await gateway.handle(
      req('/up', { method: 'POST', body: 'hello world', headers: { 'content-type': 'application/octet-stream' } }),
    );
    await gateway.handle(
      req('/up', { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json; charset=utf-8' } }),
    );
    expect([eventOf(invocations).body, eventOf(invocations).isBase64Encoded]).toEqual(['aGVsbG8gd29ybGQ=', true]);
    expect([
      (invocations[1]!.event as APIGatewayProxyEventV2).body,
      (invocations[1]!.event as APIGatewayProxyEventV2).isBase64Encoded,
    ]).toEqual(['{"a":1}', false]);
  });
});

describe(`payload format 1.0 on an HTTP API (${LAMBDA_PAGE})`, () => {
  it('is the REST event with version "1.0", lower-case header names, resourceId null and no CloudFront headers', async () => {
    const { gateway, invocations } = httpGatewayFor(httpApiDoc(['GET /items/{id}'], '1.0'), () =>
      ok({ statusCode: 200, body: 'x' }),
    );
    await gateway.handle(req('/items/7?a=1&a=2', { headers: { 'User-Agent': 'agent', Cookie: 'c=1' } }), {
      sourceIp: '192.0.2.1',
    });
    const event = invocations[0]!.event as Record<string, unknown> & {
      requestContext: Record<string, unknown>;
      headers: Record<string, string>;
    };
    expect(Object.keys(event)).toEqual([
      'version',
      'resource',
      'path',
      'httpMethod',
      'headers',
      'multiValueHeaders',
      'queryStringParameters',
      'multiValueQueryStringParameters',
      'requestContext',
      'pathParameters',
      'stageVariables',
      'body',
      'isBase64Encoded',
    ]);
    expect(event).toMatchObject({
      version: '1.0',
      resource: '/items/{id}',
      path: '/items/7',
      httpMethod: 'GET',
      queryStringParameters: { a: '2' },
      multiValueQueryStringParameters: { a: ['1', '2'] },
      pathParameters: { id: '7' },
      stageVariables: null,
      body: null,
      isBase64Encoded: false,
    });
    expect(Object.keys(event.requestContext)).toEqual([
      'accountId',
      'apiId',
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
      resourceId: null,
      resourcePath: '/items/{id}',
      stage: '$default',
      path: '/items/7',
    });
    expect(event.requestContext.requestId).toBe(event.requestContext.extendedRequestId);
    expect(event.headers).toMatchObject({ cookie: 'c=1', 'user-agent': 'agent' });
    expect(Object.keys(event.headers).every((n) => n === n.toLowerCase() && !n.startsWith('cloudfront-'))).toBe(true);
  });

  it("gives the request path as resource for the $default route, as AWS's example does", async () => {
    const { gateway, invocations } = httpGatewayFor(httpApiDoc(['$default'], '1.0'), () => ok({ statusCode: 200 }));
    await gateway.handle(req('/my/path'));
    expect(invocations[0]!.event).toMatchObject({
      resource: '/my/path',
      path: '/my/path',
      requestContext: { resourcePath: '/my/path' },
    });
  });
});
