import { describe, expect, it } from 'vitest';
import { signRequest } from '../../../src/emulator/index.js';
import { FN_URI, HOST, KEY, NOW, WSS, connectClient, contextOf, fail, ok, wsDoc, wsGateway } from './helpers.js';

const ID = /^[A-Za-z0-9]{15}=$/;

describe('$connect (apigateway-websocket-api-route-keys-connect-disconnect.html)', () => {
  it('calls the integration with the CONNECT event: headers, multiValueHeaders, the query string, no body (apigateway-websocket-api-lambda-auth.html sample input)', async () => {
    const { gateway, invocations } = wsGateway(wsDoc([{ RouteKey: '$connect' }, { RouteKey: '$default' }]));
    const { result } = await connectClient(gateway, 'name=alice&room=a&room=b', [
      ['User-Agent', 'wscat/6'],
      ['Sec-WebSocket-Version', '13'],
    ]);
    expect(result.accepted).toBe(true);
    const event = invocations[0]!.event as Record<string, any>;
    expect(invocations[0]!.functionName).toBe('fn');
    expect(event.headers).toMatchObject({
      Host: HOST,
      'User-Agent': 'wscat/6',
      'Sec-WebSocket-Version': '13',
      'X-Forwarded-For': '203.0.113.7',
      'X-Forwarded-Port': '443',
      'X-Forwarded-Proto': 'https',
    });
    expect(event.headers['X-Amzn-Trace-Id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(event.multiValueHeaders['User-Agent']).toEqual(['wscat/6']);
    // Sorted by name, as captured $connect events list them.
    expect(Object.keys(event.headers)).toEqual([
      'Host',
      'Sec-WebSocket-Version',
      'User-Agent',
      'X-Amzn-Trace-Id',
      'X-Forwarded-For',
      'X-Forwarded-Port',
      'X-Forwarded-Proto',
    ]);
    expect(Object.keys(event)).toEqual([
      'headers',
      'multiValueHeaders',
      'queryStringParameters',
      'multiValueQueryStringParameters',
      'requestContext',
      'isBase64Encoded',
    ]);
    expect(event.queryStringParameters).toEqual({ name: 'alice', room: 'b' });
    expect(event.multiValueQueryStringParameters).toEqual({ name: ['alice'], room: ['a', 'b'] });
    expect(event.isBase64Encoded).toBe(false);
    expect(event).not.toHaveProperty('body');
    const ctx = event.requestContext;
    expect(ctx).toMatchObject({
      routeKey: '$connect',
      eventType: 'CONNECT',
      messageDirection: 'IN',
      stage: 'production',
      connectedAt: NOW,
      requestTimeEpoch: NOW,
      requestTime: '04/Dec/2026:09:00:00 +0000',
      identity: { userAgent: 'wscat/6', sourceIp: '203.0.113.7' },
      domainName: HOST,
      apiId: 'a1b2c3d4e5',
    });
    expect(ctx).not.toHaveProperty('messageId'); // "Available only when the $context.eventType is MESSAGE"
    expect(ctx.connectionId).toMatch(ID);
    expect(ctx.connectionId).toBe(result.accepted ? result.connectionId : '');
    expect(ctx.requestId).toMatch(ID);
    expect(ctx.extendedRequestId).toBe(ctx.requestId); // "$context.requestId: Same as $context.extendedRequestId"
    expect(gateway.connections()).toEqual([
      { connectionId: ctx.connectionId, connectedAt: NOW, lastActiveAt: NOW, sourceIp: '203.0.113.7' },
    ]);
  });

  it("refuses the upgrade with the status of the integration's result (the chat's 400 for a missing name)", async () => {
    const { gateway, traces } = wsGateway(wsDoc([{ RouteKey: '$connect' }]), () =>
      ok({ statusCode: 400, body: 'name is required' }),
    );
    const { result } = await connectClient(gateway);
    expect(result.accepted).toBe(false);
    if (result.accepted) return;
    expect(result.response.status).toBe(400);
    expect(await result.response.text()).toBe('name is required');
    expect(gateway.connections()).toEqual([]);
    expect(traces.map((t) => [t.kind, t.status])).toEqual([['CONNECT', 400]]);
  });

  it('refuses with 500 when the $connect function fails ("If the $connect request fails (… an integration failure), the connection will not be made")', async () => {
    const { gateway } = wsGateway(wsDoc([{ RouteKey: '$connect' }]), () => fail('boom'));
    const { result } = await connectClient(gateway);
    expect(result.accepted ? 0 : result.response.status).toBe(500);
    expect(gateway.connections()).toEqual([]);
  });

  it('hands the adapter the headers of the $connect result for the handshake (Sec-WebSocket-Protocol, websocket-connect-route-subprotocol.html)', async () => {
    const { gateway } = wsGateway(wsDoc([{ RouteKey: '$connect' }]), () =>
      ok({ statusCode: 200, headers: { 'Sec-WebSocket-Protocol': 'myprotocol' } }),
    );
    const { result } = await connectClient(gateway, '', [['Sec-WebSocket-Protocol', 'chat1,myprotocol']]);
    expect(result.accepted && result.headers).toEqual([['Sec-WebSocket-Protocol', 'myprotocol']]);
  });

  it("runs a MOCK $connect integration: its request template's statusCode accepts or refuses the upgrade", async () => {
    for (const [status, accepted] of [
      [200, true],
      [403, false],
    ] as const) {
      const doc = wsDoc([{ RouteKey: '$connect', Target: 'integrations/mock01' }], {
        Integrations: [
          { IntegrationId: 'fnint01', IntegrationType: 'AWS_PROXY', IntegrationUri: FN_URI('fn') },
          {
            IntegrationId: 'mock01',
            IntegrationType: 'MOCK',
            RequestTemplates: { $default: `{"statusCode": ${status}}` },
          },
        ],
      });
      const { gateway, invocations } = wsGateway(doc);
      const { result } = await connectClient(gateway);
      expect(result.accepted ? 101 : result.response.status).toBe(accepted ? 101 : status);
      expect(invocations).toHaveLength(0);
    }
  });

  it('records the function, its event, its result and logs in the CONNECT trace', async () => {
    const { gateway, traces } = wsGateway(wsDoc([{ RouteKey: '$connect' }]), () => ({
      kind: 'result',
      payload: { statusCode: 200 },
      logs: ['alice joined'],
    }));
    await connectClient(gateway, 'name=alice');
    expect(traces[0]).toMatchObject({
      kind: 'CONNECT',
      routeKey: '$connect',
      stage: 'production',
      sent: [],
      lambda: { functionName: 'fn', result: { statusCode: 200 }, logs: ['alice joined'] },
    });
    expect((traces[0]!.lambda!.event as any).queryStringParameters).toEqual({ name: 'alice' });
    expect(traces[0]!.startedAt).toBe(NOW);
    expect(traces[0]!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('connects without calling anything when the API has no $connect route ("Setting up an integration for $connect is optional")', async () => {
    const { gateway, invocations } = wsGateway(wsDoc([{ RouteKey: '$default' }]));
    const { result } = await connectClient(gateway);
    expect(result.accepted).toBe(true);
    expect(invocations).toHaveLength(0);
  });

  it("takes the stage URL with a trailing slash, as AWS's wscat page writes it (wss://aabbccddee.execute-api.us-east-1.amazonaws.com/test/)", async () => {
    const { gateway } = wsGateway(wsDoc([{ RouteKey: '$default' }]));
    const result = await gateway.connect(new Request(`${WSS}/production/`), { send() {}, close() {} });
    expect(result.accepted).toBe(true);
  });

  it('tells every trace to its listeners until they unsubscribe', async () => {
    const { gateway } = wsGateway(wsDoc([{ RouteKey: '$default' }]));
    const seen: string[] = [];
    const stop = gateway.onTrace((t) => seen.push(t.kind));
    const { result } = await connectClient(gateway);
    await gateway.receive(result.accepted ? result.connectionId : '', 'x');
    stop();
    await gateway.receive(result.accepted ? result.connectionId : '', 'y');
    expect(seen).toEqual(['CONNECT', 'MESSAGE']);
  });

  it('refuses an upgrade to a stage that does not exist with 403 (assumed)', async () => {
    const { gateway } = wsGateway(wsDoc([{ RouteKey: '$default' }]));
    const result = await gateway.connect(new Request(`${WSS}/nope`), { send() {}, close() {} });
    expect(result.accepted ? 0 : result.response.status).toBe(403);
  });
});

describe('a REQUEST Lambda authorizer on $connect (apigateway-websocket-api-lambda-auth.html)', () => {
  const doc = wsDoc(
    [{ RouteKey: '$connect', AuthorizationType: 'CUSTOM', AuthorizerId: 'auth01' }, { RouteKey: '$default' }],
    {
      Authorizers: [
        {
          AuthorizerId: 'auth01',
          Name: 'token-check',
          AuthorizerType: 'REQUEST',
          AuthorizerUri: FN_URI('authorizer'),
          IdentitySource: ['route.request.header.HeaderAuth1', 'route.request.querystring.QueryString1'],
        },
      ],
    },
  );
  const policy = (effect: string, resource: string) => ({
    principalId: 'me',
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
    },
    context: { stringKey: 'stringval', numberKey: 123, booleanKey: true },
  });
  const authorize = (answer: (event: any) => ReturnType<typeof ok>) =>
    wsGateway(doc, (inv) => (inv.functionName === 'authorizer' ? answer(inv.event) : ok({ statusCode: 200 })));

  it('answers 401 without calling the authorizer when an identity source is missing ("If you attempt to connect without a valid identity value, you\'ll receive a 401 response")', async () => {
    const { gateway, invocations } = authorize((e) => ok(policy('Allow', e.methodArn)));
    const { result } = await connectClient(gateway, 'QueryString1=queryValue1');
    expect(result.accepted ? 0 : result.response.status).toBe(401);
    expect(invocations).toHaveLength(0);
  });

  it("gives the authorizer AWS's REQUEST input (methodArn ending in $connect) and the integration its principalId and context", async () => {
    const { gateway, invocations } = authorize((e) => ok(policy('Allow', e.methodArn)));
    const { result } = await connectClient(gateway, 'QueryString1=queryValue1', [['HeaderAuth1', 'headerValue1']]);
    expect(result.accepted).toBe(true);
    const input = invocations[0]!.event as Record<string, any>;
    expect(input).toMatchObject({
      type: 'REQUEST',
      methodArn: 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/production/$connect',
      headers: { HeaderAuth1: 'headerValue1' },
      multiValueHeaders: { HeaderAuth1: ['headerValue1'] },
      queryStringParameters: { QueryString1: 'queryValue1' },
      multiValueQueryStringParameters: { QueryString1: ['queryValue1'] },
      stageVariables: {},
      requestContext: { routeKey: '$connect', eventType: 'CONNECT', messageDirection: 'IN', apiId: 'a1b2c3d4e5' },
    });
    expect(contextOf(invocations[1]!).authorizer).toEqual({
      principalId: 'me',
      integrationLatency: expect.any(Number),
      stringKey: 'stringval',
      numberKey: '123',
      booleanKey: 'true',
    });
    expect(Object.keys(contextOf(invocations[1]!)).slice(0, 3)).toEqual(['routeKey', 'authorizer', 'eventType']);
    await gateway.receive(result.accepted ? result.connectionId : '', 'hello');
    expect(contextOf(invocations[2]!).authorizer).toMatchObject({ principalId: 'me' });
  });

  it.each([
    ['a Deny policy', () => ok(policy('Deny', '*')), 403, 'deny'],
    [
      'a policy for another route',
      () => ok(policy('Allow', 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/other/$connect')),
      403,
      'deny',
    ],
    ['the error "Unauthorized"', () => fail('Unauthorized'), 401, 'deny'],
    ['another error', () => fail('database down'), 500, 'error'],
    ['an output without principalId', () => ok({ policyDocument: {} }), 500, 'error'],
  ])('refuses the upgrade on %s with %i', async (_, answer, status, decision) => {
    const { gateway, invocations, traces } = authorize(answer);
    const { result } = await connectClient(gateway, 'QueryString1=queryValue1', [['HeaderAuth1', 'headerValue1']]);
    expect(result.accepted ? 0 : result.response.status).toBe(status);
    expect(invocations.map((i) => i.functionName)).toEqual(['authorizer']);
    expect(traces[0]!.authorizer?.decision).toBe(decision);
  });
});

describe('IAM authorization on $connect (apigateway-websocket-control-access-iam.html)', () => {
  const doc = wsDoc([{ RouteKey: '$connect', AuthorizationType: 'AWS_IAM' }, { RouteKey: '$default' }]);

  it('refuses an unsigned upgrade with 403', async () => {
    const { gateway, invocations } = wsGateway(doc);
    gateway.putCredentials(KEY);
    const { result } = await connectClient(gateway);
    expect(result.accepted ? 0 : result.response.status).toBe(403);
    expect(result.accepted ? '' : await result.response.text()).toBe('{"message":"Missing Authentication Token"}');
    expect(invocations).toHaveLength(0);
  });

  it('accepts an upgrade signed with a known key, and refuses one signed with another secret', async () => {
    const { gateway } = wsGateway(doc);
    gateway.putCredentials(KEY);
    for (const [secret, accepted] of [
      [KEY.secretAccessKey, true],
      ['wrong-secret', false],
    ] as const) {
      const signed = await signRequest({
        method: 'GET',
        url: `https://${HOST}/production?name=x`,
        ...KEY,
        secretAccessKey: secret,
        now: NOW,
      });
      const { result } = await connectClient(
        gateway,
        'name=x',
        signed.headers.filter(([n]) => n.toLowerCase() !== 'host'),
      );
      expect(result.accepted).toBe(accepted);
    }
  });

  it('refuses a signed caller whose identity policy does not allow execute-api:Invoke on $connect', async () => {
    const { gateway } = wsGateway(doc);
    const principal = gateway.putCredentials(KEY);
    gateway.putIdentityPolicy(principal.arn, {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:*:*:*/other/*' }],
    });
    const signed = await signRequest({ method: 'GET', url: `https://${HOST}/production`, ...KEY, now: NOW });
    const { result } = await connectClient(
      gateway,
      '',
      signed.headers.filter(([n]) => n.toLowerCase() !== 'host'),
    );
    expect(result.accepted ? 0 : result.response.status).toBe(403);
  });
});
