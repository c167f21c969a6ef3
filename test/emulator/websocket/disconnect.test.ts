import { describe, expect, it } from 'vitest';
import { NOW, connectClient, contextOf, fail, ok, wsDoc, wsGateway } from './helpers.js';

const DOC = wsDoc([{ RouteKey: '$connect' }, { RouteKey: '$disconnect' }, { RouteKey: '$default' }]);

describe('$disconnect (apigateway-websocket-api-route-keys-connect-disconnect.html#apigateway-websocket-api-routes-about-disconnect)', () => {
  it("gives the DISCONNECT event with the client's close code and reason, API Gateway's four headers and no messageId (a captured $disconnect event)", async () => {
    const { gateway, invocations } = wsGateway(DOC);
    const { result } = await connectClient(gateway, 'name=a');
    const id = result.accepted ? result.connectionId : '';
    const trace = await gateway.disconnect(id, 1000, 'bye');
    const event = invocations[1]!.event as Record<string, unknown>;
    expect(contextOf(invocations[1]!)).toMatchObject({
      routeKey: '$disconnect',
      eventType: 'DISCONNECT',
      disconnectStatusCode: 1000,
      disconnectReason: 'bye',
      connectionId: id,
      connectedAt: NOW,
      messageDirection: 'IN',
    });
    expect(contextOf(invocations[1]!)).not.toHaveProperty('messageId');
    expect(event.headers).toEqual({
      Host: 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
      'x-api-key': '',
      'X-Forwarded-For': '',
      'x-restapi': '',
    });
    expect(event.multiValueHeaders).toEqual({
      Host: ['a1b2c3d4e5.execute-api.us-east-1.amazonaws.com'],
      'x-api-key': [''],
      'X-Forwarded-For': [''],
      'x-restapi': [''],
    });
    expect(Object.keys(contextOf(invocations[1]!))).toEqual([
      'routeKey',
      'disconnectStatusCode',
      'eventType',
      'extendedRequestId',
      'requestTime',
      'messageDirection',
      'disconnectReason',
      'stage',
      'connectedAt',
      'requestTimeEpoch',
      'identity',
      'requestId',
      'domainName',
      'connectionId',
      'apiId',
    ]);
    expect(event).not.toHaveProperty('body');
    expect(event.isBase64Encoded).toBe(false);
    expect(trace).toMatchObject({
      kind: 'DISCONNECT',
      routeKey: '$disconnect',
      connectionId: id,
      closeCode: 1000,
      closeReason: 'bye',
    });
    expect(gateway.connections()).toEqual([]);
  });

  it('names a close frame without a status (1005) "Client-side close frame status not set" (assumed from captured events)', async () => {
    const { gateway, invocations } = wsGateway(DOC);
    const { result } = await connectClient(gateway);
    await gateway.disconnect(result.accepted ? result.connectionId : '', 1005, '');
    expect(contextOf(invocations[1]!)).toMatchObject({
      disconnectStatusCode: 1005,
      disconnectReason: 'Client-side close frame status not set',
    });
  });

  it('is best effort: a failing $disconnect function still closes the connection, and a closed connection is not disconnected twice', async () => {
    const { gateway } = wsGateway(DOC, (inv) =>
      contextOf(inv).eventType === 'DISCONNECT' ? fail('boom') : ok({ statusCode: 200 }),
    );
    const { result } = await connectClient(gateway);
    const id = result.accepted ? result.connectionId : '';
    const trace = await gateway.disconnect(id, 1001, '');
    expect(trace?.error).toMatch(/Internal server error/);
    expect(gateway.connections()).toEqual([]);
    expect(await gateway.disconnect(id, 1001, '')).toBeNull();
    expect((await gateway.receive(id, 'x')).error).toBe('no open connection with this id');
  });
});
