/**
 * Step Functions' wire protocol (AWS JSON 1.0): the action from `X-Amz-Target: AWSStepFunctions.{Action}` or, as an
 * API Gateway action URI sends it, `POST /?Action={Action}` (research §1.1); answers with `x-amzn-RequestId`.
 */
import type { ServiceRequest, ServiceResponse } from '../types.js';
import { SfnApiError, wireErrorType } from './errors.js';
import { toJsonWithDoubles } from './java-double.js';
import { queryActionOf, targetOf } from '../wire-action.js';

const CONTENT_TYPE = 'application/x-amz-json-1.0';

/** The action and the parsed JSON body; throws SfnApiError for a body that is not a JSON object. */
export function readRequest(
  request: ServiceRequest,
  prefix: string,
): { action: string; body: Record<string, unknown> } {
  const target = targetOf(request);
  let action = target?.startsWith(`${prefix}.`) ? target.slice(prefix.length + 1) : undefined;
  if (!action) action = queryActionOf(request);
  if (!action) throw new SfnApiError('UnknownOperationException', 'Missing X-Amz-Target header or Action');
  const text = new TextDecoder().decode(request.body).trim();
  let body: unknown = {};
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      // Assumption (L): AWS's JSON protocol answers a body it cannot read with SerializationException.
      throw new SfnApiError('SerializationException', 'Unable to parse the request body as JSON');
    }
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new SfnApiError('SerializationException', 'The request body must be a JSON object');
  return { action, body: body as Record<string, unknown> };
}

/** A 200 answer; JavaDouble values are written as Java does (`1.486772644911E9`). */
export function ok(body: unknown, requestId: string): ServiceResponse {
  return { status: 200, headers: headers(requestId), body: toJsonWithDoubles(body) };
}

/** An API error answered as `{"__type","message"}` (`__type` with its namespace). */
export function fail(error: SfnApiError, requestId: string): ServiceResponse {
  return {
    status: error.status,
    headers: headers(requestId),
    body: JSON.stringify({ __type: wireErrorType(error.type), message: error.message }),
  };
}

function headers(requestId: string): Array<[string, string]> {
  return [
    ['Content-Type', CONTENT_TYPE],
    ['x-amzn-RequestId', requestId],
  ];
}
