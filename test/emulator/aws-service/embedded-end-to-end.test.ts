import { describe, expect, it } from 'vitest';
import { EmbeddedAwsServices } from '../../../src/emulator/aws-services/index.js';
import { HttpApiGateway, RestGateway, importHttpApi, importOpenApi } from '../../../src/emulator/index.js';
import type { LambdaInvocation } from '../../../src/emulator/shared/invoker.js';

/**
 * The gateway and the embedded services together: a REST SQS path-URI integration (LocalStack's AWS-validated
 * test_sqs_aws_integration) and a response template written for AWS, an HTTP API SQS-SendMessage/ReceiveMessage pair,
 * and a Step Functions StartExecution whose Task runs on the gateway's Lambda invoker.
 */
const ACCOUNT = '123456789012';
const QUEUE_URL = `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/orders`;

function embedded(invoke?: (invocation: LambdaInvocation) => unknown) {
  const services = new EmbeddedAwsServices({
    region: 'us-east-1',
    accountId: ACCOUNT,
    now: Date.now,
    ...(invoke
      ? {
          invoke: async (invocation: LambdaInvocation) => ({
            kind: 'result' as const,
            payload: invoke(invocation),
            logs: [],
          }),
        }
      : {}),
  });
  services.apply({
    queues: [{ QueueName: 'orders' }],
    stateMachines: [
      {
        name: 'double',
        definition: {
          StartAt: 'Double',
          States: {
            Double: { Type: 'Task', Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:double`, End: true },
          },
        },
      },
    ],
  });
  return services;
}

describe('REST AWS integrations with the embedded services', () => {
  it('SQS path URI, query protocol: the MessageId read by $input.path reaches the client; the queue holds the body, MD5 as AWS recorded', async () => {
    const services = embedded();
    const gateway = new RestGateway({
      invoke: async () => ({ kind: 'result', payload: null, logs: [] }),
      awsServices: services,
    });
    const api = importOpenApi({
      openapi: '3.0.1',
      info: { title: 'Q', version: '1' },
      paths: {
        '/orders': {
          post: {
            responses: { '200': { description: 'ok' } },
            'x-amazon-apigateway-integration': {
              type: 'aws',
              httpMethod: 'POST',
              uri: `arn:aws:apigateway:us-east-1:sqs:path/${ACCOUNT}/orders`,
              requestParameters: { 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" },
              requestTemplates: { 'application/json': 'Action=SendMessage&MessageBody=$input.body' },
              passthroughBehavior: 'never',
              responses: {
                default: {
                  statusCode: '200',
                  responseTemplates: {
                    'application/json': `{"id": "$input.path('$.SendMessageResponse.SendMessageResult.MessageId')", "md5": "$input.path('$.SendMessageResponse.SendMessageResult.MD5OfMessageBody')"}`,
                  },
                },
              },
            },
          },
        },
      },
    });
    gateway.putStage({ name: 'dev', deploymentId: gateway.deploy(api).id });
    const result = await gateway.handle(
      new Request('https://x.execute-api.us-east-1.amazonaws.com/dev/orders', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"foo": "bar"}',
      }),
    );
    const body = JSON.parse(await result.response.text()) as { id: string; md5: string };
    // md5 of {"foo": "bar"}: LocalStack's AWS-recorded snapshot `sqs-messages` (research §1.3).
    expect(body.md5).toBe('94232c5b8fc9272f6f73a1e36eb68fcf');
    const [queue] = services.state().queues;
    expect(queue!.messages.map((m) => [m.messageId, m.body])).toEqual([[body.id, '{"foo": "bar"}']]);
    expect(result.trace.integration!.service!.response.status).toBe(200);
  });

  it('Step Functions StartExecution: executionArn and a Java-double startDate; the Task runs on the gateway invoker', async () => {
    const invoked: string[] = [];
    const services = embedded((invocation) => {
      invoked.push(invocation.functionName);
      return { n: (invocation.event as { n: number }).n * 2 };
    });
    const gateway = new RestGateway({
      invoke: async () => ({ kind: 'result', payload: null, logs: [] }),
      awsServices: services,
    });
    const api = importOpenApi({
      openapi: '3.0.1',
      info: { title: 'S', version: '1' },
      paths: {
        '/run': {
          post: {
            responses: { '200': { description: 'ok' } },
            'x-amazon-apigateway-integration': {
              type: 'aws',
              httpMethod: 'POST',
              uri: 'arn:aws:apigateway:us-east-1:states:action/StartExecution',
              requestTemplates: {
                'application/json': `{"input": "$util.escapeJavaScript($input.json('$'))", "stateMachineArn": "arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:double"}`,
              },
              responses: { default: { statusCode: '200' } },
            },
          },
        },
      },
    });
    gateway.putStage({ name: 'dev', deploymentId: gateway.deploy(api).id });
    const result = await gateway.handle(
      new Request('https://x.execute-api.us-east-1.amazonaws.com/dev/run', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"n": 21}',
      }),
    );
    const text = await result.response.text();
    // [SFN-TUT]: {"executionArn":"arn:aws:states:…:execution:HelloWorld:MyExecution","startDate":1.486772644911E9}
    expect(text).toMatch(
      /^\{"executionArn":"arn:aws:states:us-east-1:123456789012:execution:double:[^"]+","startDate":\d\.\d+E9\}$/,
    );
    await services.whenIdle();
    const [machine] = services.state().stateMachines;
    expect(machine!.executions[0]).toMatchObject({ status: 'SUCCEEDED', output: '{"n":42}' });
    expect(invoked).toEqual(['double']);
  });
});

describe('REST Kinesis PutRecord with the embedded Kinesis', () => {
  it('action URI with no target mapped: SequenceNumber and ShardId as the Kinesis tutorial shows them; the record holds the decoded body', async () => {
    const services = embedded();
    services.apply({ streams: [{ StreamName: 'clicks', ShardCount: 1 }] });
    const gateway = new RestGateway({
      invoke: async () => ({ kind: 'result', payload: null, logs: [] }),
      awsServices: services,
    });
    const api = importOpenApi({
      openapi: '3.0.1',
      info: { title: 'K', version: '1' },
      paths: {
        '/clicks': {
          post: {
            responses: { '200': { description: 'ok' } },
            'x-amazon-apigateway-integration': {
              type: 'aws',
              httpMethod: 'POST',
              uri: 'arn:aws:apigateway:us-east-1:kinesis:action/PutRecord',
              requestTemplates: {
                'application/json': `{"StreamName": "clicks", "Data": "$util.base64Encode($input.body)", "PartitionKey": "p"}`,
              },
              responses: { default: { statusCode: '200' } },
            },
          },
        },
      },
    });
    gateway.putStage({ name: 'dev', deploymentId: gateway.deploy(api).id });
    const result = await gateway.handle(
      new Request('https://x.execute-api.us-east-1.amazonaws.com/dev/clicks', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"x": 1}',
      }),
    );
    // [DG-KIN]: {"SequenceNumber": "49559409944537880850133345460169886593573102115167928386", "ShardId": "shardId-000000000004"}
    const body = JSON.parse(await result.response.text()) as { SequenceNumber: string; ShardId: string };
    expect(body.ShardId).toBe('shardId-000000000000');
    expect(body.SequenceNumber).toMatch(/^\d{56}$/);
    const [stream] = services.state().streams;
    expect(stream!.shards[0]!.records.map((r) => r.text)).toEqual(['{"x": 1}']);
  });
});

describe('HTTP API subtypes with the embedded services', () => {
  it('SQS-SendMessage then SQS-ReceiveMessage: the message comes back', async () => {
    const services = embedded();
    const gateway = new HttpApiGateway({
      invoke: async () => ({ kind: 'result', payload: null, logs: [] }),
      awsServices: services,
    });
    const integration = (subtype: string, requestParameters: Record<string, string>) => ({
      'x-amazon-apigateway-integration': {
        type: 'aws_proxy',
        integrationSubtype: subtype,
        requestParameters,
        payloadFormatVersion: '1.0',
      },
    });
    const api = importHttpApi({
      openapi: '3.0.1',
      info: { title: 'H', version: '1' },
      paths: {
        '/messages': {
          post: integration('SQS-SendMessage', { QueueUrl: QUEUE_URL, MessageBody: '$request.body.text' }),
          get: integration('SQS-ReceiveMessage', { QueueUrl: QUEUE_URL }),
        },
      },
    });
    gateway.putStage({ name: '$default', deploymentId: gateway.deploy(api).id });
    const base = 'https://h.execute-api.us-east-1.amazonaws.com/messages';
    const sent = await gateway.handle(new Request(base, { method: 'POST', body: '{"text": "hello"}' }));
    expect(sent.response.status).toBe(200);
    expect(sent.response.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    const { MessageId } = JSON.parse(await sent.response.text()) as { MessageId: string };
    const received = await gateway.handle(new Request(base));
    const { Messages } = JSON.parse(await received.response.text()) as {
      Messages: Array<{ MessageId: string; Body: string }>;
    };
    expect(Messages.map((m) => [m.MessageId, m.Body])).toEqual([[MessageId, 'hello']]);
  });
});
