/**
 * DynamoDB's wire protocol (AWS JSON 1.0): the action from `X-Amz-Target: DynamoDB_20120810.{Action}` or, as an API
 * Gateway action URI sends it, `POST /?Action={Action}` (research §1.1, §1.7); answers carry `x-amzn-RequestId`.
 */
import type { ServiceRequest, ServiceResponse } from '../types.js';
import { DynamoError } from './errors.js';
import { queryActionOf, targetOf } from '../wire-action.js';

const CONTENT_TYPE = 'application/x-amz-json-1.0';

/** The action and the JSON body; throws DynamoError for what DynamoDB cannot read. */
export function readRequest(request: ServiceRequest): { action: string; body: Record<string, unknown> } {
  const target = targetOf(request);
  let action = target?.startsWith('DynamoDB_20120810.') ? target.slice('DynamoDB_20120810.'.length) : undefined;
  if (!action) action = queryActionOf(request);
  if (!action) throw new DynamoError('com.amazon.coral.service#UnknownOperationException', '');
  const text = new TextDecoder().decode(request.body).trim();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new DynamoError(
      'com.amazon.coral.service#SerializationException',
      'Start of structure or map found where not expected.',
    );
  return { action, body: body as Record<string, unknown> };
}

export function ok(body: unknown, requestId: string): ServiceResponse {
  return { status: 200, headers: headers(requestId), body: JSON.stringify(body) };
}

/** `{"__type","message"}`; SerializationException writes `Message` (as dynalite does). */
export function fail(error: DynamoError, requestId: string): ServiceResponse {
  const key = error.type.endsWith('#SerializationException') ? 'Message' : 'message';
  return {
    status: error.status,
    headers: headers(requestId),
    body: JSON.stringify({ __type: error.type, [key]: error.message }),
  };
}

function headers(requestId: string): Array<[string, string]> {
  return [
    ['Content-Type', CONTENT_TYPE],
    ['x-amzn-RequestId', requestId],
  ];
}
