import { describe, expect, it } from 'vitest';
import {
  DefinitionError,
  HttpApiGateway,
  exportHttpApiOpenApi,
  importHttpApi,
  type AwsServices,
  type ServiceRequest,
  type ServiceResponse,
} from '../../../src/emulator/index.js';

/**
 * HTTP API first-class integrations (`integrationSubtype`; research docs/research/service-integrations.md §2): import
 * checks after the subtype reference
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html),
 * parameter mapping after http-api-develop-integrations-aws-services.html, the wire request in the action's JSON
 * protocol, and the service's answer passed through ([CAP-HTTPSFN]). The service records what it receives.
 */
const DEC = new TextDecoder();
const QUEUE = 'https://sqs.us-east-1.amazonaws.com/123456789012/orders';
const ROLE = 'arn:aws:iam::123456789012:role/apigateway-sqs';

class RecordingServices implements AwsServices {
  readonly requests: ServiceRequest[] = [];
  constructor(readonly answer: (request: ServiceRequest) => ServiceResponse) {}
  call(request: ServiceRequest): Promise<ServiceResponse> {
    this.requests.push(request);
    return Promise.resolve(this.answer(request));
  }
}

const answer = (body: unknown, status = 200): ServiceResponse => ({
  status,
  headers: [
    ['x-amzn-RequestId', 'svc-1'],
    ['Content-Type', 'application/x-amz-json-1.0'],
    ['x-amzn-query-error', 'unused'],
  ],
  body: JSON.stringify(body),
});

function doc(routes: Record<string, Record<string, unknown>>) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, integration] of Object.entries(routes)) {
    const [method, path] = key.split(' ') as [string, string];
    (paths[path] ??= {})[method.toLowerCase()] = { 'x-amazon-apigateway-integration': integration };
  }
  return { openapi: '3.0.1', info: { title: 'Svc', version: '1' }, paths };
}

const sendMessage = (requestParameters: Record<string, string>) => ({
  type: 'aws_proxy',
  integrationSubtype: 'SQS-SendMessage',
  credentials: ROLE,
  requestParameters,
  payloadFormatVersion: '1.0',
  connectionType: 'INTERNET',
});

function serve(definition: unknown, services: AwsServices, variables?: Record<string, string>) {
  const gateway = new HttpApiGateway({
    invoke: async () => ({ kind: 'result', payload: null, logs: [] }),
    awsServices: services,
  });
  const deployment = gateway.deploy(importHttpApi(definition, { apiId: 'a1b2c3d4e5' }));
  gateway.putStage({ name: '$default', deploymentId: deployment.id, ...(variables ? { variables } : {}) });
  return (path: string, init: RequestInit = {}) =>
    gateway.handle(new Request(`https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com${path}`, init));
}

describe('HTTP API first-class integrations: the wire request', () => {
  it('SQS-SendMessage: the JSON protocol, parameters from the body, a header, the query, the path, $context and stage variables', async () => {
    const services = new RecordingServices(() => answer({ MD5OfMessageBody: 'x', MessageId: 'm-1' }));
    const definition = doc({
      'POST /orders/{kind}': sendMessage({
        QueueUrl: '$stageVariables.queueUrl',
        MessageBody: '$request.body.order',
        MessageGroupId: '$request.path.kind',
        MessageDeduplicationId: '$request.header.x-dedup',
        DelaySeconds: '$request.querystring.delay',
        MessageAttributes: '{"requestId": {"DataType": "String", "StringValue": "static"}}',
      }),
    });
    const result = await serve(definition, services, { queueUrl: QUEUE })('/orders/books?delay=5', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dedup': 'd-1' },
      body: JSON.stringify({ order: { id: 7 } }),
    });
    const [sent] = services.requests;
    expect(sent).toMatchObject({ service: 'sqs', region: 'us-east-1', method: 'POST', path: '/' });
    expect(sent!.headers).toEqual([
      ['Content-Type', 'application/x-amz-json-1.0'],
      ['X-Amz-Target', 'AmazonSQS.SendMessage'],
    ]);
    expect(JSON.parse(DEC.decode(sent!.body))).toEqual({
      QueueUrl: QUEUE,
      MessageBody: '{"id":7}',
      MessageGroupId: 'books',
      MessageDeduplicationId: 'd-1',
      DelaySeconds: 5,
      MessageAttributes: { requestId: { DataType: 'String', StringValue: 'static' } },
    });
    // The service's status, body and Content-Type pass through, with apigw-requestid ([CAP-HTTPSFN]).
    expect(result.response.status).toBe(200);
    expect(result.response.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(result.response.headers.get('x-amzn-requestid')).toBe('svc-1');
    expect(result.response.headers.get('apigw-requestid')).toBe(result.trace.requestId);
    expect(result.response.headers.get('x-amzn-query-error')).toBeNull();
    expect(await result.response.text()).toBe('{"MD5OfMessageBody":"x","MessageId":"m-1"}');
    expect(result.trace.integration!.service).toMatchObject({ name: 'sqs', action: 'SendMessage', credentials: ROLE });
    expect(result.trace.integration!.request!.url).toBe('https://sqs.us-east-1.amazonaws.com/');
  });

  it('$request.body, $context.requestId and multi-value headers joined with commas', async () => {
    const services = new RecordingServices(() => answer({}));
    await serve(
      doc({
        'POST /go': {
          type: 'aws_proxy',
          integrationSubtype: 'StepFunctions-StartExecution',
          requestParameters: {
            StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:orders',
            Input: '$request.body',
            Name: '$context.requestId',
          },
          payloadFormatVersion: '1.0',
        },
      }),
      services,
    )('/go', { method: 'POST', body: '{"a": 1}' });
    const [sent] = services.requests;
    expect(sent!.headers).toContainEqual(['X-Amz-Target', 'AWSStepFunctions.StartExecution']);
    const input = JSON.parse(DEC.decode(sent!.body));
    expect(input.stateMachineArn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:orders');
    expect(input.input).toBe('{"a": 1}');
    expect(input.name).toMatch(/\S+/);
  });

  it.each([
    [
      'Kinesis-PutRecord',
      { StreamName: 's', Data: '$request.body', PartitionKey: 'p' },
      'Kinesis_20131202.PutRecord',
      'application/x-amz-json-1.1',
      { StreamName: 's', Data: 'aGk=', PartitionKey: 'p' },
    ],
    [
      'EventBridge-PutEvents',
      { Source: 'shop', DetailType: 'order', Detail: '$request.body' },
      'AWSEvents.PutEvents',
      'application/x-amz-json-1.1',
      { Entries: [{ Source: 'shop', DetailType: 'order', Detail: 'hi' }] },
    ],
    [
      'SQS-ReceiveMessage',
      { QueueUrl: QUEUE, MaxNumberOfMessages: '10', AttributeNames: 'All' },
      'AmazonSQS.ReceiveMessage',
      'application/x-amz-json-1.0',
      { QueueUrl: QUEUE, MaxNumberOfMessages: 10, AttributeNames: ['All'] },
    ],
    [
      'SQS-DeleteMessage',
      { QueueUrl: QUEUE, ReceiptHandle: '$request.querystring.handle' },
      'AmazonSQS.DeleteMessage',
      'application/x-amz-json-1.0',
      { QueueUrl: QUEUE, ReceiptHandle: 'rh' },
    ],
    ['SQS-PurgeQueue', { QueueUrl: QUEUE }, 'AmazonSQS.PurgeQueue', 'application/x-amz-json-1.0', { QueueUrl: QUEUE }],
    [
      'StepFunctions-StopExecution',
      { ExecutionArn: 'arn:x', Cause: 'c' },
      'AWSStepFunctions.StopExecution',
      'application/x-amz-json-1.0',
      { executionArn: 'arn:x', cause: 'c' },
    ],
  ])('%s: target, content type and input', async (subtype, requestParameters, target, contentType, input) => {
    const services = new RecordingServices(() => answer({}));
    await serve(
      doc({
        'POST /x': { type: 'aws_proxy', integrationSubtype: subtype, requestParameters, payloadFormatVersion: '1.0' },
      }),
      services,
    )('/x?handle=rh', { method: 'POST', body: 'hi' });
    const [sent] = services.requests;
    expect(sent!.headers).toEqual([
      ['Content-Type', contentType],
      ['X-Amz-Target', target],
    ]);
    expect(JSON.parse(DEC.decode(sent!.body))).toEqual(input);
  });

  it('a service error passes through with its status; a parameter whose source is absent is 400 (L)', async () => {
    const error = { __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: 'The specified queue does not exist.' };
    const services = new RecordingServices(() => answer(error, 400));
    const call = serve(
      doc({ 'POST /q': sendMessage({ QueueUrl: QUEUE, MessageBody: '$request.header.x-body' }) }),
      services,
    );
    const failed = await call('/q', { method: 'POST', headers: { 'x-body': 'hello' } });
    expect(failed.response.status).toBe(400);
    expect(JSON.parse(await failed.response.text())).toEqual(error);
    const unresolved = await call('/q', { method: 'POST' });
    expect(unresolved.response.status).toBe(400);
    expect(await unresolved.response.text()).toBe('{"message":"Bad Request"}');
    expect(services.requests).toHaveLength(1);
  });

  it('a service that cannot be reached is 500 {"message":"Internal Server Error"}', async () => {
    const services: AwsServices = { call: () => Promise.reject(new Error('ECONNREFUSED')) };
    const result = await serve(doc({ 'POST /q': sendMessage({ QueueUrl: QUEUE, MessageBody: 'm' }) }), services)('/q', {
      method: 'POST',
    });
    expect(result.response.status).toBe(500);
    expect(await result.response.text()).toBe('{"message":"Internal Server Error"}');
  });
});

describe('HTTP API first-class integrations: import and export', () => {
  const problemsOf = (integration: Record<string, unknown>) => {
    try {
      importHttpApi(doc({ 'POST /x': integration }));
    } catch (error) {
      if (error instanceof DefinitionError) return error.problems;
      throw error;
    }
    return [];
  };

  it('a missing required parameter: "You must configure all required parameters to create an integration" ([DG-FC])', () => {
    const [problem] = problemsOf(sendMessage({ QueueUrl: QUEUE }));
    expect(problem).toContain('You must configure all required parameters to create an integration');
    expect(problem).toContain('MessageBody');
  });

  it('an unknown subtype, AppConfig, an unknown parameter, a bad source and payload format 2.0 are refused', () => {
    expect(problemsOf({ ...sendMessage({}), integrationSubtype: 'SQS-Nope' })[0]).toContain('"SQS-Nope"');
    expect(problemsOf({ ...sendMessage({}), integrationSubtype: 'AppConfig-GetConfiguration' })[0]).toContain(
      'not supported by the lab',
    );
    expect(problemsOf(sendMessage({ QueueUrl: QUEUE, MessageBody: 'm', Foo: 'x' }))[0]).toContain('no parameter "Foo"');
    expect(problemsOf(sendMessage({ QueueUrl: QUEUE, MessageBody: '$request.bogus' }))[0]).toContain(
      'is not a parameter source',
    );
    expect(
      problemsOf({ ...sendMessage({ QueueUrl: QUEUE, MessageBody: 'm' }), payloadFormatVersion: '2.0' })[0],
    ).toContain('must be "1.0"');
  });

  it('exports integrationSubtype, credentials and requestParameters, and imports back the same', () => {
    const model = importHttpApi(doc({ 'POST /x': sendMessage({ QueueUrl: QUEUE, MessageBody: '$request.body' }) }));
    const exported = exportHttpApiOpenApi(model) as { paths: Record<string, Record<string, Record<string, unknown>>> };
    expect(exported.paths['/x']!.post!['x-amazon-apigateway-integration']).toEqual({
      credentials: ROLE,
      requestParameters: { QueueUrl: QUEUE, MessageBody: '$request.body' },
      integrationSubtype: 'SQS-SendMessage',
      payloadFormatVersion: '1.0',
      type: 'aws_proxy',
      connectionType: 'INTERNET',
    });
    expect(importHttpApi(exported, { apiId: model.id }).routes).toEqual(model.routes);
  });
});
