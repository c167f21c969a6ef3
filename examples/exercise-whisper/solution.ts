import {
  ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';

/**
 * The chat of AWS's WebSocket tutorial (aws-samples/simple-websockets-chat-app), one function for every route of a
 * WebSocket API whose route selection expression is `$request.body.action`:
 * - `$connect`: joins as `?name=alice` (refused with 400 without a name);
 * - `sendmessage`: `{"action":"sendmessage","message":"hi"}` reaches every other client as `{"from":"alice","message":"hi"}`,
 *   posted through the `@connections` API;
 * - `$default` (a two-way route): answers the caller with a help text, which API Gateway sends back as the route response;
 * - `$disconnect`: leaves (best effort: API Gateway may not call it).
 * chat_handler.py does the same, frame for frame.
 */

/** The event fields this handler reads (API Gateway's WebSocket Lambda proxy event). */
interface WebSocketEvent {
  requestContext: {
    routeKey: string;
    eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT';
    connectionId: string;
    domainName: string;
    stage: string;
  };
  queryStringParameters?: Record<string, string> | null;
  body?: string | null;
}

interface Result {
  statusCode: number;
  body?: string;
}

/**
 * Who is connected, by connection id. On AWS this is a DynamoDB table (Lambda runs many execution environments and
 * recycles them); the lab runs the function in one execution environment, so module memory is enough.
 */
const names = new Map<string, string>();

const HELP = JSON.stringify({
  message: 'Send {"action":"sendmessage","message":"..."} to talk to everyone else.',
});

let client: ApiGatewayManagementApiClient | undefined;

/** The @connections API of the stage the event came through (created once per execution environment). */
function managementApi(domainName: string, stage: string): ApiGatewayManagementApiClient {
  client ??= new ApiGatewayManagementApiClient({
    endpoint: process.env.AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI ?? `https://${domainName}/${stage}`,
  });
  return client;
}

export async function handler(event: WebSocketEvent): Promise<Result> {
  const { routeKey, connectionId, domainName, stage } = event.requestContext;

  if (routeKey === '$connect') {
    const name = event.queryStringParameters?.name?.trim();
    if (!name) return { statusCode: 400, body: 'Connect with a name: ?name=alice' };
    names.set(connectionId, name);
    console.log(`${name} joined (${connectionId})`);
    return { statusCode: 200 };
  }

  if (routeKey === '$disconnect') {
    console.log(`${names.get(connectionId) ?? connectionId} left`);
    names.delete(connectionId);
    return { statusCode: 200 };
  }

  if (routeKey === 'sendmessage') {
    const { message } = JSON.parse(event.body ?? '{}') as { message?: unknown };
    const data = new TextEncoder().encode(
      JSON.stringify({ from: names.get(connectionId) ?? 'anonymous', message: String(message ?? '') }),
    );
    const api = managementApi(domainName, stage);
    const others = [...names.keys()].filter((id) => id !== connectionId);
    await Promise.all(
      others.map(async (id) => {
        try {
          await api.send(new PostToConnectionCommand({ ConnectionId: id, Data: data }));
        } catch (error) {
          // 410 Gone: the client left without $disconnect reaching us. Forget it.
          if (error instanceof GoneException) names.delete(id);
          else throw error;
        }
      }),
    );
    return { statusCode: 200 };
  }

  if (routeKey === 'whisper') {
    // Only the connections whose name is the message's "to" get it; the sender and everyone else get nothing.
    const { to, message } = JSON.parse(event.body ?? '{}') as { to?: unknown; message?: unknown };
    const data = new TextEncoder().encode(
      JSON.stringify({ from: names.get(connectionId) ?? 'anonymous', message: String(message ?? ''), whisper: true }),
    );
    const api = managementApi(domainName, stage);
    const targets = [...names].filter(([, name]) => name === to).map(([id]) => id);
    for (const id of targets) {
      try {
        await api.send(new PostToConnectionCommand({ ConnectionId: id, Data: data }));
      } catch (error) {
        if (error instanceof GoneException) names.delete(id);
        else throw error;
      }
    }
    return { statusCode: 200 };
  }

  // $default: the route response carries this body back to the caller.
  return { statusCode: 200, body: HELP };
}
