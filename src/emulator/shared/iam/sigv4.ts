import { Sha256 } from '@aws-crypto/sha256-js';
import { getCanonicalHeaders, getPayloadHash, SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest } from '@smithy/types';

/**
 * Signature Version 4 with AWS's own signer (`@smithy/signature-v4`, what the AWS SDK for JavaScript signs with): the
 * canonical request, the string to sign and the signature of a request given in parts, for signing a request and for
 * verifying one the same way. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */

/** The algorithm of every SigV4 signature. */
export const ALGORITHM = 'AWS4-HMAC-SHA256';

/** SignatureV4 with its canonical request and string to sign, protected in smithy, made public. */
class ExposedSignatureV4 extends SignatureV4 {
  canonicalRequestOf(request: HttpRequest, canonicalHeaders: Record<string, string>, payloadHash: string): string {
    return this.createCanonicalRequest(request, canonicalHeaders, payloadHash);
  }

  stringToSignOf(longDate: string, credentialScope: string, canonicalRequest: string): Promise<string> {
    return this.createStringToSign(longDate, credentialScope, canonicalRequest, ALGORITHM);
  }
}

/** A request as SigV4 reads it. */
export interface SignableParts {
  method: string;
  /** The path as sent (percent-encoded as on the wire); SigV4 encodes it once more (every service but S3). */
  path: string;
  /** The query string as sent, without `?`. */
  rawQuery: string;
  /** The headers to sign, by lower-case name (repeated headers' values joined with commas). */
  headers: Record<string, string>;
  body: Uint8Array | string | null;
  /** `20261203T225813Z`. */
  longDate: string;
  region: string;
  service: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** What signing a request produces, and what verifying one compares. */
export interface Sigv4Result {
  canonicalRequest: string;
  stringToSign: string;
  /** `20261203/us-east-1/execute-api/aws4_request`. */
  credentialScope: string;
  /** The lower-case signed header names, sorted and joined with `;`. */
  signedHeaders: string;
  signature: string;
}

/** The canonical request, string to sign and signature of `parts`, as AWS computes them. */
export async function sigv4(parts: SignableParts): Promise<Sigv4Result> {
  const { region, service, longDate } = parts;
  const signer = new ExposedSignatureV4({
    service,
    region,
    credentials: { accessKeyId: parts.accessKeyId, secretAccessKey: parts.secretAccessKey },
    sha256: Sha256,
    applyChecksum: false,
  });
  const request: HttpRequest = {
    method: parts.method,
    protocol: 'https:',
    hostname: parts.headers.host ?? '',
    path: parts.path,
    query: parseQuery(parts.rawQuery),
    headers: parts.headers,
    body: parts.body ?? undefined,
  };
  // Every header given is signed: `signableHeaders` keeps smithy from dropping the ones it never signs itself.
  const canonicalHeaders = getCanonicalHeaders(request, undefined, new Set(Object.keys(parts.headers)));
  const payloadHash = await getPayloadHash(request, Sha256);
  const canonicalRequest = signer.canonicalRequestOf(request, canonicalHeaders, payloadHash);
  const credentialScope = `${longDate.slice(0, 8)}/${region}/${service}/aws4_request`;
  const stringToSign = await signer.stringToSignOf(longDate, credentialScope, canonicalRequest);
  const signature = await signer.sign(stringToSign, {
    signingDate: dateOfLongDate(longDate) ?? new Date(0),
    signingRegion: region,
    signingService: service,
  });
  return {
    canonicalRequest,
    stringToSign,
    credentialScope,
    signedHeaders: Object.keys(canonicalHeaders).sort().join(';'),
    signature,
  };
}

/** `2026-12-03T22:58:13.000Z` → `20261203T225813Z`. */
export function longDateOf(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/[-:]|\.\d{3}/g, '');
}

/** `20261203T225813Z` → its Date; null when it is not that form. */
export function dateOfLongDate(longDate: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(longDate);
  if (!m) return null;
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The query as SigV4 canonicalises it: each name and value percent-decoded (then encoded again by the signer); `+`
 * stays a plus sign, as RFC 3986 has no other meaning for it.
 */
function parseQuery(rawQuery: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  if (!rawQuery) return query;
  for (const piece of rawQuery.split('&')) {
    if (!piece) continue;
    const eq = piece.indexOf('=');
    const name = decode(eq < 0 ? piece : piece.slice(0, eq));
    const value = eq < 0 ? '' : decode(piece.slice(eq + 1));
    const held = query[name];
    query[name] = held === undefined ? value : Array.isArray(held) ? [...held, value] : [held, value];
  }
  return query;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
