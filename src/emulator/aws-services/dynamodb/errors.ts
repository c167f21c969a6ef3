/**
 * DynamoDB's wire errors (JSON 1.0, 400): `__type` with the namespace DynamoDB writes and dynalite reproduces
 * (research §1.7 [RUN dynalite]): service errors `com.amazonaws.dynamodb.v20120810#…`, input validation
 * `com.amazon.coral.validate#ValidationException`, an unreadable body `com.amazon.coral.service#SerializationException`
 * (whose message key is `Message`).
 */
export class DynamoError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** `ValidationException` with AWS's message. */
export function validation(message: string): DynamoError {
  return new DynamoError('com.amazon.coral.validate#ValidationException', message);
}

/** `ResourceNotFoundException`: "Requested resource not found" (GetItem/PutItem/Query/Scan on a missing table). */
export function resourceNotFound(message = 'Requested resource not found'): DynamoError {
  return new DynamoError('com.amazonaws.dynamodb.v20120810#ResourceNotFoundException', message);
}

/** `ConditionalCheckFailedException`: "The conditional request failed". */
export function conditionalCheckFailed(): DynamoError {
  return new DynamoError(
    'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
    'The conditional request failed',
  );
}
