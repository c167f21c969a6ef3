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
