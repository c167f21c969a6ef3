import type { AwsServiceName } from '../../aws-services/types.js';

/** The AWS JSON protocol of a service: the `X-Amz-Target` prefix and the Content-Type version. */
export interface JsonProtocol {
  /** `X-Amz-Target: {targetPrefix}.{Action}`. */
  targetPrefix: string;
  /** `application/x-amz-json-1.0` or `-1.1`. */
  contentType: string;
}

/**
 * Each service's JSON protocol, as its SDK v3 serializers send it (`serializeAws_json1_0StartExecutionCommand`, …) and
 * the docs show it: Kinesis `Kinesis_20131202` 1.1 (integrating-api-with-aws-services-kinesis.html), DynamoDB
 * `DynamoDB_20120810` 1.0, Step Functions `AWSStepFunctions` 1.0, SQS `AmazonSQS` 1.0
 * (sqs-making-api-requests-json.html), EventBridge `AWSEvents` 1.1 (the AWS-validated template of LocalStack's
 * test_apigateway_eventbridge sets exactly these).
 */
export const JSON_PROTOCOLS: Record<AwsServiceName, JsonProtocol> = {
  sqs: { targetPrefix: 'AmazonSQS', contentType: 'application/x-amz-json-1.0' },
  kinesis: { targetPrefix: 'Kinesis_20131202', contentType: 'application/x-amz-json-1.1' },
  states: { targetPrefix: 'AWSStepFunctions', contentType: 'application/x-amz-json-1.0' },
  events: { targetPrefix: 'AWSEvents', contentType: 'application/x-amz-json-1.1' },
  dynamodb: { targetPrefix: 'DynamoDB_20120810', contentType: 'application/x-amz-json-1.0' },
};

/**
 * The services for which API Gateway adds the JSON protocol's target and Content-Type to an action URI's request when
 * the mapped request sets no target. Not EventBridge: its template must set `X-Amz-Target` (LocalStack's
 * integrations/aws.py: "events needs the user to manually add the header, but Kinesis and DynamoDB don't", backed by
 * the AWS-validated test_apigateway_eventbridge). Not SQS: its action requests stay in the query protocol. Research §1.1.
 */
export const TARGET_ADDED_FOR: ReadonlySet<AwsServiceName> = new Set(['kinesis', 'dynamodb', 'states']);
