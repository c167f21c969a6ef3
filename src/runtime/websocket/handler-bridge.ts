/**
 * The handler worker's side of the chat's management-API bridge, loaded (lazily) only for WebSocket functions:
 * - TypeScript: `fetch` to the management endpoint (`AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI`) is posted to the
 *   gateway worker (`management`) and answered by `management-response`; the handler's import of
 *   `@aws-sdk/client-apigatewaymanagementapi` resolves to the lazily built SDK chunk (handler-modules.ts).
 * - Python: `globalThis.__apigwLabSyncHttp`, the boto3 shim's hook, blocks on a SharedArrayBuffer (sync-http.ts) that
 *   the gateway worker answers.
 */
import { resolveHandlerPackages } from './handler-modules.js';
import { routingFetch } from './management-fetch.js';
import type { WireRequest, WireResponse } from './management-wire.js';
import { syncHttpHook } from './sync-http.js';

/** Handler worker → gateway worker. */
export type BridgeCall =
  | { type: 'management'; id: number; request: WireRequest }
  | { type: 'sync-http'; buffer: SharedArrayBuffer; request: string };

/** Gateway worker → handler worker. */
export interface BridgeAnswer {
  type: 'management-response';
  id: number;
  response: WireResponse;
}

export const MANAGEMENT_ENDPOINT_VARIABLE = 'AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI';

let endpoint: string | undefined;
/** The origin of the warm-up request (answered here, never sent to the gateway). */
const WARM_UP_ENDPOINT = 'https://apigw-lab-warm-up.invalid/warm';
let nextId = 1;
const waiting = new Map<number, (response: WireResponse) => void>();
let installed = false;

/**
 * Routes this worker's `fetch` to the management endpoint of `environment` (the latest one given) through `post`, and
 * provides the sync hook for Python. Idempotent.
 */
export function installManagementBridge(environment: Record<string, string>, post: (call: BridgeCall) => void): void {
  endpoint = environment[MANAGEMENT_ENDPOINT_VARIABLE] ?? endpoint;
  if (installed) return;
  installed = true;
  const original = globalThis.fetch.bind(globalThis);
  globalThis.fetch = routingFetch(
    routingFetch(
      original,
      () => WARM_UP_ENDPOINT,
      async () => ({ status: 200, headers: {}, bodyBase64: '' }),
    ),
    () => endpoint,
    (request) =>
      new Promise<WireResponse>((resolve) => {
        const id = nextId++;
        waiting.set(id, resolve);
        post({ type: 'management', id, request });
      }),
  );
  (globalThis as Record<string, unknown>)['__apigwLabSyncHttp'] = syncHttpHook((buffer, request) =>
    post({ type: 'sync-http', buffer, request }),
  );
}

/** The gateway worker's answer to a `management` call. */
export function answerManagement(answer: BridgeAnswer): void {
  const resolve = waiting.get(answer.id);
  waiting.delete(answer.id);
  resolve?.(answer.response);
}

/**
 * One request of the SDK's client through this worker's fetch, answered here: the SDK's first request costs a few
 * hundred milliseconds (its middleware, signer and lazily imported providers), which the chat's first message would
 * otherwise pay. The worker runs it as it loads a WebSocket function (before any message). Errors are ignored.
 */
export async function warmUpSdk(): Promise<void> {
  const registry = (globalThis as Record<string, unknown>)['__apigwLabHandlerPackages'] as
    Record<string, Record<string, unknown>> | undefined;
  const sdk = registry?.['@aws-sdk/client-apigatewaymanagementapi'];
  if (!sdk || !installed) return;
  type Client = new (config: Record<string, unknown>) => { send(command: unknown): Promise<unknown>; destroy(): void };
  type Command = new (input: Record<string, unknown>) => unknown;
  const client = new (sdk['ApiGatewayManagementApiClient'] as Client)({
    region: 'us-east-1',
    endpoint: WARM_UP_ENDPOINT,
    credentials: { accessKeyId: 'AKIAWARMUPWARMUPWARM', secretAccessKey: 'warm-up' },
  });
  try {
    await client.send(
      new (sdk['PostToConnectionCommand'] as Command)({ ConnectionId: 'warm-up', Data: new Uint8Array(1) }),
    );
  } catch {
    // Only the work done matters.
  } finally {
    client.destroy();
  }
}

/** The handler's imports of the packages handlers may use, resolved to Blob URL modules (kept for the worker's life). */
export function resolveImports(code: string): Promise<string> {
  return resolveHandlerPackages(code, (moduleCode) =>
    URL.createObjectURL(new Blob([moduleCode], { type: 'text/javascript' })),
  );
}
