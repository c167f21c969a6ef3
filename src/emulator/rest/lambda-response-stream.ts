import type { HeaderList } from '../shared/headers.js';
import { parseProxyResult } from '../shared/proxy-response.js';

/**
 * Reads what a streaming Lambda proxy integration's function writes: a JSON metadata object (`statusCode`, `headers`,
 * `multiValueHeaders`, `cookies`), a delimiter of 8 NUL bytes, then the raw body, which API Gateway passes on as it
 * arrives: "API Gateway begins the payload stream after it receives the valid metadata and delimiter from Lambda."
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode-lambda.html
 * The delimiter's length is that of AWS's Node.js runtime (aws-lambda-nodejs-runtime-interface-client,
 * src/stream/http-response-stream.ts, which writes `JSON.stringify(metadata)` then `new Uint8Array(8)`).
 */

/** The number of NUL bytes between the metadata and the body. */
export const DELIMITER_LENGTH = 8;

/**
 * How many bytes of metadata are read before giving up on finding the delimiter. 16 KB is second-hand (a digest of
 * AWS's page says "the metadata must appear within the first 16KB of stream data"; the stored AWS page text does
 * not show it): the emulator needs a bound in any case, so as not to buffer a body that has no metadata before it.
 */
export const MAX_METADATA_BYTES = 16 * 1024;

/** The metadata as API Gateway applies it. */
export interface StreamMetadata {
  statusCode: number;
  /** `headers` and `multiValueHeaders` merged as for a buffered proxy result (see ../shared/proxy-response.ts). */
  headers: HeaderList;
  /** `cookies`: each is sent as a `Set-Cookie` header. */
  cookies: string[];
  /** The metadata object as the function wrote it (for the trace). */
  raw: Record<string, unknown>;
}

export type SplitStream =
  /** Metadata and delimiter arrived: `body` streams the rest, unbuffered (it reads from the source only when read). */
  | { kind: 'response'; metadata: StreamMetadata; body: ReadableStream<Uint8Array> }
  /** The output has no valid metadata and delimiter; `prelude` is what was read (as text, for the trace). */
  | { kind: 'malformed'; reason: string; prelude: string }
  /** The source errored (the function failed) before the delimiter. */
  | { kind: 'failed'; error: unknown };

const NUL = 0;

/**
 * Reads `source` up to the delimiter and parses the metadata before it. On `response`, the caller owns `body`
 * (cancelling it cancels `source`); otherwise `source` has been cancelled or has ended.
 */
export async function splitLambdaResponseStream(
  source: ReadableStream<Uint8Array>,
  maxMetadataBytes = MAX_METADATA_BYTES,
): Promise<SplitStream> {
  const reader = source.getReader();
  let buffer: Uint8Array = new Uint8Array(0);
  /** Where to look for the first NUL (JSON text cannot hold a raw NUL byte, so the first one starts the delimiter). */
  let scanFrom = 0;
  const malformed = (reason: string): SplitStream => {
    reader.cancel().catch(() => {});
    return {
      kind: 'malformed',
      reason,
      prelude: TEXT.decode(buffer.subarray(0, Math.min(buffer.length, maxMetadataBytes))),
    };
  };
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      return { kind: 'failed', error };
    }
    if (chunk.done) {
      return malformed(
        buffer.length === 0
          ? 'the function wrote nothing (no metadata and delimiter)'
          : 'the output ended before the 8-byte delimiter after the metadata',
      );
    }
    buffer = concat(buffer, chunk.value);
    const nul = buffer.indexOf(NUL, scanFrom);
    if (nul < 0) {
      if (buffer.length > maxMetadataBytes) return malformed(`no delimiter within the first ${maxMetadataBytes} bytes`);
      scanFrom = buffer.length;
      continue;
    }
    scanFrom = nul;
    if (nul > maxMetadataBytes) return malformed(`no delimiter within the first ${maxMetadataBytes} bytes`);
    if (buffer.length < nul + DELIMITER_LENGTH) continue;
    for (let i = nul; i < nul + DELIMITER_LENGTH; i++) {
      if (buffer[i] !== NUL)
        return malformed(`${i - nul} NUL byte${i - nul > 1 ? 's' : ''} after the metadata, not the 8 of the delimiter`);
    }
    const parsed = parseMetadata(TEXT.decode(buffer.subarray(0, nul)));
    if (typeof parsed === 'string') return malformed(parsed);
    return { kind: 'response', metadata: parsed, body: remainder(buffer.subarray(nul + DELIMITER_LENGTH), reader) };
  }
}

/**
 * Parses the metadata JSON. Its fields follow the buffered proxy result's rules (statusCode 100–599, header values
 * strings, numbers or booleans); absent fields give a 200 without headers. Assumed, not documented: other fields are
 * ignored (the runtime's `HttpResponseStream.from` accepts any JSON object), and a `statusCode` absent means 200 (as
 * Lambda function URLs document for streamed responses without metadata).
 */
export function parseMetadata(text: string): StreamMetadata | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return `the metadata is not JSON: ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)}`;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return `the metadata is ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : `a ${typeof raw}`}, not an object`;
  const meta = raw as Record<string, unknown>;
  const checked = parseProxyResult({
    statusCode: meta.statusCode,
    headers: meta.headers,
    multiValueHeaders: meta.multiValueHeaders,
  });
  if (!checked.ok) return checked.reason;
  const cookies: string[] = [];
  if (meta.cookies !== undefined && meta.cookies !== null) {
    if (!Array.isArray(meta.cookies) || meta.cookies.some((c) => typeof c !== 'string'))
      return '"cookies" is not a list of strings';
    cookies.push(...(meta.cookies as string[]));
  }
  return { statusCode: checked.result.statusCode, headers: checked.result.headers, cookies, raw: meta };
}

/** A stream of `head` (when not empty) followed by what `reader` still gives, pulled one chunk per read. */
function remainder(head: Uint8Array, reader: ReadableStreamDefaultReader<Uint8Array>): ReadableStream<Uint8Array> {
  let first: Uint8Array | null = head.length ? head : null;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (first) {
          controller.enqueue(first);
          first = null;
          return;
        }
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

const TEXT = new TextDecoder();
