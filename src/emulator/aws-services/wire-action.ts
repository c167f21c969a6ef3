import type { ServiceRequest } from './types.js';

/** The request's `X-Amz-Target` header (`Kinesis_20131202.PutRecord`), if it has one. */
export function targetOf(request: ServiceRequest): string | undefined {
  return request.headers.find(([name]) => name.toLowerCase() === 'x-amz-target')?.[1];
}

/** The action the query string names (`POST /?Action=PutRecord`, as an API Gateway action URI sends it), if any. */
export function queryActionOf(request: ServiceRequest): string | undefined {
  const query = request.path.indexOf('?');
  return query >= 0 ? (new URLSearchParams(request.path.slice(query + 1)).get('Action') ?? undefined) : undefined;
}
