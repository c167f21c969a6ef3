import { lastHeaderOf, type HeaderList } from '../../shared/headers.js';

/**
 * A stage cache entry's key: the method, the resource path and the values of the method's `cacheKeyParameters`
 * (`method.request.querystring.x`, `method.request.header.x`, `method.request.path.x`); requests that differ in
 * anything else share the entry. https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html
 */
export function cacheKeyOf(
  request: {
    httpMethod: string;
    resourcePath: string;
    /** The query without `?`. */
    rawQuery: string;
    rawHeaders: HeaderList;
    lowerNames: readonly string[];
    pathParameters: Record<string, string> | null;
  },
  parameters: readonly string[] | undefined,
): string {
  const parts = [request.httpMethod, request.resourcePath];
  let query: URLSearchParams | undefined;
  for (const parameter of parameters ?? []) {
    const [, , where, ...rest] = parameter.split('.');
    const name = rest.join('.');
    let value: string | null | undefined;
    if (where === 'querystring') value = (query ??= new URLSearchParams(request.rawQuery)).getAll(name).join(',');
    else if (where === 'header') value = lastHeaderOf(request.rawHeaders, request.lowerNames, name.toLowerCase());
    else if (where === 'path') value = request.pathParameters?.[name];
    parts.push(`${parameter}=${value == null ? '' : encodeURIComponent(value)}`);
  }
  return parts.join('\n');
}

const PARAMETER = /^method\.request\.(querystring|header|path)\.[^.\s][^\s]*$/;

/**
 * An integration's `cacheKeyParameters` as the OpenAPI extension writes them; problems reported for a value that is
 * not `method.request.{querystring|header|path}.{name}`. Undefined when there are none.
 */
export function readCacheKeyParameters(integration: unknown, where: string, problems: string[]): string[] | undefined {
  if (typeof integration !== 'object' || integration === null) return undefined;
  const raw = (integration as { cacheKeyParameters?: unknown }).cacheKeyParameters;
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw) || raw.some((p) => typeof p !== 'string' || !PARAMETER.test(p))) {
    problems.push(
      `${where}: cacheKeyParameters must be a list of method.request.{querystring|header|path}.{name} (it is ${JSON.stringify(raw)})`,
    );
    return undefined;
  }
  return raw.length ? [...(raw as string[])] : undefined;
}
