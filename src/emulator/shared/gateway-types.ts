import type { AwsServices } from '../aws-services/types.js';
import type { HeaderList } from './headers.js';
import type { LambdaInvoker, LambdaStreamInvoker } from './invoker.js';
import type { GatewayTrace } from './trace.js';

/** The REST gateway's options; the HTTP API gateway takes a subset of them (`HttpApiGatewayOptions`). */
export interface GatewayOptions {
  /** Runs Lambda functions. */
  invoke: LambdaInvoker;
  /**
   * Runs Lambda functions with a streamed response (InvokeWithResponseStream), for Lambda proxy integrations with
   * `responseTransferMode: STREAM`. Without it such a method answers 500 (API_CONFIGURATION_ERROR).
   */
  invokeStream?: LambdaStreamInvoker;
  region?: string;
  accountId?: string;
  /** The functions' own timeout (Lambda's, not the integration's); default 30 s. */
  functionTimeoutMs?: number;
  /** Clock, for tests. */
  now?: () => number;
  /** Calls HTTP and HTTP_PROXY integration endpoints; default the global `fetch`. */
  fetch?: typeof fetch;
  /**
   * The AWS services `AWS` integrations (REST) and `integrationSubtype`s (HTTP APIs) call. Absent: an empty
   * `EmbeddedAwsServices`, made (by dynamic import) on the first service call.
   */
  awsServices?: AwsServices;
}

/** What the adapter knows about the connection that the Fetch `Request` cannot carry. */
export interface HandleOptions {
  /** Request headers in wire order and case (the Fetch API lower-cases them and drops some). */
  rawHeaders?: HeaderList;
  /** The client's address; default 127.0.0.1. */
  sourceIp?: string;
  /** Default `HTTP/1.1`. */
  protocol?: string;
}

/** What a gateway (REST or HTTP API) answers to one request. */
export interface GatewayResult {
  /** The response as a Fetch `Response` (built on first access). */
  readonly response: Response;
  trace: GatewayTrace;
  /**
   * The response body's bytes (null when empty): what adapters write without reading `response`. Undefined when the
   * body streams: an adapter that knows no `bodyStream` then reads `response`, which gives the whole body once ended.
   */
  body: Uint8Array | null | undefined;
  /**
   * A streamed response's body (`responseTransferMode: STREAM`), read as it is produced (null for a status without a
   * body); `response` carries the same stream, so only one of them can be read. Adapters write it chunk by chunk.
   */
  readonly bodyStream?: ReadableStream<Uint8Array> | null;
}
