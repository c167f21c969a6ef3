import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  WebSocketGateway,
  parseWebSocketApi,
  signRequest,
  type LambdaInvocation,
  type WebSocketTrace,
} from '../../../src/emulator/index.js';
import { FakeClient, HOST, KEY, ok } from './helpers.js';

/**
 * The websocket-chat example's api.json run with an in-process TypeScript version of its handler (the example's own
 * chat_handler.ts/py run in the CLI's and the page's tests): the handler posts to the other clients through the
 * gateway's @connections API, signed, while the gateway is still handling the message that invoked it.
 */
function chat() {
  const names = new Map<string, string>();
  let gateway!: WebSocketGateway;
  const post = async (connectionId: string, data: string) => {
    const url = `https://${HOST}/production/@connections/${encodeURIComponent(connectionId)}`;
    const signed = await signRequest({ method: 'POST', url, body: data, ...KEY });
    const { response } = await gateway.handleManagement(
      new Request(url, { method: 'POST', body: data, headers: signed.headers.filter(([n]) => n !== 'host') }),
    );
    return response.status;
  };
  const handler = async ({ event }: LambdaInvocation) => {
    const { requestContext: ctx, queryStringParameters: query, body } = event as any;
    if (ctx.routeKey === '$connect') {
      if (!query?.name) return ok({ statusCode: 400, body: 'Connect with a name: ?name=alice' });
      names.set(ctx.connectionId, query.name);
      return ok({ statusCode: 200 });
    }
    if (ctx.routeKey === '$disconnect') {
      names.delete(ctx.connectionId);
      return ok({ statusCode: 200 });
    }
    if (ctx.routeKey === 'sendmessage') {
      const data = JSON.stringify({ from: names.get(ctx.connectionId), message: JSON.parse(body).message });
      for (const id of [...names.keys()].filter((id) => id !== ctx.connectionId))
        if ((await post(id, data)) === 410) names.delete(id);
      return ok({ statusCode: 200 });
    }
    return ok({
      statusCode: 200,
      body: JSON.stringify({ message: 'Send {"action":"sendmessage","message":"..."} to talk to everyone else.' }),
    });
  };
  gateway = new WebSocketGateway({ invoke: handler });
  gateway.putCredentials(KEY);
  const deployment = gateway.deploy(
    parseWebSocketApi(JSON.parse(readFileSync('examples/websocket-chat/api.json', 'utf8'))),
  );
  gateway.putStage({ name: 'production', deploymentId: deployment.id });
  const traces: WebSocketTrace[] = [];
  gateway.onTrace((t) => traces.push(t));
  return { gateway, traces };
}

describe('the websocket-chat example through the core', () => {
  it('refuses a client without a name, relays sendmessage to the others, answers $default to the caller only', async () => {
    const { gateway, traces } = chat();
    const clients = { alice: new FakeClient(), bob: new FakeClient(), carol: new FakeClient() };
    const ids: Record<string, string> = {};
    const connect = async (name: keyof typeof clients, query: string) => {
      const result = await gateway.connect(new Request(`wss://${HOST}/production${query}`), clients[name]);
      if (result.accepted) ids[name] = result.connectionId;
      return result.accepted ? 101 : result.response.status;
    };
    expect(await connect('alice', '?name=alice')).toBe(101);
    expect(await connect('bob', '?name=bob')).toBe(101);
    expect(await connect('carol', '')).toBe(400);
    expect(await connect('carol', '?name=carol')).toBe(101);

    await gateway.receive(ids.bob!, '{"action":"sendmessage","message":"hi"}');
    expect(clients.alice.received).toEqual(['{"from":"bob","message":"hi"}']);
    expect(clients.carol.received).toEqual(['{"from":"bob","message":"hi"}']);
    expect(clients.bob.received).toEqual([]);

    await gateway.receive(ids.alice!, '{"action":"help"}');
    expect(clients.alice.received.at(-1)).toBe(
      '{"message":"Send {\\"action\\":\\"sendmessage\\",\\"message\\":\\"...\\"} to talk to everyone else."}',
    );
    expect(clients.bob.received).toEqual([]);

    await gateway.disconnect(ids.carol!, 1000, '');
    await gateway.receive(ids.alice!, '{"action":"sendmessage","message":"bye"}');
    expect(clients.bob.received).toEqual(['{"from":"alice","message":"bye"}']);
    expect(clients.carol.received).toHaveLength(1);

    // Every trace, in the order each completed: the MANAGEMENT posts finish inside the MESSAGE that made them.
    expect(
      traces.map((t) => `${t.kind} ${t.routeKey ?? t.management?.method}${t.status ? ` ${t.status}` : ''}`),
    ).toEqual([
      'CONNECT $connect',
      'CONNECT $connect',
      'CONNECT $connect 400',
      'CONNECT $connect',
      'MANAGEMENT POST 200',
      'MANAGEMENT POST 200',
      'MESSAGE sendmessage',
      'MESSAGE $default',
      'DISCONNECT $disconnect',
      'MANAGEMENT POST 200',
      'MESSAGE sendmessage',
    ]);
    expect(traces[7]!.sent).toEqual([{ connectionId: ids.alice, data: clients.alice.received.at(-1) }]);
    expect(traces[7]!.lambda?.functionName).toBe('chat_handler');
  });
});
