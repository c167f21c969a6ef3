/** SQS message attributes: their value shape and the checks SendMessage applies to them. */
import { fromBase64 } from '../../shared/base64.js';
import { SqsError } from './errors.js';

/** A message attribute's value as the JSON protocol carries it (BinaryValue base64). */
export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

const NAME = /^(?!aws\.|amazon\.)(?!\.)[A-Za-z0-9_.-]{1,256}(?<!\.)$/i;

/**
 * Checks a message's attributes (at most 10; names of letters, digits, `_ - .`; a data type String/Number/Binary with
 * an optional `.label`; a value of that type). Wording: L (AWS's messages as commonly reported, not captured here).
 */
export function checkMessageAttributes(attributes: Record<string, MessageAttributeValue>): void {
  const names = Object.keys(attributes);
  if (names.length > 10) {
    throw new SqsError(
      'InvalidParameterValue',
      `Number of message attributes [${names.length}] exceeds the allowed maximum [10].`,
    );
  }
  for (const name of names) {
    const value = attributes[name]!;
    if (!NAME.test(name) || name.includes('..')) {
      throw new SqsError('InvalidParameterValue', `Message (user) attribute '${name}' is invalid.`);
    }
    const type = value.DataType;
    if (!type) {
      throw new SqsError(
        'InvalidParameterValue',
        `The message attribute '${name}' must contain a non-empty attribute type.`,
      );
    }
    const base = type.split('.')[0];
    if (base !== 'String' && base !== 'Number' && base !== 'Binary') {
      throw new SqsError(
        'InvalidParameterValue',
        `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
      );
    }
    if (base === 'Binary') {
      if (!value.BinaryValue || fromBase64(value.BinaryValue) === null) {
        throw new SqsError(
          'InvalidParameterValue',
          `The message attribute '${name}' with type 'Binary' must use field 'Binary'.`,
        );
      }
    } else {
      if (value.StringValue === undefined || value.StringValue === '') {
        throw new SqsError(
          'InvalidParameterValue',
          `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${base}'.`,
        );
      }
      if (base === 'Number' && !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value.StringValue.trim())) {
        throw new SqsError(
          'InvalidParameterValue',
          `Can't cast the value of message (user) attribute '${name}' to a number.`,
        );
      }
    }
  }
}

/** The attributes a ReceiveMessage asks for: `All`, `.*`, a `prefix.*` or an exact name. */
export function selectMessageAttributes(
  attributes: Record<string, MessageAttributeValue>,
  requested: string[],
): Record<string, MessageAttributeValue> {
  const selected: Record<string, MessageAttributeValue> = {};
  for (const [name, value] of Object.entries(attributes)) {
    const wanted = requested.some(
      (pattern) =>
        pattern === 'All' ||
        pattern === '.*' ||
        pattern === name ||
        (pattern.endsWith('.*') && name.startsWith(pattern.slice(0, -1))),
    );
    if (wanted) selected[name] = { ...value };
  }
  return selected;
}
