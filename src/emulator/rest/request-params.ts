import { lastHeader, type HeaderList } from '../shared/headers.js';
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

/**
 * `$context.path`: the path as the client sent it after the host: the stage and the path after it as sent (slashes
 * kept), or on a custom domain the base path and the path after it.
 */
export function contextPath(request: {
  basePath: string | undefined;
  sentPath: string;
  stage: { name: string };
}): string {
  return request.basePath === undefined
    ? `/${request.stage.name}${request.sentPath}`
    : `${request.basePath}${request.sentPath}`;
}

/** Replaces `${stageVariables.x}` / `${stageVariables['x']}` in an integration URI. https://docs.aws.amazon.com/apigateway/latest/developerguide/stage-variables.html */
export function substituteStageVariables(uri: string, stageVariables: Readonly<Record<string, string>>): string {
  return uri.replace(
    /\$\{stageVariables(?:\.([A-Za-z0-9_.:/?#&=,-]+?)|\[['"]([^'"\]]+)['"]\])\}/g,
    (_m, dot: string | undefined, bracket: string | undefined) => stageVariables[(dot ?? bracket)!] ?? '',
  );
}

const UTF8_DECODER = new TextDecoder();

/** What `requestParameters` map into the integration request. */
export interface MappedParameters {
  header: Record<string, string>;
  querystring: Record<string, string>;
  path: Record<string, string>;
}

/**
 * `requestParameters`: `integration.request.{header|querystring|path}.x` ← `method.request.{path|querystring|header}.y`,
 * `'literal'`, `stageVariables.x`, `context.x`, `method.request.body[.path]`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/request-response-data-mappings.html
 */
export function mapRequestParameters(
  parameters: Readonly<Record<string, string>>,
  params: RequestParams,
  request: {
    stageVariables: Readonly<Record<string, string>>;
    context: Record<string, unknown>;
    headers: HeaderList;
    body: Uint8Array | null;
  },
): MappedParameters {
  const out: MappedParameters = { header: {}, querystring: {}, path: {} };
  for (const [target, sourceRaw] of Object.entries(parameters)) {
    const t = /^integration\.request\.(header|querystring|path)\.(.+)$/.exec(target);
    if (!t) continue;
    const source = sourceRaw.trim();
    let value: string | null = null;
    if (source.length >= 2 && source.startsWith("'") && source.endsWith("'")) value = source.slice(1, -1);
    else {
      const m = /^method\.request\.(path|querystring|header|multivaluequerystring|multivalueheader)\.(.+)$/.exec(
        source,
      );
      if (m) {
        const name = m[2]!;
        if (m[1] === 'path') value = params.path[name] ?? null;
        else if (m[1] === 'querystring' || m[1] === 'multivaluequerystring') value = params.querystring[name] ?? null;
        else value = lastHeader(request.headers, name);
      } else if (source.startsWith('stageVariables.'))
        value = request.stageVariables[source.slice('stageVariables.'.length)] ?? null;
      else if (source.startsWith('context.')) {
        let v: unknown = request.context;
        for (const key of source.slice('context.'.length).split('.'))
          v = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
        value = v === undefined || v === null ? null : String(v);
      } else if (source === 'method.request.body') value = request.body ? UTF8_DECODER.decode(request.body) : null;
    }
    if (value !== null) out[t[1] as keyof MappedParameters][t[2]!] = value;
  }
  return out;
}
