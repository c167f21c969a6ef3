/**
 * One Kinesis stream in memory: shards splitting the 128-bit hash-key range evenly, records placed by MD5 of the
 * partition key (or ExplicitHashKey) — https://docs.aws.amazon.com/streams/latest/dev/key-concepts.html ("Kinesis Data
 * Streams uses MD5 to map partition keys to 128-bit integer values and to map associated data records to shards").
 */
import { Md5 } from '@smithy/md5-js';
import { sequenceNumber } from './sequence-numbers.js';

const HASH_SPACE = 1n << 128n;

export interface StoredRecord {
  sequenceNumber: string;
  partitionKey: string;
  data: Uint8Array;
  arrivalMs: number;
}

export interface Shard {
  shardId: string;
  index: number;
  startingHashKey: bigint;
  endingHashKey: bigint;
  startingSequenceNumber: string;
  records: StoredRecord[];
}

/** `shardId-000000000000` (12 digits). */
export function shardId(index: number): string {
  return `shardId-${String(index).padStart(12, '0')}`;
}

/** The 128-bit hash key of a partition key: MD5 of its UTF-8, as an unsigned big-endian integer. */
export async function hashKeyOf(partitionKey: string): Promise<bigint> {
  const md5 = new Md5();
  md5.update(new TextEncoder().encode(partitionKey));
  const digest = await md5.digest();
  return BigInt(`0x${Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')}`);
}

export class Stream {
  readonly shards: Shard[];
  #counter = 0n;

  constructor(
    readonly name: string,
    readonly arn: string,
    shardCount: number,
    readonly createdMs: number,
  ) {
    const width = HASH_SPACE / BigInt(shardCount);
    this.shards = Array.from({ length: shardCount }, (_, index) => ({
      shardId: shardId(index),
      index,
      startingHashKey: width * BigInt(index),
      endingHashKey: index === shardCount - 1 ? HASH_SPACE - 1n : width * BigInt(index + 1) - 1n,
      startingSequenceNumber: sequenceNumber(createdMs, index, 0n, createdMs),
      records: [],
    }));
  }

  /** The shard whose hash-key range holds `hashKey`. */
  shardFor(hashKey: bigint): Shard {
    return this.shards.find((shard) => hashKey >= shard.startingHashKey && hashKey <= shard.endingHashKey)!;
  }

  /** Appends a record to its shard and returns it with the shard. */
  put(hashKey: bigint, partitionKey: string, data: Uint8Array, nowMs: number): { shard: Shard; record: StoredRecord } {
    const shard = this.shardFor(hashKey);
    this.#counter += 1n;
    const record: StoredRecord = {
      sequenceNumber: sequenceNumber(this.createdMs, shard.index, this.#counter, nowMs),
      partitionKey,
      data,
      arrivalMs: nowMs,
    };
    shard.records.push(record);
    return { shard, record };
  }
}
