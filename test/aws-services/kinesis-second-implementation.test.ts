/**
 * The embedded Kinesis against kinesalite (research §3): the same JSON 1.1 requests with X-Amz-Target go to both;
 * status and body must agree modulo sequence numbers, iterators and timestamps. The shard a record lands on is
 * compared exactly (MD5 of the partition key over the hash-key ranges). Known gaps: kinesalite refuses `?Action=`
 * without the target header, and predates DescribeStreamSummary's StreamModeDetails (left out below).
 */
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedKinesis } from '../../src/emulator/aws-services/kinesis/index.js';
import type { ServiceRequest, ServiceResponse } from '../../src/emulator/aws-services/types.js';
import { maskKeys, NO_LINKS, realTimeEnv, sendToServer } from './compare-helpers.js';
import { kinesisRequest } from './kinesis-helpers.js';

type Send = (request: ServiceRequest) => Promise<ServiceResponse>;
const ACCOUNT = '000000000000'; // kinesalite's account

let server: Server | undefined;
let base = '';
let loadError = '';

beforeAll(async () => {
  try {
    // @ts-expect-error kinesalite ships no type declarations
    const { default: kinesalite } = (await import('kinesalite')) as { default: (options: object) => Server };
    server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0 });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  } catch (error) {
    loadError = `kinesalite did not start: ${String(error)}`;
  }
});
afterAll(() => server?.close());

function embedded(): Send {
  const backend = new EmbeddedKinesis(realTimeEnv(ACCOUNT), NO_LINKS);
  return (request) => backend.call(request);
}

/** kinesalite checks that a date header is present besides the Authorization it fakes. */
function dated(request: ServiceRequest): ServiceRequest {
  return { ...request, headers: [...request.headers, ['X-Amz-Date', '20261204T000000Z']] };
}

const MASKED = [
  'SequenceNumber',
  'StartingSequenceNumber',
  'ShardIterator',
  'NextShardIterator',
  'ApproximateArrivalTimestamp',
  'StreamCreationTimestamp',
];

function normalise(response: ServiceResponse): unknown {
  const body = response.body === '' ? '' : (maskKeys(JSON.parse(response.body), MASKED) as Record<string, unknown>);
  const summary = (body as { StreamDescriptionSummary?: Record<string, unknown> }).StreamDescriptionSummary;
  if (summary) delete summary.StreamModeDetails; // documented since 2021; kinesalite predates it
  const type = response.headers.find(([key]) => key.toLowerCase() === 'content-type')?.[1];
  return { status: response.status, type, body };
}

async function compare(scenario: (send: Send) => Promise<ServiceResponse[]>): Promise<ServiceResponse[][]> {
  if (loadError) throw new Error(loadError);
  const mine = await scenario(embedded());
  const theirs = await scenario((request) => sendToServer(base, dated(request)));
  expect(mine.map(normalise)).toEqual(theirs.map(normalise));
  return [mine, theirs];
}

let counter = 0;
const fresh = () => `stream-${++counter}-${Date.now()}`;

/** Every response's SequenceNumbers grouped by ShardId must increase strictly. */
function expectIncreasingPerShard(responses: ServiceResponse[]): void {
  const last = new Map<string, bigint>();
  for (const response of responses) {
    const body = response.body ? JSON.parse(response.body) : {};
    const entries = body.Records && body.FailedRecordCount !== undefined ? body.Records : body.ShardId ? [body] : [];
    for (const { ShardId, SequenceNumber } of entries as Array<{ ShardId: string; SequenceNumber: string }>) {
      expect(SequenceNumber).toMatch(/^\d{56}$/);
      const value = BigInt(SequenceNumber);
      if (last.has(ShardId)) expect(value > last.get(ShardId)!).toBe(true);
      last.set(ShardId, value);
    }
  }
}

describe('embedded Kinesis vs kinesalite (X-Amz-Target)', () => {
  it('CreateStream, ListShards, PutRecord/PutRecords onto the same shards, DescribeStreamSummary', async () => {
    const name = fresh();
    const [mine, theirs] = await compare(async (send) => {
      const out = [await send(kinesisRequest('CreateStream', { StreamName: name, ShardCount: 5 }))];
      out.push(await send(kinesisRequest('ListShards', { StreamName: name })));
      for (const key of ['pk1', 'pk1', 'other', 'customer-17', 'ünïcode', 'a'.repeat(256)]) {
        out.push(await send(kinesisRequest('PutRecord', { StreamName: name, Data: 'aGVsbG8=', PartitionKey: key })));
      }
      out.push(
        await send(
          kinesisRequest('PutRecords', {
            StreamName: name,
            Records: [
              { Data: 'aGVsbG8=', PartitionKey: 'pk1' },
              { Data: 'aGk=', PartitionKey: 'x', ExplicitHashKey: '0' },
              { Data: '', PartitionKey: 'empty' },
            ],
          }),
        ),
      );
      out.push(await send(kinesisRequest('DescribeStreamSummary', { StreamName: name })));
      return out;
    });
    expectIncreasingPerShard(mine!);
    expectIncreasingPerShard(theirs!);
  });

  it('GetShardIterator (TRIM_HORIZON, AT/AFTER_SEQUENCE_NUMBER, LATEST) and GetRecords', async () => {
    const name = fresh();
    await compare(async (send) => {
      await send(kinesisRequest('CreateStream', { StreamName: name, ShardCount: 1 }));
      const puts = [];
      for (const data of ['YQ==', 'Yg==', 'Yw==']) {
        puts.push(
          JSON.parse(
            (await send(kinesisRequest('PutRecord', { StreamName: name, Data: data, PartitionKey: 'k' }))).body,
          ),
        );
      }
      const out: ServiceResponse[] = [];
      const read = async (iteratorRequest: Record<string, unknown>) => {
        const iterator = await send(
          kinesisRequest('GetShardIterator', { StreamName: name, ShardId: 'shardId-000000000000', ...iteratorRequest }),
        );
        out.push(iterator);
        const records = await send(
          kinesisRequest('GetRecords', { ShardIterator: JSON.parse(iterator.body).ShardIterator, Limit: 2 }),
        );
        out.push(records);
        out.push(
          await send(kinesisRequest('GetRecords', { ShardIterator: JSON.parse(records.body).NextShardIterator })),
        );
      };
      await read({ ShardIteratorType: 'TRIM_HORIZON' });
      await read({ ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: puts[1].SequenceNumber });
      await read({ ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: puts[1].SequenceNumber });
      await read({ ShardIteratorType: 'LATEST' });
      return out;
    });
  });

  it('errors: not base64 (SerializationException, capital Message), missing stream, missing members, unknown shard, bad iterator, duplicate stream', async () => {
    const name = fresh();
    await compare(async (send) => [
      await send(kinesisRequest('CreateStream', { StreamName: name, ShardCount: 1 })),
      await send(kinesisRequest('PutRecord', { StreamName: name, Data: 'Foo', PartitionKey: 'p' })),
      await send(kinesisRequest('PutRecord', { StreamName: name, Data: 'Zm9v!A==', PartitionKey: 'p' })),
      await send(kinesisRequest('PutRecord', { StreamName: name, Data: 1, PartitionKey: 'p' })),
      await send(kinesisRequest('PutRecord', { StreamName: `${name}-nope`, Data: 'eA==', PartitionKey: 'p' })),
      await send(kinesisRequest('PutRecord', { StreamName: name, Data: 'eA==' })),
      await send(kinesisRequest('PutRecord', { StreamName: name })),
      await send(kinesisRequest('PutRecord', { StreamName: name, Data: 'eA==', PartitionKey: '' })),
      await send(
        kinesisRequest('GetShardIterator', {
          StreamName: name,
          ShardId: 'shardId-000000000009',
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      ),
      await send(
        kinesisRequest('GetShardIterator', {
          StreamName: name,
          ShardId: 'shardId-000000000000',
          ShardIteratorType: 'NEWEST',
        }),
      ),
      await send(kinesisRequest('GetRecords', { ShardIterator: 'bad' })),
      await send(kinesisRequest('CreateStream', { StreamName: name, ShardCount: 1 })),
      await send(kinesisRequest('ListShards', { StreamName: `${name}-nope` })),
      await send(kinesisRequest('Frobnicate', {})),
    ]);
  });
});
