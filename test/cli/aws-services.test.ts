import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli, type RunningCli } from './helpers.js';

/**
 * `apigw-lab serve --services FILE` (embedded SQS behind a REST path-URI integration, its state at
 * /__apigw-lab/services) and `--aws-endpoint` against second implementations started here: dynalite (DynamoDB),
 * kinesalite (Kinesis), local-aws-sqs (SQS, JSON protocol: it does not accept path-addressed query requests, research
 * §3). The CLI signs with the credentials of its environment (dummy ones here; these servers check presence only).
 */
const dir = mkdtempSync(join(tmpdir(), 'apigw-svc-'));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
};
const ROLE = 'arn:aws:iam::123456789012:role/apigw-services';

/** A REST API with one POST (or `method`) per path, each an AWS integration. */
function restApi(methods: Record<string, { method?: string; integration: Record<string, unknown> }>) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, { method = 'post', integration }] of Object.entries(methods)) {
    const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    (paths[path] ??= {})[method] = {
      ...(names.length
        ? { parameters: names.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })) }
        : {}),
      responses: { '200': { description: 'ok' } },
      'x-amazon-apigateway-integration': { credentials: ROLE, httpMethod: 'POST', type: 'aws', ...integration },
    };
  }
  return { openapi: '3.0.1', info: { title: 'Services', version: '1' }, paths };
}

/** The AWS-validated SQS integration (LocalStack test_sqs_aws_integration) with a response template reading the id. */
const sqsDefinition = restApi({
  '/orders': {
    integration: {
      uri: 'arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders',
      requestParameters: { 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" },
      requestTemplates: { 'application/json': 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)' },
      passthroughBehavior: 'never',
      responses: {
        default: {
          statusCode: '200',
          responseTemplates: {
            'application/json': `{"messageId": "$input.path('$.SendMessageResponse.SendMessageResult.MessageId')"}`,
          },
        },
      },
    },
  },
});

describe('apigw-lab serve --services', () => {
  let cli: RunningCli;
  beforeAll(async () => {
    cli = await startCli([
      file('sqs.json', sqsDefinition),
      '--services',
      file('services.json', { queues: [{ QueueName: 'orders' }] }),
    ]);
  });
  afterAll(() => cli?.stop());

  it('sends the message to the embedded queue, answers through the response template, shows the queue', async () => {
    const response = await fetch(`${cli.invokeUrl}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"item": "book & pen"}',
    });
    expect(response.status).toBe(200);
    const { messageId } = (await response.json()) as { messageId: string };
    expect(messageId).toMatch(/^[0-9a-f-]{36}$/);
    const origin = new URL(cli.invokeUrl).origin;
    const state = (await (await fetch(`${origin}/__apigw-lab/services`)).json()) as {
      queues: Array<{ name: string; messages: Array<{ messageId: string; body: string }> }>;
    };
    const queue = state.queues.find((q) => q.name === 'orders')!;
    expect(queue.messages).toEqual([expect.objectContaining({ messageId, body: '{"item": "book & pen"}' })]);
    await expect.poll(() => cli.stderr()).toMatch(/apigw-lab: sqs SendMessage 200 embedded/);
  });

  it('a bad services file is one line naming the field, exit 2', async () => {
    const result = await runCli([
      'serve',
      file('sqs2.json', sqsDefinition),
      '--services',
      file('bad.json', { queue: [] }),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--services .*bad\.json: queue: unknown key/);
  });

  it('warns at start-up when a path URI names a queue the services file does not create', async () => {
    const other = await startCli([file('sqs3.json', sqsDefinition), '--services', file('empty.json', {})]);
    try {
      expect(other.stderr()).toMatch(
        /warning: POST \/orders sends to SQS queue "orders", which the services file does not create/,
      );
    } finally {
      await other.stop();
    }
  });
});

describe('apigw-lab serve --services: the functions a state machine runs', () => {
  const example = join(process.cwd(), 'examples/stepfunctions-start-execution');
  for (const handler of ['check_stock.ts', 'check_stock.py']) {
    it(`a Task's function no integration names is found from the services file (${handler})`, async () => {
      const cli = await startCli([
        join(example, 'openapi.yaml'),
        '--services',
        join(example, 'services.json'),
        '--function',
        `check_stock=${join(example, handler)}`,
      ]);
      try {
        const response = await fetch(`${cli.invokeUrl}/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"sku": "widget", "quantity": 2}',
        });
        expect(response.status).toBe(200);
        const origin = new URL(cli.invokeUrl).origin;
        const status = async () => {
          const state = (await (await fetch(`${origin}/__apigw-lab/services`)).json()) as {
            stateMachines: Array<{ executions: Array<{ status: string; output?: string; cause?: string }> }>;
          };
          const execution = state.stateMachines[0]!.executions[0]!;
          return `${execution.status} ${execution.output ?? execution.cause ?? ''}`;
        };
        await expect.poll(status, { timeout: 30_000, interval: 250 }).toMatch(/^SUCCEEDED .*"available":true/);
      } finally {
        await cli.stop();
      }
    }, 60_000);
  }

  it('names both handler files when the function has one in each language and no --function', async () => {
    const result = await runCli(['serve', join(example, 'openapi.yaml'), '--services', join(example, 'services.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Lambda function "check_stock" matches 2 files/);
  });
});

/** Starts a server (dynalite, kinesalite) on 127.0.0.1:0 and returns its URL. */
async function listenOn(server: Server): Promise<string> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

/** A JSON-protocol call straight to a test server (setting up tables, streams, queues). */
async function direct(url: string, target: string, contentType: string, body: unknown, service: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-amz-target': target,
      authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`,
      'x-amz-date': '20260101T000000Z',
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

describe('apigw-lab serve --aws-endpoint (second implementations)', () => {
  const servers: Server[] = [];
  const env = { ...process.env };
  beforeAll(() => {
    // The child inherits these: the SDK's default chain reads them.
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    delete process.env.AWS_PROFILE;
  });
  afterAll(() => {
    process.env = env;
    for (const server of servers) server.close();
  });

  it('DynamoDB PutItem/GetItem through dynalite (createTableMs 0)', async () => {
    const { default: dynalite } = (await import('dynalite' as string)) as unknown as {
      default: (options: Record<string, unknown>) => Server;
    };
    const server = dynalite({ createTableMs: 0 });
    servers.push(server);
    const url = await listenOn(server);
    const created = await direct(
      url,
      'DynamoDB_20120810.CreateTable',
      'application/x-amz-json-1.0',
      {
        TableName: 'items',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      },
      'dynamodb',
    );
    expect(created.status).toBe(200);
    const definition = restApi({
      '/items/{id}': {
        method: 'put',
        integration: {
          uri: 'arn:aws:apigateway:us-east-1:dynamodb:action/PutItem',
          requestTemplates: {
            'application/json': `{"TableName": "items", "Item": {"id": {"S": "$input.params('id')"}, "name": {"S": "$input.path('$.name')"}}}`,
          },
          responses: { default: { statusCode: '200' } },
        },
      },
    });
    (definition.paths['/items/{id}'] as Record<string, unknown>).get = {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: { '200': { description: 'ok' } },
      'x-amazon-apigateway-integration': {
        type: 'aws',
        httpMethod: 'POST',
        uri: 'arn:aws:apigateway:us-east-1:dynamodb:action/GetItem',
        requestTemplates: { 'application/json': `{"TableName": "items", "Key": {"id": {"S": "$input.params('id')"}}}` },
        responses: {
          default: {
            statusCode: '200',
            responseTemplates: {
              'application/json': `{"id": "$input.path('$.Item.id.S')", "name": "$input.path('$.Item.name.S')"}`,
            },
          },
        },
      },
    };
    const cli = await startCli([file('ddb.json', definition), '--aws-endpoint', `dynamodb=${url}`]);
    try {
      const put = await fetch(`${cli.invokeUrl}/items/a1`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: '{"name": "pen"}',
      });
      expect(put.status).toBe(200);
      expect(await put.json()).toEqual({}); // PutItem answers {} (LS-DDB snapshot)
      const get = await fetch(`${cli.invokeUrl}/items/a1`);
      expect(await get.json()).toEqual({ id: 'a1', name: 'pen' });
      await expect.poll(() => cli.stderr()).toContain(`apigw-lab: dynamodb GetItem 200 ${url}`);
    } finally {
      await cli.stop();
    }
  });

  it('Kinesis PutRecord through kinesalite (createStreamMs 0): SequenceNumber and ShardId reach the client', async () => {
    const { default: kinesalite } = (await import('kinesalite' as string)) as unknown as {
      default: (options: Record<string, unknown>) => Server;
    };
    const server = kinesalite({ createStreamMs: 0 });
    servers.push(server);
    const url = await listenOn(server);
    const created = await direct(
      url,
      'Kinesis_20131202.CreateStream',
      'application/x-amz-json-1.1',
      { StreamName: 'clicks', ShardCount: 1 },
      'kinesis',
    );
    expect(created.status).toBe(200);
    const definition = restApi({
      '/clicks': {
        integration: {
          uri: 'arn:aws:apigateway:us-east-1:kinesis:action/PutRecord',
          requestTemplates: {
            'application/json': `{"StreamName": "clicks", "Data": "$util.base64Encode($input.body)", "PartitionKey": "p"}`,
          },
          responses: {
            default: {
              statusCode: '200',
              responseTemplates: {
                'application/json': `{"shard": "$input.path('$.ShardId')", "sequence": "$input.path('$.SequenceNumber')"}`,
              },
            },
          },
        },
      },
    });
    const cli = await startCli([file('kinesis.json', definition), '--aws-endpoint', `kinesis=${url}`]);
    try {
      const response = await fetch(`${cli.invokeUrl}/clicks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"x": 1}',
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { shard: string; sequence: string };
      expect(body.shard).toBe('shardId-000000000000');
      expect(body.sequence).toMatch(/^\d{56}$/);
    } finally {
      await cli.stop();
    }
  });

  it('SQS SendMessage in the JSON protocol through local-aws-sqs', async () => {
    const { createSqsServer } = (await import('local-aws-sqs')) as unknown as {
      createSqsServer: (options: Record<string, unknown>) => Promise<Server>;
    };
    const server = await createSqsServer({
      port: 0,
      hostname: '127.0.0.1',
      accountId: '123456789012',
      region: 'us-east-1',
    });
    servers.push(server);
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const created = await direct(
      url,
      'AmazonSQS.CreateQueue',
      'application/x-amz-json-1.0',
      { QueueName: 'orders' },
      'sqs',
    );
    expect(created.status).toBe(200);
    const queueUrl = String(created.body.QueueUrl);
    const definition = restApi({
      '/orders': {
        integration: {
          uri: 'arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders',
          // The AWS-validated JSON-protocol variant (LocalStack test_sqs_amz_json_protocol).
          requestParameters: {
            'integration.request.header.Content-Type': "'application/x-amz-json-1.0'",
            'integration.request.header.X-Amz-Target': "'AmazonSQS.SendMessage'",
          },
          requestTemplates: {
            'application/json': `{"QueueUrl": "${queueUrl}", "MessageBody": "$util.escapeJavaScript($input.body)"}`,
          },
          passthroughBehavior: 'never',
          responses: {
            default: {
              statusCode: '200',
              responseTemplates: {
                'application/json': `{"id": "$input.path('$.MessageId')", "md5": "$input.path('$.MD5OfMessageBody')"}`,
              },
            },
          },
        },
      },
    });
    const cli = await startCli([file('sqs-json.json', definition), '--aws-endpoint', `sqs=${url}`]);
    try {
      const response = await fetch(`${cli.invokeUrl}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"foo": "bar"}',
      });
      expect(response.status).toBe(200);
      // md5('{"foo": "bar"}') as AWS recorded it (LS-SQS snapshot sqs-messages).
      expect(await response.json()).toEqual({
        id: expect.stringMatching(/\S/),
        md5: '94232c5b8fc9272f6f73a1e36eb68fcf',
      });
    } finally {
      await cli.stop();
    }
  });
});
