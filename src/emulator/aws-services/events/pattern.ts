/**
 * EventBridge event patterns: which events a rule matches. Semantics from the EventBridge User Guide:
 * content filtering (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-content-based-filtering.html:
 * exact values, prefix, suffix, equals-ignore-case, anything-but, numeric, cidr, exists, wildcard, `$or`), arrays
 * (eb-event-patterns-arrays.html: an event array matches when any element does) and null/empty values
 * (eb-event-patterns-null-values.html).
 */

/** Why a pattern is refused (PutRule's InvalidEventPatternException names it). */
export class InvalidPatternError extends Error {}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const NUMERIC_OPERATORS = new Set(['<', '<=', '=', '>', '>=']);

/** Checks a pattern's shape: an object whose leaves are arrays of values or filter objects. */
export function checkPattern(pattern: unknown, path = ''): void {
  if (!isObject(pattern)) throw new InvalidPatternError(`${path || 'Pattern'} must be an object`);
  if (path === '' && Object.keys(pattern).length === 0) throw new InvalidPatternError('Empty objects are not allowed');
  for (const [key, value] of Object.entries(pattern)) {
    const at = path ? `${path}.${key}` : key;
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2)
        throw new InvalidPatternError('$or must be an array of at least 2 patterns');
      value.forEach((sub) => checkPattern(sub, at));
    } else if (Array.isArray(value)) {
      if (value.length === 0) throw new InvalidPatternError(`Empty arrays are not allowed (${at})`);
      value.forEach((condition) => checkCondition(condition, at));
    } else if (isObject(value)) {
      checkPattern(value, at);
    } else {
      throw new InvalidPatternError(`"${at}" must be an object or an array`);
    }
  }
}

function checkCondition(condition: unknown, at: string): void {
  if (!isObject(condition)) return; // a plain value: exact match
  const keys = Object.keys(condition);
  const [kind] = keys;
  if (keys.length !== 1 || kind === undefined) throw new InvalidPatternError(`"${at}": a filter has exactly one key`);
  const operand = condition[kind];
  switch (kind) {
    case 'prefix':
    case 'suffix':
      if (typeof operand === 'string' || (isObject(operand) && typeof operand['equals-ignore-case'] === 'string'))
        return;
      throw new InvalidPatternError(`"${at}": ${kind} match pattern must be a string`);
    case 'equals-ignore-case':
    case 'wildcard':
    case 'cidr':
      if (typeof operand === 'string') return;
      throw new InvalidPatternError(`"${at}": ${kind} match pattern must be a string`);
    case 'exists':
      if (typeof operand === 'boolean') return;
      throw new InvalidPatternError(`"${at}": exists match pattern must be either true or false`);
    case 'numeric': {
      if (!Array.isArray(operand) || operand.length === 0 || operand.length % 2 !== 0) {
        throw new InvalidPatternError(`"${at}": Value of numeric must be an array`);
      }
      for (let i = 0; i < operand.length; i += 2) {
        if (!NUMERIC_OPERATORS.has(operand[i] as string) || typeof operand[i + 1] !== 'number') {
          throw new InvalidPatternError(`"${at}": Unrecognized numeric range operator: ${String(operand[i])}`);
        }
      }
      return;
    }
    case 'anything-but':
      return;
    default:
      throw new InvalidPatternError(`"${at}": Unrecognized match type ${kind}`);
  }
}

/** Whether the event (a JSON object) matches the pattern. */
export function matchesPattern(pattern: unknown, event: unknown): boolean {
  if (!isObject(pattern)) return false;
  return Object.entries(pattern).every(([key, value]) => {
    if (key === '$or') return Array.isArray(value) && value.some((sub) => matchesPattern(sub, event));
    const present = isObject(event) && Object.prototype.hasOwnProperty.call(event, key);
    const field = present ? (event as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(value)) return matchLeaf(value, present, field);
    // A nested pattern: the field is an object, or an array of objects one of which must match.
    if (Array.isArray(field)) return field.some((item) => matchesPattern(value, item));
    return matchesPattern(value, isObject(field) ? field : undefined);
  });
}

/** A leaf: any of its conditions matches the field (absent, a value, or an array whose elements are tried one by one). */
function matchLeaf(conditions: unknown[], present: boolean, field: unknown): boolean {
  const values = Array.isArray(field) ? field : [field];
  return conditions.some((condition) => {
    if (isObject(condition) && 'exists' in condition) {
      const leafPresent = present && !isObject(field);
      return condition.exists === leafPresent;
    }
    if (!present) return false;
    return values.some((value) => matchValue(condition, value));
  });
}

function equalValues(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && a === b);
}

function matchValue(condition: unknown, value: unknown): boolean {
  if (!isObject(condition)) return equalValues(condition, value);
  const [kind] = Object.keys(condition);
  const operand = condition[kind!];
  switch (kind) {
    case 'prefix':
    case 'suffix': {
      if (typeof value !== 'string') return false;
      const ignoreCase = isObject(operand);
      const needle = String(ignoreCase ? operand['equals-ignore-case'] : operand);
      const subject = ignoreCase ? value.toLowerCase() : value;
      const wanted = ignoreCase ? needle.toLowerCase() : needle;
      return kind === 'prefix' ? subject.startsWith(wanted) : subject.endsWith(wanted);
    }
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === String(operand).toLowerCase();
    case 'wildcard':
      return typeof value === 'string' && wildcardMatches(String(operand), value);
    case 'numeric':
      return typeof value === 'number' && numericMatches(operand as Array<string | number>, value);
    case 'cidr':
      return typeof value === 'string' && cidrMatches(String(operand), value);
    case 'anything-but':
      return !anythingButExcludes(operand, value);
    default:
      return false;
  }
}

/** Whether `anything-but`'s operand names this value (a value, a list, or a prefix/suffix/equals-ignore-case/wildcard filter). */
function anythingButExcludes(operand: unknown, value: unknown): boolean {
  if (Array.isArray(operand)) return operand.some((item) => equalValues(item, value));
  if (!isObject(operand)) return equalValues(operand, value);
  const [kind] = Object.keys(operand);
  const inner = operand[kind!];
  const list = (Array.isArray(inner) ? inner : [inner]).map(String);
  if (typeof value !== 'string') return false;
  switch (kind) {
    case 'prefix':
      return list.some((p) => value.startsWith(p));
    case 'suffix':
      return list.some((s) => value.endsWith(s));
    case 'equals-ignore-case':
      return list.some((s) => s.toLowerCase() === value.toLowerCase());
    case 'wildcard':
      return list.some((w) => wildcardMatches(w, value));
    default:
      return false;
  }
}

/** `*` matches any run of characters (including none); `\*` is a literal star and `\\` a backslash. */
export function wildcardMatches(pattern: string, value: string): boolean {
  let regex = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '\\')) {
      regex += `\\${pattern[++i]}`;
    } else if (char === '*') {
      regex += '.*';
    } else {
      regex += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(`^${regex}$`, 's').test(value);
}

function numericMatches(range: Array<string | number>, value: number): boolean {
  for (let i = 0; i < range.length; i += 2) {
    const bound = range[i + 1] as number;
    const ok =
      range[i] === '<'
        ? value < bound
        : range[i] === '<='
          ? value <= bound
          : range[i] === '='
            ? value === bound
            : range[i] === '>'
              ? value > bound
              : value >= bound;
    if (!ok) return false;
  }
  return true;
}

/** An IP address as bits (IPv4 32, IPv6 128), or undefined. */
function ipBits(address: string): { bits: bigint; width: number } | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) {
    const parts = address.split('.').map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return { bits: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n), width: 32 };
  }
  if (!address.includes(':')) return undefined;
  const [head, tail] = address.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  return { bits: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n), width: 128 };
}

function cidrMatches(cidr: string, value: string): boolean {
  const [network, prefixText] = cidr.split('/');
  const net = ipBits(network ?? '');
  const ip = ipBits(value);
  if (!net || !ip || net.width !== ip.width) return false;
  const prefix = prefixText === undefined ? net.width : Number(prefixText);
  const shift = BigInt(net.width - prefix);
  return net.bits >> shift === ip.bits >> shift;
}

export type { Json };
