/**
 * The embedded SQS against a second implementation, local-aws-sqs (research §3): the SAME wire requests go to both;
 * status and body must agree modulo ids, receipt handles and timestamps. Known gaps of local-aws-sqs (research §3) are
 * left out: path-addressed query requests (it needs QueueUrl) and JSON answers to the query protocol (always XML).
 */
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedSqs } from '../../src/emulator/aws-services/sqs/index.js';
import type { ServiceRequest, ServiceResponse } from '../../src/emulator/aws-services/types.js';
import { maskKeys, NO_LINKS, realTimeEnv, sendToServer, xmlLeaves } from './compare-helpers.js';
import { ACCOUNT, headerOf, jsonRequest, queryRequest } from './sqs-helpers.js';

type Send = (request: ServiceRequest) => Promise<ServiceResponse>;

let server: Server | undefined;
let base = '';
let loadError = '';

beforeAll(async () => {
  try {
    const { createSqsServer } = await import('local-aws-sqs');
    server = await createSqsServer({
      port: 0,
      hostname: '127.0.0.1',
      accountId: ACCOUNT,
      region: 'us-east-1',
    } as never);
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  } catch (error) {
    loadError = `local-aws-sqs did not start: ${String(error)}`;
  }
});
afterAll(() => server?.close());

function embedded(): Send {
  const backend = new EmbeddedSqs(realTimeEnv(ACCOUNT), NO_LINKS);
  return (request) => backend.call(request);
}

const MASKED = [
  'MessageId',
  'ReceiptHandle',
  'RequestId',
  'SenderId',
  'SentTimestamp',
  'ApproximateFirstReceiveTimestamp',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
];

/** Status, Content-Type, x-amzn-query-error and the body with ids masked (JSON parsed, XML as leaves). */
function normalise(response: ServiceResponse): unknown {
  const type = headerOf(response.headers, 'Content-Type') ?? '';
  let body: unknown = response.body;
  if (type.includes('json')) {
    // Known difference: local-aws-sqs answers an empty output (DeleteMessage, PurgeQueue, a ReceiveMessage that found
    // nothing) with an empty body; the embedded SQS answers `{}` (L: which one AWS sends is not captured).
    body = response.body === '' ? {} : maskKeys(JSON.parse(response.body), MASKED);
    const url = (body as { QueueUrl?: string }).QueueUrl;
    if (url) (body as { QueueUrl?: string }).QueueUrl = new URL(url).pathname; // hosts differ
  } else if (type.includes('xml')) {
    body = xmlLeaves(response.body, MASKED)
      .map((leaf) => leaf.replace(/(QueueUrl=)[a-z]+:\/\/[^/]+/, '$1'))
      .sort(); // element order: see the SendMessage note below
  }
  return {
    status: response.status,
    contentType: type,
    queryError: headerOf(response.headers, 'x-amzn-query-error'),
    body,
  };
}

/** Runs a scenario against both and compares each answer. */
async function compare(scenario: (send: Send) => Promise<ServiceResponse[]>): Promise<ServiceResponse[]> {
  if (loadError) throw new Error(loadError);
  const mine = await scenario(embedded());
  const theirs = await scenario((request) => sendToServer(base, request));
  expect(mine.map(normalise)).toEqual(theirs.map(normalise));
  return mine;
}

let counter = 0;
/** A fresh queue name and URL per scenario (one server for the file). */
function freshQueue(): { name: string; url: string } {
  const name = `q${++counter}-${Date.now()}`;
  return { name, url: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/${name}` };
}

const ATTRIBUTES = {
  a: { DataType: 'String', StringValue: 'x' },
  n: { DataType: 'Number', StringValue: '1' },
  b: { DataType: 'Binary', BinaryValue: 'AQID' },
  // ASCII only: local-aws-sqs (aws-md5-of-message-attributes) writes a string value's length in UTF-16 units, not
  // UTF-8 bytes as AWS's algorithm says (sqs-message-metadata.html#sqs-attributes-md5-message-digest-calculation),
  // so a non-ASCII value's MD5OfMessageAttributes differs there (checked in the last test of this file).
  'user-agent': { DataType: 'String.custom', StringValue: 'BAR-Header' },
};

describe('embedded SQS vs local-aws-sqs, JSON protocol', () => {
  it('SendMessage, ReceiveMessage (attributes, MD5OfMessageAttributes), DeleteMessage by the received handle', async () => {
    const { name, url } = freshQueue();
    await compare(async (send) => {
      const out = [await send(jsonRequest('CreateQueue', { QueueName: name }))];
      out.push(await send(jsonRequest('SendMessage', { QueueUrl: url, MessageBody: '{"foo": "bar"}' })));
      out.push(
        await send(jsonRequest('SendMessage', { QueueUrl: url, MessageBody: 'x', MessageAttributes: ATTRIBUTES })),
      );
      const received = await send(
        jsonRequest('ReceiveMessage', {
          QueueUrl: url,
          MaxNumberOfMessages: 10,
          AttributeNames: ['ApproximateReceiveCount'],
          MessageAttributeNames: ['All'],
        }),
      );
      out.push(received);
      for (const message of JSON.parse(received.body).Messages as Array<{ ReceiptHandle: string }>) {
        out.push(await send(jsonRequest('DeleteMessage', { QueueUrl: url, ReceiptHandle: message.ReceiptHandle })));
      }
      out.push(await send(jsonRequest('ReceiveMessage', { QueueUrl: url })));
      return out;
    });
  });

  it('a message received with VisibilityTimeout 0 comes back with ApproximateReceiveCount 2', async () => {
    const { name, url } = freshQueue();
    await compare(async (send) => {
      await send(jsonRequest('CreateQueue', { QueueName: name }));
      await send(jsonRequest('SendMessage', { QueueUrl: url, MessageBody: 'again' }));
      const receive = jsonRequest('ReceiveMessage', {
        QueueUrl: url,
        VisibilityTimeout: 0,
        AttributeNames: ['ApproximateReceiveCount'],
      });
      return [await send(receive), await send(receive)];
    });
  });

  it('GetQueueUrl, GetQueueAttributes, SendMessageBatch, PurgeQueue', async () => {
    const { name, url } = freshQueue();
    await compare(async (send) => [
      await send(jsonRequest('CreateQueue', { QueueName: name, Attributes: { VisibilityTimeout: '45' } })),
      await send(jsonRequest('GetQueueUrl', { QueueName: name })),
      await send(
        jsonRequest('SendMessageBatch', {
          QueueUrl: url,
          Entries: [
            { Id: 'a', MessageBody: 'one' },
            { Id: 'b', MessageBody: 'two', MessageAttributes: { k: { DataType: 'Number', StringValue: '2' } } },
          ],
        }),
      ),
      await send(
        jsonRequest('GetQueueAttributes', {
          QueueUrl: url,
          AttributeNames: [
            'ApproximateNumberOfMessages',
            'ApproximateNumberOfMessagesNotVisible',
            'ApproximateNumberOfMessagesDelayed',
            'VisibilityTimeout',
            'QueueArn',
            'DelaySeconds',
          ],
        }),
      ),
      await send(jsonRequest('ReceiveMessage', { QueueUrl: url })),
      // Not compared: the counts right after PurgeQueue (AWS: "the message deletion process takes up to 60 seconds";
      // local-aws-sqs still counts the messages, the embedded SQS empties the queue at once).
      await send(jsonRequest('PurgeQueue', { QueueUrl: url })),
    ]);
  });

  it('known differences: in-flight messages in ApproximateNumberOfMessages, MD5 of a non-ASCII attribute', async () => {
    if (loadError) throw new Error(loadError);
    const { name, url } = freshQueue();
    const run = async (send: Send) => {
      await send(jsonRequest('CreateQueue', { QueueName: name }));
      const attributes = { k: { DataType: 'String', StringValue: 'ünï' } };
      const sent = await send(
        jsonRequest('SendMessage', { QueueUrl: url, MessageBody: 'a', MessageAttributes: attributes }),
      );
      await send(jsonRequest('SendMessage', { QueueUrl: url, MessageBody: 'b' }));
      await send(jsonRequest('ReceiveMessage', { QueueUrl: url }));
      const counts = await send(
        jsonRequest('GetQueueAttributes', { QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
      );
      return {
        md5: JSON.parse(sent.body).MD5OfMessageAttributes,
        visible: JSON.parse(counts.body).Attributes.ApproximateNumberOfMessages,
      };
    };
    // AWS: "ApproximateNumberOfMessages – the approximate number of messages available for retrieval" (GetQueueAttributes
    // API reference): the received one is in flight, so 1; local-aws-sqs still counts it.
    expect(await run(embedded())).toMatchObject({ visible: '1' });
    expect(await run((request) => sendToServer(base, request))).toMatchObject({ visible: '2' });
    // The MD5s differ only by the UTF-8 length (3+2=5 bytes… vs 3 characters): see ATTRIBUTES above.
    const mine = (await run(embedded())).md5;
    const theirs = (await run((request) => sendToServer(base, request))).md5;
    expect(mine).not.toBe(theirs);
  });

  it('errors: missing queue, missing MessageBody, DelaySeconds 901, malformed receipt handle, bad queue name', async () => {
    const { name, url } = freshQueue();
    await compare(async (send) => [
      await send(jsonRequest('CreateQueue', { QueueName: name })),
      await send(jsonRequest('SendMessage', { QueueUrl: `${url}-missing`, MessageBody: 'x' })),
      await send(jsonRequest('SendMessage', { QueueUrl: url })),
      await send(jsonRequest('SendMessage', { QueueUrl: url, MessageBody: 'x', DelaySeconds: 901 })),
      await send(jsonRequest('DeleteMessage', { QueueUrl: url, ReceiptHandle: 'nope' })),
      await send(jsonRequest('CreateQueue', { QueueName: 'bad name' })),
      await send(jsonRequest('GetQueueUrl', { QueueName: `${name}-missing` })),
    ]);
  });
});

describe('embedded SQS vs local-aws-sqs, query protocol with QueueUrl, XML', () => {
  const xml: Array<[string, string]> = [['Accept', 'text/xml']];
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

  it('SendMessage (with MessageAttribute.N), ReceiveMessage, DeleteMessage', async () => {
    const { name, url } = freshQueue();
    const mine = await compare(async (send) => {
      const out = [await send(queryRequest('/', form({ Action: 'CreateQueue', QueueName: name }), xml))];
      out.push(
        await send(
          queryRequest('/', form({ Action: 'SendMessage', QueueUrl: url, MessageBody: '{"foo": "bar"}' }), xml),
        ),
      );
      out.push(
        await send(
          queryRequest(
            '/',
            form({
              Action: 'SendMessage',
              QueueUrl: url,
              MessageBody: 'a+b & c',
              'MessageAttribute.1.Name': 'user-agent',
              'MessageAttribute.1.Value.DataType': 'String',
              'MessageAttribute.1.Value.StringValue': 'BAR-Header',
            }),
            xml,
          ),
        ),
      );
      const received = await send(
        queryRequest(
          '/',
          form({
            Action: 'ReceiveMessage',
            QueueUrl: url,
            MaxNumberOfMessages: '10',
            'AttributeName.1': 'ApproximateReceiveCount',
            'MessageAttributeName.1': 'All',
          }),
          xml,
        ),
      );
      out.push(received);
      for (const [, handle] of received.body.matchAll(/<ReceiptHandle>([^<]+)<\/ReceiptHandle>/g)) {
        out.push(
          await send(queryRequest('/', form({ Action: 'DeleteMessage', QueueUrl: url, ReceiptHandle: handle! }), xml)),
        );
      }
      return out;
    });
    // Element order: the embedded SQS writes MessageId before MD5OfMessageBody as SDK fixtures recorded from SQS show
    // (research §1.3, M); local-aws-sqs writes MD5OfMessageBody first. The leaves are compared sorted for that reason.
    expect(mine[1]!.body).toMatch(
      /<SendMessageResult><MessageId>[^<]+<\/MessageId><MD5OfMessageBody>94232c5b8fc9272f6f73a1e36eb68fcf</,
    );
  });

  // Not compared: a batch entry's DelaySeconds. local-aws-sqs accepts 999 there (the embedded SQS refuses that entry as
  // SendMessage refuses it: L, sqs.test.ts) and counts an entry sent with DelaySeconds 60 as visible, not delayed.
  it('SendMessageBatch, GetQueueAttributes, PurgeQueue', async () => {
    const { name, url } = freshQueue();
    await compare(async (send) => [
      await send(queryRequest('/', form({ Action: 'CreateQueue', QueueName: name }), xml)),
      await send(
        queryRequest(
          '/',
          form({
            Action: 'SendMessageBatch',
            QueueUrl: url,
            'SendMessageBatchRequestEntry.1.Id': 'a',
            'SendMessageBatchRequestEntry.1.MessageBody': 'one',
            'SendMessageBatchRequestEntry.2.Id': 'b',
            'SendMessageBatchRequestEntry.2.MessageBody': 'two',
          }),
          xml,
        ),
      ),
      await send(
        queryRequest(
          '/',
          form({
            Action: 'GetQueueAttributes',
            QueueUrl: url,
            'AttributeName.1': 'ApproximateNumberOfMessages',
            'AttributeName.2': 'VisibilityTimeout',
          }),
          xml,
        ),
      ),
      await send(queryRequest('/', form({ Action: 'PurgeQueue', QueueUrl: url }), xml)),
    ]);
  });

  it('errors: NonExistentQueue, malformed receipt handle', async () => {
    const { name, url } = freshQueue();
    await compare(async (send) => [
      await send(queryRequest('/', form({ Action: 'CreateQueue', QueueName: name }), xml)),
      await send(queryRequest('/', form({ Action: 'SendMessage', QueueUrl: `${url}-missing`, MessageBody: 'x' }), xml)),
      await send(queryRequest('/', form({ Action: 'DeleteMessage', QueueUrl: url, ReceiptHandle: 'abc' }), xml)),
      await send(queryRequest('/', form({ Action: 'GetQueueUrl', QueueName: name }), xml)),
    ]);
  });
});
