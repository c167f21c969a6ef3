/**
 * SQS's AWS JSON 1.0 protocol: `X-Amz-Target: AmazonSQS.{Action}`, `Content-Type: application/x-amz-json-1.0`, the
 * members in a JSON body; answers omit absent members; errors carry `__type` + `message` and `x-amzn-query-error`.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-json-api-responses.html (research §1.3).
 */
import type { ServiceRequest, ServiceResponse } from '../types.js';
import type { SqsAction, SqsInput } from './actions.js';
import { SQS_ERRORS, SqsError } from './errors.js';
import { header, respond } from './wire.js';

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.0';

/** The action an `X-Amz-Target: AmazonSQS.X` names, or undefined when the request is not JSON protocol. */
export function jsonTarget(request: ServiceRequest): string | undefined {
  const target = header(request, 'X-Amz-Target');
  return target?.startsWith('AmazonSQS.') ? target.slice('AmazonSQS.'.length) : undefined;
}

/** The JSON body (an empty body is `{}`); SerializationException when it is not a JSON object (wording L). */
export function parseJsonInput(request: ServiceRequest): SqsInput {
  const text = new TextDecoder().decode(request.body).trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SqsError('SerializationException', 'Start of structure or map found where not expected.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SqsError('SerializationException', 'Start of structure or map found where not expected.');
  }
  return value as SqsInput;
}

/** An action's answer: its output, without absent members (ReceiveMessage with no message: `{}`, L). */
export function jsonResponse(action: SqsAction, output: Record<string, unknown>, requestId: string): ServiceResponse {
  const body = { ...output };
  // Empty lists are left out (M: local-aws-sqs answers ReceiveMessage/SendMessageBatch so).
  for (const key of ['Messages', 'Failed', 'Successful']) {
    if (Array.isArray(body[key]) && (body[key] as unknown[]).length === 0) delete body[key];
  }
  return respond(200, JSON_CONTENT_TYPE, JSON.stringify(body), requestId);
}

/** `400` + `{"__type":"com.amazonaws.sqs#…","message":"…"}` + `x-amzn-query-error: {query code};Sender`. */
export function jsonError(error: SqsError, requestId: string): ServiceResponse {
  const kind = SQS_ERRORS[error.kind];
  return respond(
    kind.status,
    JSON_CONTENT_TYPE,
    JSON.stringify({
      __type: `${'namespace' in kind ? kind.namespace : 'com.amazonaws.sqs'}#${kind.json}`,
      message: error.message,
    }),
    requestId,
    [['x-amzn-query-error', `${kind.query};Sender`]],
  );
}
