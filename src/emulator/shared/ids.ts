/** Identifiers in the shapes API Gateway uses. Web Crypto only, so this runs in any runtime. */

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random bytes drawn from a pool refilled 4 KiB at a time (one getRandomValues call per request is slow in Node). */
const pool = new Uint8Array(4096);
let poolOffset = pool.length;

/** `length` fresh random bytes (at most the pool's size). */
export function randomBytes(length: number): Uint8Array {
  const at = draw(length);
  return pool.slice(at, at + length);
}

/** Offset of `length` fresh bytes in the pool (read them before the next draw). */
function draw(length: number): number {
  if (poolOffset + length > pool.length) {
    crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  const at = poolOffset;
  poolOffset += length;
  return at;
}

/** Random string of `length` characters drawn from `alphabet`. */
function randomString(length: number, alphabet: string): string {
  const at = draw(length);
  let out = '';
  for (let i = at; i < at + length; i++) out += alphabet[pool[i]! % alphabet.length];
  return out;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Random lower-case hex of `length` characters. */
export function randomHex(length: number): string {
  const n = (length + 1) >> 1;
  const at = draw(n);
  let out = '';
  for (let i = at; i < at + n; i++) out += HEX[pool[i]!];
  return out.length === length ? out : out.slice(0, length);
}

/** A CloudFront request id (`X-Amz-Cf-Id`): 56 characters of URL-safe base64. */
export function newCloudFrontId(): string {
  return randomString(56, `${ALNUM}-_`);
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
  return `1-${Math.floor(epochMs / 1000)
    .toString(16)
    .padStart(8, '0')}-${randomHex(24)}`;
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
