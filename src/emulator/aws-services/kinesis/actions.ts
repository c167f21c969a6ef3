/**
 * Kinesis's actions over in-memory streams (Kinesis API Reference): CreateStream, PutRecord, PutRecords, ListShards,
 * DescribeStreamSummary, GetShardIterator, GetRecords. Inputs and outputs in the JSON 1.1 protocol's member names.
 */
import { toBase64 } from '../../shared/base64.js';
import type { EmbeddedEnv } from '../types.js';
import { KinesisError, streamNotFound } from './errors.js';
import { Stream, hashKeyOf, type Shard } from './stream.js';
import { STREAM_NAME, decodeBlob, validate, type FieldSpec } from './validation.js';

type Input = Record<string, unknown>;

export const KINESIS_ACTIONS = [
  'CreateStream',
  'PutRecord',
  'PutRecords',
  'ListShards',
  'DescribeStreamSummary',
  'GetShardIterator',
  'GetRecords',
  'ListStreams',
] as const;
export type KinesisAction = (typeof KINESIS_ACTIONS)[number];

const PARTITION_KEY: FieldSpec = { name: 'PartitionKey', type: 'String', notNull: true, minLength: 1, maxLength: 256 };
const EXPLICIT_HASH_KEY: FieldSpec = { name: 'ExplicitHashKey', type: 'String', regex: '0|([1-9]\\d{0,38})' };
const DATA: FieldSpec = { name: 'Data', type: 'Blob', notNull: true, maxLength: 1048576 };
const ITERATOR_TYPES = [
  'AFTER_SEQUENCE_NUMBER',
  'LATEST',
  'AT_TIMESTAMP',
  'AT_SEQUENCE_NUMBER',
  'TRIM_HORIZON',
] as const;

/** A stream is named by StreamName, or by StreamARN (accepted since 2022; kinesalite knows only StreamName). */
function streamSpec(input: Input): FieldSpec[] {
  return typeof input.StreamARN === 'string' && input.StreamName === undefined ? [] : [STREAM_NAME];
}

export class KinesisStreams {
  readonly streams = new Map<string, Stream>();

  constructor(private readonly env: Required<EmbeddedEnv>) {}

  arn(name: string): string {
    return `arn:aws:kinesis:${this.env.region}:${this.env.accountId}:stream/${name}`;
  }

  create(name: string, shardCount: number): Stream {
    if (this.streams.has(name)) {
      throw new KinesisError(
        'ResourceInUseException',
        `Stream ${name} under account ${this.env.accountId} already exists.`,
      );
    }
    const stream = new Stream(name, this.arn(name), shardCount, this.env.now());
    this.streams.set(name, stream);
    return stream;
  }

  #stream(input: Input): Stream {
    const name =
      typeof input.StreamName === 'string'
        ? input.StreamName
        : String(input.StreamARN ?? '').replace(/^arn:aws[^:]*:kinesis:[^:]*:[^:]*:stream\//, '');
    const stream = this.streams.get(name);
    if (!stream) throw streamNotFound(name, this.env.accountId);
    return stream;
  }

  async run(action: KinesisAction, input: Input): Promise<Input | undefined> {
    switch (action) {
      case 'CreateStream':
        validate(input, [{ name: 'ShardCount', type: 'Integer', notNull: true, min: 1, max: 100000 }, STREAM_NAME]);
        this.create(input.StreamName as string, Math.floor(input.ShardCount as number));
        return undefined;
      case 'PutRecord': {
        validate(input, [
          { name: 'SequenceNumberForOrdering', type: 'String', regex: '0|([1-9]\\d{0,128})' },
          PARTITION_KEY,
          EXPLICIT_HASH_KEY,
          DATA,
          ...streamSpec(input),
        ]);
        const stream = this.#stream(input);
        const { shard, record } = await this.#put(stream, input);
        // No EncryptionType: AWS leaves it out though the API reference lists it (research §1.4 [LS-KIN]).
        return { SequenceNumber: record.sequenceNumber, ShardId: shard.shardId };
      }
      case 'PutRecords': {
        validate(input, [
          { name: 'Records', type: 'List', notNull: true, minLength: 1, maxLength: 500 },
          ...streamSpec(input),
        ]);
        const records = input.Records as Input[];
        records.forEach((record, i) => {
          if (typeof record !== 'object' || record === null || Array.isArray(record)) {
            throw new KinesisError('SerializationException', 'Unexpected value type in payload', true);
          }
          validate(record, [EXPLICIT_HASH_KEY, DATA, PARTITION_KEY], `records.${i + 1}.member.`);
        });
        const stream = this.#stream(input);
        const results = [];
        for (const entry of records) {
          const { shard, record } = await this.#put(stream, entry);
          results.push({ SequenceNumber: record.sequenceNumber, ShardId: shard.shardId });
        }
        return { FailedRecordCount: 0, Records: results };
      }
      case 'ListShards': {
        validate(input, streamSpec(input));
        const stream = this.#stream(input);
        return {
          Shards: stream.shards.map((shard) => ({
            ShardId: shard.shardId,
            HashKeyRange: {
              StartingHashKey: shard.startingHashKey.toString(),
              EndingHashKey: shard.endingHashKey.toString(),
            },
            SequenceNumberRange: { StartingSequenceNumber: shard.startingSequenceNumber },
          })),
        };
      }
      case 'DescribeStreamSummary': {
        validate(input, streamSpec(input));
        const stream = this.#stream(input);
        return {
          StreamDescriptionSummary: {
            StreamName: stream.name,
            StreamARN: stream.arn,
            StreamStatus: 'ACTIVE',
            StreamModeDetails: { StreamMode: 'PROVISIONED' },
            RetentionPeriodHours: 24,
            StreamCreationTimestamp: Math.floor(stream.createdMs / 1000),
            EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
            EncryptionType: 'NONE',
            OpenShardCount: stream.shards.length,
            ConsumerCount: 0,
          },
        };
      }
      case 'ListStreams': {
        const names = [...this.streams.keys()];
        return {
          StreamNames: names,
          HasMoreStreams: false,
          StreamSummaries: names.map((name) => {
            const stream = this.streams.get(name)!;
            return {
              StreamName: name,
              StreamARN: stream.arn,
              StreamStatus: 'ACTIVE',
              StreamModeDetails: { StreamMode: 'PROVISIONED' },
              StreamCreationTimestamp: Math.floor(stream.createdMs / 1000),
            };
          }),
        };
      }
      case 'GetShardIterator':
        return this.#shardIterator(input);
      case 'GetRecords':
        return this.#records(input);
    }
  }

  async #put(stream: Stream, input: Input) {
    const partitionKey = input.PartitionKey as string;
    const explicit = input.ExplicitHashKey as string | undefined;
    let hashKey: bigint;
    if (explicit !== undefined) {
      hashKey = BigInt(explicit);
      if (hashKey >= 1n << 128n) {
        throw new KinesisError(
          'InvalidArgumentException',
          `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${explicit}`,
        );
      }
    } else {
      hashKey = await hashKeyOf(partitionKey);
    }
    return stream.put(hashKey, partitionKey, decodeBlob(input.Data as string), this.env.now());
  }

  #shard(stream: Stream, id: string): Shard {
    const shard = stream.shards.find((s) => s.shardId === id);
    if (!shard) {
      throw new KinesisError(
        'ResourceNotFoundException',
        `Shard ${id} in stream ${stream.name} under account ${this.env.accountId} does not exist`,
      );
    }
    return shard;
  }

  #shardIterator(input: Input): Input {
    validate(input, [
      { name: 'ShardId', type: 'String', notNull: true, regex: '[a-zA-Z0-9_.-]+', minLength: 1, maxLength: 128 },
      { name: 'ShardIteratorType', type: 'String', notNull: true, enum: ITERATOR_TYPES },
      { name: 'StartingSequenceNumber', type: 'String', regex: '0|([1-9]\\d{0,128})' },
      ...streamSpec(input),
      { name: 'Timestamp', type: 'Timestamp' },
    ]);
    const stream = this.#stream(input);
    const shard = this.#shard(stream, input.ShardId as string);
    const type = input.ShardIteratorType as (typeof ITERATOR_TYPES)[number];
    const records = shard.records;
    let position: number;
    if (type === 'TRIM_HORIZON') position = 0;
    else if (type === 'LATEST') position = records.length;
    else if (type === 'AT_TIMESTAMP') {
      if (typeof input.Timestamp !== 'number') {
        throw new KinesisError(
          'InvalidArgumentException',
          'Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.',
        );
      }
      const atMs = (input.Timestamp as number) * 1000;
      position = records.findIndex((record) => record.arrivalMs >= atMs);
      if (position < 0) position = records.length;
    } else {
      const wanted = input.StartingSequenceNumber;
      if (typeof wanted !== 'string') {
        throw new KinesisError(
          'InvalidArgumentException',
          `Must specify StartingSequenceNumber for iterator of type ${type}.`,
        );
      }
      const target = BigInt(wanted);
      position = records.findIndex((record) =>
        type === 'AT_SEQUENCE_NUMBER'
          ? BigInt(record.sequenceNumber) >= target
          : BigInt(record.sequenceNumber) > target,
      );
      if (position < 0) position = records.length;
    }
    return { ShardIterator: this.#iterator(stream.name, shard.shardId, position) };
  }

  /** An opaque iterator (L: AWS's are encrypted; here base64 of the position and a nonce). */
  #iterator(stream: string, shard: string, position: number): string {
    return btoa(`${JSON.stringify([stream, shard, position])}\n${this.env.uuid()}`);
  }

  #records(input: Input): Input {
    validate(input, [
      { name: 'Limit', type: 'Integer', min: 1, max: 10000 },
      { name: 'ShardIterator', type: 'String', notNull: true, minLength: 1, maxLength: 512 },
    ]);
    let parsed: [string, string, number];
    try {
      parsed = JSON.parse(atob(input.ShardIterator as string).split('\n')[0]!) as [string, string, number];
      if (!Array.isArray(parsed) || parsed.length !== 3) throw new Error('shape');
    } catch {
      throw new KinesisError('InvalidArgumentException', 'Invalid ShardIterator.');
    }
    const [name, id, position] = parsed;
    const stream = this.streams.get(name);
    if (!stream) throw streamNotFound(name, this.env.accountId);
    const shard = this.#shard(stream, id);
    const limit = typeof input.Limit === 'number' ? Math.floor(input.Limit) : 10000;
    const slice = shard.records.slice(position, position + limit);
    return {
      Records: slice.map((record) => ({
        SequenceNumber: record.sequenceNumber,
        ApproximateArrivalTimestamp: record.arrivalMs / 1000,
        Data: toBase64(record.data),
        PartitionKey: record.partitionKey,
      })),
      NextShardIterator: this.#iterator(name, id, position + slice.length),
      MillisBehindLatest: 0,
    };
  }
}
