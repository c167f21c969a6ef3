import { describe, expect, it } from 'vitest';
import { EmbeddedSqs } from '../../src/emulator/aws-services/sqs/index.js';
import { md5OfMessageAttributes } from '../../src/emulator/aws-services/sqs/md5.js';
import { ServicesFileError, type ServicesState } from '../../src/emulator/aws-services/types.js';
import { ACCOUNT, headerOf, jsonRequest, queryRequest, testEnv } from './sqs-helpers.js';

const QUEUE_URL = `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/orders`;
const links = { call: async () => ({ status: 500, headers: [], body: '' }) };

function sqs(attributes: Record<string, string> = {}) {
  const env = testEnv();
  const backend = new EmbeddedSqs(env, links);
  backend.apply({ queues: [{ QueueName: 'orders', Attributes: attributes }] });
  return { backend, env };
}

function state(backend: EmbeddedSqs): ServicesState {
  const into: ServicesState = { queues: [], streams: [], stateMachines: [], eventBuses: [], tables: [] };
  backend.state(into);
  return into;
}

describe('embedded SQS, query protocol', () => {
  it('SendMessage on the queue path answers the captured JSON layout (research §1.3 [CAP-SQS]; MD5 94232c5b… from LS test_sqs_aws_integration)', async () => {
    const { backend } = sqs();
    const res = await backend.call(queryRequest(`/${ACCOUNT}/orders`, 'Action=SendMessage&MessageBody={"foo": "bar"}'));
    expect(res.status).toBe(200);
    expect(headerOf(res.headers, 'Content-Type')).toBe('application/json');
    const requestId = headerOf(res.headers, 'x-amzn-RequestId');
    expect(res.body).toBe(
      `{"SendMessageResponse":{"ResponseMetadata":{"RequestId":"${requestId}"},"SendMessageResult":{"MD5OfMessageAttributes":null,"MD5OfMessageBody":"94232c5b8fc9272f6f73a1e36eb68fcf","MD5OfMessageSystemAttributes":null,"MessageId":"${state(backend).queues[0]!.messages[0]!.messageId}","SequenceNumber":null}}}`,
    );
  });

  it('decodes the form (+ as a space, %XX) and an empty body {} has MD5 99914b93… (LS test_sqs_aws_integration)', async () => {
    const { backend } = sqs();
    await backend.call(queryRequest(`/${ACCOUNT}/orders`, 'Action=SendMessage&MessageBody=a+b%26c'));
    await backend.call(queryRequest(`/${ACCOUNT}/orders`, 'Action=SendMessage&MessageBody={}'));
    const [first, second] = state(backend).queues[0]!.messages;
    expect(first!.body).toBe('a b&c');
    expect(second!.md5OfBody).toBe('99914b932bd37a50b983c5e7c90ae93b');
  });

  it('answers XML when Accept asks for it, MessageId before MD5OfMessageBody (research §1.3 SDK fixtures)', async () => {
    const { backend } = sqs();
    const res = await backend.call(
      queryRequest('/', `Action=SendMessage&QueueUrl=${encodeURIComponent(QUEUE_URL)}&MessageBody=hello`, [
        ['Accept', 'application/xml'],
      ]),
    );
    expect(headerOf(res.headers, 'Content-Type')).toBe('text/xml');
    expect(res.body).toMatch(
      /^<\?xml version="1.0"\?><SendMessageResponse xmlns="http:\/\/queue.amazonaws.com\/doc\/2012-11-05\/"><SendMessageResult><MessageId>[0-9a-f-]{36}<\/MessageId><MD5OfMessageBody>5d41402abc4b2a76b9719d911017c592<\/MD5OfMessageBody><\/SendMessageResult><ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/SendMessageResponse>$/,
    );
  });

  it('accepts MessageAttribute.N and MessageAttributes.N (LS …with_message_attribute[MessageAttribute|MessageAttributes])', async () => {
    for (const prefix of ['MessageAttribute', 'MessageAttributes']) {
      const { backend } = sqs();
      const form = `Action=SendMessage&MessageBody=x&${prefix}.1.Name=user-agent&${prefix}.1.Value.DataType=String&${prefix}.1.Value.StringValue=BAR-Header`;
      const res = await backend.call(queryRequest(`/${ACCOUNT}/orders`, form));
      const result = JSON.parse(res.body).SendMessageResponse.SendMessageResult;
      expect(result.MD5OfMessageAttributes).toBe(
        await md5OfMessageAttributes({ 'user-agent': { DataType: 'String', StringValue: 'BAR-Header' } }),
      );
      expect(state(backend).queues[0]!.messages[0]!.messageAttributes).toEqual({
        'user-agent': { DataType: 'String', StringValue: 'BAR-Header' },
      });
    }
  });

  it('ReceiveMessage answers the lower-case `messages`, null when empty (serverless-patterns APIGateway-SQS-ReceiveMessages capture)', async () => {
    const { backend } = sqs();
    const empty = await backend.call(queryRequest(`/${ACCOUNT}/orders`, 'Action=ReceiveMessage'));
    const id = headerOf(empty.headers, 'x-amzn-RequestId');
    expect(empty.body).toBe(
      `{"ReceiveMessageResponse":{"ReceiveMessageResult":{"messages":null},"ResponseMetadata":{"RequestId":"${id}"}}}`,
    );
    await backend.call(queryRequest(`/${ACCOUNT}/orders`, 'Action=SendMessage&MessageBody=hi'));
    const full = JSON.parse((await backend.call(queryRequest(`/${ACCOUNT}/orders`, 'Action=ReceiveMessage'))).body);
    const message = full.ReceiveMessageResponse.ReceiveMessageResult.messages[0];
    expect(Object.keys(message)).toEqual([
      'Attributes',
      'Body',
      'MD5OfBody',
      'MD5OfMessageAttributes',
      'MessageAttributes',
      'MessageId',
      'ReceiptHandle',
    ]);
    expect(message).toMatchObject({
      Attributes: null,
      Body: 'hi',
      MD5OfMessageAttributes: null,
      MessageAttributes: null,
    });
  });

  it('an unknown queue is AWS.SimpleQueueService.NonExistentQueue in XML (AWS-validated LS test_non_existent_queue)', async () => {
    const { backend } = sqs();
    const res = await backend.call(
      queryRequest(`/${ACCOUNT}/nope`, 'Action=SendMessage&MessageBody=x', [['Accept', 'text/xml']]),
    );
    expect(res.status).toBe(400);
    expect(res.body).toContain(
      '<Error><Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code><Message>The specified queue does not exist for this wsdl version.</Message><Detail/></Error>',
    );
    const json = await backend.call(queryRequest(`/${ACCOUNT}/nope`, 'Action=SendMessage&MessageBody=x'));
    expect(JSON.parse(json.body).Error).toEqual({
      Type: 'Sender',
      Code: 'AWS.SimpleQueueService.NonExistentQueue',
      Message: 'The specified queue does not exist for this wsdl version.',
    });
  });

  it('an unknown action is InvalidAction; the backend keeps serving', async () => {
    const { backend } = sqs();
    const res = await backend.call(queryRequest(`/${ACCOUNT}/orders`, 'Action=Frobnicate'));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).Error.Code).toBe('InvalidAction');
    expect((await backend.call(queryRequest(`/${ACCOUNT}/orders`, 'Action=SendMessage&MessageBody=x'))).status).toBe(
      200,
    );
  });

  it('GetQueueUrl, CreateQueue and GetQueueAttributes (ApproximateNumberOfMessages…)', async () => {
    const { backend } = sqs();
    const url = JSON.parse((await backend.call(queryRequest('/', 'Action=GetQueueUrl&QueueName=orders'))).body);
    expect(url.GetQueueUrlResponse.GetQueueUrlResult.QueueUrl).toBe(QUEUE_URL);
    const created = JSON.parse(
      (
        await backend.call(
          queryRequest('/', 'Action=CreateQueue&QueueName=more&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=5'),
        )
      ).body,
    );
    expect(created.CreateQueueResponse.CreateQueueResult.QueueUrl).toBe(
      `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/more`,
    );
    await backend.call(queryRequest(`/${ACCOUNT}/more`, 'Action=SendMessage&MessageBody=a'));
    await backend.call(queryRequest(`/${ACCOUNT}/more`, 'Action=SendMessage&MessageBody=b'));
    await backend.call(queryRequest(`/${ACCOUNT}/more`, 'Action=ReceiveMessage'));
    const attrs = JSON.parse(
      (
        await backend.call(
          queryRequest(
            `/${ACCOUNT}/more`,
            'Action=GetQueueAttributes&AttributeName.1=ApproximateNumberOfMessages&AttributeName.2=ApproximateNumberOfMessagesNotVisible&AttributeName.3=VisibilityTimeout&AttributeName.4=QueueArn',
          ),
        )
      ).body,
    );
    expect(attrs.GetQueueAttributesResponse.GetQueueAttributesResult.Attributes).toEqual({
      QueueArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:more`,
      ApproximateNumberOfMessages: '1',
      ApproximateNumberOfMessagesNotVisible: '1',
      VisibilityTimeout: '5',
    });
  });
  it('SendMessageBatch in the query protocol: JSON lists named lower-case (L) and the XML entries', async () => {
    const { backend } = sqs();
    const form =
      'Action=SendMessageBatch&SendMessageBatchRequestEntry.1.Id=a&SendMessageBatchRequestEntry.1.MessageBody=one' +
      '&SendMessageBatchRequestEntry.2.Id=b&SendMessageBatchRequestEntry.2.MessageBody=two&SendMessageBatchRequestEntry.2.DelaySeconds=999';
    const json = JSON.parse((await backend.call(queryRequest(`/${ACCOUNT}/orders`, form))).body);
    const result = json.SendMessageBatchResponse.SendMessageBatchResult;
    expect(result.successful).toEqual([
      {
        Id: 'a',
        MD5OfMessageAttributes: null,
        MD5OfMessageBody: 'f97c5d29941bfb1b2fdab0874906ab82',
        MD5OfMessageSystemAttributes: null,
        MessageId: expect.any(String),
        SequenceNumber: null,
      },
    ]);
    expect(result.failed).toEqual([
      {
        Code: 'InvalidParameterValue',
        Id: 'b',
        Message: 'Value 999 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.',
        SenderFault: true,
      },
    ]);
    const xml = await backend.call(queryRequest(`/${ACCOUNT}/orders`, form, [['Accept', 'application/xml']]));
    expect(xml.body).toMatch(
      /<SendMessageBatchResult><SendMessageBatchResultEntry><Id>a<\/Id><MessageId>[^<]+<\/MessageId><MD5OfMessageBody>f97c5d29941bfb1b2fdab0874906ab82<\/MD5OfMessageBody><\/SendMessageBatchResultEntry><BatchResultErrorEntry><Id>b<\/Id><SenderFault>true<\/SenderFault><Code>InvalidParameterValue<\/Code>/,
    );
    expect(state(backend).queues[0]!.messages.map((m) => m.body)).toEqual(['one', 'one']);
  });

  it('ReceiveMessage in XML: Attribute and MessageAttribute elements, body escaped', async () => {
    const { backend } = sqs();
    await backend.call(
      queryRequest(
        `/${ACCOUNT}/orders`,
        'Action=SendMessage&MessageBody=%3Ca%3E%26&MessageAttribute.1.Name=k&MessageAttribute.1.Value.DataType=String&MessageAttribute.1.Value.StringValue=v',
      ),
    );
    const res = await backend.call(
      queryRequest(
        `/${ACCOUNT}/orders`,
        'Action=ReceiveMessage&AttributeName.1=ApproximateReceiveCount&MessageAttributeName.1=All',
        [['Accept', 'text/xml']],
      ),
    );
    expect(res.body).toContain(
      '<Body>&lt;a&gt;&amp;</Body><Attribute><Name>ApproximateReceiveCount</Name><Value>1</Value></Attribute>',
    );
    expect(res.body).toMatch(
      /<MD5OfMessageAttributes>[0-9a-f]{32}<\/MD5OfMessageAttributes><MessageAttribute><Name>k<\/Name><Value><StringValue>v<\/StringValue><DataType>String<\/DataType><\/Value><\/MessageAttribute><\/Message>/,
    );
  });
});

describe('embedded SQS, JSON protocol (sqs-json-api-responses.html)', () => {
  it('SendMessage answers only present members', async () => {
    const { backend } = sqs();
    const res = await backend.call(jsonRequest('SendMessage', { QueueUrl: QUEUE_URL, MessageBody: '{}' }));
    expect(res.status).toBe(200);
    expect(headerOf(res.headers, 'Content-Type')).toBe('application/x-amz-json-1.0');
    const body = JSON.parse(res.body);
    expect(body).toEqual({ MD5OfMessageBody: '99914b932bd37a50b983c5e7c90ae93b', MessageId: expect.any(String) });
  });

  it('a missing queue is the documented QueueDoesNotExist with x-amzn-query-error', async () => {
    const { backend } = sqs();
    const res = await backend.call(jsonRequest('SendMessage', { QueueUrl: `${QUEUE_URL}-x`, MessageBody: 'x' }));
    expect(res.status).toBe(400);
    expect(res.body).toBe(
      '{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}',
    );
    expect(headerOf(res.headers, 'x-amzn-query-error')).toBe('AWS.SimpleQueueService.NonExistentQueue;Sender');
  });

  it('ReceiveMessage then DeleteMessage (the page\'s "consume") empties the queue', async () => {
    const { backend } = sqs();
    await backend.call(jsonRequest('SendMessage', { QueueUrl: QUEUE_URL, MessageBody: 'one' }));
    const received = JSON.parse(
      (await backend.call(jsonRequest('ReceiveMessage', { QueueUrl: QUEUE_URL, MaxNumberOfMessages: 10 }))).body,
    );
    expect(received.Messages).toHaveLength(1);
    expect(received.Messages[0].Body).toBe('one');
    const deleted = await backend.call(
      jsonRequest('DeleteMessage', { QueueUrl: QUEUE_URL, ReceiptHandle: received.Messages[0].ReceiptHandle }),
    );
    expect(deleted.status).toBe(200);
    expect(deleted.body).toBe('{}');
    expect(state(backend).queues[0]!.messages).toEqual([]);
    expect(JSON.parse((await backend.call(jsonRequest('ReceiveMessage', { QueueUrl: QUEUE_URL }))).body)).toEqual({});
  });

  it('an unknown X-Amz-Target action is UnknownOperationException (L) and a body over 1 MiB is InvalidParameterValue', async () => {
    const { backend } = sqs();
    const unknown = await backend.call(jsonRequest('Frobnicate', { QueueUrl: QUEUE_URL }));
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body).__type).toBe('com.amazon.coral.service#UnknownOperationException');
    const big = await backend.call(
      jsonRequest('SendMessage', { QueueUrl: QUEUE_URL, MessageBody: 'x'.repeat(1048577) }),
    );
    expect(big.status).toBe(400);
    expect(JSON.parse(big.body).message).toBe(
      'One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.',
    );
  });

  it('a malformed receipt handle is ReceiptHandleIsInvalid', async () => {
    const { backend } = sqs();
    const res = await backend.call(jsonRequest('DeleteMessage', { QueueUrl: QUEUE_URL, ReceiptHandle: 'nope' }));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).__type).toBe('com.amazonaws.sqs#ReceiptHandleIsInvalid');
  });
});

describe('embedded SQS, queue semantics (SQS Developer Guide)', () => {
  it('visibility timeout: a received message is invisible until its deadline, then comes back with ApproximateReceiveCount 2 (sqs-visibility-timeout.html)', async () => {
    const { backend, env } = sqs({ VisibilityTimeout: '30' });
    await backend.call(jsonRequest('SendMessage', { QueueUrl: QUEUE_URL, MessageBody: 'm' }));
    const first = JSON.parse(
      (await backend.call(jsonRequest('ReceiveMessage', { QueueUrl: QUEUE_URL, AttributeNames: ['All'] }))).body,
    );
    expect(first.Messages[0].Attributes.ApproximateReceiveCount).toBe('1');
    expect(state(backend).queues[0]!.messages[0]).toMatchObject({
      state: 'inflight',
      visibleAtMs: env.clock.now + 30_000,
    });
    env.clock.now += 29_999;
    expect(JSON.parse((await backend.call(jsonRequest('ReceiveMessage', { QueueUrl: QUEUE_URL }))).body)).toEqual({});
    env.clock.now += 1;
    const second = JSON.parse(
      (
        await backend.call(
          jsonRequest('ReceiveMessage', { QueueUrl: QUEUE_URL, AttributeNames: ['ApproximateReceiveCount'] }),
        )
      ).body,
    );
    expect(second.Messages[0].Attributes).toEqual({ ApproximateReceiveCount: '2' });
    expect(second.Messages[0].ReceiptHandle).not.toBe(first.Messages[0].ReceiptHandle);
    // The older receipt handle deletes nothing (sqs-queue-message-identifiers.html: the most recent handle is needed).
    await backend.call(
      jsonRequest('DeleteMessage', { QueueUrl: QUEUE_URL, ReceiptHandle: first.Messages[0].ReceiptHandle }),
    );
    expect(state(backend).queues[0]!.messages).toHaveLength(1);
    await backend.call(
      jsonRequest('DeleteMessage', { QueueUrl: QUEUE_URL, ReceiptHandle: second.Messages[0].ReceiptHandle }),
    );
    expect(state(backend).queues[0]!.messages).toHaveLength(0);
  });

  it("ReceiveMessage VisibilityTimeout overrides the queue's", async () => {
    const { backend, env } = sqs();
    await backend.call(jsonRequest('SendMessage', { QueueUrl: QUEUE_URL, MessageBody: 'm' }));
    await backend.call(jsonRequest('ReceiveMessage', { QueueUrl: QUEUE_URL, VisibilityTimeout: 2 }));
    env.clock.now += 2000;
    expect(
      JSON.parse((await backend.call(jsonRequest('ReceiveMessage', { QueueUrl: QUEUE_URL }))).body).Messages,
    ).toHaveLength(1);
  });

  it('DelaySeconds keeps a message delayed until it passes (sqs-message-timers.html)', async () => {
    const { backend, env } = sqs();
    await backend.call(queryRequest(`/${ACCOUNT}/orders`, 'Action=SendMessage&MessageBody=later&DelaySeconds=10'));
    expect(state(backend).queues[0]!.messages[0]!.state).toBe('delayed');
    expect(JSON.parse((await backend.call(jsonRequest('ReceiveMessage', { QueueUrl: QUEUE_URL }))).body)).toEqual({});
    env.clock.now += 10_000;
    expect(state(backend).queues[0]!.messages[0]!.state).toBe('visible');
    expect(
      JSON.parse((await backend.call(jsonRequest('ReceiveMessage', { QueueUrl: QUEUE_URL }))).body).Messages,
    ).toHaveLength(1);
  });

  it('DelaySeconds above 900 is InvalidParameterValue', async () => {
    const { backend } = sqs();
    const res = await backend.call(
      jsonRequest('SendMessage', { QueueUrl: QUEUE_URL, MessageBody: 'x', DelaySeconds: 901 }),
    );
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).__type).toBe('com.amazon.coral.service#InvalidParameterValueException');
  });

  it('MaxNumberOfMessages returns up to that many, and PurgeQueue empties the queue', async () => {
    const { backend } = sqs();
    for (const body of ['1', '2', '3'])
      await backend.call(jsonRequest('SendMessage', { QueueUrl: QUEUE_URL, MessageBody: body }));
    const got = JSON.parse(
      (await backend.call(jsonRequest('ReceiveMessage', { QueueUrl: QUEUE_URL, MaxNumberOfMessages: 2 }))).body,
    );
    expect(got.Messages.map((m: { Body: string }) => m.Body)).toEqual(['1', '2']);
    expect((await backend.call(queryRequest(`/${ACCOUNT}/orders`, 'Action=PurgeQueue'))).status).toBe(200);
    expect(state(backend).queues[0]!.messages).toEqual([]);
  });

  it('MessageAttributeNames selects attributes; MD5OfMessageAttributes follows the documented encoding', async () => {
    const { backend } = sqs();
    const attributes = {
      a: { DataType: 'String', StringValue: 'x' },
      n: { DataType: 'Number', StringValue: '1' },
      b: { DataType: 'Binary', BinaryValue: 'AQID' },
    };
    const sent = JSON.parse(
      (
        await backend.call(
          jsonRequest('SendMessage', { QueueUrl: QUEUE_URL, MessageBody: 'x', MessageAttributes: attributes }),
        )
      ).body,
    );
    const none = JSON.parse(
      (await backend.call(jsonRequest('ReceiveMessage', { QueueUrl: QUEUE_URL, VisibilityTimeout: 0 }))).body,
    );
    expect(none.Messages[0].MessageAttributes).toBeUndefined();
    const all = JSON.parse(
      (await backend.call(jsonRequest('ReceiveMessage', { QueueUrl: QUEUE_URL, MessageAttributeNames: ['All'] }))).body,
    );
    expect(all.Messages[0].MessageAttributes).toEqual(attributes);
    expect(all.Messages[0].MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
  });

  it('FIFO: MessageGroupId is required and a repeated deduplication id is not delivered twice', async () => {
    const env = testEnv();
    const backend = new EmbeddedSqs(env, links);
    backend.apply({ queues: [{ QueueName: 'jobs.fifo', Attributes: { FifoQueue: 'true' } }] });
    const url = `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/jobs.fifo`;
    const missing = await backend.call(
      jsonRequest('SendMessage', { QueueUrl: url, MessageBody: 'x', MessageDeduplicationId: 'd' }),
    );
    expect(JSON.parse(missing.body).__type).toBe('com.amazon.coral.service#MissingRequiredParameterException');
    const send = { QueueUrl: url, MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'd' };
    const first = JSON.parse((await backend.call(jsonRequest('SendMessage', send))).body);
    const again = JSON.parse((await backend.call(jsonRequest('SendMessage', send))).body);
    expect(again.MessageId).toBe(first.MessageId);
    expect(first.SequenceNumber).toMatch(/^\d{20}$/);
    expect(state(backend).queues[0]!.messages).toHaveLength(1);
  });
});

describe('embedded SQS, services file', () => {
  it('creates queues with URL and ARN; a bad QueueName names the field', () => {
    const { backend } = sqs();
    expect(state(backend).queues[0]).toMatchObject({
      url: QUEUE_URL,
      arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:orders`,
      fifo: false,
    });
    expect(() => new EmbeddedSqs(testEnv(), links).apply({ queues: [{ QueueName: 'bad name' }] })).toThrow(
      new ServicesFileError(
        'queues[0].QueueName: Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
      ),
    );
  });
});
