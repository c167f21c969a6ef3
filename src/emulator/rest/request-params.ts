import type { HeaderList } from '../shared/headers.js';
import { parseQuery } from '../shared/query-string.js';
import type { RequestParams } from './mapping-template.js';

/**
 * Small helpers the gateway needs on every REST request path; the template engine and the JSON Schema
 * validator stay in modules loaded only when an API uses them.
 */

/** The method request's parameters as templates and mappings see them (last value of a repeated name). */
export function requestParamsOf(request: {
  pathParameters: Record<string, string> | null;
  rawQuery: string;
  headers: HeaderList;
}): RequestParams {
  const querystring: Record<string, string> = {};
  for (const [k, v] of parseQuery(request.rawQuery)) querystring[k] = v;
  const header: Record<string, string> = {};
  for (const [k, v] of request.headers) header[k] = v;
  return { path: { ...(request.pathParameters ?? {}) }, querystring, header };
}

/** Replaces `${stageVariables.x}` / `${stageVariables['x']}` in an integration URI. https://docs.aws.amazon.com/apigateway/latest/developerguide/stage-variables.html */
export function substituteStageVariables(uri: string, stageVariables: Readonly<Record<string, string>>): string {
  return uri.replace(
    /\$\{stageVariables(?:\.([A-Za-z0-9_.:/?#&=,-]+?)|\[['"]([^'"\]]+)['"]\])\}/g,
    (_m, dot: string | undefined, bracket: string | undefined) => stageVariables[(dot ?? bracket)!] ?? '',
  );
}
