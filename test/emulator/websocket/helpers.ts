import type {
  InvokeOutcome,
  LambdaInvocation,
  WebSocketApiDocument,
  WebSocketTrace,
} from '../../../src/emulator/index.js';
import { WebSocketGateway, parseWebSocketApi } from '../../../src/emulator/index.js';

export const FN_URI = (name: string) =>
  `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${name}/invocations`;
export const HOST = 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';
export const WSS = `wss://${HOST}`;
export const KEY = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
export const NOW = Date.UTC(2026, 11, 4, 9, 0, 0);

export const ok = (payload: unknown): InvokeOutcome => ({ kind: 'result', payload, logs: [] });
export const fail = (errorMessage: string, errorType = 'Error'): InvokeOutcome => ({
  kind: 'error',
  error: { errorType, errorMessage },
  logs: [],
});

/** A WebSocket API document: `routes` maps route keys to integration ids (`fn` AWS_PROXY by default). */
export function wsDoc(
  routes: Array<{ RouteKey: string } & Record<string, unknown>>,
  extra: Partial<WebSocketApiDocument> = {},
): WebSocketApiDocument {
  return {
    Api: {
      ApiId: 'a1b2c3d4e5',
      Name: 'test',
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.action',
    },
    Routes: routes.map((r, i) => ({ RouteId: `r${i}abcde`, Target: 'integrations/fnint01', ...r })),
    Integrations: [{ IntegrationId: 'fnint01', IntegrationType: 'AWS_PROXY', IntegrationUri: FN_URI('fn') }],
    ...extra,
  } as WebSocketApiDocument;
}

/** A client's side of a connection: what it received and how it was closed. */
export class FakeClient {
  readonly received: Array<string | Uint8Array> = [];
  closed: { code: number; reason: string } | null = null;
  send(data: string | Uint8Array): void {
    if (this.closed) throw new Error('closed');
    this.received.push(data);
  }
  close(code: number, reason: string): void {
    this.closed = { code, reason };
  }
}

/** A gateway serving `doc` on stage `production`, with `fn` answering every invocation; traces recorded. */
export function wsGateway(
  doc: unknown,
  fn: (invocation: LambdaInvocation) => Promise<InvokeOutcome> | InvokeOutcome = () => ok({ statusCode: 200 }),
  options: { now?: () => number; limits?: Record<string, number>; variables?: Record<string, string> } = {},
) {
  const invocations: LambdaInvocation[] = [];
  const traces: WebSocketTrace[] = [];
  const gateway = new WebSocketGateway({
    invoke: async (inv) => {
      invocations.push(inv);
      return fn(inv);
    },
    now: options.now ?? (() => NOW),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  gateway.onTrace((t) => traces.push(t));
  const deployment = gateway.deploy(parseWebSocketApi(doc));
  gateway.putStage({ name: 'production', deploymentId: deployment.id, variables: options.variables ?? {} });
  return { gateway, invocations, traces };
}

/** Connects a fake client to `production` with an optional query string and headers. */
export async function connectClient(gateway: WebSocketGateway, query = '', headers: Array<[string, string]> = []) {
  const client = new FakeClient();
  const result = await gateway.connect(
    new Request(`${WSS}/production${query ? `?${query}` : ''}`, { headers }),
    client,
    {
      sourceIp: '203.0.113.7',
      rawHeaders: [['Host', HOST], ...headers],
    },
  );
  return { client, result };
}

/** The requestContext of an invocation's event. */
export const contextOf = (inv: LambdaInvocation) =>
  (inv.event as { requestContext: Record<string, unknown> }).requestContext;

/** Waits for queued background work ($disconnect after a gateway close). */
export const settle = () => new Promise((r) => setTimeout(r, 0));
