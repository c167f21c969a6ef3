/** Identifiers in the shapes API Gateway uses. Web Crypto only, so this runs in any runtime. */

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random string of `length` characters drawn from `alphabet`. */
function randomString(length: number, alphabet: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

/** Random lower-case hex of `length` characters. */
export function randomHex(length: number): string {
  return randomString(length, '0123456789abcdef');
}

/** A request id, a UUID as API Gateway's `requestId` is. */
export function newRequestId(): string {
  return crypto.randomUUID();
}

/** An `extendedRequestId` / `x-amz-apigw-id` value: 16 characters ending in `=`, like `HyZ4bF4_IAMEb3Q=`. */
export function newExtendedRequestId(): string {
  return `${randomString(15, ALNUM)}=`;
}

/** An X-Ray trace id root: `1-<8 hex epoch seconds>-<24 hex random>`. https://docs.aws.amazon.com/xray/latest/devguide/xray-api-sendingdata.html */
export function newTraceRoot(epochMs: number): string {
  return `1-${Math.floor(epochMs / 1000).toString(16).padStart(8, '0')}-${randomHex(24)}`;
}

/** A stable 10-character lower-case id derived from `text` (FNV-1a), for resource and API ids. */
export function stableId(text: string, length = 10): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  let out = '';
  for (let round = 0; out.length < length; round++) {
    for (let i = 0; i < text.length; i++) {
      h1 = Math.imul(h1 ^ text.charCodeAt(i), 16777619) >>> 0;
      h2 = Math.imul(h2 ^ (text.charCodeAt(i) + round), 2246822519) >>> 0;
    }
    out += LOWER_ALNUM[h1 % 36]! + LOWER_ALNUM[h2 % 36]!;
  }
  return out.slice(0, length);
}
