/**
 * Kinesis's input checks as its JSON framework words them: type errors are SerializationException (`'Foo' can not be
 * converted to a Blob: …`, captured from AWS: research §1.4), constraint errors a ValidationException listing each one
 * (`1 validation error detected: Value null at 'partitionKey' failed to satisfy constraint: Member must not be null`,
 * the format kinesalite reproduces: M).
 */
import { KinesisError } from './errors.js';

export interface FieldSpec {
  name: string;
  type: 'String' | 'Integer' | 'Blob' | 'Timestamp' | 'List';
  notNull?: boolean;
  regex?: string;
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  enum?: readonly string[];
}

function serialization(message: string): KinesisError {
  return new KinesisError('SerializationException', message, true);
}

/** Base64 as the framework reads a Blob; the decoded bytes, or a SerializationException. */
export function decodeBlob(value: string): Uint8Array {
  if (value.length % 4) {
    throw serialization(
      `'${value}' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: ${value.length}`,
    );
  }
  const bad = value.match(/[^a-zA-Z0-9+/=]|=[^=]/);
  if (bad) throw serialization(`'${value}' can not be converted to a Blob: Invalid Base64 character: '${bad[0][0]}'`);
  const binary = atob(value);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  if (btoa(binary) !== value) {
    throw serialization(`'${value}' can not be converted to a Blob: Invalid last non-pad Base64 character dectected`);
  }
  return bytes;
}

/** The value's type check (SerializationException on a wrong JSON type). */
function checkType(value: unknown, spec: FieldSpec): void {
  const kind = typeof value;
  const objectError = () =>
    Array.isArray(value)
      ? 'Start of list found where not expected'
      : 'Start of structure or map found where not expected.';
  switch (spec.type) {
    case 'String':
      if (kind === 'boolean') throw serialization('class java.lang.Boolean can not be converted to an String');
      if (kind === 'number') {
        throw serialization(
          'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String',
        );
      }
      if (kind === 'object') throw serialization(objectError());
      return;
    case 'Integer':
      if (kind === 'boolean') throw serialization('class java.lang.Boolean can not be converted to an Integer');
      if (kind === 'string') throw serialization('class java.lang.String can not be converted to an Integer');
      if (kind === 'object') throw serialization(objectError());
      return;
    case 'Blob':
      if (kind === 'boolean') throw serialization('class java.lang.Boolean can not be converted to a Blob');
      if (kind === 'number') {
        throw serialization(
          'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to a Blob',
        );
      }
      if (kind === 'object') throw serialization(objectError());
      decodeBlob(value as string);
      return;
    case 'Timestamp':
      if (kind === 'boolean')
        throw serialization('class java.lang.Boolean can not be converted to milliseconds since epoch');
      if (kind === 'string')
        throw serialization('class java.lang.String can not be converted to milliseconds since epoch');
      if (kind === 'object') throw serialization(objectError());
      return;
    case 'List':
      if (!Array.isArray(value)) {
        if (kind === 'object') throw serialization('Start of structure or map found where not expected.');
        throw serialization('Unexpected value type in payload');
      }
  }
}

/** Checks the fields in order; throws a SerializationException or one ValidationException listing the failures. */
export function validate(input: Record<string, unknown>, specs: readonly FieldSpec[], parent = ''): void {
  for (const spec of specs) {
    const value = input[spec.name];
    if (value !== undefined && value !== null) checkType(value, spec);
  }
  const errors: string[] = [];
  for (const spec of specs) {
    const raw = input[spec.name];
    const value = spec.type === 'Integer' && typeof raw === 'number' ? Math.floor(raw) : raw;
    const at = `at '${parent}${spec.name[0]!.toLowerCase()}${spec.name.slice(1)}'`;
    const fail = (constraint: string) => {
      const shown =
        value === undefined || value === null
          ? 'null'
          : `'${spec.type === 'Blob' ? `java.nio.HeapByteBuffer[pos=0 lim=${decodeBlob(value as string).length} cap=${decodeBlob(value as string).length}]` : String(value)}'`;
      errors.push(`Value ${shown} ${at} failed to satisfy constraint: ${constraint}`);
    };
    if (value === undefined || value === null) {
      if (spec.notNull) fail('Member must not be null');
      continue;
    }
    const length = spec.type === 'Blob' ? decodeBlob(value as string).length : (value as { length?: number }).length;
    if (spec.min !== undefined && (value as number) < spec.min)
      fail(`Member must have value greater than or equal to ${spec.min}`);
    if (spec.max !== undefined && (value as number) > spec.max)
      fail(`Member must have value less than or equal to ${spec.max}`);
    if (spec.regex !== undefined && !new RegExp(`^(?:${spec.regex})$`).test(String(value))) {
      fail(`Member must satisfy regular expression pattern: ${spec.regex}`);
    }
    if (spec.minLength !== undefined && (length ?? 0) < spec.minLength) {
      fail(`Member must have length greater than or equal to ${spec.minLength}`);
    }
    if (spec.maxLength !== undefined && (length ?? 0) > spec.maxLength) {
      fail(`Member must have length less than or equal to ${spec.maxLength}`);
    }
    if (spec.enum && !spec.enum.includes(String(value)))
      fail(`Member must satisfy enum value set: [${spec.enum.join(', ')}]`);
  }
  if (errors.length) {
    throw new KinesisError(
      'ValidationException',
      `${errors.length} validation error${errors.length > 1 ? 's' : ''} detected: ${errors.slice(0, 10).join('; ')}`,
    );
  }
}

export const STREAM_NAME: FieldSpec = {
  name: 'StreamName',
  type: 'String',
  notNull: true,
  regex: '[a-zA-Z0-9_.-]+',
  minLength: 1,
  maxLength: 128,
};
