/**
 * Kinesis sequence numbers: 56-digit decimal strings, strictly increasing within a shard (research §1.4: the tutorial's
 * `49559409944537880850133345460169886593573102115167928386`, kinesalite's `4968082601913336544654464673720019137338…`).
 * The layout follows kinesalite's reading of AWS's (version 2), in hex: `2`, the shard's creation second (9 digits),
 * the shard index's last digit, a per-stream counter (16 digits), `00`, the record's second (9 digits), the shard
 * index (8 digits), `2`. The counter sits above the time, so a later record always has a larger number (L: AWS
 * does not document the layout; only its length and ordering are relied on).
 */

/** A sequence number for the `counter`-th record of a stream, put at `nowMs` into shard `shardIndex`. */
export function sequenceNumber(shardCreatedMs: number, shardIndex: number, counter: bigint, nowMs: number): string {
  const hex = [
    '2',
    Math.floor(shardCreatedMs / 1000)
      .toString(16)
      .padStart(9, '0')
      .slice(-9),
    shardIndex.toString(16).slice(-1),
    counter.toString(16).padStart(16, '0').slice(-16),
    '00',
    Math.floor(nowMs / 1000)
      .toString(16)
      .padStart(9, '0')
      .slice(-9),
    shardIndex.toString(16).padStart(8, '0').slice(-8),
    '2',
  ].join('');
  return BigInt(`0x${hex}`).toString();
}
