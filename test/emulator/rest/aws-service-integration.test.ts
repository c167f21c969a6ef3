import { describe, expect, it } from 'vitest';
import {
  DefinitionError,
  RestGateway,
  exportOpenApi,
  importOpenApi,
  type AwsServices,
  type ServiceRequest,
  type ServiceResponse,
} from '../../../src/emulator/index.js';

/**
 * REST `AWS` integrations with service URIs (research docs/research/service-integrations.md §1): the wire request the
 * service receives, the status selecting the integration response, the trace. The service here records each request
 * and answers what the test tells it to.
 */
const DEC = new TextDecoder();
const BASE = 'https://abc123defg.execute-api.us-east-1.amazonaws.com/dev';
const ROLE = 'arn:aws:iam::123456789012:role/apigw-sqs';

class RecordingServices implements AwsServices {
  readonly requests: ServiceRequest[] = [];
  constructor(readonly answer: (request: ServiceRequest) => ServiceResponse | Promise<ServiceResponse>) {}
  call(request: ServiceRequest): Promise<ServiceResponse> {
    this.requests.push(request);
    return Promise.resolve(this.answer(request));
  }
}

const json = (body: unknown, status = 200, type = 'application/x-amz-json-1.0'): ServiceResponse => ({
  status,
  headers: [
    ['x-amzn-RequestId', 'svc-request-id'],
    ['Content-Type', type],
  ],
  body: JSON.stringify(body),
});

function api(
  integration: Record<string, unknown>,
  responses: Record<string, unknown> = { '200': { description: 'ok' } },
) {
  return {
    openapi: '3.0.1',
    info: { title: 'Svc', version: '1' },
    paths: { '/items': { post: { responses, 'x-amazon-apigateway-integration': integration } } },
  };
}

function serve(doc: unknown, services: AwsServices | undefined) {
  const gateway = new RestGateway({
    invoke: async () => ({ kind: 'result', payload: null, logs: [] }),
    ...(services ? { awsServices: services } : {}),
  });
  const deployment = gateway.deploy(importOpenApi(doc, { apiId: 'abc123defg' }));
  gateway.putStage({ name: 'dev', deploymentId: deployment.id });
  return (init: RequestInit & { path?: string } = {}) =>
    gateway.handle(new Request(`${BASE}${init.path ?? '/items'}`, { method: 'POST', ...init }));
}

/** The AWS-validated SQS integration of LocalStack's test_apigateway_sqs.py::test_sqs_aws_integration (research §1.3). */
const SQS_PATH = {
  type: 'aws',
  httpMethod: 'POST',
  uri: 'arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders',
  credentials: ROLE,
  requestParameters: { 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" },
  requestTemplates: { 'application/json': 'Action=SendMessage&MessageBody=$input.body' },
  passthroughBehavior: 'never',
  responses: { default: { statusCode: '200' } },
};

describe('REST AWS integrations: the wire request', () => {
  it('SQS path URI: POST /{account}/{queue}, the form body from the template, Content-Type from requestParameters', async () => {
    const services = new RecordingServices(() => json({ SendMessageResponse: {} }, 200, 'application/json'));
    const result = await serve(
      api(SQS_PATH),
      services,
    )({
      headers: { 'Content-Type': 'application/json' },
      body: '{"foo": "bar"}',
    });
    expect(result.response.status).toBe(200);
    const [sent] = services.requests;
    expect(sent!.service).toBe('sqs');
    expect(sent!.region).toBe('us-east-1');
    expect(sent!.method).toBe('POST');
    expect(sent!.path).toBe('/123456789012/orders');
    expect(sent!.headers).toContainEqual(['Content-Type', 'application/x-www-form-urlencoded']);
    expect(sent!.headers.some(([n]) => n.toLowerCase() === 'x-amz-target')).toBe(false);
    expect(DEC.decode(sent!.body)).toBe('Action=SendMessage&MessageBody={"foo": "bar"}');
    const trace = result.trace.integration!;
    expect(trace.type).toBe('AWS');
    expect(trace.request!.url).toBe('https://sqs.us-east-1.amazonaws.com/123456789012/orders');
    expect(trace.service).toMatchObject({
      name: 'sqs',
      action: 'SendMessage',
      credentials: ROLE,
      endpoint: 'embedded',
    });
    expect(trace.outcome).toMatchObject({ kind: 'result', payload: { statusCode: 200 } });
  });

  it.each([
    ['kinesis', 'PutRecord', 'Kinesis_20131202.PutRecord', 'application/x-amz-json-1.1'],
    ['dynamodb', 'PutItem', 'DynamoDB_20120810.PutItem', 'application/x-amz-json-1.0'],
    ['states', 'StartExecution', 'AWSStepFunctions.StartExecution', 'application/x-amz-json-1.0'],
  ])(
    '%s action URI with no target mapped: POST /?Action=%s, X-Amz-Target %s and %s added (LocalStack integrations/aws.py; kinesalite needs them)',
    async (service, action, target, contentType) => {
      const services = new RecordingServices(() => json({}));
      await serve(
        api({
          type: 'aws',
          httpMethod: 'POST',
          uri: `arn:aws:apigateway:eu-west-1:${service}:action/${action}`,
          requestTemplates: { 'application/json': '{"StreamName": "s", "Data": "$util.base64Encode($input.body)"}' },
          responses: { default: { statusCode: '200' } },
        }),
        services,
      )({ headers: { 'Content-Type': 'application/json' }, body: 'hi' });
      const [sent] = services.requests;
      expect(sent!.path).toBe(`/?Action=${action}`);
      expect(sent!.region).toBe('eu-west-1');
      expect(sent!.headers).toContainEqual(['X-Amz-Target', target]);
      expect(sent!.headers.filter(([n]) => n.toLowerCase() === 'content-type')).toEqual([
        ['Content-Type', contentType],
      ]);
      expect(DEC.decode(sent!.body)).toBe('{"StreamName": "s", "Data": "aGk="}');
    },
  );

  it('EventBridge: no target is added; the template sets X-Amz-Target and Content-Type by requestOverride (test_apigateway_eventbridge)', async () => {
    const template = [
      '#set($context.requestOverride.header.X-Amz-Target = "AWSEvents.PutEvents")',
      '#set($context.requestOverride.header.Content-Type = "application/x-amz-json-1.1")',
      '{"Entries": [{"Source": "$input.path(\'$.source\')"}]}',
    ].join('\n');
    const withTemplate = new RecordingServices(() => json({ Entries: [{ EventId: 'e1' }], FailedEntryCount: 0 }));
    const doc = (templates: Record<string, string>) =>
      api({
        type: 'aws',
        httpMethod: 'POST',
        uri: 'arn:aws:apigateway:us-east-1:events:action/PutEvents',
        requestTemplates: templates,
        passthroughBehavior: 'when_no_templates',
        responses: { default: { statusCode: '200' } },
      });
    await serve(
      doc({ 'application/json': template }),
      withTemplate,
    )({
      headers: { 'Content-Type': 'application/json' },
      body: '{"source": "shop"}',
    });
    const [sent] = withTemplate.requests;
    expect(sent!.headers).toContainEqual(['X-Amz-Target', 'AWSEvents.PutEvents']);
    expect(sent!.headers).toContainEqual(['Content-Type', 'application/x-amz-json-1.1']);
    expect(DEC.decode(sent!.body).trim()).toBe('{"Entries": [{"Source": "shop"}]}');

    const without = new RecordingServices(() => json({}, 400));
    await serve(doc({}), without)({ headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(without.requests[0]!.headers.some(([n]) => n.toLowerCase() === 'x-amz-target')).toBe(false);
    expect(without.requests[0]!.headers).toContainEqual(['Content-Type', 'application/json']);
  });

  it('a mapped X-Amz-Target wins: the JSON protocol on an SQS path URI (test_sqs_amz_json_protocol)', async () => {
    const services = new RecordingServices(() => json({ MessageId: 'm1', MD5OfMessageBody: 'x' }));
    await serve(
      api({
        ...SQS_PATH,
        requestParameters: {
          'integration.request.header.Content-Type': "'application/x-amz-json-1.0'",
          'integration.request.header.X-Amz-Target': "'AmazonSQS.SendMessage'",
        },
        requestTemplates: {
          'application/json': '{"QueueUrl": "q", "MessageBody": "$util.escapeJavaScript($input.body)"}',
        },
      }),
      services,
    )({ headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' });
    const [sent] = services.requests;
    expect(sent!.headers).toContainEqual(['X-Amz-Target', 'AmazonSQS.SendMessage']);
    expect(sent!.headers).toContainEqual(['Content-Type', 'application/x-amz-json-1.0']);
  });

  it('path parameters and query strings map into the service path', async () => {
    const services = new RecordingServices(() => json({}));
    const doc = {
      openapi: '3.0.1',
      info: { title: 'Svc', version: '1' },
      paths: {
        '/queues/{name}': {
          post: {
            parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }],
            responses: { '200': { description: 'ok' } },
            'x-amazon-apigateway-integration': {
              type: 'aws',
              httpMethod: 'POST',
              uri: 'arn:aws:apigateway:us-east-1:sqs:path/123456789012/{queue}',
              requestParameters: {
                'integration.request.path.queue': 'method.request.path.name',
                'integration.request.querystring.Action': "'SendMessage'",
                'integration.request.querystring.MessageBody': "'hello world'",
              },
              passthroughBehavior: 'when_no_match',
              responses: { default: { statusCode: '200' } },
            },
          },
        },
      },
    };
    await serve(doc, services)({ path: '/queues/orders' });
    expect(services.requests[0]!.path).toBe('/123456789012/orders?Action=SendMessage&MessageBody=hello%20world');
  });
});

describe('REST AWS integrations: the answer', () => {
  it("a service 400 goes through the default response as 200 with the service's body ([DG-IR] default response)", async () => {
    const error = {
      __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
      message: 'Requested resource not found',
    };
    const services = new RecordingServices(() => json(error, 400));
    const result = await serve(
      api({
        type: 'aws',
        httpMethod: 'POST',
        uri: 'arn:aws:apigateway:us-east-1:dynamodb:action/GetItem',
        responses: { default: { statusCode: '200' } },
      }),
      services,
    )({ headers: { 'Content-Type': 'application/json' }, body: '{"TableName":"nope"}' });
    expect(result.response.status).toBe(200);
    expect(JSON.parse(await result.response.text())).toEqual(error);
    // The client sees the method response's content type, not the service's (LS-DDB headers snapshot).
    expect(result.response.headers.get('content-type')).toBe('application/json');
    expect(result.response.headers.get('x-amzn-requestid')).toBe(result.trace.requestId);
  });

  it('selectionPattern "4\\d{2}" maps a service 400 to a 400 method response (test_sqs_amz_json_protocol)', async () => {
    const services = new RecordingServices((req) =>
      DEC.decode(req.body).includes('bad') ? json({ __type: 'X', message: 'no' }, 400) : json({ MessageId: 'm1' }),
    );
    const call = serve(
      api(
        {
          ...SQS_PATH,
          responses: {
            default: {
              statusCode: '200',
              responseTemplates: { 'application/json': '{"id": "$input.path(\'$.MessageId\')"}' },
            },
            '4\\d{2}': {
              statusCode: '400',
              responseTemplates: { 'application/json': '{"error": "$input.path(\'$.message\')"}' },
            },
          },
        },
        { '200': { description: 'ok' }, '400': { description: 'bad' } },
      ),
      services,
    );
    const good = await call({ headers: { 'Content-Type': 'application/json' }, body: 'good' });
    expect(good.response.status).toBe(200);
    expect(await good.response.text()).toBe('{"id": "m1"}');
    const bad = await call({ headers: { 'Content-Type': 'application/json' }, body: 'bad' });
    expect(bad.response.status).toBe(400);
    expect(await bad.response.text()).toBe('{"error": "no"}');
  });

  it('a service that cannot be reached is 504 INTEGRATION_FAILURE, as an unreachable HTTP endpoint', async () => {
    const services: AwsServices = { call: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:1')) };
    const result = await serve(
      api(SQS_PATH),
      services,
    )({ headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(result.response.status).toBe(504);
    expect(result.trace.integration!.outcome).toMatchObject({ kind: 'error' });
  });

  it('no awsServices: an empty embedded set answers (by dynamic import) with the service wire error, never a throw', async () => {
    const result = await serve(
      api(SQS_PATH),
      undefined,
    )({ headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(result.response.status).toBe(200);
    expect(result.trace.integration!.service!.endpoint).toBe('embedded');
    expect(result.trace.integration!.service!.response.status).toBeGreaterThanOrEqual(400);
  });
});

describe('REST AWS integrations: import and export', () => {
  const problemsOf = (integration: Record<string, unknown>) => {
    try {
      importOpenApi(api(integration));
    } catch (error) {
      if (error instanceof DefinitionError) return error.problems;
      throw error;
    }
    return [];
  };

  it('refuses a URI for another service, naming the method and the URI', () => {
    const uri = 'arn:aws:apigateway:us-east-1:s3:path/bucket/key';
    const [problem] = problemsOf({ type: 'aws', httpMethod: 'GET', uri });
    expect(problem).toContain('paths["/items"].post');
    expect(problem).toContain(uri);
    expect(problem).toContain('"s3"');
  });

  it('refuses a malformed URI and an action URI without an action', () => {
    expect(
      problemsOf({ type: 'aws', httpMethod: 'POST', uri: 'arn:aws:apigateway:us-east-1:sqs:queue/x' })[0],
    ).toContain('is not an AWS service URI');
    expect(
      problemsOf({ type: 'aws', httpMethod: 'POST', uri: 'arn:aws:apigateway:us-east-1:kinesis:action/' })[0],
    ).toContain('names no action');
  });

  it("AWS_PROXY with a service URI: AWS's own message (test_apigateway_dynamodb.py::test_error_aws_proxy_not_supported)", () => {
    const [problem] = problemsOf({
      type: 'aws_proxy',
      httpMethod: 'POST',
      uri: 'arn:aws:apigateway:us-east-1:dynamodb:action/PutItem',
    });
    expect(problem).toContain(
      "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.",
    );
  });

  it('needs an httpMethod', () => {
    expect(problemsOf({ type: 'aws', uri: SQS_PATH.uri })[0]).toContain('needs an httpMethod');
  });

  it('exports credentials, httpMethod, uri, parameters and templates, and imports back the same', () => {
    const model = importOpenApi(api(SQS_PATH));
    const exported = exportOpenApi(model) as { paths: Record<string, Record<string, Record<string, unknown>>> };
    const integration = exported.paths['/items']!.post!['x-amazon-apigateway-integration'] as Record<string, unknown>;
    expect(integration).toMatchObject({
      credentials: ROLE,
      uri: SQS_PATH.uri,
      httpMethod: 'POST',
      type: 'aws',
      passthroughBehavior: 'never',
      requestParameters: SQS_PATH.requestParameters,
      requestTemplates: SQS_PATH.requestTemplates,
    });
    expect(importOpenApi(exported).resources).toEqual(model.resources);
  });
});
