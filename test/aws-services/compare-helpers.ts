/** Helpers for comparing the embedded backends with a second implementation over HTTP. */
import type { ServiceLinks } from '../../src/emulator/aws-services/embedded-backend.js';
import type { EmbeddedEnv, ServiceRequest, ServiceResponse } from '../../src/emulator/aws-services/types.js';

/** An embedded backend's environment on the real clock, as the second implementation runs: no Lambda runner. */
export function realTimeEnv(accountId: string): Required<EmbeddedEnv> {
  return {
    region: 'us-east-1',
    accountId,
    now: () => Date.now(),
    invoke: async () => ({ kind: 'error', error: { errorMessage: 'none', errorType: 'Error' }, logs: [] }),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    uuid: () => crypto.randomUUID(),
  };
}

/** Links for a backend compared on its own: no other service answers. */
export const NO_LINKS: ServiceLinks = { call: async () => ({ status: 500, headers: [], body: '' }) };

/** Sends a ServiceRequest to a local server (a dummy SigV4 header: the servers check its presence only). */
export async function sendToServer(base: string, request: ServiceRequest): Promise<ServiceResponse> {
  const headers = new Headers(request.headers);
  headers.set(
    'Authorization',
    `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261204/${request.region}/${request.service}/aws4_request, SignedHeaders=host, Signature=0`,
  );
  const response = await fetch(base + request.path, {
    method: request.method,
    headers,
    body: request.method === 'GET' ? undefined : (request.body as Uint8Array<ArrayBuffer>),
  });
  return { status: response.status, headers: [...response.headers], body: await response.text() };
}

/** A JSON value with the values of the named keys replaced by `<KEY>` (ids, handles, timestamps). */
export function maskKeys(value: unknown, keys: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => maskKeys(item, keys));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, keys.includes(key) ? `<${key}>` : maskKeys(item, keys)]),
    );
  }
  return value;
}

/**
 * An XML document as its leaves (`A/B/C=text`), ids masked, in document order: comparable whatever the whitespace.
 * Enough for SQS's flat responses (no attributes besides xmlns, no mixed content).
 */
export function xmlLeaves(xml: string, maskedElements: readonly string[]): string[] {
  const leaves: string[] = [];
  const stack: string[] = [];
  const tokens = xml.replace(/<\?xml[^>]*\?>/, '').match(/<[^>]+>|[^<]+/g) ?? [];
  let text = '';
  for (const token of tokens) {
    if (token.startsWith('</')) {
      const name = stack.pop()!;
      if (text.trim() !== '' || leaves.length === 0 || !leaves.at(-1)!.startsWith(`${[...stack, name].join('/')}/`)) {
        if (text.trim() !== '')
          leaves.push(`${[...stack, name].join('/')}=${maskedElements.includes(name) ? `<${name}>` : decodeXml(text)}`);
      }
      text = '';
    } else if (token.startsWith('<')) {
      const name = token.slice(1).split(/[\s/>]/)[0]!;
      if (token.endsWith('/>')) leaves.push(`${[...stack, name].join('/')}=`);
      else stack.push(name);
      text = '';
    } else {
      text += token;
    }
  }
  return leaves;
}

/** XML text with its five predefined entities and numeric references decoded. */
function decodeXml(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
