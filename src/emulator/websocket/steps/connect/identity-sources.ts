import type { HeaderList } from '../../../shared/headers.js';
import { lastHeader } from '../../../shared/headers.js';
import { parseQuery } from '../../../shared/query-string.js';

/**
 * The values of a WebSocket REQUEST authorizer's identity sources (`route.request.header.NAME`, case-insensitive;
 * `route.request.querystring.NAME`; `stageVariables.NAME`; `context.NAME`), in order, or null when one is missing or
 * empty: API Gateway then refuses with 401 without calling the authorizer ("If you attempt to connect without a valid
 * identity value, you'll receive a 401 response").
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html
 */
export function identitySourceValues(
  sources: readonly string[],
  request: {
    headers: HeaderList;
    rawQuery: string;
    stageVariables: Record<string, string>;
    context: Record<string, string>;
  },
): string[] | null {
  const values: string[] = [];
  for (const source of sources) {
    let value: string | null | undefined;
    if (source.startsWith('route.request.header.'))
      value = lastHeader(request.headers, source.slice('route.request.header.'.length));
    else if (source.startsWith('route.request.querystring.')) {
      const name = source.slice('route.request.querystring.'.length);
      for (const [k, v] of request.rawQuery ? parseQuery(request.rawQuery) : []) if (k === name) value = v;
    } else if (source.startsWith('stageVariables.'))
      value = request.stageVariables[source.slice('stageVariables.'.length)];
    else if (source.startsWith('context.')) value = request.context[source.slice('context.'.length)];
    if (value === undefined || value === null || value === '') return null;
    values.push(value);
  }
  return values;
}
