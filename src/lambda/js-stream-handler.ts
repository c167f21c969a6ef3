/**
 * Runs a streamified JavaScript handler (`awslambda.streamifyResponse(async (event, responseStream, context) => …)`)
 * the way AWS's Node.js runtime does, and gives what it writes as a web ReadableStream as it writes it: the
 * {@link StreamedInvocation} a gateway's `invokeStream` returns. Pure (no Node imports): usable by the CLI's worker
 * thread and the page's Worker alike.
 * Runtime behaviour after aws/aws-lambda-nodejs-runtime-interface-client src/runtime/streaming-invoke-processor.ts
 * (read, not copied): a handler that does not return a promise fails with "Streaming does not support non-async
 * handlers."; a value it resolves with is ignored, with the warning "Streaming handlers ignore return values."; the
 * invocation ends when the handler has settled and the stream has ended; an error ends the stream after what was
 * written (the runtime's error trailers), reported as the function's error.
 */
import type { InvokeOutcome, LambdaContextInit, StreamedInvocation } from '../emulator/shared/invoker.js';
import { createLambdaContext, type LambdaContext } from './context.js';
import { captureInvocationLogs, formatInvokeError, toErrorPayload, type InvokeJsOptions } from './js-handler.js';
import { ResponseStream, streamingHighWaterMark } from './response-stream.js';

/** A streaming handler as `streamifyResponse` wraps it. */
export type StreamingJsHandler = (event: unknown, responseStream: ResponseStream, context: LambdaContext) => unknown;

/** Invokes a streamified handler; the returned stream carries its bytes as it writes them. Never throws for handler faults. */
export function invokeStreamingJsHandler(
  fn: StreamingJsHandler,
  event: unknown,
  contextInit: LambdaContextInit,
  opts: InvokeJsOptions = {},
): StreamedInvocation {
  const now = opts.now ?? Date.now;
  const capture = captureInvocationLogs(contextInit.awsRequestId, opts);
  const highWaterMark = streamingHighWaterMark(fn);
  const stream = new ResponseStream(highWaterMark === undefined ? {} : { highWaterMark });
  const completion = settle(fn, event, stream, createLambdaContext(contextInit, now), opts.signal).then((outcome) => {
    if (outcome.ok) {
      capture.release();
      return { logs: capture.logs };
    }
    capture.write('ERROR', `Invoke Error \t${formatInvokeError(outcome.error)}`);
    capture.release();
    const error = toErrorPayload(outcome.error);
    stream.fail(error);
    return { logs: capture.logs, error };
  });
  return { body: stream.readable, completion };
}

type Outcome = { ok: true } | { ok: false; error: unknown };

/** Calls the handler and settles once it has settled and the stream has ended, or on the first fault or abort. */
function settle(
  fn: StreamingJsHandler,
  event: unknown,
  stream: ResponseStream,
  context: LambdaContext,
  signal?: AbortSignal,
): Promise<Outcome> {
  return new Promise<Outcome>((resolve) => {
    let done = false;
    const finish = (outcome: Outcome) => {
      if (done) return;
      done = true;
      signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const onAbort = () => finish({ ok: false, error: signal?.reason ?? new Error('aborted') });
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);
    // A stream failed while the handler runs (destroy(error), an 'error' nobody listens to) fails the invocation.
    void stream.finished.then(() => {
      if (stream.failure) finish({ ok: false, error: stream.failure.error });
    });
    let returned: unknown;
    try {
      returned = fn(event, stream, context);
    } catch (error) {
      return finish({ ok: false, error: error ?? 'handled' });
    }
    if (!isThenable(returned))
      return finish({ ok: false, error: new Error('Streaming does not support non-async handlers.') });
    returned.then(
      (value) => {
        if (value !== undefined) console.warn('Streaming handlers ignore return values.');
        void stream.finished.then(() => finish({ ok: true }));
      },
      (error: unknown) => finish({ ok: false, error: error ?? 'handled' }),
    );
  });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * A streamified handler invoked without streaming (Lambda's Invoke rather than InvokeWithResponseStream, e.g. by a
 * BUFFERED integration): "You can still invoke your function without response streaming by directly calling the
 * Invoke API operation" (https://docs.aws.amazon.com/lambda/latest/dg/config-rs-invoke-furls.html), and the caller
 * gets what the function wrote, whole. The payload is that text parsed as JSON when it is JSON, else the text itself
 * (which a Lambda proxy integration then finds malformed: metadata, NUL bytes and a body are not a proxy result).
 */
export async function invokeStreamingJsHandlerBuffered(
  fn: StreamingJsHandler,
  event: unknown,
  contextInit: LambdaContextInit,
  opts: InvokeJsOptions = {},
): Promise<InvokeOutcome> {
  const invocation = invokeStreamingJsHandler(fn, event, contextInit, opts);
  let text = '';
  try {
    text = await new Response(invocation.body).text();
  } catch {
    // The function failed: its error is in the completion.
  }
  const { logs, error } = await invocation.completion;
  if (error) return { kind: 'error', error, logs };
  let payload: unknown = text;
  try {
    payload = JSON.parse(text);
  } catch {
    // Not JSON: the text as it is.
  }
  return { kind: 'result', payload, payloadJson: text, logs };
}
