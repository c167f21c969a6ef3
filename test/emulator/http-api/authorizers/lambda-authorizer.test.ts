import { describe, expect, it } from 'vitest';
import type { InvokeOutcome, LambdaInvocation } from '../../../../src/emulator/index.js';
import { importHttpApi } from '../../../../src/emulator/http-api/index.js';
import { httpApiDoc, httpGatewayFor, ok, req } from '../helpers.js';

const AUTH_URI =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations';

type Json = Record<string, unknown>;

/** `GET /items` and `GET /other` behind Lambda authorizer `auth`; `GET /public` without. */
function lambdaDoc(authorizer: Json, payloadFormatVersion: '1.0' | '2.0' = '2.0') {
  const doc = httpApiDoc(['GET /items', 'GET /other', 'GET /public'], payloadFormatVersion) as ReturnType<
    typeof httpApiDoc
  > & { components?: unknown };
  (doc.paths['/items']!.get as Json).security = [{ lambda: [] }];
  (doc.paths['/other']!.get as Json).security = [{ lambda: [] }];
  doc.components = {
    securitySchemes: {
      lambda: {
        type: 'apiKey',
        name: 'Authorization',
        in: 'header',
        'x-amazon-apigateway-authorizer': { type: 'request', authorizerUri: AUTH_URI, ...authorizer },
      },
    },
  };
  return doc;
}

function setup(authorizer: Json, answer: (event: Json) => InvokeOutcome, format: '1.0' | '2.0' = '2.0') {
  const served = httpGatewayFor(lambdaDoc(authorizer, format), (inv: LambdaInvocation) =>
    inv.functionName === 'auth' ? answer(inv.event as Json) : ok({ statusCode: 200, body: 'ok' }),
  );
  const calls = (name: string) => served.invocations.filter((i) => i.functionName === name);
  const get = async (path: string, headers: Record<string, string> = {}) =>
    (await served.gateway.handle(req(path, { headers }))).response;
  return { ...served, calls, get };
}

const policy = (effect: 'Allow' | 'Deny', resource: string, context?: Json) =>
  ok({
    principalId: 'alice',
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
    },
    ...(context ? { context } : {}),
  });

const SIMPLE = {
  authorizerPayloadFormatVersion: '2.0',
  enableSimpleResponses: true,
  identitySource: '$request.header.Authorization',
};

describe('HTTP API Lambda authorizers (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html)', () => {
  it("2.0 simple response: the event as AWS's example, isAuthorized true → the integration sees requestContext.authorizer.lambda", async () => {
    const { get, calls } = setup(SIMPLE, (event) =>
      ok({
        isAuthorized: event.headers && (event.headers as Json).authorization === 'secretToken',
        context: { stringKey: 'value', numberKey: 1, arrayKey: ['a'] },
      }),
    );
    const res = await get('/items?x=1', { authorization: 'secretToken' });
    expect(res.status).toBe(200);
    const event = calls('auth')[0]!.event as Json;
    expect(Object.keys(event)).toEqual([
      'version',
      'type',
      'routeArn',
      'identitySource',
      'routeKey',
      'rawPath',
      'rawQueryString',
      'headers',
      'queryStringParameters',
      'requestContext',
    ]);
    expect(event).toMatchObject({
      version: '2.0',
      type: 'REQUEST',
      routeArn: 'arn:aws:execute-api:us-east-1:123456789012:abc123defg/$default/GET/items',
      identitySource: ['secretToken'],
      routeKey: 'GET /items',
      rawQueryString: 'x=1',
    });
    const integration = calls('fn')[0]!.event as { requestContext: Json };
    expect(integration.requestContext.authorizer).toEqual({
      lambda: { stringKey: 'value', numberKey: 1, arrayKey: ['a'] },
    });
  });

  it('isAuthorized false → 403 {"message":"Forbidden"}', async () => {
    const { get, calls } = setup(SIMPLE, () => ok({ isAuthorized: false }));
    const res = await get('/items', { authorization: 'x' });
    expect([res.status, await res.text()]).toEqual([403, '{"message":"Forbidden"}']);
    expect(calls('fn')).toHaveLength(0);
  });

  it('a missing identity source → 401 {"message":"Unauthorized"} without calling the authorizer', async () => {
    const { get, calls } = setup(SIMPLE, () => ok({ isAuthorized: true }));
    const res = await get('/items');
    expect([res.status, await res.text()]).toEqual([401, '{"message":"Unauthorized"}']);
    expect(calls('auth')).toHaveLength(0);
  });

  it.each([
    [
      'a function error',
      { kind: 'error', error: { errorType: 'Error', errorMessage: 'boom', trace: [] }, logs: [] } as InvokeOutcome,
    ],
    ['an answer without isAuthorized', ok({ allowed: true })],
    ['an answer that is not an object', ok('yes')],
  ])('%s → 500 {"message":"Internal Server Error"}', async (_name, outcome) => {
    const { get } = setup(SIMPLE, () => outcome);
    const res = await get('/items', { authorization: 'x' });
    expect([res.status, await res.text()]).toEqual([500, '{"message":"Internal Server Error"}']);
  });

  it('IAM policy (2.0 without simple responses): Allow on the route ARN passes, Deny or no matching Allow → 403', async () => {
    const answers: InvokeOutcome[] = [
      policy('Allow', 'arn:aws:execute-api:us-east-1:123456789012:abc123defg/*/GET/items', { k: 'v' }),
      policy('Deny', 'arn:aws:execute-api:*'),
      policy('Allow', 'arn:aws:execute-api:us-east-1:123456789012:abc123defg/*/POST/*'),
    ];
    const { get } = setup(
      { authorizerPayloadFormatVersion: '2.0', identitySource: '$request.header.Authorization' },
      () => answers.shift()!,
    );
    expect((await get('/items', { authorization: 'a' })).status).toBe(200);
    expect((await get('/items', { authorization: 'b' })).status).toBe(403);
    expect((await get('/items', { authorization: 'c' })).status).toBe(403);
  });

  it('payload 1.0: the REQUEST event with methodArn and identitySource joined by commas; an IAM policy answer', async () => {
    const { get, calls } = setup(
      { authorizerPayloadFormatVersion: '1.0', identitySource: '$request.header.Authorization,$request.querystring.q' },
      (event) => policy('Allow', event.methodArn as string, { user: 'alice' }),
      '1.0',
    );
    expect((await get('/items?q=z', { authorization: 'tok' })).status).toBe(200);
    expect(calls('auth')[0]!.event).toMatchObject({
      version: '1.0',
      type: 'REQUEST',
      methodArn: 'arn:aws:execute-api:us-east-1:123456789012:abc123defg/$default/GET/items',
      identitySource: 'tok,z',
      authorizationToken: 'tok,z',
      resource: '/items',
      httpMethod: 'GET',
    });
    expect((calls('fn')[0]!.event as { requestContext: Json }).requestContext.authorizer).toEqual({
      lambda: { user: 'alice' },
    });
  });

  it('caches the result by identity values for authorizerResultTtlInSeconds, across the routes of the authorizer', async () => {
    const { get, calls } = setup({ ...SIMPLE, authorizerResultTtlInSeconds: 300 }, () => ok({ isAuthorized: true }));
    await get('/items', { authorization: 'a' });
    await get('/other', { authorization: 'a' });
    expect(calls('auth')).toHaveLength(1);
    await get('/items', { authorization: 'b' });
    expect(calls('auth')).toHaveLength(2);
  });

  it('without a TTL, calls the authorizer every time; routes without security never', async () => {
    const { get, calls } = setup(SIMPLE, () => ok({ isAuthorized: true }));
    await get('/items', { authorization: 'a' });
    await get('/items', { authorization: 'a' });
    await get('/public');
    expect(calls('auth')).toHaveLength(2);
  });

  it("the authorizer's function is among the API's functions (the CLI resolves it)", async () => {
    const { httpFunctionNamesOf } = await import('../../../../src/emulator/http-api/index.js');
    expect(httpFunctionNamesOf(importHttpApi(lambdaDoc(SIMPLE)))).toEqual(['fn', 'auth']);
  });
});
