/** What a gateway answers by itself: a gateway response's type, status, body and error type. */
export interface GatewayErrorResponse {
  /** The gateway response type (or, for Lambda faults, the DEFAULT_5XX family it falls under). */
  type: string;
  status: number;
  body: string;
  contentType: string;
  errorType: string;
}

/** The least a gateway's own answer has: its type, status and body (an HTTP API's have no more). */
export type GatewayAnswer = Pick<GatewayErrorResponse, 'type' | 'status' | 'body'>;

/**
 * Thrown by a pipeline step to stop the request with one of the gateway's own answers; the API type's
 * gateway-response step renders it (REST: under the API's customised gateway responses; HTTP APIs: as they are).
 * Not an `Error`: it is a verdict, always caught by the gateway, and capturing a stack trace would triple the cost
 * of a 403 or a 429.
 */
export class GatewayError<Response extends GatewayAnswer = GatewayErrorResponse> {
  /**
   * @param response The answer, as the API type's table of gateway responses gives it.
   * @param detail Why, as the execution log would say it (the trace's `errorDetail`).
   * @param validationErrorString `$context.error.validationErrorString`: set for request validation failures only.
   */
  constructor(
    readonly response: Response,
    readonly detail: string,
    readonly validationErrorString = '',
  ) {}
}
