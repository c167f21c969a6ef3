/**
 * SQS's errors in both of its protocols. The JSON protocol names an error by a shape (`com.amazonaws.sqs#QueueDoesNotExist`)
 * and adds the query protocol's code in `x-amzn-query-error`; the query protocol names it by that code
 * (`AWS.SimpleQueueService.NonExistentQueue`). Code map: LocalStack's SqsJsonResponseSerializer (research §1.3 [LS-SER]).
 */

/** One kind of SQS error: its JSON-protocol shape name and its query-protocol code. */
interface SqsErrorKind {
  /** The `__type` after `#`; `namespace` when not `com.amazonaws.sqs`. */
  json: string;
  namespace?: string;
  query: string;
  status: number;
}

export const SQS_ERRORS = {
  QueueDoesNotExist: { json: 'QueueDoesNotExist', query: 'AWS.SimpleQueueService.NonExistentQueue', status: 400 },
  // The framework's validation errors are `com.amazon.coral.service#…` (M: local-aws-sqs, written against AWS).
  InvalidParameterValue: {
    json: 'InvalidParameterValueException',
    namespace: 'com.amazon.coral.service',
    query: 'InvalidParameterValue',
    status: 400,
  },
  MissingParameter: {
    json: 'MissingRequiredParameterException',
    namespace: 'com.amazon.coral.service',
    query: 'MissingParameter',
    status: 400,
  },
  ReceiptHandleIsInvalid: { json: 'ReceiptHandleIsInvalid', query: 'ReceiptHandleIsInvalid', status: 400 },
  QueueNameExists: { json: 'QueueNameExists', query: 'QueueAlreadyExists', status: 400 },
  InvalidAction: { json: 'InvalidAction', query: 'InvalidAction', status: 400 },
  // A query request without Action (the AWS common errors list: "The request is missing an action or a required parameter").
  MissingAction: { json: 'MissingAction', query: 'MissingAction', status: 400 },
  // An X-Amz-Target naming no SQS action (L: the framework's UnknownOperationException, as other JSON services answer).
  UnknownOperation: {
    json: 'UnknownOperationException',
    namespace: 'com.amazon.coral.service',
    query: 'InvalidAction',
    status: 400,
  },
  UnsupportedOperation: {
    json: 'UnsupportedOperation',
    query: 'AWS.SimpleQueueService.UnsupportedOperation',
    status: 400,
  },
  EmptyBatchRequest: { json: 'EmptyBatchRequest', query: 'AWS.SimpleQueueService.EmptyBatchRequest', status: 400 },
  TooManyEntriesInBatchRequest: {
    json: 'TooManyEntriesInBatchRequest',
    query: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
    status: 400,
  },
  BatchEntryIdsNotDistinct: {
    json: 'BatchEntryIdsNotDistinct',
    query: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
    status: 400,
  },
  InvalidAttributeName: { json: 'InvalidAttributeName', query: 'InvalidAttributeName', status: 400 },
  SerializationException: { json: 'SerializationException', query: 'MalformedInput', status: 400 },
} satisfies Record<string, SqsErrorKind>;

export type SqsErrorName = keyof typeof SQS_ERRORS;

/** An SQS wire error (always the sender's fault here). `queryMessage` when the query protocol words it differently. */
export class SqsError extends Error {
  constructor(
    readonly kind: SqsErrorName,
    message: string,
    readonly queryMessage: string = message,
  ) {
    super(message);
  }
}

/**
 * The missing-queue error. The two protocols word it differently: JSON "The specified queue does not exist." [SQS-JSON],
 * query "The specified queue does not exist for this wsdl version." (AWS-validated [LS-SQSERR]).
 */
export function queueDoesNotExist(): SqsError {
  return new SqsError(
    'QueueDoesNotExist',
    'The specified queue does not exist.',
    'The specified queue does not exist for this wsdl version.',
  );
}

/** `InvalidParameterValue` in AWS's "Value X for parameter Y is invalid. Reason: Z." wording (L: from AWS SDK error logs, not a capture here). */
export function invalidParameter(name: string, value: unknown, reason: string): SqsError {
  return new SqsError(
    'InvalidParameterValue',
    `Value ${String(value)} for parameter ${name} is invalid. Reason: ${name} ${reason}.`,
  );
}

/** A required parameter that is absent (L: wording as moto and local-aws-sqs give it). */
export function missingParameter(name: string): SqsError {
  return new SqsError('MissingParameter', `The request must contain the parameter ${name}.`);
}
