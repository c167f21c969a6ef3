/**
 * A small, dependency-free stand-in for Node's `util.format` / `util.inspect`, used to turn
 * `console.log(...)` arguments into a log line where `node:util` is not available (browser workers).
 * It follows Node's output for the common cases (strings, numbers, plain objects, arrays, errors,
 * Map/Set, Date); exotic values get a reasonable rendering rather than Node's exact one.
 */

const MAX_DEPTH = 2;
const BREAK_LENGTH = 80;
const MAX_ARRAY_ITEMS = 100;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Formats console arguments like Node's `util.format` (printf-style `%s %d %i %f %j %o %O %c %%`). */
export function formatLogArgs(args: readonly unknown[]): string {
  if (args.length === 0) return '';
  const [first, ...rest] = args;
  let head: string;
  let remaining: unknown[];
  if (typeof first === 'string') {
    const used = { n: 0 };
    head = applyFormat(first, rest, used);
    remaining = rest.slice(used.n);
  } else {
    head = inspectValue(first);
    remaining = rest;
  }
  for (const arg of remaining) head += ' ' + (typeof arg === 'string' ? arg : inspectValue(arg));
  return head;
}

/** Renders one value like Node's `util.inspect` with default options (depth 2). */
export function inspectValue(value: unknown): string {
  return inspect(value, 0, new Set());
}

function applyFormat(format: string, args: unknown[], used: { n: number }): string {
  return format.replace(/%([sdifjoOc%])/g, (match, spec: string) => {
    if (spec === '%') return '%';
    if (used.n >= args.length) return match;
    const arg = args[used.n++];
    switch (spec) {
      case 's':
        if (typeof arg === 'bigint') return `${arg}n`;
        if (typeof arg === 'object' && arg !== null && !hasOwnToString(arg)) return inspect(arg, MAX_DEPTH, new Set());
        return typeof arg === 'symbol' ? arg.toString() : String(arg);
      case 'd':
        if (typeof arg === 'bigint') return `${arg}n`;
        return typeof arg === 'object' && arg !== null ? 'NaN' : formatNumber(Number(arg));
      case 'i':
        if (typeof arg === 'bigint') return `${arg}n`;
        return typeof arg === 'object' && arg !== null ? 'NaN' : formatNumber(parseInt(String(arg), 10));
      case 'f':
        return typeof arg === 'symbol' ? 'NaN' : formatNumber(parseFloat(String(arg)));
      case 'j':
        try {
          return JSON.stringify(arg) ?? 'undefined';
        } catch {
          return '[Circular]';
        }
      case 'c':
        return '';
      default:
        return inspectValue(arg);
    }
  });
}

function hasOwnToString(value: object): boolean {
  if (value instanceof Error || value instanceof Date) return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return (
    proto !== null &&
    proto !== Object.prototype &&
    proto !== Array.prototype &&
    Object.prototype.hasOwnProperty.call(proto, 'toString')
  );
}

function formatNumber(n: number): string {
  return Object.is(n, -0) ? '-0' : String(n);
}

function quote(s: string): string {
  const escaped = s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  if (!escaped.includes("'")) return `'${escaped}'`;
  if (!escaped.includes('"')) return `"${escaped}"`;
  return `'${escaped.replace(/'/g, "\\'")}'`;
}

function formatKey(key: string | symbol): string {
  if (typeof key === 'symbol') return `[${key.toString()}]`;
  return IDENTIFIER.test(key) ? key : quote(key);
}

function inspect(value: unknown, depth: number, seen: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return formatNumber(value);
    case 'bigint':
      return `${value}n`;
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'symbol':
      return value.toString();
    case 'function':
      return formatFunction(value);
    default:
      break;
  }
  if (value === null) return 'null';
  const obj = value as object;
  if (seen.has(obj)) return '[Circular *1]';
  if (obj instanceof Error) return formatError(obj);
  if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? 'Invalid Date' : obj.toISOString();
  if (obj instanceof RegExp) return obj.toString();
  seen.add(obj);
  try {
    return formatContainer(obj, depth, seen);
  } finally {
    seen.delete(obj);
  }
}

function formatFunction(fn: Function): string {
  const source = Function.prototype.toString.call(fn);
  const name = fn.name;
  if (source.startsWith('class')) return name ? `[class ${name}]` : '[class (anonymous)]';
  return name ? `[Function: ${name}]` : '[Function (anonymous)]';
}

function formatError(err: Error): string {
  const stack = typeof err.stack === 'string' && err.stack.length > 0 ? err.stack : `${err.name}: ${err.message}`;
  // Browsers' stacks omit the "Name: message" header Node puts first.
  return stack.startsWith(`${err.name}`) ? stack : `${err.name}: ${err.message}\n${stack}`;
}

function formatContainer(obj: object, depth: number, seen: Set<object>): string {
  const nested = (v: unknown): string => inspect(v, depth + 1, seen);
  if (Array.isArray(obj)) {
    if (depth > MAX_DEPTH) return '[Array]';
    const items = obj.slice(0, MAX_ARRAY_ITEMS).map(nested);
    if (obj.length > MAX_ARRAY_ITEMS) items.push(`... ${obj.length - MAX_ARRAY_ITEMS} more items`);
    return wrap('', '[', items, ']', depth);
  }
  if (obj instanceof Map) {
    if (depth > MAX_DEPTH) return '[Map]';
    const items = [...obj].map(([k, v]) => `${nested(k)} => ${nested(v)}`);
    return wrap(`Map(${obj.size}) `, '{', items, '}', depth);
  }
  if (obj instanceof Set) {
    if (depth > MAX_DEPTH) return '[Set]';
    return wrap(`Set(${obj.size}) `, '{', [...obj].map(nested), '}', depth);
  }
  const proto = Object.getPrototypeOf(obj) as { constructor?: { name?: string } } | null;
  const ctorName = proto === null ? '[Object: null prototype]' : (proto.constructor?.name ?? 'Object');
  const prefix = ctorName === 'Object' ? '' : `${ctorName} `;
  if (depth > MAX_DEPTH) return `[${ctorName === 'Object' ? 'Object' : ctorName}]`;
  const keys: (string | symbol)[] = [...Object.keys(obj), ...Object.getOwnPropertySymbols(obj)];
  const record = obj as Record<string | symbol, unknown>;
  const items = keys.map((k) => `${formatKey(k)}: ${nested(record[k])}`);
  return wrap(prefix, '{', items, '}', depth);
}

function wrap(prefix: string, open: string, items: string[], close: string, depth: number): string {
  if (items.length === 0) return `${prefix}${open}${close}`;
  const single = `${prefix}${open} ${items.join(', ')} ${close}`;
  if (single.length + depth * 2 <= BREAK_LENGTH - 4 && !items.some((i) => i.includes('\n'))) return single;
  // Nested renderings are indented relative to their parent, which indents them once more.
  const inner = items.map((i) => '  ' + i.replace(/\n/g, '\n  ')).join(',\n');
  return `${prefix}${open}\n${inner}\n${close}`;
}
