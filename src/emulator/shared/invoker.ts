/**
 * The boundary between the gateway and whatever runs Lambda functions.
 * The core only knows this interface; adapters (Node worker threads, a Web Worker,
 * a WebContainer process) implement it.
 */

/** What the gateway asks a function runner to do: one synchronous (RequestResponse) invocation. */
export interface LambdaInvocation {
  /** The function's name as written in the integration URI (e.g. `items_handler`). */
  functionName: string;
  /** The event, already a plain JSON value (it is serialised to JSON on the wire in AWS too). */
  event: unknown;
  /** Values for the handler's `context` object. */
  context: LambdaContextInit;
  /** Aborted when the gateway gives up (integration timeout): the runner should stop the handler. */
  signal: AbortSignal;
}

/** The fields a Lambda `context` object is built from. */
export interface LambdaContextInit {
  awsRequestId: string;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: number;
  logGroupName: string;
  logStreamName: string;
  /** Epoch milliseconds at which the function's own timeout expires. */
  deadlineMs: number;
}

/** A handler's error as the Lambda runtime reports it (the function-error payload). */
export interface LambdaErrorPayload {
  errorMessage: string;
  errorType: string;
  /** The Python runtime's stack (`stackTrace`). */
  stackTrace?: string[];
  /** The Node.js runtime's stack (`trace`): https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html */
  trace?: string[];
}

/** What came back from one invocation. */
export type InvokeOutcome =
  /**
   * `payloadJson`: the payload's bytes as the runtime serialised them, when known. They differ by runtime: Python's
   * json encoder writes `{"a": 1, "b": 2}`, Node.js's JSON.stringify `{"a":1,"b":2}`, and a non-proxy integration
   * passes them on as they are.
   */
  | { kind: 'result'; payload: unknown; payloadJson?: string; logs: string[] }
  | { kind: 'error'; error: LambdaErrorPayload; logs: string[] };

/** Runs one invocation. Must not throw for handler faults: report them as `kind: 'error'`. */
export type LambdaInvoker = (invocation: LambdaInvocation) => Promise<InvokeOutcome>;

/**
 * A streaming invocation (Lambda's InvokeWithResponseStream) as it starts: the bytes come as the function writes them.
 * For an API Gateway proxy integration they are the function's JSON metadata, 8 NUL bytes, then the body.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode-lambda.html
 */
export interface StreamedInvocation {
  /**
   * The raw bytes the function writes, in order. Closes when the function ends its response stream; errors with the
   * function's {@link LambdaErrorPayload} when it fails (after the bytes it wrote before failing). Cancelling it tells
   * the runner the reader has gone.
   */
  body: ReadableStream<Uint8Array>;
  /** Settles once the function has finished: its log lines, and its error payload if it failed. Never rejects. */
  completion: Promise<{ logs: string[]; error?: LambdaErrorPayload }>;
}

/**
 * Starts one streaming invocation; resolves as soon as the stream exists (before the function writes). Handler faults
 * are reported through the stream and `completion`, not thrown. The invocation's `signal` aborts it as for `invoke`.
 */
export type LambdaStreamInvoker = (invocation: LambdaInvocation) => Promise<StreamedInvocation>;
