/**
 * The MD5 digests SQS answers with: MD5OfMessageBody (of the body's UTF-8) and MD5OfMessageAttributes, by AWS's documented
 * encoding: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html#sqs-attributes-md5-message-digest-calculation
 */
import { Md5 } from '@smithy/md5-js';
import type { MessageAttributeValue } from './message-attributes.js';
import { fromBase64 } from '../../shared/base64.js';

/** Lower-case hex of bytes. */
function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Hex MD5 of a string's UTF-8 bytes or of raw bytes. */
export async function md5Hex(data: string | Uint8Array): Promise<string> {
  const md5 = new Md5();
  md5.update(typeof data === 'string' ? new TextEncoder().encode(data) : data);
  return hex(await md5.digest());
}

/**
 * MD5OfMessageAttributes: for each attribute in ascending name order, the name, the data type (each as a 4-byte
 * big-endian length then UTF-8 bytes), a transport byte (1 for String/Number, 2 for Binary), then the value (4-byte
 * length then its UTF-8 bytes, or the binary's decoded bytes).
 */
export async function md5OfMessageAttributes(attributes: Record<string, MessageAttributeValue>): Promise<string> {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  const withLength = (bytes: Uint8Array) => {
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, bytes.length);
    parts.push(length, bytes);
  };
  const names = Object.keys(attributes).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const value = attributes[name]!;
    withLength(encoder.encode(name));
    withLength(encoder.encode(value.DataType));
    if (value.DataType.startsWith('Binary')) {
      parts.push(Uint8Array.of(2));
      withLength(fromBase64(value.BinaryValue ?? '') ?? new Uint8Array());
    } else {
      parts.push(Uint8Array.of(1));
      withLength(encoder.encode(value.StringValue ?? ''));
    }
  }
  const total = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    total.set(part, offset);
    offset += part.length;
  }
  return md5Hex(total);
}
