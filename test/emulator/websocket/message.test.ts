import { describe, expect, it } from 'vitest';
import { FN_URI, NOW, connectClient, contextOf, fail, ok, settle, wsDoc, wsGateway } from './helpers.js';

const FRAME = (message: string) =>
  new RegExp(`^\\{"message": "${message}", "connectionId":"[A-Za-z0-9]{15}=", "requestId":"[A-Za-z0-9]{15}="\\}$`);

async function open(
  doc = wsDoc([{ RouteKey: 'sendmessage' }, { RouteKey: '$default', RouteResponseSelectionExpression: '$default' }]),
  fn = (_: any) => ok({ statusCode: 200, body: 'answer' }),
) {
  const setup = wsGateway(doc, fn);
  const { client, result } = await connectClient(setup.gateway);
  if (!result.accepted) throw new Error('not accepted');
  return { ...setup, client, connectionId: result.connectionId };
}

describe('messages (websocket-api-develop-routes.html)', () => {
  it('gives the MESSAGE event: body, messageId, no headers (apigateway-websocket-api-mapping-template-reference.html)', async () => {
    const { gateway, invocations, connectionId } = await open();
    await gateway.receive(connectionId, '{"action":"sendmessage","message":"hi"}');
    const event = invocations[0]!.event as Record<string, any>;
    expect(event.body).toBe('{"action":"sendmessage","message":"hi"}');
    expect(event.isBase64Encoded).toBe(false);
    expect(event).not.toHaveProperty('headers');
    expect(event).not.toHaveProperty('multiValueHeaders');
    const ctx = contextOf(invocations[0]!);
    expect(ctx).toMatchObject({
      routeKey: 'sendmessage',
      eventType: 'MESSAGE',
      messageDirection: 'IN',
      connectionId,
      connectedAt: NOW,
      requestTimeEpoch: NOW,
      stage: 'production',
    });
    expect(ctx.messageId).toMatch(/^[A-Za-z0-9]{15}=$/);
    expect(ctx).not.toHaveProperty('disconnectStatusCode');
  });

  it("selects the route whose key equals the expression's value, else $default (also for a message that is not JSON)", async () => {
    const { gateway, invocations, connectionId } = await open();
    for (const message of ['{"action":"sendmessage"}', '{"action":"unknown"}', 'not json', '{"other":1}'])
      await gateway.receive(connectionId, message);
    expect(invocations.map((i) => contextOf(i).routeKey)).toEqual(['sendmessage', '$default', '$default', '$default']);
  });

  it('routes by a nested path ($request.body.a.b)', async () => {
    const doc = wsDoc([{ RouteKey: 'join' }]);
    doc.Api.RouteSelectionExpression = '$request.body.data.kind';
    const { gateway, invocations, connectionId } = await open(doc);
    await gateway.receive(connectionId, '{"data":{"kind":"join"}}');
    expect(contextOf(invocations[0]!).routeKey).toBe('join');
  });

  it('answers the Forbidden frame when no route matches and the API has no $default route', async () => {
    const { gateway, invocations, client, connectionId, traces } = await open(wsDoc([{ RouteKey: 'sendmessage' }]));
    const trace = await gateway.receive(connectionId, '{"action":"nope"}');
    expect(invocations).toHaveLength(0);
    expect(client.received).toHaveLength(1);
    expect(client.received[0]).toMatch(FRAME('Forbidden'));
    expect(client.received[0]).toContain(`"connectionId":"${connectionId}"`);
    expect(trace.sent).toEqual([{ connectionId, data: client.received[0] }]);
    expect(traces.at(-1)).toBe(trace);
    expect(client.closed).toBeNull(); // the connection stays open
  });

  it('answers "Internal server error" when the function fails, the connection staying open', async () => {
    const { gateway, client, connectionId } = await open(undefined, () => fail('boom'));
    await gateway.receive(connectionId, '{"action":"sendmessage"}');
    expect(client.received[0]).toMatch(FRAME('Internal server error'));
    expect(client.closed).toBeNull();
    expect(gateway.connections()).toHaveLength(1);
  });

  it("sends the function's body back on a two-way route ($default with a route response) and nothing on a one-way route (apigateway-websocket-api-route-response.html)", async () => {
    const { gateway, client, connectionId } = await open(undefined, (inv) =>
      ok({ statusCode: 200, body: `to ${contextOf(inv).routeKey}` }),
    );
    await gateway.receive(connectionId, '{"action":"sendmessage"}');
    expect(client.received).toEqual([]);
    await gateway.receive(connectionId, 'help');
    expect(client.received).toEqual(['to $default']);
  });

  it('is one-way when RouteResponses are listed without a $default route response', async () => {
    const doc = wsDoc([{ RouteKey: '$default', RouteResponseSelectionExpression: '$default', RouteResponses: [] }]);
    const { gateway, client, connectionId } = await open(doc);
    await gateway.receive(connectionId, 'x');
    expect(client.received).toEqual([]);
  });

  it('decodes a base64 body (isBase64Encoded) into a binary frame', async () => {
    const doc = wsDoc([{ RouteKey: '$default', RouteResponseSelectionExpression: '$default' }]);
    const { gateway, client, connectionId } = await open(doc, () =>
      ok({ statusCode: 200, body: 'AAEC', isBase64Encoded: true }),
    );
    await gateway.receive(connectionId, 'x');
    expect(client.received).toEqual([new Uint8Array([0, 1, 2])]);
  });

  it('closes the connection with 1003 for a binary frame ("API Gateway rejects it and disconnects the client with code 1003", websocket-api-develop-binary-media-types.html)', async () => {
    const { gateway, invocations, client, connectionId } = await open();
    const trace = await gateway.receive(connectionId, new Uint8Array([104, 105]));
    expect(invocations).toHaveLength(0);
    expect(client.closed?.code).toBe(1003);
    expect([trace.kind, trace.closeCode]).toEqual(['CLOSE', 1003]);
    expect(gateway.connections()).toEqual([]);
  });

  it("answers a MOCK integration's response template on a two-way route, chosen by the integration response key", async () => {
    const doc = wsDoc(
      [{ RouteKey: 'ping', Target: 'integrations/mock01', RouteResponseSelectionExpression: '$default' }],
      {
        Integrations: [
          { IntegrationId: 'fnint01', IntegrationType: 'AWS_PROXY', IntegrationUri: FN_URI('fn') },
          {
            IntegrationId: 'mock01',
            IntegrationType: 'MOCK',
            TemplateSelectionExpression: '\\$default',
            RequestTemplates: { $default: '{"statusCode": 404}' },
            IntegrationResponses: [
              { IntegrationResponseKey: '/2\\d\\d/', ResponseTemplates: { $default: '{"ok":true}' } },
              {
                IntegrationResponseKey: '/4\\d\\d/',
                ResponseTemplates: { $default: '{"missing":"$context.routeKey","id":"$context.connectionId"}' },
              },
              { IntegrationResponseKey: '$default', ResponseTemplates: { $default: 'other' } },
            ],
          },
        ],
      },
    );
    const { gateway, client, invocations, connectionId } = await open(doc);
    await gateway.receive(connectionId, '{"action":"ping"}');
    expect(invocations).toHaveLength(0);
    expect(client.received).toEqual([`{"missing":"ping","id":"${connectionId}"}`]);
  });

  it("renders a MOCK's templates as Velocity, as REST APIs' mapping templates: $input, $context, $stageVariables, $util (websocket-api-data-transformations.html)", async () => {
    const doc = wsDoc(
      [{ RouteKey: 'echo', Target: 'integrations/mock01', RouteResponseSelectionExpression: '$default' }],
      {
        Integrations: [
          { IntegrationId: 'fnint01', IntegrationType: 'AWS_PROXY', IntegrationUri: FN_URI('fn') },
          {
            IntegrationId: 'mock01',
            IntegrationType: 'MOCK',
            RequestTemplates: {
              $default: '#if($input.path(\'$.text\') == "")\n{"statusCode": 400}#else{"statusCode": 200}#end',
            },
            IntegrationResponses: [
              {
                IntegrationResponseKey: '/2\\d\\d/',
                ResponseTemplates: {
                  $default:
                    '#set($who = $context.identity.sourceIp){"greeting":"$stageVariables.greeting","from":"$who","quoted":"$util.escapeJavaScript(\'say "hi"\')"}',
                },
              },
              { IntegrationResponseKey: '/4\\d\\d/', ResponseTemplates: { $default: '{"error":"text is required"}' } },
            ],
          },
        ],
      },
    );
    const setup = wsGateway(doc, () => ok({ statusCode: 200 }), { variables: { greeting: 'hello' } });
    const { client, result } = await connectClient(setup.gateway);
    if (!result.accepted) throw new Error('not accepted');
    await setup.gateway.receive(result.connectionId, '{"action":"echo","text":"x"}');
    await setup.gateway.receive(result.connectionId, '{"action":"echo"}');
    expect(client.received).toEqual([
      '{"greeting":"hello","from":"203.0.113.7","quoted":"say \\"hi\\""}',
      '{"error":"text is required"}',
    ]);
    expect(setup.invocations).toHaveLength(0);
  });

  it("answers the Internal server error frame when a MOCK's template fails, and keeps serving", async () => {
    const doc = wsDoc(
      [
        { RouteKey: 'bad', Target: 'integrations/mock01', RouteResponseSelectionExpression: '$default' },
        { RouteKey: '$default', RouteResponseSelectionExpression: '$default' },
      ],
      {
        Integrations: [
          { IntegrationId: 'fnint01', IntegrationType: 'AWS_PROXY', IntegrationUri: FN_URI('fn') },
          { IntegrationId: 'mock01', IntegrationType: 'MOCK', RequestTemplates: { $default: '#if(' } },
        ],
      },
    );
    const { gateway, client, connectionId } = await open(doc);
    const trace = await gateway.receive(connectionId, '{"action":"bad"}');
    expect(client.received).toHaveLength(1);
    expect(String(client.received[0])).toMatch(FRAME('Internal server error'));
    expect(trace.error ?? '').toContain('template');
    await gateway.receive(connectionId, '{"action":"other"}');
    expect(client.received[1]).toBe('answer');
  });

  it('closes the connection with 1009 for a message over the 128 KB quota, then runs $disconnect (apigateway-execution-service-websocket-limits-table)', async () => {
    const doc = wsDoc([{ RouteKey: '$disconnect' }, { RouteKey: '$default' }]);
    const { gateway, client, invocations, connectionId, traces } = await open(doc);
    const trace = await gateway.receive(connectionId, 'x'.repeat(128 * 1024 + 1));
    expect(client.closed).toEqual({ code: 1009, reason: 'Message too long' });
    expect([trace.kind, trace.closeCode]).toEqual(['CLOSE', 1009]);
    expect(gateway.connections()).toEqual([]);
    await settle();
    expect(invocations.map((i) => contextOf(i).routeKey)).toEqual(['$disconnect']);
    expect(contextOf(invocations[0]!)).toMatchObject({
      disconnectStatusCode: 1009,
      disconnectReason: 'Message too long',
    });
    expect(traces.map((t) => t.kind)).toEqual(['CONNECT', 'CLOSE', 'DISCONNECT']);
  });

  it('takes a message of exactly 128 KB', async () => {
    const { gateway, invocations, connectionId } = await open();
    await gateway.receive(connectionId, 'x'.repeat(128 * 1024));
    expect(invocations).toHaveLength(1);
  });
});
