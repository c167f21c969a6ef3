import { ALWAYS_UNSIGNABLE_HEADERS, PROXY_HEADER_PATTERN, SEC_HEADER_PATTERN } from '@smithy/signature-v4';
import type { HeaderList } from '../headers.js';
import { ALGORITHM, longDateOf, sigv4, type Sigv4Result } from './sigv4.js';

/** A request to sign with an access key. */
export interface SignRequestInput {
  method: string;
  /** The absolute URL the request goes to (its host is signed as the `host` header). */
  url: string;
  /** The headers to send; each is signed but the ones SDKs never sign (User-Agent, Cache-Control, `Sec-*`, …). */
  headers?: HeaderList;
  body?: string | Uint8Array | null;
  accessKeyId: string;
  secretAccessKey: string;
  /** The API's Region (`us-east-1` when absent). */
  region?: string;
  /** `execute-api` when absent. */
  service?: string;
  /** When the request is signed (epoch ms; now when absent). */
  now?: number;
}

/** A signed request: the headers to send, and how the signature was made. */
export interface SignedRequest extends Omit<Sigv4Result, 'signedHeaders'> {
  /** The request's headers, then `X-Amz-Date` and `Authorization`. */
  headers: HeaderList;
}

/**
 * Signs a request with Signature Version 4 as an AWS SDK does for `execute-api`: the `host` header (from the URL, unless
 * given), the request's headers, `X-Amz-Date`, and the SHA-256 of the body. What the page's "sign this request" control
 * and the sandboxes send, and what `apigw-lab sign` prints.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
export async function signRequest(input: SignRequestInput): Promise<SignedRequest> {
  const url = new URL(input.url);
  const region = input.region ?? 'us-east-1';
  const service = input.service ?? 'execute-api';
  const longDate = longDateOf(input.now ?? Date.now());
  const given = (input.headers ?? []).filter(([name]) => !/^(authorization|x-amz-date)$/i.test(name));
  const headers: Record<string, string> = {};
  for (const [name, value] of given) {
    const lower = name.toLowerCase();
    if (lower in ALWAYS_UNSIGNABLE_HEADERS || PROXY_HEADER_PATTERN.test(lower) || SEC_HEADER_PATTERN.test(lower))
      continue;
    headers[lower] = lower in headers ? `${headers[lower]},${value}` : value;
  }
  headers.host ??= url.host;
  headers['x-amz-date'] = longDate;
  const result = await sigv4({
    method: input.method.toUpperCase(),
    path: url.pathname,
    rawQuery: url.search.slice(1),
    headers,
    body: input.body ?? null,
    longDate,
    region,
    service,
    accessKeyId: input.accessKeyId,
    secretAccessKey: input.secretAccessKey,
  });
  const authorization = `${ALGORITHM} Credential=${input.accessKeyId}/${result.credentialScope}, SignedHeaders=${result.signedHeaders}, Signature=${result.signature}`;
  return {
    headers: [...given, ['X-Amz-Date', longDate], ['Authorization', authorization]],
    canonicalRequest: result.canonicalRequest,
    stringToSign: result.stringToSign,
    credentialScope: result.credentialScope,
    signature: result.signature,
  };
}
