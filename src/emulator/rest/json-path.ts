/**
 * The JSONPath subset mapping templates use in `$input.json(x)` / `$input.path(x)` and parameter mappings
 * (`integration.response.body.a.b`): `$`, `.name`, `['name']` / `["name"]`, `[0]`, `[-1]`, `.*` / `[*]`.
 * API Gateway evaluates JSONPath with Jayway's JsonPath for Java
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html).
 */

type Segment = { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'wildcard' };

/** A JSONPath the subset cannot read. */
export class JsonPathError extends Error {
  constructor(path: string, why: string) {
    super(`invalid JSONPath "${path}": ${why}`);
    this.name = 'JsonPathError';
  }
}

const cache = new Map<string, Segment[]>();

/** Splits a JSONPath into segments; throws JsonPathError for what the subset does not read. */
export function parseJsonPath(path: string): Segment[] {
  const hit = cache.get(path);
  if (hit) return hit;
  const p = path.trim();
  if (!p.startsWith('$')) throw new JsonPathError(path, 'it must start with $');
  const segments: Segment[] = [];
  let i = 1;
  while (i < p.length) {
    const c = p[i]!;
    if (c === '.') {
      if (p[i + 1] === '.') throw new JsonPathError(path, 'deep scan (..) is not supported');
      let j = i + 1;
      while (j < p.length && p[j] !== '.' && p[j] !== '[') j++;
      const key = p.slice(i + 1, j);
      if (!key) throw new JsonPathError(path, `empty name at ${i}`);
      segments.push(key === '*' ? { kind: 'wildcard' } : { kind: 'key', key });
      i = j;
    } else if (c === '[') {
      const close = findClose(p, i);
      if (close < 0) throw new JsonPathError(path, `unclosed [ at ${i}`);
      const inner = p.slice(i + 1, close).trim();
      if (inner === '*') segments.push({ kind: 'wildcard' });
      else if (/^-?\d+$/.test(inner)) segments.push({ kind: 'index', index: Number(inner) });
      else if (/^'.*'$|^".*"$/s.test(inner))
        segments.push({ kind: 'key', key: inner.slice(1, -1).replace(/\\(['"\\])/g, '$1') });
      else throw new JsonPathError(path, `"[${inner}]" is not supported (filters and slices are not)`);
      i = close + 1;
    } else {
      throw new JsonPathError(path, `unexpected "${c}" at ${i}`);
    }
  }
  if (cache.size > 500) cache.clear();
  cache.set(path, segments);
  return segments;
}

function findClose(p: string, open: number): number {
  let quote: string | null = null;
  for (let k = open + 1; k < p.length; k++) {
    const ch = p[k]!;
    if (quote) {
      if (ch === '\\') k++;
      else if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === ']') return k;
  }
  return -1;
}

/**
 * Evaluates a JSONPath against a parsed JSON value. Returns `undefined` when a definite path
 * finds nothing; a wildcard collects its matches into an array (Jayway returns a list then).
 */
export function evaluateJsonPath(root: unknown, path: string): unknown {
  const segments = parseJsonPath(path);
  let values: unknown[] = [root];
  let definite = true;
  for (const segment of segments) {
    const next: unknown[] = [];
    for (const value of values) {
      if (segment.kind === 'key') {
        if (isObject(value) && Object.prototype.hasOwnProperty.call(value, segment.key)) next.push(value[segment.key]);
      } else if (segment.kind === 'index') {
        if (Array.isArray(value)) {
          const index = segment.index < 0 ? value.length + segment.index : segment.index;
          if (index >= 0 && index < value.length) next.push(value[index]);
        }
      } else {
        definite = false;
        if (Array.isArray(value)) next.push(...value);
        else if (isObject(value)) next.push(...Object.values(value));
      }
    }
    values = next;
  }
  if (!definite) return values;
  return values.length ? values[0] : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
