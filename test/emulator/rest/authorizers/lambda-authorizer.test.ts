import { describe, expect, it } from 'vitest';
import { authorizedDoc, authorizedGateway, failure, policy, result } from './fixtures.js';

const ARN = 'arn:aws:execute-api:us-east-1:123456789012:abc123defg';

// Behaviour of TOKEN and REQUEST authorizers through RestGateway.handle.
// Input: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html
// Output: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
describe('a TOKEN authorizer', () => {
  const doc = authorizedDoc({ type: 'token', authorizerResultTtlInSeconds: 0 });

  it('is called with type, authorizationToken and methodArn (the requested path), and an Allow reaches the backend', async () => {
    const g = authorizedGateway(doc, () =>
      result(policy('Allow', `${ARN}/dev/GET/items/7`, { context: { tier: 'gold', n: 1, admin: true } })),
    );
    const r = await g.send('/dev/items/7', [['Authorization', 'allow-me']]);
    expect(r.status).toBe(200);
    const event = g.authCalls()[0]!.event;
    expect(event).toEqual({ type: 'TOKEN', authorizationToken: 'allow-me', methodArn: `${ARN}/dev/GET/items/7` });
    expect(Object.keys(event as object)).toEqual(['type', 'authorizationToken', 'methodArn']);
    // The context's values reach the backend as strings ("Their values are stringified", use-custom-authorizer.html).
    const { authorizer } = JSON.parse(r.body) as { authorizer: Record<string, unknown> };
    expect(authorizer).toEqual({
      principalId: 'alice',
      integrationLatency: expect.any(Number),
      tier: 'gold',
      n: '1',
      admin: 'true',
    });
    expect(r.trace.authorizer).toMatchObject({
      type: 'TOKEN',
      functionName: 'auth',
      decision: 'allow',
      cached: false,
      logs: ['auth log'],
    });
  });

  it('answers 401 {"message":"Unauthorized"} without calling the function when the token header is missing or empty', async () => {
    const g = authorizedGateway(doc, () => result(policy('Allow', '*')));
    for (const headers of [[], [['Authorization', '']]] as Array<Array<[string, string]>>) {
      const r = await g.send('/dev/items', headers);
      expect(r.status).toBe(401);
      expect(r.body).toBe('{"message":"Unauthorized"}');
      expect(r.headers.get('x-amzn-ErrorType')).toBe('UnauthorizedException');
      expect(r.trace.gatewayResponseType).toBe('UNAUTHORIZED');
      expect(r.trace.authorizer?.outcome.kind).toBe('skipped');
    }
    expect(g.authCalls()).toHaveLength(0);
  });

  it('answers 403 with the capitalised Message on an explicit Deny (AWS capture: content-length 82)', async () => {
    const g = authorizedGateway(doc, () => result(policy('Deny', `${ARN}/*`)));
    const r = await g.send('/dev/items', [['Authorization', 'x']]);
    expect(r.status).toBe(403);
    expect(r.body).toBe('{"Message":"User is not authorized to access this resource with an explicit deny"}');
    expect(new TextEncoder().encode(r.body).length).toBe(82);
    expect(r.headers.get('x-amzn-ErrorType')).toBe('AccessDeniedException');
    expect(r.trace.gatewayResponseType).toBe('ACCESS_DENIED');
  });

  it('answers 403 "User is not authorized to access this resource" when nothing allows the method (implicit deny)', async () => {
    const g = authorizedGateway(doc, () => result(policy('Allow', `${ARN}/dev/GET/other`)));
    const r = await g.send('/dev/items', [['Authorization', 'x']]);
    expect(r.status).toBe(403);
    expect(r.body).toBe('{"Message":"User is not authorized to access this resource"}');
  });

  it('lets an explicit Deny win over an Allow of the same method', async () => {
    const both = {
      principalId: 'p',
      policyDocument: {
        Statement: [
          { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `${ARN}/*` },
          { Action: 'execute-api:Invoke', Effect: 'Deny', Resource: `${ARN}/dev/POST/items` },
        ],
      },
    };
    const g = authorizedGateway(doc, () => result(both));
    expect((await g.send('/dev/items', [['Authorization', 'x']])).status).toBe(200);
    const post = await g.send('/dev/items', [['Authorization', 'x']], 'POST');
    expect(post.status).toBe(403);
    expect(post.body).toContain('explicit deny');
  });

  it('answers 401 when the function fails with "Unauthorized", 500 AuthorizerConfigurationException for another error', async () => {
    const unauthorized = authorizedGateway(doc, () => failure('Unauthorized'));
    const r401 = await unauthorized.send('/dev/items', [['Authorization', 'x']]);
    expect([r401.status, r401.body]).toEqual([401, '{"message":"Unauthorized"}']);
    const broken = authorizedGateway(doc, () => failure('boom'));
    const r500 = await broken.send('/dev/items', [['Authorization', 'x']]);
    expect(r500.status).toBe(500);
    expect(r500.body).toBe('{"message":null}');
    expect(r500.headers.get('x-amzn-ErrorType')).toBe('AuthorizerConfigurationException');
    expect(r500.trace.gatewayResponseType).toBe('AUTHORIZER_CONFIGURATION_ERROR');
    expect(r500.trace.errorDetail).toContain('boom');
  });

  it.each([
    ['no principalId', { policyDocument: policy('Allow', '*').policyDocument }],
    ['no policyDocument', { principalId: 'p' }],
    [
      'an Effect that is not Allow or Deny',
      policy('Allow', '*', {
        policyDocument: { Statement: [{ Action: 'execute-api:Invoke', Effect: 'allow', Resource: '*' }] },
      }),
    ],
    ['a context value that is an object', policy('Allow', '*', { context: { user: { id: 3 } } })],
    ['a proxy response', { statusCode: 401, body: 'no' }],
  ])('answers 500 for an output with %s', async (_what, output) => {
    const g = authorizedGateway(doc, () => result(output));
    const r = await g.send('/dev/items', [['Authorization', 'x']]);
    expect(r.status).toBe(500);
    expect(r.headers.get('x-amzn-ErrorType')).toBe('AuthorizerConfigurationException');
    expect(g.calls.some((c) => c.functionName === 'backend')).toBe(false);
  });

  it('refuses a token that does not match identityValidationExpression with 401, without calling the function', async () => {
    const validated = authorizedDoc({
      type: 'token',
      authorizerResultTtlInSeconds: 0,
      identityValidationExpression: 'Bearer [a-z]+',
    });
    const g = authorizedGateway(validated, () => result(policy('Allow', '*')));
    expect((await g.send('/dev/items', [['Authorization', 'Bearer 123']])).status).toBe(401);
    expect((await g.send('/dev/items', [['Authorization', 'xBearer abc']])).status).toBe(401);
    expect(g.authCalls()).toHaveLength(0);
    expect((await g.send('/dev/items', [['Authorization', 'Bearer abc']])).status).toBe(200);
    expect(g.authCalls()).toHaveLength(1);
  });

  it('costs a method without an authorizer nothing: no call, no authorizer in its event or trace', async () => {
    const g = authorizedGateway(doc, () => result(policy('Allow', '*')));
    const r = await g.send('/dev/open');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ authorizer: null });
    expect(r.trace.authorizer).toBeUndefined();
    expect(g.authCalls()).toHaveLength(0);
  });

  it('applies wildcards: * across segments, ? for one character', async () => {
    const g = authorizedGateway(doc, () => result(policy('Allow', `${ARN}/*/GET/items/?`)));
    expect((await g.send('/dev/items/7', [['Authorization', 'x']])).status).toBe(200);
    expect((await g.send('/dev/items/77', [['Authorization', 'x']])).status).toBe(403);
  });
});

describe('the authorizer cache (authorizerResultTtlInSeconds)', () => {
  it('holds a result per token for the TTL (300 s by default), evaluating its policy again per method', async () => {
    const doc = authorizedDoc({ type: 'token' });
    const g = authorizedGateway(doc, () => result(policy('Allow', `${ARN}/dev/GET/items`)));
    expect((await g.send('/dev/items', [['Authorization', 'a']])).status).toBe(200);
    const hit = await g.send('/dev/items', [['Authorization', 'a']]);
    expect(hit.status).toBe(200);
    expect(hit.trace.authorizer).toMatchObject({ cached: true, event: null, outcome: { kind: 'cached' } });
    expect(JSON.parse(hit.body).authorizer.integrationLatency).toBe(0);
    // The cached policy allows only GET /items: POST with the same token is denied without a call.
    expect((await g.send('/dev/items', [['Authorization', 'a']], 'POST')).status).toBe(403);
    expect(g.authCalls()).toHaveLength(1);
    // Another token is another entry.
    await g.send('/dev/items', [['Authorization', 'b']]);
    expect(g.authCalls()).toHaveLength(2);
    // 300 s later the entry has expired.
    g.clock.now += 299_000;
    await g.send('/dev/items', [['Authorization', 'a']]);
    expect(g.authCalls()).toHaveLength(2);
    g.clock.now += 1_000;
    await g.send('/dev/items', [['Authorization', 'a']]);
    expect(g.authCalls()).toHaveLength(3);
  });

  it('calls the function every time with a TTL of 0', async () => {
    const g = authorizedGateway(authorizedDoc({ type: 'token', authorizerResultTtlInSeconds: 0 }), () =>
      result(policy('Allow', '*')),
    );
    await g.send('/dev/items', [['Authorization', 'a']]);
    await g.send('/dev/items', [['Authorization', 'a']]);
    expect(g.authCalls()).toHaveLength(2);
  });

  it('does not cache a failure', async () => {
    let n = 0;
    const g = authorizedGateway(authorizedDoc({ type: 'token' }), () =>
      n++ === 0 ? failure('boom') : result(policy('Allow', '*')),
    );
    expect((await g.send('/dev/items', [['Authorization', 'a']])).status).toBe(500);
    expect((await g.send('/dev/items', [['Authorization', 'a']])).status).toBe(200);
  });
});

describe('a REQUEST authorizer', () => {
  const doc = authorizedDoc(
    {
      type: 'request',
      identitySource:
        'method.request.header.X-User, method.request.querystring.tenant, stageVariables.realm, context.httpMethod',
      authorizerResultTtlInSeconds: 60,
    },
    'Unused',
  );

  it('is called with the request: methodArn, resource, path, headers, query strings, path parameters, stage variables, requestContext', async () => {
    const g = authorizedGateway(doc, () => result(policy('Allow', `${ARN}/dev/GET/items/*`)), { realm: 'eu' });
    const r = await g.send('/dev/items/7?tenant=acme&tenant=beta', [['X-User', 'bob']]);
    expect(r.status).toBe(200);
    const event = g.authCalls()[0]!.event as Record<string, any>;
    expect(Object.keys(event)).toEqual([
      'type',
      'methodArn',
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
    ]);
    expect(event).toMatchObject({
      type: 'REQUEST',
      methodArn: `${ARN}/dev/GET/items/7`,
      resource: '/items/{id}',
      path: '/items/7',
      httpMethod: 'GET',
      queryStringParameters: { tenant: 'beta' },
      multiValueQueryStringParameters: { tenant: ['acme', 'beta'] },
      pathParameters: { id: '7' },
      stageVariables: { realm: 'eu' },
    });
    expect(event.headers['X-User']).toBe('bob');
    expect(event.requestContext).toMatchObject({
      resourcePath: '/items/{id}',
      stage: 'dev',
      apiId: 'abc123defg',
      httpMethod: 'GET',
    });
    expect(event).not.toHaveProperty('body');
  });

  it('answers 401 when any identity source is missing (header, query string or stage variable)', async () => {
    const g = authorizedGateway(doc, () => result(policy('Allow', '*')), { realm: 'eu' });
    expect((await g.send('/dev/items?tenant=acme')).status).toBe(401);
    expect((await g.send('/dev/items', [['X-User', 'bob']])).status).toBe(401);
    const noRealm = authorizedGateway(doc, () => result(policy('Allow', '*')));
    expect((await noRealm.send('/dev/items?tenant=acme', [['X-User', 'bob']])).status).toBe(401);
    expect(g.authCalls()).toHaveLength(0);
  });

  it('caches by all identity source values together', async () => {
    const g = authorizedGateway(doc, () => result(policy('Allow', '*')), { realm: 'eu' });
    await g.send('/dev/items?tenant=acme', [['X-User', 'bob']]);
    await g.send('/dev/items?tenant=acme', [['X-User', 'bob']]);
    await g.send('/dev/items?tenant=other', [['X-User', 'bob']]);
    expect(g.authCalls()).toHaveLength(2);
  });
});

describe('what the backend and templates see', () => {
  it('gives mapping templates $context.authorizer.principalId and the context keys', async () => {
    const doc = authorizedDoc({ type: 'token', authorizerResultTtlInSeconds: 0 });
    doc.paths['/items'].get = {
      security: [{ auth: [] }],
      'x-amazon-apigateway-integration': {
        type: 'mock',
        requestTemplates: { 'application/json': '{"statusCode": 200}' },
        responses: {
          default: {
            statusCode: '200',
            responseTemplates: {
              'application/json': '{"who":"$context.authorizer.principalId","tier":"$context.authorizer.tier"}',
            },
          },
        },
      },
    } as never;
    const g = authorizedGateway(doc, () => result(policy('Allow', '*', { context: { tier: 'gold' } })));
    const r = await g.send('/dev/items', [['Authorization', 'x']]);
    expect(r.body).toBe('{"who":"alice","tier":"gold"}');
  });

  it('puts requestContext.authorizer after apiId, as AWS orders the event', async () => {
    const g = authorizedGateway(authorizedDoc({ type: 'token' }), () => result(policy('Allow', '*')));
    await g.send('/dev/items', [['Authorization', 'x']]);
    const backend = g.calls.find((c) => c.functionName === 'backend')!;
    const keys = Object.keys((backend.event as { requestContext: object }).requestContext);
    expect(keys.slice(0, 3)).toEqual(['accountId', 'apiId', 'authorizer']);
  });
});

describe('customised gateway responses of the authorizer types', () => {
  it.each([
    ['UNAUTHORIZED', [] as Array<[string, string]>, () => result(policy('Allow', '*')), 401],
    ['ACCESS_DENIED', [['Authorization', 'x']] as Array<[string, string]>, () => result(policy('Deny', '*')), 403],
    ['AUTHORIZER_CONFIGURATION_ERROR', [['Authorization', 'x']] as Array<[string, string]>, () => failure('boom'), 500],
  ])('%s (built-in status %i) takes its customised status, headers and template', async (type, headers, fn, status) => {
    const doc = authorizedDoc({ type: 'token', authorizerResultTtlInSeconds: 0 }, 'Authorization', {
      'x-amazon-apigateway-gateway-responses': {
        [type]: {
          statusCode: 418,
          responseParameters: { 'gatewayresponse.header.WWW-Authenticate': "'Bearer'" },
          responseTemplates: { 'application/json': '{"type":"$context.error.responseType"}' },
        },
      },
    });
    const g = authorizedGateway(doc, fn);
    const uncustomised = authorizedGateway(authorizedDoc({ type: 'token', authorizerResultTtlInSeconds: 0 }), fn);
    expect((await uncustomised.send('/dev/items', headers)).status).toBe(status);
    const r = await g.send('/dev/items', headers);
    expect(r.status).toBe(418);
    expect(r.headers.get('WWW-Authenticate')).toBe('Bearer');
    expect(r.body).toBe(`{"type":"${type}"}`);
  });

  it('renders $context.error.messageString of AUTHORIZER_CONFIGURATION_ERROR as null, as the default template does', async () => {
    const doc = authorizedDoc({ type: 'token', authorizerResultTtlInSeconds: 0 }, 'Authorization', {
      'x-amazon-apigateway-gateway-responses': {
        DEFAULT_5XX: {
          responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" },
          responseTemplates: { 'application/json': '{"message":$context.error.messageString}' },
        },
      },
    });
    const g = authorizedGateway(doc, () => failure('boom'));
    const r = await g.send('/dev/items', [['Authorization', 'x']]);
    expect([r.status, r.body, r.headers.get('Access-Control-Allow-Origin')]).toEqual([500, '{"message":null}', '*']);
  });

  it('DEFAULT_4XX applies to a 401 and a 403 that are not customised themselves', async () => {
    const doc = authorizedDoc({ type: 'token', authorizerResultTtlInSeconds: 0 }, 'Authorization', {
      'x-amazon-apigateway-gateway-responses': {
        DEFAULT_4XX: { responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" } },
      },
    });
    const g = authorizedGateway(doc, () => result(policy('Deny', '*')));
    const r401 = await g.send('/dev/items');
    expect([r401.status, r401.body, r401.headers.get('Access-Control-Allow-Origin')]).toEqual([
      401,
      '{"message":"Unauthorized"}',
      '*',
    ]);
    const r403 = await g.send('/dev/items', [['Authorization', 'x']]);
    expect(r403.status).toBe(403);
    expect(r403.headers.get('Access-Control-Allow-Origin')).toBe('*');
  });
});
