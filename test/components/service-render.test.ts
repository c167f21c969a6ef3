/**
 * The service panel's HTML (service-render.ts): the call box, the state of every kind of resource as captioned tables
 * with column and row headers, and the Consume round trip (the panel's own ReceiveMessage and DeleteMessage calls) on
 * the embedded SQS, whose state after it is an empty queue.
 */
import { describe, expect, it } from 'vitest';
import { EmbeddedAwsServices, parseServicesFile } from '../../src/emulator/aws-services/embedded-services.js';
import type { ServiceResponse, ServicesState } from '../../src/emulator/aws-services/types.js';
import type { ServiceCallTrace } from '../../src/emulator/shared/trace.js';
import {
  attributeText,
  consumedHtml,
  receivedMessagesOf,
  serviceCallHtml,
  servicesStateHtml,
  servicesSummary,
  sqsCall,
} from '../../src/components/service-render.js';
import { integrationTypeLabel } from '../../src/components/render.js';

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/orders';

/** The text of an HTML fragment (tags dropped, entities of escapeHtml decoded). */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** The rows of the table captioned `caption`, each as its cells' texts. */
function rowsOf(html: string, caption: string | RegExp): string[][] {
  const tables = [...html.matchAll(/<table[^>]*><caption>(.*?)<\/caption>(.*?)<\/table>/g)];
  const table = tables.find((t) => (typeof caption === 'string' ? t[1] === caption : caption.test(t[1]!)));
  if (!table) throw new Error(`no table captioned ${String(caption)} in ${tables.map((t) => t[1]).join(' | ')}`);
  const body = /<tbody>(.*)<\/tbody>/.exec(table[2]!)![1]!;
  return [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((r) =>
    [...r[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => text(c[1]!)),
  );
}

const state: ServicesState = {
  queues: [
    {
      name: 'orders',
      url: QUEUE_URL,
      arn: 'arn:aws:sqs:us-east-1:123456789012:orders',
      fifo: false,
      messages: [
        {
          messageId: 'm-1',
          body: '{"foo": "bar"}',
          md5OfBody: '94232c5b8fc9272f6f73a1e36eb68fcf',
          messageAttributes: {},
          state: 'visible',
          receiveCount: 0,
          sentAtMs: 0,
        },
        {
          messageId: 'm-2',
          body: '<b>&',
          md5OfBody: 'x',
          messageAttributes: {},
          state: 'inflight',
          receiveCount: 2,
          sentAtMs: 0,
          visibleAtMs: Date.UTC(2026, 11, 4, 12, 0, 30),
        },
      ],
    },
  ],
  streams: [
    {
      name: 'clicks',
      arn: 'arn:aws:kinesis:us-east-1:123456789012:stream/clicks',
      shards: [
        { shardId: 'shardId-000000000000', records: [] },
        {
          shardId: 'shardId-000000000001',
          records: [
            {
              sequenceNumber: '49680826019133365446544646737200191373380513352665530370',
              partitionKey: 'user-1',
              data: 'eyJjbGljayI6MX0=',
              text: '{"click":1}',
              arrivalMs: 0,
            },
            { sequenceNumber: '2', partitionKey: 'bin', data: '/w==', arrivalMs: 0 },
          ],
        },
      ],
    },
  ],
  stateMachines: [
    {
      name: 'OrderFlow',
      arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:OrderFlow',
      type: 'STANDARD',
      executions: [
        {
          executionArn: 'arn:aws:states:us-east-1:123456789012:execution:OrderFlow:e1',
          name: 'e1',
          status: 'SUCCEEDED',
          input: '{"n":1}',
          output: '{"ok":true}',
          startMs: 0,
          stopMs: 5,
          events: [
            { id: 1, type: 'ExecutionStarted', timestampMs: 0, input: '{"n":1}' },
            { id: 2, type: 'PassStateEntered', timestampMs: 1, stateName: 'Prepare', input: '{"n":1}' },
            { id: 3, type: 'PassStateExited', timestampMs: 2, stateName: 'Prepare', output: '{"n":2}' },
            { id: 4, type: 'ExecutionSucceeded', timestampMs: 5, output: '{"ok":true}' },
          ],
        },
      ],
    },
  ],
  eventBuses: [
    { name: 'default', arn: 'arn:aws:events:us-east-1:123456789012:event-bus/default', rules: [], events: [] },
    {
      name: 'orders',
      arn: 'arn:aws:events:us-east-1:123456789012:event-bus/orders',
      rules: [{ name: 'big', eventPattern: {}, targets: ['arn:aws:sqs:us-east-1:123456789012:orders'] }],
      events: [
        {
          eventId: 'ev-1',
          event: { source: 'shop', 'detail-type': 'OrderPlaced', detail: { total: 120 } },
          matchedRules: ['big'],
        },
      ],
    },
  ],
  tables: [
    {
      name: 'items',
      arn: 'arn:aws:dynamodb:us-east-1:123456789012:table/items',
      keySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      items: [
        { name: { S: 'pen' }, id: { S: 'a' }, price: { N: '2' } },
        { id: { S: 'b' }, tags: { SS: ['x'] } },
      ],
    },
  ],
};

describe('service panel rendering', () => {
  it('shows the call: service, action, endpoint, role and the wire answer with its status, headers and body', () => {
    const call: ServiceCallTrace = {
      name: 'sqs',
      action: 'SendMessage',
      credentials: 'arn:aws:iam::123456789012:role/apigateway-sqs',
      endpoint: 'embedded',
      response: {
        status: 200,
        headers: [
          ['Content-Type', 'application/json'],
          ['x-amzn-RequestId', 'r-1'],
        ],
        body: '{"SendMessageResponse":{"ResponseMetadata":{"RequestId":"r-1"}}}',
      },
    };
    const t = text(serviceCallHtml(call));
    expect(t).toContain('Service Amazon SQS ( sqs )');
    expect(t).toContain('Action SendMessage');
    expect(t).toContain('Endpoint embedded');
    expect(t).toContain('Role arn:aws:iam::123456789012:role/apigateway-sqs');
    expect(t).toContain('HTTP/1.1 200 OK');
    expect(t).toContain('x-amzn-RequestId : r-1');
    expect(t).toContain('{"SendMessageResponse":{"ResponseMetadata":{"RequestId":"r-1"}}}');
    // The body exactly as the service wrote it: Step Functions' startDate keeps its Java double notation.
    const sfn = serviceCallHtml({
      ...call,
      name: 'states',
      action: 'StartExecution',
      response: { status: 200, headers: [], body: '{"executionArn":"arn:x","startDate":1.796388220552E9}' },
    });
    expect(text(sfn)).toContain('"startDate":1.796388220552E9');
    expect(text(serviceCallHtml({ ...call, credentials: undefined } as ServiceCallTrace))).toContain('Role none');
  });

  it('lists queue messages with their state, receive count, body and MD5, escaped, and a named Consume button', () => {
    const html = servicesStateHtml(state);
    expect(rowsOf(html, 'Messages in orders (2 messages)')).toEqual([
      ['m-1', 'visible', '0', '{"foo": "bar"}', '94232c5b8fc9272f6f73a1e36eb68fcf'],
      ['m-2', 'in flight until 12:00:30.000', '2', '<b>&', 'x'],
    ]);
    expect(html).not.toContain('<b>&');
    expect(html).toMatch(
      /<button type="button"[^>]*data-consume="https:\/\/sqs\.us-east-1\.amazonaws\.com\/123456789012\/orders" aria-label="Consume orders">Consume<\/button>/,
    );
    const empty = servicesStateHtml({ ...state, queues: [{ ...state.queues[0]!, messages: [] }] });
    expect(text(empty)).toContain('No messages: the queue is empty.');
  });

  it("shows each shard's records with sequence number, partition key and decoded data", () => {
    const html = servicesStateHtml(state);
    expect(text(html)).toContain('shardId-000000000000 : no records.');
    const rows = rowsOf(html, 'Shard shardId-000000000001 of clicks (2 records)');
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ['49680826019133365446544646737200191373380513352665530370', 'user-1', '{"click":1}'],
      ['2', 'bin', '/w== (base64: not UTF-8 text)'],
    ]);
  });

  it("shows an execution's status and each step entered and exited with its input and output, newest first", () => {
    const older = { ...state.stateMachines[0]!.executions[0]!, name: 'e0', status: 'FAILED' as const };
    const two = servicesStateHtml({
      ...state,
      stateMachines: [{ ...state.stateMachines[0]!, executions: [older, state.stateMachines[0]!.executions[0]!] }],
    });
    expect(two.indexOf('data-execution="e1"')).toBeLessThan(two.indexOf('data-execution="e0"'));
    expect(text(two)).toContain('Earlier execution e0: FAILED');
    const html = servicesStateHtml(state);
    expect(html).toContain('data-execution-status="SUCCEEDED"');
    expect(text(html)).toContain('e1 : SUCCEEDED · output {"ok":true}');
    expect(rowsOf(html, 'Steps of execution e1 (OrderFlow)')).toEqual([
      ['1', 'ExecutionStarted', '', '{"n":1}', ''],
      ['2', 'PassStateEntered', 'Prepare', '{"n":1}', ''],
      ['3', 'PassStateExited', 'Prepare', '', '{"n":2}'],
      ['4', 'ExecutionSucceeded', '', '', '{"ok":true}'],
    ]);
  });

  it('shows bus events with the rules they matched (an empty default bus is left out) and table items by attribute', () => {
    const html = servicesStateHtml(state);
    expect(html).not.toContain('data-bus="default"');
    expect(rowsOf(html, 'Events on orders (1)')).toEqual([['ev-1', 'shop', 'OrderPlaced', '{"total":120}', 'big']]);
    expect(html).toContain(
      '<th scope="col">id (key)</th><th scope="col">name</th><th scope="col">price</th><th scope="col">tags</th>',
    );
    expect(rowsOf(html, 'Items in items (2)')).toEqual([
      ['a', 'pen', '2', ''],
      ['b', '', '', '{"SS":["x"]}'],
    ]);
    expect(attributeText({ BOOL: false })).toBe('false');
  });

  it('every table has a caption, column headers and a focusable, named scroll box', () => {
    const html = servicesStateHtml(state);
    const tables = html.match(/<table/g)!.length;
    expect(html.match(/<caption>/g)!.length).toBe(tables);
    expect(html.match(/<div class="sb-svc-table-wrap" tabindex="0" role="group" aria-label="[^"]+">/g)!.length).toBe(
      tables,
    );
    expect(servicesStateHtml({ queues: [], streams: [], stateMachines: [], eventBuses: [], tables: [] })).toContain(
      'no resources',
    );
  });

  it('names an AWS service integration as such in the integration request box', () => {
    expect(integrationTypeLabel({ type: 'AWS', url: QUEUE_URL })).toBe('AWS service integration (AWS): sqs');
    expect(integrationTypeLabel({ type: 'AWS_PROXY', url: 'https://kinesis.us-east-1.amazonaws.com/' })).toContain(
      'integration subtype',
    );
    expect(
      integrationTypeLabel({
        type: 'AWS',
        url: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/x/invocations',
      }),
    ).toBe('Lambda custom integration (AWS)');
  });

  it('summarises a services file', () => {
    expect(
      servicesSummary(
        JSON.stringify({ queues: [{ QueueName: 'orders' }], streams: [{ StreamName: 'clicks', ShardCount: 2 }] }),
      ),
    ).toBe('queue orders; stream clicks (2 shards)');
  });
});

describe('Consume on the embedded SQS', () => {
  it('receives the messages with the JSON protocol, deletes them by receipt handle, and leaves the queue empty', async () => {
    const services = new EmbeddedAwsServices({ region: 'us-east-1', accountId: '123456789012', now: () => Date.now() });
    services.apply(parseServicesFile(JSON.stringify({ queues: [{ QueueName: 'orders' }] })));
    for (const body of ['{"n":1}', '{"n":2}'])
      expect((await services.call(sqsCall('SendMessage', QUEUE_URL, { MessageBody: body }))).status).toBe(200);
    expect(rowsOf(servicesStateHtml(services.state()), /^Messages in orders/).map((r) => r[3])).toEqual([
      '{"n":1}',
      '{"n":2}',
    ]);

    const receive = sqsCall('ReceiveMessage', QUEUE_URL, { MaxNumberOfMessages: 10 });
    expect(receive.headers).toEqual([
      ['X-Amz-Target', 'AmazonSQS.ReceiveMessage'],
      ['Content-Type', 'application/x-amz-json-1.0'],
    ]);
    expect(JSON.parse(new TextDecoder().decode(receive.body))).toEqual({
      QueueUrl: QUEUE_URL,
      MaxNumberOfMessages: 10,
    });
    const received = await services.call(receive);
    const messages = receivedMessagesOf(received);
    expect(messages.map((m) => m.Body).sort()).toEqual(['{"n":1}', '{"n":2}']);
    expect(rowsOf(servicesStateHtml(services.state()), /^Messages in orders/).map((r) => r[1])).toEqual([
      expect.stringMatching(/^in flight until /),
      expect.stringMatching(/^in flight until /),
    ]);

    const deleted: ServiceResponse[] = [];
    for (const m of messages)
      deleted.push(await services.call(sqsCall('DeleteMessage', QUEUE_URL, { ReceiptHandle: m.ReceiptHandle })));
    expect(deleted.map((d) => d.status)).toEqual([200, 200]);
    expect(text(servicesStateHtml(services.state()))).toContain('No messages: the queue is empty.');
    const consumed = consumedHtml('orders', received, deleted);
    expect(text(consumed)).toContain('Received 2 messages and deleted 2.');
    expect(
      rowsOf(consumed, 'Received from orders')
        .map((r) => r[1])
        .sort(),
    ).toEqual(['{"n":1}', '{"n":2}']);
  });
});
