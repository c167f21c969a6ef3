/**
 * The time limits API Gateway puts on a streamed response body, and a count of what passed, for the trace.
 * "You can stream your response for up to 15 minutes. Your streams are subject to idle timeouts. For Regional or
 * private endpoints, the timeout is 5 minutes. For edge-optimized endpoints, the timeout is 30 seconds."
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode.html
 * A stream cut short reaches the client as a truncated transfer (curl's "transfer closed with outstanding read data
 * remaining", which AWS's troubleshooting page ties to an integration timeout that is too short:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/response-streaming-troubleshoot.html); here the body
 * stream errors, which a Fetch client sees the same way.
 */

import type { EndpointType } from './model.js';

/** The idle timeout of a streamed response by endpoint type (EDGE 30 s; REGIONAL and PRIVATE 5 min). */
export function idleTimeoutMs(endpointType: EndpointType): number {
  return endpointType === 'EDGE' ? 30_000 : 300_000;
}

/** How a streamed body ended. */
export type StreamEnd =
  | { state: 'complete' }
  /** Cut by the gateway: the integration timeout (counted from the integration call) or the idle timeout. */
  | { state: 'cut'; reason: 'timeout' | 'idle' }
  /** The integration failed mid-stream (e.g. the function threw after writing). */
  | { state: 'failed'; error: unknown }
  /** The client went away. */
  | { state: 'cancelled' };

export interface StreamLimits {
  /** Milliseconds left, when the stream starts, of the time the integration may take in all (its timeoutInMillis). */
  remainingMs: number;
  /** The longest wait between two chunks. */
  idleMs: number;
  /** Called for each chunk passed on. */
  onChunk?: (bytes: number) => void;
  /** Called once, when the body ends one way or another. */
  onEnd?: (end: StreamEnd) => void;
}

/** Thrown into the client's stream when the gateway cuts it. */
export class StreamCutError extends Error {
  override name = 'StreamCutError';
}

/** `source` under `limits`: passed on chunk by chunk as it is read (nothing is read ahead). */
export function limitStream(source: ReadableStream<Uint8Array>, limits: StreamLimits): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  const clock = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
  const deadline = clock() + limits.remainingMs;
  let ended = false;
  const end = (e: StreamEnd) => {
    if (ended) return;
    ended = true;
    limits.onEnd?.(e);
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const left = deadline - clock();
        const wait = Math.max(0, Math.min(left, limits.idleMs));
        const byTotal = left <= limits.idleMs;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timedOut = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), wait);
        });
        let read: ReadableStreamReadResult<Uint8Array> | 'timeout';
        try {
          read = await Promise.race([reader.read(), timedOut]);
        } catch (error) {
          clearTimeout(timer);
          end({ state: 'failed', error });
          controller.error(error);
          return;
        }
        clearTimeout(timer);
        if (read === 'timeout') {
          end({ state: 'cut', reason: byTotal ? 'timeout' : 'idle' });
          reader.cancel(new StreamCutError(`${byTotal ? 'integration' : 'idle'} timeout`)).catch(() => {});
          controller.error(
            new StreamCutError(
              byTotal
                ? `the stream outlasted the integration timeout`
                : `no data for ${limits.idleMs} ms (idle timeout)`,
            ),
          );
          return;
        }
        if (read.done) {
          end({ state: 'complete' });
          controller.close();
          return;
        }
        limits.onChunk?.(read.value.byteLength);
        controller.enqueue(read.value);
      },
      cancel(reason) {
        end({ state: 'cancelled' });
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
