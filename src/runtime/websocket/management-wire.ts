/**
 * An HTTP request/response as plain data, to cross between the handler worker and the chat's gateway worker: the
 * shape of the boto3 shim's sync-call contract (`{status, headers, bodyBase64}`), used by the TypeScript bridge too.
 * Pure: web-standard only.
 */

export interface WireRequest {
  method: string;
  url: string;
  headers: Array<[string, string]>;
  bodyBase64: string;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  bodyBase64: string;
}

/** Bytes → base64 (chunked: String.fromCharCode takes a bounded number of arguments). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Base64 → bytes. */
export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * A fetch Request as it goes on the wire: a browser's Request carries no `Content-Length` (a forbidden header, which
 * the network stack adds from the body), yet SigV4 clients sign it, so it is added here as the network would.
 */
export async function wireRequestOf(request: Request): Promise<WireRequest> {
  const body = request.method === 'GET' || request.method === 'HEAD' ? new Uint8Array() : await request.bytes();
  const headers: Array<[string, string]> = [...request.headers];
  if (body.length > 0 && !request.headers.has('content-length')) headers.push(['content-length', String(body.length)]);
  return { method: request.method, url: request.url, headers, bodyBase64: toBase64(body) };
}

/** A Request of wire data; its headers as sent are `wire.headers` (a browser's Request drops the forbidden ones). */
export function requestOfWire(wire: WireRequest): Request {
  const body = wire.bodyBase64 ? fromBase64(wire.bodyBase64) : null;
  const hasBody = body !== null && body.length > 0 && wire.method !== 'GET' && wire.method !== 'HEAD';
  return new Request(wire.url, {
    method: wire.method,
    headers: wire.headers,
    body: hasBody ? (body as Uint8Array<ArrayBuffer>) : null,
  });
}

export async function wireResponseOf(response: Response): Promise<WireResponse> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  return { status: response.status, headers, bodyBase64: toBase64(await response.bytes()) };
}

/** A Response from wire data (no body for the statuses that cannot have one). */
export function responseOfWire(wire: WireResponse): Response {
  const empty = wire.status === 204 || wire.status === 205 || wire.status === 304;
  return new Response(empty ? null : (fromBase64(wire.bodyBase64) as Uint8Array<ArrayBuffer>), {
    status: wire.status,
    headers: wire.headers,
  });
}
