import { lastHeader, type HeaderList } from '../../shared/headers.js';
import { parseQuery } from '../../shared/query-string.js';

/**
 * The value an HTTP API identity source names: `$request.header.NAME` (case-insensitive name) or
 * `$request.querystring.NAME`; undefined when the request has none.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html ("identitySource")
 */
export function identityValue(source: string, headers: HeaderList, rawQuery: string): string | undefined {
  if (source.startsWith('$request.header.'))
    return lastHeader(headers, source.slice('$request.header.'.length)) ?? undefined;
  if (source.startsWith('$request.querystring.')) {
    const name = source.slice('$request.querystring.'.length);
    let value: string | undefined;
    for (const [k, v] of rawQuery ? parseQuery(rawQuery) : []) if (k === name) value = v;
    return value;
  }
  return undefined;
}

/**
 * A Lambda authorizer's identity values, in order, or null when one is missing or empty (→ 401). Sources:
 * `$request.header.X`, `$request.querystring.X`, `$stageVariables.X`, and the `$context.X` variables routeKey, stage,
 * apiId, requestId, httpMethod, path and identity.sourceIp (others are not supported yet: null).
 */
export function lambdaIdentityValues(
  sources: readonly string[],
  context: {
    rawHeaders: HeaderList;
    url: { query: string };
    stage: { name: string; variables: Record<string, string> };
    route: { routeKey: string };
    api?: { id: string } | undefined;
    method: string;
    pathInStage: string;
    trace: { requestId: string; sourceIp: string };
  },
): string[] | null {
  const values: string[] = [];
  for (const source of sources) {
    let value: string | undefined;
    if (source.startsWith('$request.')) value = identityValue(source, context.rawHeaders, context.url.query);
    else if (source.startsWith('$stageVariables.'))
      value = context.stage.variables[source.slice('$stageVariables.'.length)];
    else if (source.startsWith('$context.')) {
      const contextVariables: Record<string, string | undefined> = {
        routeKey: context.route.routeKey,
        stage: context.stage.name,
        apiId: context.api?.id,
        requestId: context.trace.requestId,
        httpMethod: context.method,
        path: context.pathInStage,
        'identity.sourceIp': context.trace.sourceIp,
      };
      value = contextVariables[source.slice('$context.'.length)];
    }
    if (value === undefined || value === '') return null;
    values.push(value);
  }
  return values;
}
