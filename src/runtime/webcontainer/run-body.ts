/**
 * The body of `POST /__sandbox/run` (the page's run, as JSON), sized so that the container's server reaches the same
 * outcome as the Worker runtime whatever the request body: API Gateway answers 413 for a body over its 10 MiB payload
 * limit on its size alone, before anything else, so the page sends at most the first {@link MAX_SENT_BODY_BYTES}
 * bytes of a body with the body's size, and the server gives the gateway a body of that size again.
 */
import { MAX_PAYLOAD_BYTES } from '../../emulator/rest/gateway-responses.js';
import { HTTP_API_MAX_PAYLOAD_BYTES } from '../../emulator/http-api/responses.js';
import { serviceCallToJson, type ServiceCallJson } from '../run-services.js';
import type { RunRequest, SandboxRun } from '../types.js';

/** One byte over API Gateway's payload limit (10 MiB, REST and HTTP APIs): a body of this size already gets 413. */
export const MAX_SENT_BODY_BYTES = Math.max(MAX_PAYLOAD_BYTES, HTTP_API_MAX_PAYLOAD_BYTES) + 1;

/**
 * The most a run's JSON can take: a body of {@link MAX_SENT_BODY_BYTES} at its worst escaped (a control character is
 * 1 byte and 6 characters, `\u0000`), and a mebibyte for the method, path and headers.
 */
export const MAX_RUN_JSON_BYTES = 6 * MAX_SENT_BODY_BYTES + 1024 * 1024;

/** The body of `POST /__sandbox/run`. */
export interface SandboxRunBody {
  /** The run's request; its body cut to its first {@link MAX_SENT_BODY_BYTES} at most (whole characters). */
  request: RunRequest;
  /** The body's size in UTF-8 bytes, when the request carries only its beginning. */
  bodyBytes?: number;
  /** Sign in or sign the requests (SandboxRun.auth), with the server's user pool or the example's credentials. */
  auth?: SandboxRun['auth'];
  /** Requests sent first on the same gateway (SandboxRun.before). */
  before?: SandboxRun['before'];
  /** The session whose gateway the run goes to (SandboxRun.session); absent: a gateway deployed for this run. */
  session?: string;
  /** Return the request's GatewayTrace in the outcome (SandboxRun.withTrace: the Traffic panel). */
  withTrace?: boolean;
  /** Wire calls to the services instead of the request (SandboxRun.serviceCalls), their bodies as UTF-8 text. */
  serviceCalls?: ServiceCallJson[];
}

/** The page's side: the body for a run (its request as {@link runBodyOf} sends it, its auth, before and session). */
export function sandboxRunBodyOf(
  run: Pick<SandboxRun, 'request' | 'auth' | 'before' | 'session' | 'withTrace' | 'serviceCalls'>,
): SandboxRunBody {
  return {
    ...runBodyOf(run.request),
    ...(run.auth ? { auth: run.auth } : {}),
    ...(run.before?.length ? { before: run.before } : {}),
    ...(run.session !== undefined ? { session: run.session } : {}),
    ...(run.withTrace ? { withTrace: true } : {}),
    ...(run.serviceCalls ? { serviceCalls: run.serviceCalls.map(serviceCallToJson) } : {}),
  };
}

const UTF8 = new TextEncoder();

/** The page's side: the run's request, its body cut when it is too large to matter past its size. */
export function runBodyOf(request: RunRequest): SandboxRunBody {
  if (request.body === null || request.body.length * 3 < MAX_SENT_BODY_BYTES) return { request };
  const bytes = UTF8.encode(request.body);
  if (bytes.length <= MAX_SENT_BODY_BYTES) return { request };
  let end = MAX_SENT_BODY_BYTES;
  while ((bytes[end]! & 0xc0) === 0x80) end--; // not inside a character
  return { request: { ...request, body: new TextDecoder().decode(bytes.subarray(0, end)) }, bodyBytes: bytes.length };
}

/**
 * The server's side: the run's request with a body of the size the page's had. A body the page cut is made up again
 * with NUL characters to its size: the gateway answers 413 on the size and reads none of it.
 */
export function runRequestOf(body: SandboxRunBody): RunRequest {
  const { request, bodyBytes } = body;
  if (bodyBytes === undefined) return request;
  const sent = request.body === null ? 0 : UTF8.encode(request.body).length;
  if (!Number.isSafeInteger(bodyBytes) || bodyBytes < sent || bodyBytes <= MAX_SENT_BODY_BYTES) {
    throw new TypeError(
      `bodyBytes must be the size of a body over ${MAX_SENT_BODY_BYTES} bytes, at least the ${sent} bytes sent`,
    );
  }
  return { ...request, body: (request.body ?? '') + '\0'.repeat(bodyBytes - sent) };
}
