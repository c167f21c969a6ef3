/**
 * DynamoDB JSON attribute values (`{"S": "x"}`, `{"N": "1"}`, B, BOOL, NULL, L, M, SS, NS, BS): checked as DynamoDB
 * checks them (messages as dynalite answers them, research §1.7 [RUN]), numbers normalised (`"01.50"` → `"1.5"`),
 * compared and ordered (numbers by value, strings by UTF-8 bytes, binary by bytes).
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValue.html
 */
import { DynamoError, validation } from './errors.js';

export type AttributeValue = Record<string, unknown>;
export type Item = Record<string, AttributeValue>;

const TYPES = ['S', 'N', 'B', 'BOOL', 'NULL', 'L', 'M', 'SS', 'NS', 'BS'];
const SET_NAMES: Record<string, string> = { SS: 'string set', NS: 'number set', BS: 'binary set' };

/** The one type key of a value (`S`, `N`, …). */
export function typeOf(value: AttributeValue): string {
  return Object.keys(value)[0]!;
}

/** Checks and normalises one attribute value (returns a copy); throws ValidationException. */
export function checkValue(value: unknown): AttributeValue {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new DynamoError('com.amazon.coral.service#SerializationException', 'Unexpected value type in payload');
  const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
  if (keys.length === 0 || !keys.every((k) => TYPES.includes(k)))
    throw validation('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  if (keys.length > 1)
    throw validation(
      'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes',
    );
  const type = keys[0]!;
  const raw = (value as Record<string, unknown>)[type];
  switch (type) {
    case 'S':
    case 'B':
      if (typeof raw !== 'string') throw validation(`The value of ${type} must be a string`);
      return { [type]: raw };
    case 'N':
      return { N: normalizeNumber(raw) };
    case 'BOOL':
      if (typeof raw !== 'boolean') throw validation('The value of BOOL must be true or false');
      return { BOOL: raw };
    case 'NULL':
      if (raw !== true)
        throw validation(
          'One or more parameter values were invalid: Null attribute value types must have the value of true',
        );
      return { NULL: true };
    case 'L':
      if (!Array.isArray(raw)) throw validation('The value of L must be a list');
      return { L: raw.map(checkValue) };
    case 'M':
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
        throw validation('The value of M must be a map');
      return { M: checkItem(raw as Record<string, unknown>) };
    default: {
      if (!Array.isArray(raw)) throw validation(`The value of ${type} must be a list`);
      if (raw.length === 0)
        throw validation(`One or more parameter values were invalid: An ${SET_NAMES[type]}  may not be empty`);
      const items = raw.map((item) => {
        if (typeof item !== 'string') throw validation(`The members of ${type} must be strings`);
        return type === 'NS' ? normalizeNumber(item) : item;
      });
      if (new Set(items).size !== items.length)
        throw validation(
          `One or more parameter values were invalid: Input collection [${raw.join(', ')}] contains duplicates.`,
        );
      return { [type]: items };
    }
  }
}

/** Checks every attribute of an item (keeps the attribute order as written, as dynalite does). */
export function checkItem(item: Record<string, unknown>): Item {
  const out: Item = {};
  for (const [name, value] of Object.entries(item)) out[name] = checkValue(value);
  return out;
}

/** A DynamoDB number as its canonical text (`"01.50"` → `"1.5"`, `"1e3"` → `"1000"`); throws for non-numbers. */
export function normalizeNumber(raw: unknown): string {
  const text = typeof raw === 'string' ? raw.trim() : '';
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === ''))
    throw validation(`The parameter cannot be converted to a numeric value: ${String(raw)}`);
  const sign = m[1] === '-' ? '-' : '';
  let digits = (m[2] ?? '') + (m[3] ?? '');
  let point = (m[2] ?? '').length + Number(m[4] ?? 0);
  const lead = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(lead);
  point -= lead;
  digits = digits.replace(/0+$/, '');
  if (!digits) return '0';
  if (digits.length > 38) throw validation('Attempting to store more than 38 significant digits in a Number');
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return sign + out;
}

/** Compares two numbers given as canonical text (exact for any number of digits). */
export function compareNumbers(a: string, b: string): number {
  const na = a.startsWith('-');
  const nb = b.startsWith('-');
  if (na !== nb) return na ? -1 : 1;
  const abs = compareAbs(na ? a.slice(1) : a, nb ? b.slice(1) : b);
  return na ? -abs : abs;
}

function compareAbs(a: string, b: string): number {
  const [ai, af = ''] = a.split('.') as [string, string?];
  const [bi, bf = ''] = b.split('.') as [string, string?];
  const ia = ai === '0' ? '' : ai;
  const ib = bi === '0' ? '' : bi;
  if (ia.length !== ib.length) return ia.length < ib.length ? -1 : 1;
  const x = ia + af.padEnd(Math.max(af.length, bf.length), '0');
  const y = ib + bf.padEnd(Math.max(af.length, bf.length), '0');
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Orders two scalar values of the same type (N by value; S by UTF-8 bytes; B by bytes). */
export function compareScalars(type: string, a: string, b: string): number {
  if (type === 'N') return compareNumbers(a, b);
  const x = type === 'B' ? base64Bytes(a) : new TextEncoder().encode(a);
  const y = type === 'B' ? base64Bytes(b) : new TextEncoder().encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** Deep equality of two attribute values (sets compare as sets). */
export function valuesEqual(a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  if (!a || !b) return false;
  const type = typeOf(a);
  if (type !== typeOf(b)) return false;
  const x = a[type];
  const y = b[type];
  if (type === 'N') return compareNumbers(x as string, y as string) === 0;
  if (type === 'SS' || type === 'NS' || type === 'BS') {
    const xs = x as string[];
    const ys = y as string[];
    return (
      xs.length === ys.length && xs.every((v) => ys.some((w) => (type === 'NS' ? compareNumbers(v, w) === 0 : v === w)))
    );
  }
  if (type === 'L') {
    const xs = x as AttributeValue[];
    const ys = y as AttributeValue[];
    return xs.length === ys.length && xs.every((v, i) => valuesEqual(v, ys[i]));
  }
  if (type === 'M') {
    const xm = x as Item;
    const ym = y as Item;
    const keys = Object.keys(xm);
    return keys.length === Object.keys(ym).length && keys.every((k) => valuesEqual(xm[k], ym[k]));
  }
  return x === y;
}

/** Decodes base64 (B values) without Node's Buffer. */
export function base64Bytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * An item's size as DynamoDB counts it (names + values; numbers about 1 byte per 2 digits + 1)
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html (approximate, L).
 */
export function itemSize(item: Item): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += utf8Length(name) + valueSize(value);
  return size;
}

function valueSize(value: AttributeValue): number {
  const type = typeOf(value);
  const raw = value[type];
  if (type === 'S') return utf8Length(raw as string);
  if (type === 'N') return Math.ceil((raw as string).replace(/[-.]/g, '').replace(/^0+/, '').length / 2) + 1;
  if (type === 'B') return base64Bytes(raw as string).length;
  if (type === 'BOOL' || type === 'NULL') return 1;
  if (type === 'L') return 3 + (raw as AttributeValue[]).reduce((s, v) => s + 1 + valueSize(v), 0);
  if (type === 'M')
    return 3 + Object.entries(raw as Item).reduce((s, [k, v]) => s + 1 + utf8Length(k) + valueSize(v), 0);
  return (raw as string[]).reduce((s, v) => s + valueSize({ [type.slice(0, 1)]: v }), 0);
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
