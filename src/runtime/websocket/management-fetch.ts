/**
 * The handler side of the TypeScript bridge to the chat's gateway: `fetch` whose requests to the management endpoint
 * (`AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI`, the origin the runtime chose) go to `forward` (the gateway's
 * `handleManagement`, across workers), every other request to the original `fetch`. The SDK's browser build calls
 * `fetch`, so `@aws-sdk/client-apigatewaymanagementapi` reaches the in-page gateway unchanged. Pure.
 */
import {
  requestOfWire,
  responseOfWire,
  wireRequestOf,
  wireResponseOf,
  type WireRequest,
  type WireResponse,
} from './management-wire.js';

export type ManagementForward = (request: WireRequest) => Promise<WireResponse>;

/** Whether `url` is on the endpoint's origin (its scheme, host and port). */
export const isEndpointUrl = (url: string, endpoint: string): boolean => {
  try {
    return new URL(url).origin === new URL(endpoint).origin;
  } catch {
    return false;
  }
};

export function routingFetch(
  original: typeof fetch,
  endpoint: () => string | undefined,
  forward: ManagementForward,
): typeof fetch {
  return async (input, init) => {
    const target = endpoint();
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!target || !isEndpointUrl(url, target)) return original(input, init);
    const request = new Request(input, init);
    if (request.signal?.aborted)
      throw request.signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
    return responseOfWire(await forward(await wireRequestOf(request)));
  };
}

/**
 * Serves a wire request with `handle` (the gateway's handleManagement), given the headers as sent (`rawHeaders`: a
 * browser's Request drops Content-Length, which SigV4 signs); a thrown error is a 500 with its message.
 */
export async function serveWire(
  handle: (request: Request, rawHeaders: Array<[string, string]>) => Promise<Response>,
  wire: WireRequest,
): Promise<WireResponse> {
  try {
    return await wireResponseOf(await handle(requestOfWire(wire), wire.headers));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return wireResponseOf(
      new Response(JSON.stringify({ message }), { status: 500, headers: { 'Content-Type': 'application/json' } }),
    );
  }
}
