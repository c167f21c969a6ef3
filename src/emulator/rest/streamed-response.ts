import type { GATEWAY_RESPONSES } from './gateway-responses.js';
import type { HeaderList } from '../shared/headers.js';
import type {
  LambdaErrorPayload,
  LambdaInvocation,
  LambdaStreamInvoker,
  StreamedInvocation,
} from '../shared/invoker.js';
import type { EndpointType } from './model.js';
import type { GatewayTrace, IntegrationTrace, StreamTrace } from '../shared/trace.js';
import { splitLambdaResponseStream, type SplitStream, type StreamMetadata } from './lambda-response-stream.js';
import { idleTimeoutMs, limitStream, type StreamEnd } from './stream-limits.js';

/**
 * The gateway's side of `responseTransferMode: STREAM`: opening a streamed Lambda invocation under the integration
 * timeout, the headers of a streamed answer, and its body under the stream limits, traced without being buffered.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode.html
 */

/** A streamed answer as the gateway returns it. */
export interface StreamedResultParts {
  status: number;
  headers: HeaderList;
  /** Null for statuses that have no body (204, 304, …): the stream is then cancelled. */
  body: ReadableStream<Uint8Array> | null;
}

/** The gateway responses a streamed Lambda call can end in before its body starts. */
export type StreamFault = keyof Pick<
  typeof GATEWAY_RESPONSES,
  'LAMBDA_FUNCTION_ERROR' | 'MALFORMED_PROXY_RESPONSE' | 'INTEGRATION_TIMEOUT' | 'API_CONFIGURATION_ERROR'
>;

export type OpenedLambdaStream =
  | { kind: 'fault'; fault: StreamFault; detail: string }
  | {
      kind: 'response';
      metadata: StreamMetadata;
      /** The body after the delimiter, unread. */
      body: ReadableStream<Uint8Array>;
      /** Tells the runner to stop (the body was cut or the client went away). */
      abort: (reason: Error) => void;
    };

/**
 * Starts a streamed invocation and waits, at most `timeoutMs`, for the function's metadata and delimiter. Fills
 * `integrationTrace`: its outcome (the metadata, or the error) now, the function's logs when it finishes.
 *
 * Assumed, as AWS documents none of these cases for streaming: a function error before the delimiter answers 502 as
 * a buffered call's function error does; output without valid metadata and delimiter answers 502 as a malformed
 * buffered proxy result does ("Internal server error"); no metadata within the integration timeout answers 504.
 * Without a streaming runner (`invokeStream`), the emulator answers 500 (API_CONFIGURATION_ERROR): a limit of the host
 * running the emulator, not an AWS behaviour.
 */
export async function openLambdaStream(
  invokeStream: LambdaStreamInvoker | undefined,
  call: Omit<LambdaInvocation, 'signal'>,
  timeoutMs: number,
  integrationTrace: IntegrationTrace,
): Promise<OpenedLambdaStream> {
  const requestId = call.context.awsRequestId;
  if (!invokeStream) {
    const errorMessage =
      'this emulator host runs functions without streaming (no invokeStream): it cannot serve responseTransferMode STREAM';
    integrationTrace.outcome = { kind: 'error', error: { errorType: 'StreamingNotSupported', errorMessage } };
    return {
      kind: 'fault',
      fault: 'API_CONFIGURATION_ERROR',
      detail: `Execution failed due to configuration error: ${errorMessage}`,
    };
  }
  const controller = new AbortController();
  const abort = (reason: Error) => {
    if (!controller.signal.aborted) controller.abort(reason);
  };
  const started = (async (): Promise<{ invocation: StreamedInvocation | null; split: SplitStream }> => {
    let invocation: StreamedInvocation;
    try {
      invocation = await invokeStream({ ...call, signal: controller.signal });
    } catch (error) {
      return { invocation: null, split: { kind: 'failed', error } };
    }
    invocation.completion.then(
      ({ logs }) => integrationTrace.logs.push(...logs),
      () => {},
    );
    return { invocation, split: await splitLambdaResponseStream(invocation.body) };
  })();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  const first = await Promise.race([started, timedOut]);
  clearTimeout(timer);
  if (first === null) {
    abort(new Error(`integration timeout after ${timeoutMs} ms`));
    // Whatever arrives later goes nowhere.
    void started.then(({ split }) => (split.kind === 'response' ? split.body.cancel() : undefined)).catch(() => {});
    integrationTrace.outcome = { kind: 'timeout' };
    return {
      kind: 'fault',
      fault: 'INTEGRATION_TIMEOUT',
      detail: `Execution failed due to a timeout error (${timeoutMs} ms): no metadata and delimiter from the function`,
    };
  }
  const { split } = first;
  if (split.kind === 'failed') {
    const error = errorPayloadOf(split.error);
    integrationTrace.outcome = { kind: 'error', error };
    if (error.errorType === 'ResourceNotFoundException') {
      return {
        kind: 'fault',
        fault: 'API_CONFIGURATION_ERROR',
        detail: `Execution failed due to configuration error: ${error.errorMessage}`,
      };
    }
    return {
      kind: 'fault',
      fault: 'LAMBDA_FUNCTION_ERROR',
      detail: `Lambda execution failed with status 200 due to customer function error: ${error.errorMessage}. Lambda request id: ${requestId}`,
    };
  }
  if (split.kind === 'malformed') {
    abort(new Error('malformed streaming response'));
    integrationTrace.outcome = { kind: 'result', payload: split.prelude };
    return {
      kind: 'fault',
      fault: 'MALFORMED_PROXY_RESPONSE',
      detail: `Execution failed due to configuration error: Malformed Lambda proxy response (streamed: ${split.reason})`,
    };
  }
  integrationTrace.outcome = { kind: 'result', payload: split.metadata.raw };
  return { kind: 'response', metadata: split.metadata, body: split.body, abort };
}

/**
 * The headers of a streamed answer, from those the gateway would send for a buffered one (`buffered`): no
 * Content-Length (the length is not known; over HTTP/1.1 the body is chunked), and the metadata's `cookies` as
 * `Set-Cookie` headers after the function's own. Which headers AWS sends on a streamed response is not documented:
 * these are the buffered ones, assumed.
 */
export function streamedHeaders(buffered: HeaderList, cookies: readonly string[] = []): HeaderList {
  const headers = buffered.filter(([name]) => name.toLowerCase() !== 'content-length');
  if (cookies.length) {
    const at = headers.findIndex(([name]) => name === 'x-amz-apigw-id');
    headers.splice(at < 0 ? headers.length : at, 0, ...cookies.map((c): [string, string] => ['Set-Cookie', c]));
  }
  return headers;
}

/**
 * `body` as the client receives it: under the integration timeout (`remainingMs` of it left) and the endpoint's idle
 * timeout, counted into `trace.responseLength` and `integrationTrace.stream` as it passes; `onStop` is called when
 * the gateway cuts it or the client cancels it.
 */
export function traceStreamedBody(
  trace: GatewayTrace,
  integrationTrace: IntegrationTrace | null,
  body: ReadableStream<Uint8Array>,
  remainingMs: number,
  endpointType: EndpointType,
  onStop?: (reason: Error) => void,
): ReadableStream<Uint8Array> {
  const stream: StreamTrace = { state: 'streaming', bytes: 0, chunks: 0 };
  if (integrationTrace) integrationTrace.stream = stream;
  trace.responseLength = 0;
  const idleMs = idleTimeoutMs(endpointType);
  return limitStream(body, {
    remainingMs: Math.max(0, remainingMs),
    idleMs,
    onChunk: (bytes) => {
      stream.bytes += bytes;
      stream.chunks += 1;
      trace.responseLength += bytes;
    },
    onEnd: (end: StreamEnd) => {
      stream.state = end.state;
      if (end.state === 'cut') {
        stream.detail =
          end.reason === 'idle'
            ? `idle timeout: no data for ${idleMs} ms (${endpointType} endpoint)`
            : 'the integration timeout passed while the body was streaming';
        onStop?.(new Error(stream.detail));
      } else if (end.state === 'failed') {
        const error = errorPayloadOf(end.error);
        stream.detail = `${error.errorType}: ${error.errorMessage}`;
      } else if (end.state === 'cancelled') {
        onStop?.(new Error('the client cancelled the response'));
      }
    },
  });
}

/** The parts of a streamed Lambda proxy answer; `headers` as from {@link streamedHeaders}. */
export function streamedLambdaResult(
  trace: GatewayTrace,
  integrationTrace: IntegrationTrace,
  opened: Extract<OpenedLambdaStream, { kind: 'response' }>,
  headers: HeaderList,
  remainingMs: number,
  endpointType: EndpointType,
): StreamedResultParts {
  const status = opened.metadata.statusCode;
  if (NULL_BODY_STATUS.has(status)) {
    integrationTrace.stream = {
      state: 'complete',
      bytes: 0,
      chunks: 0,
      detail: `a ${status} response has no body: what the function wrote after the metadata was dropped`,
    };
    opened.body.cancel().catch(() => {});
    return { status, headers, body: null };
  }
  return {
    status,
    headers,
    body: traceStreamedBody(trace, integrationTrace, opened.body, remainingMs, endpointType, opened.abort),
  };
}

/**
 * The parts of a streamed HTTP_PROXY answer: the status and headers the HTTP_PROXY path computed (`headers`, whose
 * Content-Length is dropped), with the endpoint's body (`body`, held back by rest/http-proxy-stream.ts) streamed.
 */
export function streamedHttpProxyResult(
  trace: GatewayTrace,
  status: number,
  headers: HeaderList,
  body: ReadableStream<Uint8Array> | null,
  remainingMs: number,
  endpointType: EndpointType,
): StreamedResultParts {
  const sent = streamedHeaders(headers);
  if (!body) {
    if (trace.integration) trace.integration.stream = { state: 'complete', bytes: 0, chunks: 0 };
    return { status, headers: sent, body: null };
  }
  if (NULL_BODY_STATUS.has(status)) {
    body.cancel().catch(() => {});
    if (trace.integration) trace.integration.stream = { state: 'complete', bytes: 0, chunks: 0 };
    return { status, headers: sent, body: null };
  }
  return { status, headers: sent, body: traceStreamedBody(trace, trace.integration, body, remainingMs, endpointType) };
}

/** Statuses whose responses carry no body (a Fetch `Response` refuses one). */
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

/** A stream's error reason as a function-error payload. */
export function errorPayloadOf(error: unknown): LambdaErrorPayload {
  if (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as LambdaErrorPayload).errorType === 'string' &&
    typeof (error as LambdaErrorPayload).errorMessage === 'string'
  ) {
    return error as LambdaErrorPayload;
  }
  if (error instanceof Error) return { errorType: error.name, errorMessage: error.message };
  return { errorType: 'Runtime.Unknown', errorMessage: String(error) };
}
