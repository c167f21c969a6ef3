import type { MethodKey, MethodModel, ResourceModel, RestApiModel } from './model.js';

/** A request matched to a resource (and, when defined, a method). */
export interface RouteMatch {
  resource: ResourceModel;
  method: MethodModel | null;
  /** Path parameters, raw (API Gateway does not URL-decode them). Null when the resource has none. */
  pathParameters: Record<string, string> | null;
}

type Segment = { kind: 'literal'; text: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

/** A resource's path template, parsed once, with its specificity key. */
interface Route {
  resource: ResourceModel;
  segments: Segment[];
  /** Rank of each segment up to the first greedy one (lower is more specific). */
  key: number[];
  /** Whether the template has `{param}` or `{greedy+}` segments. */
  hasParams: boolean;
}

/** Routes of each API, most specific first (deployed APIs are frozen snapshots, so this never goes stale). */
const compiled = new WeakMap<RestApiModel, Route[]>();

/** Parses `/items/{id}` into segments. */
function parseTemplate(path: string): Segment[] {
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

/** Lexicographic comparison of specificity keys (lower is more specific; longer literal prefixes win). */
function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 3;
    const y = b[i] ?? 3;
    if (x !== y) return x - y;
  }
  return 0;
}

/** The API's routes sorted by specificity; the sort is stable, so equally specific ones keep definition order. */
function routesOf(api: RestApiModel): Route[] {
  let routes = compiled.get(api);
  if (routes) return routes;
  routes = api.resources.map((resource) => {
    const segments = parseTemplate(resource.path);
    const key: number[] = [];
    for (const s of segments) {
      key.push(RANK[s.kind]);
      if (s.kind === 'greedy') break;
    }
    return { resource, segments, key, hasParams: segments.some((s) => s.kind !== 'literal') };
  });
  routes.sort((a, b) => compareKeys(a.key, b.key));
  // Only cache frozen models: a mutable one (before deployment) may still change.
  if (Object.isFrozen(api) && Object.isFrozen(api.resources)) compiled.set(api, routes);
  return routes;
}

/** Matches request segments against a template; returns the parameters (an empty object when it has none), or null. */
function matchTemplate(route: Route, segments: string[]): Record<string, string> | null {
  const template = route.segments;
  const params: Record<string, string> | null = route.hasParams ? {} : null;
  for (let i = 0; i < template.length; i++) {
    const t = template[i]!;
    if (t.kind === 'greedy') {
      if (segments.length <= i) return null; // {proxy+} needs at least one segment
      params![t.name] = segments.slice(i).join('/');
      return params;
    }
    const s = segments[i];
    if (s === undefined) return null;
    if (t.kind === 'literal') {
      if (t.text !== s) return null;
    } else params![t.name] = s;
  }
  return segments.length === template.length ? (params ?? NO_PARAMS) : null;
}

const NO_PARAMS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/**
 * Finds the resource and method API Gateway would choose for `path` (the path after the stage). Resource and
 * method are resolved together: the most specific resource whose path matches and that has the method (or `ANY`)
 * serves the request, so `OPTIONS /test` on a `/test` with only POST goes to a sibling `/{proxy+}` that has OPTIONS
 * (LocalStack's AWS-validated `test_apigateway_common.py::TestApigatewayRouting::test_proxy_routing_with_hardcoded_resource_sibling`).
 * When no matching resource has the method, the most specific one is returned with `method: null`.
 * A trailing slash is ignored (`/items/` is served by `/items`).
 */
export function matchRoute(api: RestApiModel, path: string, httpMethod: string): RouteMatch | null {
  // Empty segments count, except a leading and a trailing one.
  const segments = path.split('/');
  if (segments.length > 0 && segments[segments.length - 1] === '') segments.pop();
  if (segments.length > 0 && segments[0] === '') segments.shift();
  const key = httpMethod.toUpperCase() as MethodKey;
  let first: RouteMatch | null = null;
  for (const route of routesOf(api)) {
    const params = matchTemplate(route, segments);
    if (!params) continue;
    // The routes are sorted most specific first: the first one with the method is the one API Gateway picks.
    const methods = route.resource.methods;
    const method = methods[key] ?? methods.ANY ?? null;
    if (method || !first) {
      const match = {
        resource: route.resource,
        method,
        pathParameters: params !== NO_PARAMS && Object.keys(params).length ? params : null,
      };
      if (method) return match;
      first = match;
    }
  }
  return first;
}
