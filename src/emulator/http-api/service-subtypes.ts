import type { AwsServiceName } from '../aws-services/types.js';

/** How a parameter's mapped text becomes a member of the action's JSON input. */
export type ParameterKind = 'string' | 'integer' | 'json' | 'list' | 'base64';

/** One `integrationSubtype`: the service action it calls and the parameters it takes. */
export interface SubtypeSpec {
  service: AwsServiceName;
  action: string;
  required: readonly string[];
  /** Optional parameters (every subtype also takes `Region`). */
  optional: readonly string[];
  /** Parameters that are not strings in the action's input (the rest are). */
  kinds?: Readonly<Record<string, ParameterKind>>;
  /** PutEvents takes one entry: its parameters go into `Entries[0]` (except these, which stay at the top level). */
  entry?: { topLevel: readonly string[] };
}

/**
 * The HTTP API integration subtypes the lab serves and their parameters, as the reference lists them
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html;
 * research §2.2). `AppConfig-GetConfiguration` is AWS's too, but the lab embeds no AppConfig.
 */
export const INTEGRATION_SUBTYPES: Readonly<Record<string, SubtypeSpec>> = {
  'EventBridge-PutEvents': {
    service: 'events',
    action: 'PutEvents',
    required: ['Detail', 'DetailType', 'Source'],
    optional: ['Time', 'EventBusName', 'Resources', 'TraceHeader'],
    kinds: { Resources: 'list' },
    entry: { topLevel: [] },
  },
  'SQS-SendMessage': {
    service: 'sqs',
    action: 'SendMessage',
    required: ['QueueUrl', 'MessageBody'],
    optional: [
      'DelaySeconds',
      'MessageAttributes',
      'MessageDeduplicationId',
      'MessageGroupId',
      'MessageSystemAttributes',
    ],
    kinds: { DelaySeconds: 'integer', MessageAttributes: 'json', MessageSystemAttributes: 'json' },
  },
  'SQS-ReceiveMessage': {
    service: 'sqs',
    action: 'ReceiveMessage',
    required: ['QueueUrl'],
    optional: [
      'AttributeNames',
      'MaxNumberOfMessages',
      'MessageAttributeNames',
      'ReceiveRequestAttemptId',
      'VisibilityTimeout',
      'WaitTimeSeconds',
    ],
    kinds: {
      AttributeNames: 'list',
      MessageAttributeNames: 'list',
      MaxNumberOfMessages: 'integer',
      VisibilityTimeout: 'integer',
      WaitTimeSeconds: 'integer',
    },
  },
  'SQS-DeleteMessage': {
    service: 'sqs',
    action: 'DeleteMessage',
    required: ['ReceiptHandle', 'QueueUrl'],
    optional: [],
  },
  'SQS-PurgeQueue': { service: 'sqs', action: 'PurgeQueue', required: ['QueueUrl'], optional: [] },
  'Kinesis-PutRecord': {
    service: 'kinesis',
    action: 'PutRecord',
    required: ['StreamName', 'Data', 'PartitionKey'],
    optional: ['SequenceNumberForOrdering', 'ExplicitHashKey'],
    kinds: { Data: 'base64' },
  },
  'StepFunctions-StartExecution': {
    service: 'states',
    action: 'StartExecution',
    required: ['StateMachineArn'],
    optional: ['Name', 'Input'],
  },
  'StepFunctions-StartSyncExecution': {
    service: 'states',
    action: 'StartSyncExecution',
    required: ['StateMachineArn'],
    optional: ['Name', 'Input', 'TraceHeader'],
  },
  'StepFunctions-StopExecution': {
    service: 'states',
    action: 'StopExecution',
    required: ['ExecutionArn'],
    optional: ['Cause', 'Error'],
  },
};

/** Subtypes AWS has that the lab does not serve. */
export const UNSERVED_SUBTYPES: readonly string[] = ['AppConfig-GetConfiguration'];

/** The action input's member name for a parameter (`StateMachineArn` → `stateMachineArn`: Step Functions' input is camelCase). */
export function memberNameOf(spec: SubtypeSpec, parameter: string): string {
  return spec.service === 'states' ? parameter[0]!.toLowerCase() + parameter.slice(1) : parameter;
}
