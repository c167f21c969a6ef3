/**
 * Delivering a matched event to a rule's target: an SQS queue (SendMessage over the JSON protocol), a state machine
 * (StartExecution) through the other embedded services, or a Lambda function through the Lambda runner. Targets of
 * other services are recorded but not delivered.
 */
import type { LambdaInvoker } from '../../shared/invoker.js';
import type { ServiceLinks } from '../embedded-backend.js';
import type { ServiceRequest } from '../types.js';

export interface RuleTarget {
  Id: string;
  Arn: string;
  /** Constant JSON text sent instead of the event. */
  Input?: string;
  /** A JSONPath (`$.detail`) selecting the part of the event to send. */
  InputPath?: string;
  /** For a FIFO queue target: the message group. */
  SqsParameters?: { MessageGroupId?: string };
}

/** What a target receives: `Input` as given, the `InputPath` part, or the whole event. */
export function targetPayload(target: RuleTarget, event: Record<string, unknown>): string {
  if (typeof target.Input === 'string') return target.Input;
  if (typeof target.InputPath === 'string') {
    let value: unknown = event;
    for (const key of target.InputPath.replace(/^\$\.?/, '')
      .split('.')
      .filter(Boolean)) {
      value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    }
    return JSON.stringify(value ?? null);
  }
  return JSON.stringify(event);
}

function jsonRequest(service: 'sqs' | 'states', region: string, target: string, body: unknown): ServiceRequest {
  return {
    service,
    region,
    method: 'POST',
    path: '/',
    headers: [
      ['Content-Type', 'application/x-amz-json-1.0'],
      ['X-Amz-Target', target],
    ],
    body: new TextEncoder().encode(JSON.stringify(body)),
  };
}

/**
 * Sends the payload to the target. Returns a promise for the delivery (a Lambda invocation may take long: the bus
 * does not wait for it before answering PutEvents, as EventBridge invokes asynchronously).
 */
export async function deliver(
  target: RuleTarget,
  payload: string,
  links: ServiceLinks,
  invoke: LambdaInvoker,
  context: { uuid: () => string; now: () => number },
  eventId = '',
): Promise<void> {
  const [, , service, region = '', account = '', ...rest] = target.Arn.split(':');
  const resource = rest.join(':');
  if (service === 'sqs') {
    const send: Record<string, string> = {
      QueueUrl: `https://sqs.${region}.amazonaws.com/${account}/${resource}`,
      MessageBody: payload,
    };
    if (resource.endsWith('.fifo')) {
      // A FIFO queue target names its group in SqsParameters; the event id serves as the deduplication id (L).
      if (target.SqsParameters?.MessageGroupId) send.MessageGroupId = target.SqsParameters.MessageGroupId;
      send.MessageDeduplicationId = eventId;
    }
    await links.call(jsonRequest('sqs', region, 'AmazonSQS.SendMessage', send));
  } else if (service === 'states' && resource.startsWith('stateMachine:')) {
    await links.call(
      jsonRequest('states', region, 'AWSStepFunctions.StartExecution', { stateMachineArn: target.Arn, input: payload }),
    );
  } else if (service === 'lambda' && resource.startsWith('function:')) {
    const functionName = resource.slice('function:'.length).split(':')[0]!;
    const requestId = context.uuid();
    await invoke({
      functionName,
      event: JSON.parse(payload) as unknown,
      context: {
        awsRequestId: requestId,
        functionName,
        functionVersion: '$LATEST',
        invokedFunctionArn: target.Arn,
        memoryLimitInMB: 128,
        logGroupName: `/aws/lambda/${functionName}`,
        logStreamName: `${new Date(context.now()).toISOString().slice(0, 10).replace(/-/g, '/')}/[$LATEST]${requestId.replace(/-/g, '')}`,
        deadlineMs: context.now() + 3000,
      },
      signal: new AbortController().signal,
    });
  }
}
