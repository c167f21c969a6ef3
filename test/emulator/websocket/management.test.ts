import { describe, expect, it } from 'vitest';
import { signRequest, type WebSocketGateway } from '../../../src/emulator/index.js';
import { HOST, KEY, NOW, connectClient, contextOf, settle, wsDoc, wsGateway } from './helpers.js';

const DOC = wsDoc([{ RouteKey: '$disconnect' }, { RouteKey: '$default' }]);

/** A management call signed as the AWS SDK signs it (SigV4, execute-api). */
async function call(gateway: WebSocketGateway, method: string, connectionId: string, body?: string, key = KEY) {
  const url = `https://${HOST}/production/@connections/${encodeURIComponent(connectionId)}`;
  const signed = await signRequest({ method, url, body: body ?? null, ...key, now: NOW });
  return gateway.handleManagement(
    new Request(url, {
      method,
      headers: signed.headers.filter(([n]) => n.toLowerCase() !== 'host'),
      ...(body === undefined ? {} : { body }),
    }),
  );
}

async function setup() {
  const { gateway, invocations, traces } = wsGateway(DOC);
  gateway.putCredentials(KEY);
  const { client, result } = await connectClient(gateway, '', [['User-Agent', 'wscat/6']]);
  if (!result.accepted) throw new Error('refused');
  return { gateway, invocations, traces, client, connectionId: result.connectionId };
}

describe('the @connections API (apigateway-how-to-call-websocket-api-connections.html)', () => {
  it('recognises /{stage}/@connections/{id}, also with the @ percent-encoded as awscurl sends it', () => {
    const { gateway } = wsGateway(DOC);
    expect(gateway.isManagementRequest(new Request(`https://${HOST}/production/@connections/abc%3D`))).toBe(true);
    expect(gateway.isManagementRequest(new Request(`https://${HOST}/prod/%40connections/R0oXAdfD0kwCH6w%3D`))).toBe(
      true,
    );
    expect(gateway.isManagementRequest(new Request(`https://${HOST}/production`))).toBe(false);
    expect(gateway.isManagementRequest(new Request(`https://${HOST}/production/connections/x`))).toBe(false);
  });

  it('POST sends the body to the client as one text frame and answers 200', async () => {
    const { gateway, client, connectionId } = await setup();
    const { response, trace } = await call(gateway, 'POST', connectionId, '{"from":"bob","message":"hi"}');
    expect(response.status).toBe(200);
    expect(client.received).toEqual(['{"from":"bob","message":"hi"}']);
    expect(trace).toMatchObject({
      kind: 'MANAGEMENT',
      connectionId,
      status: 200,
      sent: [{ connectionId, data: '{"from":"bob","message":"hi"}' }],
    });
    expect(trace.management).toEqual({
      method: 'POST',
      path: `/production/@connections/${encodeURIComponent(connectionId)}`,
      caller: 'arn:aws:iam::123456789012:user/apigw-lab',
    });
  });

  it('GET answers connectedAt, identity {sourceIp, userAgent} and lastActiveAt (the wire names the SDK reads: jsonName connectedAt…)', async () => {
    const { gateway, connectionId } = await setup();
    const { response } = await call(gateway, 'GET', connectionId);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      connectedAt: new Date(NOW).toISOString(),
      identity: { sourceIp: '203.0.113.7', userAgent: 'wscat/6' },
      lastActiveAt: new Date(NOW).toISOString(),
    });
  });

  it('DELETE answers 204, closes the connection and runs $disconnect', async () => {
    const { gateway, client, connectionId, invocations, traces } = await setup();
    const { response } = await call(gateway, 'DELETE', connectionId);
    expect(response.status).toBe(204);
    expect(client.closed).not.toBeNull();
    expect(gateway.connections()).toEqual([]);
    await settle();
    expect(invocations.map((i) => contextOf(i).eventType)).toEqual(['DISCONNECT']);
    expect(traces.map((t) => t.kind)).toEqual(['CONNECT', 'MANAGEMENT', 'CLOSE', 'DISCONNECT']);
  });

  it("sends nothing more once a route's own function deleted its caller's connection", async () => {
    const { gateway, traces } = wsGateway(
      wsDoc([{ RouteKey: '$default', RouteResponseSelectionExpression: '$default' }]),
      async (inv) => {
        await call(gateway, 'DELETE', contextOf(inv).connectionId as string);
        return { kind: 'result', payload: { statusCode: 200, body: 'too late' }, logs: [] };
      },
    );
    gateway.putCredentials(KEY);
    const { client, result } = await connectClient(gateway);
    const trace = await gateway.receive(result.accepted ? result.connectionId : '', 'bye');
    expect(client.received).toEqual([]);
    expect(client.closed).not.toBeNull();
    expect(trace.sent).toEqual([]);
    expect(traces.map((t) => t.kind)).toEqual(['CONNECT', 'MANAGEMENT', 'CLOSE', 'DISCONNECT', 'MESSAGE']);
  });

  it('answers 410 GoneException for a connection that is closed or never was (repost.aws/knowledge-center/410-gone-api-gateway)', async () => {
    const { gateway, connectionId } = await setup();
    await gateway.disconnect(connectionId, 1000, 'bye');
    for (const id of [connectionId, 'NoSuchConnId0A=']) {
      for (const method of ['POST', 'GET', 'DELETE']) {
        const { response } = await call(gateway, method, id, method === 'POST' ? 'x' : undefined);
        expect(response.status).toBe(410);
        expect(response.headers.get('x-amzn-ErrorType')).toBe('GoneException');
      }
    }
  });

  it('refuses an unsigned call and one signed with a wrong secret or an unknown key with 403 ForbiddenException', async () => {
    const { gateway, client, connectionId } = await setup();
    const url = `https://${HOST}/production/@connections/${encodeURIComponent(connectionId)}`;
    const unsigned = await gateway.handleManagement(new Request(url, { method: 'POST', body: 'x' }));
    expect(unsigned.response.status).toBe(403);
    expect(unsigned.response.headers.get('x-amzn-ErrorType')).toBe('ForbiddenException');
    const wrong = await call(gateway, 'POST', connectionId, 'x', { ...KEY, secretAccessKey: 'not-the-secret' });
    expect(wrong.response.status).toBe(403);
    expect(await wrong.response.json()).toEqual({
      message: expect.stringMatching(/^The request signature we calculated does not match/),
    });
    const unknown = await call(gateway, 'POST', connectionId, 'x', {
      accessKeyId: 'AKIAUNKNOWNKEY000000',
      secretAccessKey: 's',
    });
    expect(await unknown.response.json()).toEqual({
      message: 'The security token included in the request is invalid.',
    });
    expect(client.received).toEqual([]);
  });

  it('refuses a caller whose identity policy does not allow execute-api:ManageConnections on the connection', async () => {
    const { gateway, client, connectionId } = await setup();
    gateway.putIdentityPolicy('arn:aws:iam::123456789012:user/apigw-lab', {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'execute-api:ManageConnections',
          Resource: 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/production/GET/@connections/*',
        },
      ],
    });
    expect((await call(gateway, 'POST', connectionId, 'x')).response.status).toBe(403);
    expect((await call(gateway, 'GET', connectionId)).response.status).toBe(200);
    expect(client.received).toEqual([]);
  });

  it('answers 413 PayloadTooLargeException for a payload over 128 KB', async () => {
    const { gateway, client, connectionId } = await setup();
    const { response } = await call(gateway, 'POST', connectionId, 'x'.repeat(128 * 1024 + 1));
    expect(response.status).toBe(413);
    expect(response.headers.get('x-amzn-ErrorType')).toBe('PayloadTooLargeException');
    expect(client.received).toEqual([]);
  });

  it('is what the real @aws-sdk/client-apigatewaymanagementapi talks to: PostToConnection, GetConnection, DeleteConnection, GoneException', async () => {
    const {
      ApiGatewayManagementApiClient,
      PostToConnectionCommand,
      GetConnectionCommand,
      DeleteConnectionCommand,
      GoneException,
    } = await import('@aws-sdk/client-apigatewaymanagementapi');
    const { gateway, client: ws, connectionId } = await setup();
    const sdk = new ApiGatewayManagementApiClient({
      region: 'us-east-1',
      endpoint: `https://${HOST}/production`,
      credentials: KEY,
      systemClockOffset: NOW - Date.now(),
      requestHandler: {
        handle: async (request: any) => {
          const query = new URLSearchParams(request.query ?? {}).toString();
          const url = `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}${request.path}${query ? `?${query}` : ''}`;
          const headers = Object.entries(request.headers as Record<string, string>).filter(
            ([n]) => n.toLowerCase() !== 'host',
          );
          const { response } = await gateway.handleManagement(
            new Request(url, { method: request.method, headers, ...(request.body ? { body: request.body } : {}) }),
            {
              rawHeaders: Object.entries(request.headers as Record<string, string>),
            },
          );
          const { Readable } = await import('node:stream');
          return {
            response: {
              statusCode: response.status,
              headers: Object.fromEntries(response.headers),
              body: Readable.from(Buffer.from(await response.arrayBuffer())),
            },
          };
        },
      } as any,
    });
    await sdk.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: '{"from":"sdk"}' }));
    expect(ws.received).toEqual(['{"from":"sdk"}']);
    const info = await sdk.send(new GetConnectionCommand({ ConnectionId: connectionId }));
    expect(info.ConnectedAt?.getTime()).toBe(NOW);
    expect(info.Identity).toEqual({ SourceIp: '203.0.113.7', UserAgent: 'wscat/6' });
    await sdk.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
    await expect(
      sdk.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'x' })),
    ).rejects.toBeInstanceOf(GoneException);
  });
});
