/**
 * Carries a {@link StreamedInvocation} across a message boundary (a worker thread's port, a Web Worker's
 * postMessage): the side that runs the handler relays what it writes as messages, the gateway's side rebuilds the
 * stream from them. Plain structured-cloneable messages, no Node imports.
 */
import type { LambdaErrorPayload, StreamedInvocation } from '../emulator/shared/invoker.js';

/** One step of a relayed streamed invocation, in order: chunks, then `end` or `fail`, then `done`. */
export type StreamRelayMessage =
  | { type: 'chunk'; bytes: Uint8Array }
  | { type: 'end' }
  | { type: 'fail'; error: LambdaErrorPayload }
  | { type: 'done'; logs: string[]; error?: LambdaErrorPayload };

/**
 * Reads `invocation` and sends each step through `send` (the chunk's buffer may be transferred: it is not used
 * again). Resolves once `done` is sent.
 */
export async function relayStreamedInvocation(
  invocation: StreamedInvocation,
  send: (message: StreamRelayMessage) => void,
): Promise<void> {
  const reader = invocation.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        send({ type: 'end' });
        break;
      }
      send({ type: 'chunk', bytes: value });
    }
  } catch (error) {
    send({ type: 'fail', error: asErrorPayload(error) });
  }
  const { logs, error } = await invocation.completion;
  send(error ? { type: 'done', logs, error } : { type: 'done', logs });
}

/**
 * The gateway's side: a {@link StreamedInvocation} fed by `receive(message)`. `onCancel` is called when the reader
 * cancels the body (the client went away or the gateway cut the stream): tell the handler's side to stop.
 */
export function receiveStreamedInvocation(onCancel?: (reason: unknown) => void): {
  invocation: StreamedInvocation;
  receive(message: StreamRelayMessage): void;
} {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  let resolveCompletion!: (value: { logs: string[]; error?: LambdaErrorPayload }) => void;
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
    cancel: (reason) => {
      closed = true;
      onCancel?.(reason);
    },
  });
  const completion = new Promise<{ logs: string[]; error?: LambdaErrorPayload }>(
    (resolve) => (resolveCompletion = resolve),
  );
  const receive = (message: StreamRelayMessage): void => {
    switch (message.type) {
      case 'chunk':
        if (!closed) controller.enqueue(message.bytes);
        break;
      case 'end':
        if (!closed) controller.close();
        closed = true;
        break;
      case 'fail':
        if (!closed) controller.error(message.error);
        closed = true;
        break;
      case 'done':
        resolveCompletion(message.error ? { logs: message.logs, error: message.error } : { logs: message.logs });
        break;
    }
  };
  return { invocation: { body, completion }, receive };
}

/** A stream's error reason as a plain (cloneable) function-error payload. */
function asErrorPayload(error: unknown): LambdaErrorPayload {
  if (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as LambdaErrorPayload).errorType === 'string' &&
    typeof (error as LambdaErrorPayload).errorMessage === 'string'
  ) {
    const e = error as LambdaErrorPayload;
    return {
      errorType: e.errorType,
      errorMessage: e.errorMessage,
      ...(e.trace ? { trace: [...e.trace] } : {}),
      ...(e.stackTrace ? { stackTrace: [...e.stackTrace] } : {}),
    };
  }
  if (error instanceof Error) return { errorType: error.name, errorMessage: error.message };
  return { errorType: 'Runtime.Unknown', errorMessage: String(error) };
}
