import { describe, expect, it } from 'vitest';
import { EmbeddedKinesis } from '../../src/emulator/aws-services/kinesis/index.js';
import { hashKeyOf } from '../../src/emulator/aws-services/kinesis/stream.js';
import { ServicesFileError, type ServiceRequest, type ServicesState } from '../../src/emulator/aws-services/types.js';
import { kinesisRequest } from './kinesis-helpers.js';
import { headerOf, testEnv } from './sqs-helpers.js';

const links = { call: async () => ({ status: 500, headers: [], body: '' }) };

function kinesis(shards = 1) {
  const env = testEnv();
  const backend = new EmbeddedKinesis(env, links);
  backend.apply({ streams: [{ StreamName: 'events', ShardCount: shards }] });
  return { backend, env };
}

function state(backend: EmbeddedKinesis): ServicesState {
  const into: ServicesState = { queues: [], streams: [], stateMachines: [], eventBuses: [], tables: [] };
  backend.state(into);
  return into;
}

const json = async (backend: EmbeddedKinesis, request: ServiceRequest) =>
  JSON.parse((await backend.call(request)).body);

describe('embedded Kinesis', () => {
  it('PutRecord answers only SequenceNumber and ShardId (no EncryptionType: research §1.4 [LS-KIN])', async () => {
    const { backend } = kinesis();
    const res = await backend.call(
      kinesisRequest('PutRecord', { StreamName: 'events', Data: 'aGVsbG8=', PartitionKey: 'pk' }),
    );
    expect(res.status).toBe(200);
    expect(headerOf(res.headers, 'Content-Type')).toBe('application/x-amz-json-1.1');
    const body = JSON.parse(res.body);
    expect(Object.keys(body)).toEqual(['SequenceNumber', 'ShardId']);
    expect(body.ShardId).toBe('shardId-000000000000');
    expect(body.SequenceNumber).toMatch(/^\d{56}$/);
    expect(state(backend).streams[0]!.shards[0]!.records[0]).toMatchObject({
      partitionKey: 'pk',
      data: 'aGVsbG8=',
      text: 'hello',
    });
  });

  it('accepts POST /?Action=PutRecord without X-Amz-Target (the Kinesis tutorial, DG-KIN)', async () => {
    const { backend } = kinesis();
    const res = await backend.call(
      kinesisRequest('PutRecord', { StreamName: 'events', Data: 'aGk=', PartitionKey: 'p' }, false),
    );
    expect(res.status).toBe(200);
  });

  it('sequence numbers increase strictly within a shard; the same partition key goes to the same shard', async () => {
    const { backend, env } = kinesis(4);
    const put = (key: string) =>
      json(backend, kinesisRequest('PutRecord', { StreamName: 'events', Data: 'eA==', PartitionKey: key }));
    const first = await put('customer-1');
    env.clock.now += 1500;
    const second = await put('customer-1');
    expect(second.ShardId).toBe(first.ShardId);
    expect(BigInt(second.SequenceNumber) > BigInt(first.SequenceNumber)).toBe(true);
    const spread = new Set<string>();
    for (let i = 0; i < 40; i++) spread.add((await put(`k${i}`)).ShardId);
    expect(spread.size).toBe(4);
  });

  it('a record goes to the shard whose hash-key range holds MD5(partition key) (key-concepts.html)', async () => {
    const { backend } = kinesis(3);
    const shards = (await json(backend, kinesisRequest('ListShards', { StreamName: 'events' }))).Shards;
    expect(shards.map((s: { HashKeyRange: { StartingHashKey: string } }) => s.HashKeyRange.StartingHashKey)).toEqual([
      '0',
      '113427455640312821154458202477256070485',
      '226854911280625642308916404954512140970',
    ]);
    expect(shards[2].HashKeyRange.EndingHashKey).toBe('340282366920938463463374607431768211455');
    const hash = await hashKeyOf('order-42');
    const put = await json(
      backend,
      kinesisRequest('PutRecord', { StreamName: 'events', Data: 'eA==', PartitionKey: 'order-42' }),
    );
    const holder = shards.find(
      (s: { HashKeyRange: { StartingHashKey: string; EndingHashKey: string } }) =>
        hash >= BigInt(s.HashKeyRange.StartingHashKey) && hash <= BigInt(s.HashKeyRange.EndingHashKey),
    );
    expect(put.ShardId).toBe(holder.ShardId);
    const explicit = await json(
      backend,
      kinesisRequest('PutRecord', { StreamName: 'events', Data: 'eA==', PartitionKey: 'x', ExplicitHashKey: '0' }),
    );
    expect(explicit.ShardId).toBe('shardId-000000000000');
  });

  it('PutRecords answers FailedRecordCount and one entry per record (research §1.4 [LS-KIN])', async () => {
    const { backend } = kinesis();
    const body = await json(
      backend,
      kinesisRequest('PutRecords', {
        StreamName: 'events',
        Records: [
          { Data: 'YQ==', PartitionKey: 'a' },
          { Data: 'Yg==', PartitionKey: 'b' },
        ],
      }),
    );
    expect(body.FailedRecordCount).toBe(0);
    expect(body.Records).toHaveLength(2);
    expect(Object.keys(body.Records[0])).toEqual(['SequenceNumber', 'ShardId']);
  });

  it('GetShardIterator + GetRecords return the records with decoded-as-sent Data and MillisBehindLatest 0', async () => {
    const { backend } = kinesis();
    await backend.call(
      kinesisRequest('PutRecord', {
        StreamName: 'events',
        Data: 'eyJraW5lc2lzIjogInNuYXBzaG90In0=',
        PartitionKey: 'p',
      }),
    );
    const iterator = await json(
      backend,
      kinesisRequest('GetShardIterator', {
        StreamName: 'events',
        ShardId: 'shardId-000000000000',
        ShardIteratorType: 'TRIM_HORIZON',
      }),
    );
    const got = await json(backend, kinesisRequest('GetRecords', { ShardIterator: iterator.ShardIterator }));
    expect(got.MillisBehindLatest).toBe(0);
    expect(got.Records).toEqual([
      {
        SequenceNumber: expect.stringMatching(/^\d{56}$/),
        ApproximateArrivalTimestamp: 1_700_000_000,
        Data: 'eyJraW5lc2lzIjogInNuYXBzaG90In0=',
        PartitionKey: 'p',
      },
    ]);
    const next = await json(backend, kinesisRequest('GetRecords', { ShardIterator: got.NextShardIterator }));
    expect(next.Records).toEqual([]);
  });

  it('Data that is not base64 is the captured SerializationException with a capital Message (aws-sdk-php#650)', async () => {
    const { backend } = kinesis();
    const res = await backend.call(
      kinesisRequest('PutRecord', { StreamName: 'events', Data: 'Foo', PartitionKey: 'p' }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toBe(
      '{"__type":"SerializationException","Message":"\'Foo\' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 3"}',
    );
  });

  it("a missing stream is ResourceNotFoundException (kinesalite's wording, research §1.4)", async () => {
    const { backend } = kinesis();
    const res = await backend.call(
      kinesisRequest('PutRecord', { StreamName: 'nope', Data: 'eA==', PartitionKey: 'p' }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toBe(
      '{"__type":"ResourceNotFoundException","message":"Stream nope under account 123456789012 not found."}',
    );
  });

  it('a missing PartitionKey is a ValidationException naming the member', async () => {
    const { backend } = kinesis();
    const res = await backend.call(kinesisRequest('PutRecord', { StreamName: 'events', Data: 'eA==' }));
    expect(JSON.parse(res.body)).toEqual({
      __type: 'ValidationException',
      message:
        "1 validation error detected: Value null at 'partitionKey' failed to satisfy constraint: Member must not be null",
    });
  });

  it('CreateStream and DescribeStreamSummary', async () => {
    const { backend } = kinesis();
    expect((await backend.call(kinesisRequest('CreateStream', { StreamName: 'more', ShardCount: 2 }))).status).toBe(
      200,
    );
    const summary = (await json(backend, kinesisRequest('DescribeStreamSummary', { StreamName: 'more' })))
      .StreamDescriptionSummary;
    expect(summary).toMatchObject({
      StreamName: 'more',
      StreamARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/more',
      StreamStatus: 'ACTIVE',
      OpenShardCount: 2,
    });
    const again = await backend.call(kinesisRequest('CreateStream', { StreamName: 'more', ShardCount: 2 }));
    expect(JSON.parse(again.body).__type).toBe('ResourceInUseException');
  });

  it('an unknown operation is UnknownOperationException; a bad services file names the field', async () => {
    const { backend } = kinesis();
    expect((await backend.call(kinesisRequest('Frob', {}))).body).toBe('{"__type":"UnknownOperationException"}');
    expect(() => new EmbeddedKinesis(testEnv(), links).apply({ streams: [{ StreamName: 'a b' }] })).toThrow(
      ServicesFileError,
    );
    expect(() =>
      new EmbeddedKinesis(testEnv(), links).apply({ streams: [{ StreamName: 'ok', ShardCount: 0 }] }),
    ).toThrow('streams[0].ShardCount');
  });
});
