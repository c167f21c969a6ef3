import type { HeaderList } from '../shared/headers.js';
import { parseQuery } from '../shared/query-string.js';

/**
 * What an HTTP API first-class integration's `requestParameters` values read: `$request.header.name` (several values
 * joined with commas), `$request.querystring.name`, `$request.path.name`, `$request.body` (the whole body),
 * `$request.body.a.b` (a JSON path: no `..`, no filters), `$context.variableName`, `$stageVariables.variableName`, or a
 * static string (no quotes, unlike REST).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services.html
 */
export interface ParameterSources {
  headers: HeaderList;
  rawQuery: string;
  pathParameters: Record<string, string> | null;
  body: string | null;
  context: Record<string, unknown>;
  stageVariables: Record<string, string>;
}

const REFERENCE =
  /^\$(request\.(header|querystring|path)\.[^\s.]+|request\.body(\.[A-Za-z0-9_$-]+(\[\d+\])?)*|context\.[A-Za-z0-9_.-]+|stageVariables\.[A-Za-z0-9_-]+)$/;

/** Why a parameter value is neither a static string nor a source API Gateway knows, or null. */
export function checkParameterValue(value: string): string | null {
  if (!value.startsWith('$')) return null;
  return REFERENCE.test(value)
    ? null
    : `"${value}" is not a parameter source ($request.header.x, $request.querystring.x, $request.path.x, $request.body, $request.body.x, $context.x, $stageVariables.x or a static value)`;
}

/**
 * A parameter's value for this request, or undefined when its source is absent (L: API Gateway then fails the
 * request — a logged "Unable to resolve property … from source …", hashicorp/terraform-provider-aws#19443; research §2.3).
 */
export function resolveParameter(value: string, sources: ParameterSources): string | undefined {
  if (!value.startsWith('$')) return value;
  if (value.startsWith('$request.header.')) {
    const name = value.slice('$request.header.'.length).toLowerCase();
    const values = sources.headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
    return values.length ? values.join(',') : undefined;
  }
  if (value.startsWith('$request.querystring.')) {
    const name = value.slice('$request.querystring.'.length);
    const values = parseQuery(sources.rawQuery)
      .filter(([n]) => n === name)
      .map(([, v]) => v);
    return values.length ? values.join(',') : undefined;
  }
  if (value.startsWith('$request.path.')) return sources.pathParameters?.[value.slice('$request.path.'.length)];
  if (value === '$request.body') return sources.body ?? undefined;
  if (value.startsWith('$request.body.')) return bodyPath(sources.body, value.slice('$request.body.'.length));
  if (value.startsWith('$context.')) return contextValue(sources.context, value.slice('$context.'.length));
  if (value.startsWith('$stageVariables.')) return sources.stageVariables[value.slice('$stageVariables.'.length)];
  return value;
}

/** `a.b[0].c` read from the JSON body: a string as it is, anything else as JSON text; undefined when absent. */
function bodyPath(body: string | null, path: string): string | undefined {
  if (body === null) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  for (const part of path.split('.')) {
    const match = /^([^[\]]+)(?:\[(\d+)\])?$/.exec(part);
    if (!match || typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[match[1]!];
    if (match[2] !== undefined) value = Array.isArray(value) ? value[Number(match[2])] : undefined;
  }
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `$context.a.b` from the nested context map. */
function contextValue(context: Record<string, unknown>, path: string): string | undefined {
  let value: unknown = context;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
