import type { HeaderList } from '../headers.js';
import type { IamPrincipal, IamRegistry } from './principals.js';
import { ALGORITHM, dateOfLongDate, longDateOf, sigv4 } from './sigv4.js';

/**
 * Verifies a request's Signature Version 4 as API Gateway does for IAM authorization (AWS_IAM): the `Authorization`
 * header is parsed, the access key looked up, the date held to five minutes of the gateway's clock, and the signature
 * computed again, with the key's secret, from the request as it arrived (method, path as sent, query string, the headers
 * the signature names, the body's SHA-256). The verdict's messages are AWS's, as captured from API Gateway where noted
 * on each; the order of the checks (header, date, key, scope, clock, signature) is assumed.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 * https://repost.aws/knowledge-center/api-gateway-iam-sigv4-mismatch
 */

/** What the gateway received, as the signature covers it. */
export interface ReceivedRequest {
  method: string;
  /** The URL's path as sent (percent-encoded; the stage, or a custom domain's base path, included). */
  path: string;
  rawQuery: string;
  /** Headers in wire order and case. */
  headers: HeaderList;
  /** The Host the client addressed: the `host` header's value when a runtime (a browser's fetch) leaves it out. */
  host: string;
  body: Uint8Array | null;
  /** The gateway's clock (epoch ms). */
  epochMs: number;
  /** The API's Region: the credential scope must name it. */
  region: string;
}

/** The verdict on a request's signature. */
export type SignatureVerdict =
  /** The signature is the key's: the caller is its principal. */
  | { kind: 'signed'; principal: IamPrincipal }
  /** No `Authorization` header: `Missing Authentication Token`. */
  | { kind: 'missing' }
  /** An `Authorization` header SigV4 cannot read (IncompleteSignatureException), with AWS's message. */
  | { kind: 'incomplete'; message: string }
  /** An access key the gateway does not know (UnrecognizedClientException). */
  | { kind: 'unrecognized'; accessKeyId: string }
  /** A bad scope, a date out of the clock's window, or a signature that differs (InvalidSignatureException). */
  | { kind: 'invalid'; message: string; detail: string };

/** How far a request's date may be from the gateway's clock: "within 5 minutes" (reference_sigv-troubleshooting.html). */
const SKEW_MS = 5 * 60 * 1000;

/** The signature API Gateway computes for a request does not match: its message, with AWS's two paragraphs. */
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** Verifies `request`'s signature against the keys in `registry`. */
export async function verifySignature(
  request: ReceivedRequest,
  registry: IamRegistry | undefined,
): Promise<SignatureVerdict> {
  const lower = request.headers.map(([name]) => name.toLowerCase());
  const headerValue = (name: string): string | undefined => {
    let value: string | undefined;
    for (let i = 0; i < lower.length; i++)
      if (lower[i] === name)
        value = value === undefined ? request.headers[i]![1] : `${value},${request.headers[i]![1]}`;
    return value;
  };
  const authorization = headerValue('authorization');
  if (authorization === undefined) {
    const query = queryAuthParams(request.rawQuery);
    return query ? verifyPresigned(request, registry, query, headerValue) : { kind: 'missing' };
  }

  // "Authorization header requires 'Credential' parameter. … Authorization=Bearer …": AWS's IncompleteSignature
  // message, as captured from execute-api for a header that is not SigV4 (e.g. a JWT sent to an IAM method), which
  // names each missing part, then the header.
  const params = new Map<string, string>();
  const space = authorization.indexOf(' ');
  const algorithm = space < 0 ? authorization : authorization.slice(0, space);
  if (algorithm === ALGORITHM) {
    for (const piece of authorization.slice(space + 1).split(',')) {
      const pair = piece.trim();
      if (!pair) continue;
      const eq = pair.indexOf('=');
      if (eq < 0)
        // AWS's wording for a pair without "=" (captured from another AWS service; assumed for API Gateway).
        return {
          kind: 'incomplete',
          message: `'${pair}' not a valid key=value pair (missing equal-sign) in Authorization header: '${authorization}'.`,
        };
      params.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }
  const amzDate = headerValue('x-amz-date');
  const httpDate = headerValue('date');
  const missing: string[] = [];
  for (const name of ['Credential', 'Signature', 'SignedHeaders'])
    if (!params.get(name)) missing.push(`Authorization header requires '${name}' parameter.`);
  if (amzDate === undefined && httpDate === undefined)
    missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  if (missing.length) return { kind: 'incomplete', message: `${missing.join(' ')} Authorization=${authorization}` };
  return verifyParts(
    request,
    registry,
    {
      credential: params.get('Credential')!,
      signedHeaders: params.get('SignedHeaders')!,
      signature: params.get('Signature')!,
      amzDate,
      httpDate,
      expiresSeconds: undefined,
    },
    headerValue,
  );
}

/** What a signature names, from the Authorization header or the query string. */
interface SignatureParts {
  credential: string;
  signedHeaders: string;
  signature: string;
  amzDate: string | undefined;
  httpDate: string | undefined;
  /** A presigned URL's `X-Amz-Expires` (seconds); undefined for the Authorization header. */
  expiresSeconds: number | undefined;
}

/** The checks after the signature's parts are read: the host signed, the date, the key, the scope, the clock, the signature. */
async function verifyParts(
  request: ReceivedRequest,
  registry: IamRegistry | undefined,
  parts: SignatureParts,
  headerValue: (name: string) => string | undefined,
): Promise<SignatureVerdict> {
  const { amzDate, httpDate } = parts;
  const signedHeaders = parts.signedHeaders.split(';');
  if (!signedHeaders.includes('host'))
    // AWS's wording (SigV4 services; assumed for API Gateway): the host must be signed.
    return { kind: 'incomplete', message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization." };

  // The date: X-Amz-Date (ISO 8601 basic format), else the HTTP Date header.
  let date: Date | null;
  if (amzDate !== undefined) {
    date = dateOfLongDate(amzDate);
    if (!date)
      return {
        kind: 'invalid',
        message: `Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`,
        detail: `X-Amz-Date "${amzDate}" is not YYYYMMDDTHHMMSSZ`,
      };
  } else {
    const parsed = Date.parse(httpDate!);
    date = Number.isNaN(parsed) ? null : new Date(parsed);
    if (!date) return { kind: 'incomplete', message: `Invalid date header: '${httpDate}'.` };
  }
  const longDate = longDateOf(date.getTime());

  const [accessKeyId = '', scopeDate, scopeRegion, scopeService, terminator, ...extra] = parts.credential.split('/');
  const principal = registry?.forAccessKey(accessKeyId);
  // "If the access key is incorrect, then you receive the following error: The security token included in the request
  // is invalid." (repost.aws/knowledge-center/api-gateway-iam-sigv4-mismatch)
  if (!principal) return { kind: 'unrecognized', accessKeyId };
  // The credential scope's checks, in the words AWS's SigV4 services answer them with (assumed for API Gateway).
  const invalid = (message: string, detail = message) => ({ kind: 'invalid' as const, message, detail });
  if (extra.length || terminator !== 'aws4_request')
    return invalid(`Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator ?? ''}'.`);
  if (scopeService !== 'execute-api') return invalid("Credential should be scoped to correct service: 'execute-api'.");
  if (scopeRegion !== request.region)
    return invalid(`Credential should be scoped to a valid region, not '${scopeRegion}'.`);
  if (scopeDate !== longDate.slice(0, 8))
    return invalid(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${longDate.slice(0, 8)}', from '${longDate}'.`,
    );

  // "Signature expired: 20201027T123008Z is now earlier than 20201027T125507Z (20201027T130007Z - 5 min.)" and
  // "Signature not yet current: 20230804T000000Z is still later than 20230803T172233Z (20230803T171733Z + 5 min.)",
  // as captured from API Gateway (https://github.com/mhart/aws4/issues/118,
  // https://github.com/NickWaterton/Roomba980-Python/issues/118).
  const now = request.epochMs - (request.epochMs % 1000);
  if (parts.expiresSeconds !== undefined && date.getTime() + parts.expiresSeconds * 1000 < now)
    // A presigned URL past its X-Amz-Expires: worded as the header form's expiry (assumed).
    return invalid(
      `Signature expired: ${longDate} is now earlier than ${longDateOf(now - parts.expiresSeconds * 1000)} (${longDateOf(now)} - ${parts.expiresSeconds} sec.)`,
    );
  if (parts.expiresSeconds === undefined && date.getTime() < now - SKEW_MS)
    return invalid(
      `Signature expired: ${longDate} is now earlier than ${longDateOf(now - SKEW_MS)} (${longDateOf(now)} - 5 min.)`,
    );
  if (date.getTime() > now + SKEW_MS)
    return invalid(
      `Signature not yet current: ${longDate} is still later than ${longDateOf(now + SKEW_MS)} (${longDateOf(now)} + 5 min.)`,
    );

  const signed: Record<string, string> = {};
  for (const name of signedHeaders) signed[name] = headerValue(name) ?? (name === 'host' ? request.host : '');
  const expected = await sigv4({
    method: request.method,
    path: request.path,
    rawQuery: request.rawQuery,
    headers: signed,
    body: request.body,
    longDate,
    region: request.region,
    service: 'execute-api',
    accessKeyId,
    secretAccessKey: principal.secretAccessKey,
  });
  if (expected.signature !== parts.signature)
    // As captured from execute-api (https://github.com/mhart/aws4/issues/33,
    // https://github.com/aws-amplify/amplify-android/issues/241): the canonical request and the string to sign it
    // computed, each between single quotes.
    return invalid(
      `${MISMATCH}\n\nThe Canonical String for this request should have been\n'${expected.canonicalRequest}'\n\nThe String-to-Sign should have been\n'${expected.stringToSign}'\n`,
      `The signature ${parts.signature} is not ${accessKeyId}'s for this request (expected ${expected.signature})`,
    );
  return { kind: 'signed', principal };
}

/** The names of query-string (presigned) authentication's parameters. */
const QUERY_AUTH = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Signature',
  'X-Amz-Date',
  'X-Amz-SignedHeaders',
  'X-Amz-Expires',
];

/** A presigned request's `X-Amz-*` parameters (decoded), or null when the query has no `X-Amz-Algorithm`. */
function queryAuthParams(rawQuery: string): Map<string, string> | null {
  if (!rawQuery.includes('X-Amz-Algorithm=')) return null;
  const params = new Map<string, string>();
  for (const piece of rawQuery.split('&')) {
    const eq = piece.indexOf('=');
    const name = eq < 0 ? piece : piece.slice(0, eq);
    if (!QUERY_AUTH.includes(name)) continue;
    try {
      params.set(name, decodeURIComponent(piece.slice(eq + 1)));
    } catch {
      params.set(name, piece.slice(eq + 1));
    }
  }
  return params.has('X-Amz-Algorithm') ? params : null;
}

/**
 * Query-string authentication (a presigned URL): the signature's parts in `X-Amz-*` query parameters, valid for
 * `X-Amz-Expires` seconds from `X-Amz-Date`
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html). That API Gateway
 * accepts it as it does the header is assumed; the message for a missing parameter is AWS's for query-string
 * authentication (assumed for API Gateway).
 */
function verifyPresigned(
  request: ReceivedRequest,
  registry: IamRegistry | undefined,
  query: Map<string, string>,
  headerValue: (name: string) => string | undefined,
): Promise<SignatureVerdict> | SignatureVerdict {
  const expires = Number(query.get('X-Amz-Expires'));
  if (query.get('X-Amz-Algorithm') !== ALGORITHM || QUERY_AUTH.some((name) => !query.get(name)) || !(expires >= 1))
    return {
      kind: 'incomplete',
      message:
        "AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', and 'X-Amz-Expires'. Re-examine the query-string parameters.",
    };
  return verifyParts(
    request,
    registry,
    {
      credential: query.get('X-Amz-Credential')!,
      signedHeaders: query.get('X-Amz-SignedHeaders')!,
      signature: query.get('X-Amz-Signature')!,
      amzDate: query.get('X-Amz-Date'),
      httpDate: undefined,
      expiresSeconds: expires,
    },
    headerValue,
  );
}

/** A gateway's request context as far as its signature goes (REST and HTTP API contexts both are one). */
export interface SignedContext {
  method: string;
  url: { pathname: string; query: string };
  rawHeaders: HeaderList;
  host: string;
  body: Uint8Array | null;
  epochMs: number;
  services: { iam?: IamRegistry | undefined; home: { region: string } };
}

/** Verifies the signature of the request a gateway context holds, against the gateway's keys, in its Region. */
export const verifyContextSignature = (context: SignedContext): Promise<SignatureVerdict> =>
  verifySignature(
    {
      method: context.method,
      path: context.url.pathname,
      rawQuery: context.url.query,
      headers: context.rawHeaders,
      host: context.host,
      body: context.body,
      epochMs: context.epochMs,
      region: context.services.home.region,
    },
    context.services.iam,
  );
