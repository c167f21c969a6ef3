import type { GatewayResult } from '../gateway-types.js';
import type { HeaderList } from '../headers.js';
import { NULL_BODY_STATUSES } from '../http-status.js';
import type { GatewayTrace } from '../trace.js';
import { monotonic } from './monotonic.js';

/** A buffered answer whose Fetch `Response` is built on first access: building one costs more than the rest of a request. */
export class BufferedResult implements GatewayResult {
  readonly body: Uint8Array | null;
  #response: Response | undefined;
  readonly #status: number;
  readonly #headers: HeaderList;
  readonly #omitted: readonly string[];

  /** `omitted`: lower-case names of wire headers the Fetch `Response` leaves out (Content-Length, …). */
  constructor(
    readonly trace: GatewayTrace,
    body: Uint8Array | null,
    status: number,
    headers: HeaderList,
    omitted: readonly string[],
  ) {
    this.body = body && body.length ? body : null;
    this.#status = status;
    this.#headers = headers;
    this.#omitted = omitted;
  }

  get response(): Response {
    this.#response ??= new Response(
      NULL_BODY_STATUSES.has(this.#status) ? null : (this.body as Uint8Array<ArrayBuffer> | null),
      {
        status: this.#status,
        headers: this.#headers.filter(([n]) => !this.#omitted.includes(n.toLowerCase())),
      },
    );
    return this.#response;
  }
}

/** A streamed answer: the status and headers now, the body as it comes (`trace.responseLength` counts it as it goes). */
export class StreamedResult implements GatewayResult {
  readonly body = undefined;
  #response: Response | undefined;
  readonly #status: number;
  readonly #headers: HeaderList;

  constructor(
    readonly trace: GatewayTrace,
    status: number,
    headers: HeaderList,
    readonly bodyStream: ReadableStream<Uint8Array> | null,
  ) {
    this.#status = status;
    this.#headers = headers;
  }

  get response(): Response {
    this.#response ??= new Response(this.bodyStream, { status: this.#status, headers: this.#headers });
    return this.#response;
  }
}

/** Completes the trace of a buffered answer and wraps it. */
export function finishBuffered(
  trace: GatewayTrace,
  started: number,
  status: number,
  headers: HeaderList,
  body: Uint8Array | null,
  omitted: readonly string[],
): GatewayResult {
  trace.status = status;
  trace.responseHeaders = headers;
  trace.responseLength = body?.length ?? 0;
  trace.responseBody = body;
  trace.timings.totalMs = monotonic() - started;
  return new BufferedResult(trace, body, status, headers, omitted);
}

/** Completes the trace of a streamed answer (its body still to come) and wraps it. */
export function finishStreamed(
  trace: GatewayTrace,
  started: number,
  status: number,
  headers: HeaderList,
  body: ReadableStream<Uint8Array> | null,
): GatewayResult {
  trace.status = status;
  trace.responseHeaders = headers;
  trace.timings.totalMs = monotonic() - started;
  return new StreamedResult(trace, status, headers, body);
}
