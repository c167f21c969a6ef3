import type { HttpApiModel, HttpRoute } from './model.js';

/**
 * HTTP API route selection, as https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
 * describes it: "API Gateway selects the route with the most-specific match, using the following priorities:
 * 1. Full match for a route and method. 2. Match for a route and method with a greedy path variable ({proxy+}).
 * 3. The $default route." `ANY` "matches all methods that you haven't defined for a route", so a route with the
 * request's own method wins over `ANY` on the same path; among paths, literal segments beat variables
 * (`GET /pets/dog/1` over `GET /pets/dog/{id}`), and a longer prefix beats a shorter one before a greedy variable.
 */

export const HTTP_API_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'] as const;

/** A route key taken apart: `$default`, or a method (or ANY) and a path template. */
export type ParsedRouteKey =
  { kind: 'default' } | { kind: 'path'; method: string; path: string; segments: Segment[]; greedy: string | null };

type Segment = { literal: string } | { variable: string };

/** Parses `GET /items/{id}`; returns the reason when the key is not one API Gateway accepts. */
export function parseRouteKey(routeKey: string): ParsedRouteKey | { error: string } {
  if (routeKey === '$default') return { kind: 'default' };
  const match = /^([A-Z]+) (\/\S*)$/.exec(routeKey);
  if (!match) return { error: `route key "${routeKey}" is not "$default" or "METHOD /path"` };
  const method = match[1]!;
  if (method !== 'ANY' && !(HTTP_API_METHODS as readonly string[]).includes(method))
    return { error: `route key "${routeKey}": unknown method ${method}` };
  const path = match[2]!;
  if (path === '/') return { kind: 'path', method, path, segments: [], greedy: null };
  const parts = path.slice(1).split('/');
  const segments: Segment[] = [];
  let greedy: string | null = null;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part === '') return { error: `route key "${routeKey}": empty path segment` };
    const variable = /^\{([A-Za-z0-9_.:-]+)(\+?)\}$/.exec(part);
    if (variable) {
      if (variable[2]) {
        // "The greedy path variable must be at the end of the resource path."
        if (i !== parts.length - 1)
          return { error: `route key "${routeKey}": the greedy path variable must be at the end of the resource path` };
        greedy = variable[1]!;
      } else segments.push({ variable: variable[1]! });
    } else if (part.includes('{') || part.includes('}')) {
      return {
        error: `route key "${routeKey}": "${part}" is not a path variable (a whole segment like {id} or {proxy+})`,
      };
    } else segments.push({ literal: part });
  }
  return { kind: 'path', method, path, segments, greedy };
}

export interface HttpRouteMatch {
  route: HttpRoute;
  /** Decoded path variables ("API Gateway decodes URL-encoded request parameters"), or null when the route has none. */
  pathParameters: Record<string, string> | null;
}

const parsedCache = new WeakMap<HttpRoute, ParsedRouteKey | { error: string }>();
const parsedOf = (route: HttpRoute) => {
  let parsed = parsedCache.get(route);
  if (!parsed) parsedCache.set(route, (parsed = parseRouteKey(route.routeKey)));
  return parsed;
};

/** Percent-decodes a path segment; malformed escapes are kept as sent. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * A sort key for specificity: one character per template segment, `2` for a literal and `1` for a
 * variable, then the method rank (`1` for a named method, `0` for ANY). Larger is more specific.
 */
function specificity(segments: Segment[], method: string): string {
  return segments.map((s) => ('literal' in s ? '2' : '1')).join('') + (method === 'ANY' ? '0' : '1');
}

/** Selects the route for `method path` (path after any stage prefix, as sent), or null: 404 Not Found. */
export function selectRoute(api: Readonly<HttpApiModel>, method: string, path: string): HttpRouteMatch | null {
  const parts = path === '/' || path === '' ? [] : path.slice(1).split('/');
  let full: { route: HttpRoute; key: string; params: Record<string, string> | null } | null = null;
  let greedy: { route: HttpRoute; key: string; params: Record<string, string> } | null = null;
  let fallback: HttpRoute | null = null;
  for (const route of api.routes) {
    const parsed = parsedOf(route);
    if ('error' in parsed) continue;
    if (parsed.kind === 'default') {
      fallback = route;
      continue;
    }
    if (parsed.method !== 'ANY' && parsed.method !== method) continue;
    const { segments } = parsed;
    if (parsed.greedy === null ? parts.length !== segments.length : parts.length <= segments.length) continue;
    let params: Record<string, string> | null = null;
    let ok = true;
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i]!;
      const part = parts[i]!;
      if ('literal' in s) {
        if (s.literal !== part) {
          ok = false;
          break;
        }
      } else {
        if (part === '') {
          ok = false;
          break;
        }
        (params ??= {})[s.variable] = decodeSegment(part);
      }
    }
    if (!ok) continue;
    const key = specificity(segments, parsed.method);
    if (parsed.greedy === null) {
      if (!full || key > full.key) full = { route, key, params };
    } else {
      const rest = parts.slice(segments.length);
      if (rest.every((p) => p === '')) continue; // a greedy variable catches at least one child resource
      const withRest = { ...(params ?? {}), [parsed.greedy]: rest.map(decodeSegment).join('/') };
      // A longer prefix is more specific: compare prefix length first.
      const greedyKey = String(segments.length).padStart(4, '0') + key;
      if (!greedy || greedyKey > greedy.key) greedy = { route, key: greedyKey, params: withRest };
    }
  }
  if (full) return { route: full.route, pathParameters: full.params };
  if (greedy) return { route: greedy.route, pathParameters: greedy.params };
  if (fallback) return { route: fallback, pathParameters: null };
  return null;
}
