/**
 * The wire calls of the services panel's "consume" (`SandboxRun.serviceCalls`): SQS ReceiveMessage, then DeleteMessage
 * with each message's receipt handle, in SQS's JSON protocol (`POST /`, `X-Amz-Target: AmazonSQS.<Action>`,
 * `Content-Type: application/x-amz-json-1.0`, QueueUrl in the body).
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-making-api-requests-json.html
 * Pure.
 */
import type { ServiceRequest, ServiceResponse } from '../emulator/aws-services/types.js';

/** An SQS JSON-protocol request for `action` with `input` as its body. */
export function sqsJsonCall(action: string, input: Record<string, unknown>, region = 'us-east-1'): ServiceRequest {
  return {
    service: 'sqs',
    region,
    method: 'POST',
    path: '/',
    headers: [
      ['Content-Type', 'application/x-amz-json-1.0'],
      ['X-Amz-Target', `AmazonSQS.${action}`],
    ],
    body: new TextEncoder().encode(JSON.stringify(input)),
  };
}

/** ReceiveMessage of up to `max` (1–10) messages of the queue at `queueUrl`, with their attributes. */
export function receiveMessageCall(queueUrl: string, max = 10, region?: string): ServiceRequest {
  return sqsJsonCall(
    'ReceiveMessage',
    { QueueUrl: queueUrl, MaxNumberOfMessages: max, MessageAttributeNames: ['All'], AttributeNames: ['All'] },
    region,
  );
}

/** DeleteMessage of one received message, by its receipt handle. */
export function deleteMessageCall(queueUrl: string, receiptHandle: string, region?: string): ServiceRequest {
  return sqsJsonCall('DeleteMessage', { QueueUrl: queueUrl, ReceiptHandle: receiptHandle }, region);
}

/** The receipt handles in a JSON-protocol ReceiveMessage answer (none for an error or an empty queue). */
export function receiptHandlesOf(response: ServiceResponse): string[] {
  if (response.status !== 200) return [];
  try {
    const body = JSON.parse(response.body) as { Messages?: Array<{ ReceiptHandle?: string }> };
    return (body.Messages ?? []).flatMap((m) => (typeof m.ReceiptHandle === 'string' ? [m.ReceiptHandle] : []));
  } catch {
    return [];
  }
}
