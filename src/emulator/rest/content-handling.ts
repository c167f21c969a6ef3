import { fromBase64, toBase64 } from '../shared/base64.js';
import { isBinaryMediaType, mediaTypeOf } from '../shared/headers.js';
import { requestMediaType } from './passthrough.js';

/**
 * Text and binary payloads of non-proxy REST integrations, and what `contentHandling` does with them, as
 * "Content type conversions in API Gateway" tabulates it:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings-workflow.html
 *
 * A payload is binary when the API's binaryMediaTypes match its media type (the request's Content-Type, the
 * integration response's Content-Type); everything else is text, a UTF-8 string. Converting text to binary
 * base64-decodes it (a failure is a 500 configuration error); converting binary to text base64-encodes it.
 */

export type ContentHandling = 'CONVERT_TO_BINARY' | 'CONVERT_TO_TEXT';

export interface Payload {
  kind: 'text' | 'binary';
  bytes: Uint8Array;
}

const UTF8 = new TextEncoder();
const UTF8_DECODER = new TextDecoder();

/** Reads `contentHandling` as written; null for anything else (absent included). */
export function parseContentHandling(raw: unknown): ContentHandling | null {
  return raw === 'CONVERT_TO_BINARY' || raw === 'CONVERT_TO_TEXT' ? raw : null;
}

/** Whether a Content-Type (or the first media type of an Accept header) is one of the API's binary media types. */
export function isBinaryType(headerValue: string | null, binaryMediaTypes: readonly string[]): boolean {
  return isBinaryMediaType(mediaTypeOf(headerValue), binaryMediaTypes);
}

/** A payload of the given media type: binary when binaryMediaTypes match it. */
export function payloadOf(bytes: Uint8Array, contentType: string | null, binaryMediaTypes: readonly string[]): Payload {
  return { kind: isBinaryType(contentType, binaryMediaTypes) ? 'binary' : 'text', bytes };
}

/**
 * The method request's payload. A request without Content-Type is taken as application/json, as API Gateway takes
 * it when choosing a mapping template ("None (default to application/json)",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-passthrough-behaviors.html); so `*\/*`
 * makes every request binary, bodiless ones such as a CORS preflight included (which is why those fail with `*\/*`
 * until their integration has CONVERT_TO_TEXT, see templateInputOf).
 */
export function requestPayloadOf(
  body: Uint8Array | null,
  contentType: string | null,
  binaryMediaTypes: readonly string[],
): Payload {
  return payloadOf(body ?? new Uint8Array(), requestMediaType(contentType), binaryMediaTypes);
}

/**
 * Converts a payload to text or binary. Text stays the "UTF8-encoded string" it is (bytes that are not UTF-8
 * are replaced, as a text payload is a string); binary to text is base64-encoded; text to binary is
 * base64-decoded, or null when the text is not base64 ("it returns a 500 response indicating an API
 * configuration error").
 */
export function convertPayload(payload: Payload, to: 'text' | 'binary'): Payload | null {
  if (payload.kind === to)
    return payload.kind === 'text' ? { kind: 'text', bytes: UTF8.encode(UTF8_DECODER.decode(payload.bytes)) } : payload;
  if (to === 'text') return { kind: 'text', bytes: UTF8.encode(toBase64(payload.bytes)) };
  const decoded = fromBase64Payload(UTF8_DECODER.decode(payload.bytes));
  return decoded && { kind: 'binary', bytes: decoded };
}

/**
 * What a mapping template sees as `$input.body`, or null when the template cannot transform the payload.
 * A text payload is read as it is. A binary payload must be converted to text first, with CONVERT_TO_TEXT:
 * "When converting a binary payload to a text string, API Gateway always applies a Base64 encoding on the binary
 * data. You can define a mapping template for such a payload, but can only access the Base64-encoded string in
 * the mapping template through `$input.body`." Left binary (contentHandling unset or CONVERT_TO_BINARY), the
 * page's tables give the integration "Binary data", which no template transforms: AWS's execution log then reads
 * "Method request body before transformations: [Binary Data]" and "Execution failed due to configuration error:
 * Unable to transform request" (500), as quoted in aws/serverless-application-model#553 for binaryMediaTypes
 * `*\/*`, where setting CONVERT_TO_TEXT on the integration is the reported fix.
 */
export function templateInputOf(payload: Payload, contentHandling: ContentHandling | undefined): string | null {
  if (payload.kind === 'text') return UTF8_DECODER.decode(payload.bytes);
  return contentHandling === 'CONVERT_TO_TEXT' ? toBase64(payload.bytes) : null;
}

/**
 * The integration request payload, without a mapping template (the request table): CONVERT_TO_TEXT makes it
 * text, CONVERT_TO_BINARY binary; unset, it passes as it came.
 */
export function convertRequestPayload(payload: Payload, contentHandling: ContentHandling | undefined): Payload | null {
  return convertPayload(
    payload,
    contentHandling === 'CONVERT_TO_TEXT' ? 'text' : contentHandling === 'CONVERT_TO_BINARY' ? 'binary' : payload.kind,
  );
}

/**
 * The method response payload, without a mapping template (the response table): CONVERT_TO_TEXT makes it text,
 * CONVERT_TO_BINARY binary; unset, the client's Accept decides: binary when its first media type is one of the
 * binaryMediaTypes ("API Gateway only honors the first Accept media type"), text otherwise. So with
 * binaryMediaTypes set, text data for a binary Accept is base64-decoded and binary data for a text Accept is
 * base64-encoded; with none set, every payload is text.
 */
export function convertResponsePayload(
  payload: Payload,
  contentHandling: ContentHandling | undefined,
  acceptsBinary: boolean,
): Payload | null {
  return convertPayload(
    payload,
    contentHandling === 'CONVERT_TO_TEXT'
      ? 'text'
      : contentHandling === 'CONVERT_TO_BINARY'
        ? 'binary'
        : acceptsBinary
          ? 'binary'
          : 'text',
  );
}

/**
 * After a mapping template, whose output is text: CONVERT_TO_BINARY base64-decodes it (the "Text data →
 * CONVERT_TO_BINARY → Base64-decoded binary blob" row); otherwise it stays text. AWS's page describes the
 * conversions for a payload and `$input.body` for a template, not a template's output under CONVERT_TO_BINARY:
 * this is the documented row applied to the text the template produced.
 */
export function convertTemplateOutput(output: string, contentHandling: ContentHandling | undefined): Payload | null {
  const text: Payload = { kind: 'text', bytes: UTF8.encode(output) };
  return contentHandling === 'CONVERT_TO_BINARY' ? convertPayload(text, 'binary') : text;
}

/**
 * Base64 → bytes, or null when the text is not base64. The quotes of a JSON string are ignored too: a Lambda custom
 * integration's result is JSON, and AWS's example of CONVERT_TO_BINARY is "a Lambda function returns an image file
 * as a base64-encoded string"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings-configure-with-control-service-api.html).
 */
export function fromBase64Payload(text: string): Uint8Array | null {
  const trimmed = text.trim();
  return fromBase64(
    trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed,
  );
}
