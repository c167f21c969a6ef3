import type { MethodKey, MethodModel, ResourceModel, RestApiModel } from './model.js';

/** A request matched to a resource (and, when defined, a method). */
export interface RouteMatch {
  resource: ResourceModel;
  method: MethodModel | null;
  /** Path parameters, raw (API Gateway does not URL-decode them). Null when the resource has none. */
  pathParameters: Record<string, string> | null;
}

type Segment = { kind: 'literal'; text: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

const templates = new Map<string, Segment[]>();

/** Parses `/items/{id}` into segments (memoised: resource paths are few and immutable). */
function parseTemplate(path: string): Segment[] {
  let parsed = templates.get(path);
  if (!parsed) templates.set(path, (parsed = parseTemplateUncached(path)));
  return parsed;
}

/** Parses `/items/{id}` into segments. */
function parseTemplateUncached(path: string): Segment[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((s): Segment => {
      if (s.startsWith('{') && s.endsWith('+}')) return { kind: 'greedy', name: s.slice(1, -2) };
      if (s.startsWith('{') && s.endsWith('}')) return { kind: 'param', name: s.slice(1, -1) };
      return { kind: 'literal', text: s };
    });
}

/** Rank of a segment kind: literal beats `{param}` beats `{greedy+}`. */
const RANK = { literal: 0, param: 1, greedy: 2 } as const;

/** Matches request segments against a template; returns the parameters and a specificity key, or null. */
function matchTemplate(template: Segment[], segments: string[]): { params: Record<string, string>; key: number[] } | null {
  const params: Record<string, string> = {};
  const key: number[] = [];
  for (let i = 0; i < template.length; i++) {
    const t = template[i]!;
    key.push(RANK[t.kind]);
    if (t.kind === 'greedy') {
      const rest = segments.slice(i);
      if (rest.length === 0) return null; // {proxy+} needs at least one segment
      params[t.name] = rest.join('/');
      return { params, key };
    }
    const s = segments[i];
    if (s === undefined) return null;
    if (t.kind === 'literal' && t.text !== s) return null;
    if (t.kind === 'param') params[t.name] = s;
  }
  return segments.length === template.length ? { params, key } : null;
}

/** Lexicographic comparison of specificity keys (lower is more specific; longer literal prefixes win). */
function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 3;
    const y = b[i] ?? 3;
    if (x !== y) return x - y;
  }
  return 0;
}

/**
 * Finds the resource API Gateway would choose for `path` (the path after the stage), then its method:
 * the exact method, else `ANY`. A trailing slash is ignored (`/items/` is served by `/items`).
 */
export function matchRoute(api: RestApiModel, path: string, httpMethod: string): RouteMatch | null {
  const segments = path.split('/').filter((s, i, all) => s !== '' || (i > 0 && i < all.length - 1));
  let best: { resource: ResourceModel; params: Record<string, string>; key: number[] } | null = null;
  for (const resource of api.resources) {
    const m = matchTemplate(parseTemplate(resource.path), segments);
    if (m && (!best || compareKeys(m.key, best.key) < 0)) best = { resource, ...m };
  }
  if (!best) return null;
  const methods = best.resource.methods;
  const method = methods[httpMethod.toUpperCase() as MethodKey] ?? methods.ANY ?? null;
  return {
    resource: best.resource,
    method,
    pathParameters: Object.keys(best.params).length ? best.params : null,
  };
}
