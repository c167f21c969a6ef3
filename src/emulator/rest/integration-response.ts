import type { ContentHandling } from './content-handling.js';
import { evaluateJsonPath } from './json-path.js';

/**
 * Integration responses of non-proxy integrations (AWS, HTTP, MOCK): which one applies, and the method
 * response headers its `responseParameters` map.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-integration-settings-integration-response.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/handle-errors-in-lambda-integration.html
 */

export interface IntegrationResponseModel {
  /** The method response status this response produces (e.g. "200"). */
  statusCode: string;
  /** Java regex; absent or empty marks the default response. */
  selectionPattern?: string;
  /** `method.response.header.X` → `integration.response.header.Y` | `integration.response.body[.path]` | `'literal'` | `stageVariables.x` | `context.x`. */
  responseParameters?: Record<string, string>;
  /** Content type → mapping template. */
  responseTemplates?: Record<string, string>;
  contentHandling?: ContentHandling;
}

/**
 * The value matched against the selection patterns: for a Lambda (AWS) integration the function error's
 * `errorMessage` (null when the function succeeded); for HTTP and MOCK integrations the status code.
 */
export type SelectionValue = { kind: 'lambda'; errorMessage: string | null } | { kind: 'status'; statusCode: number };

/**
 * Whether a Java-style selection pattern matches the whole value (`Pattern.matches`, as API Gateway uses it).
 * `.*` matches everything "including null, i.e., any unspecified error message".
 */
export function selectionPatternMatches(pattern: string, value: string | null): boolean {
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${pattern})$`);
  } catch {
    return false;
  }
  return re.test(value ?? '');
}

/**
 * The integration response to use: the first whose selectionPattern matches, else the default one
 * (no selectionPattern), else null (API Gateway answers 500: "No match for output mapping and no default
 * output mapping configured").
 */
export function selectIntegrationResponse(
  responses: readonly IntegrationResponseModel[],
  selection: SelectionValue,
): IntegrationResponseModel | null {
  const value = selection.kind === 'lambda' ? selection.errorMessage : String(selection.statusCode);
  for (const response of responses) {
    if (response.selectionPattern && selectionPatternMatches(response.selectionPattern, value)) return response;
  }
  return responses.find((r) => !r.selectionPattern) ?? null;
}

export interface ResponseMappingSource {
  /** Integration response headers (last value wins for a repeated name; matched case-insensitively). */
  headers: ReadonlyArray<readonly [string, string]>;
  /** The integration response body as text. */
  body: string;
  /** A Lambda custom integration's function error: `integration.response.body.errorMessage.x` reads inside the error's JSON string. */
  lambdaError?: boolean;
  stageVariables?: Readonly<Record<string, string>>;
  context?: Readonly<Record<string, unknown>>;
}

/**
 * Method response headers from `responseParameters`, in definition order. A mapping whose source is empty
 * (a header the integration did not send, a body path that finds nothing) adds no header.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/request-response-data-mappings.html
 */
export function mapResponseParameters(
  parameters: Readonly<Record<string, string>> | undefined,
  source: ResponseMappingSource,
): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let parsedBody: { value: unknown } | null = null;
  const body = (): unknown => {
    if (!parsedBody) {
      try {
        parsedBody = { value: JSON.parse(source.body) };
      } catch {
        parsedBody = { value: undefined };
      }
    }
    return parsedBody.value;
  };
  for (const [target, expression] of Object.entries(parameters ?? {})) {
    const match = /^method\.response\.header\.(.+)$/.exec(target);
    if (!match) continue;
    const value = mappingValue(expression.trim(), source, body);
    if (value !== null) out.push([match[1]!, value]);
  }
  return out;
}

function mappingValue(expression: string, source: ResponseMappingSource, body: () => unknown): string | null {
  if (expression.length >= 2 && expression.startsWith("'") && expression.endsWith("'")) return expression.slice(1, -1);
  const header = /^integration\.response\.header\.(.+)$/.exec(expression);
  if (header) {
    const name = header[1]!.toLowerCase();
    let found: string | null = null;
    for (const [n, v] of source.headers) if (n.toLowerCase() === name) found = v;
    return found;
  }
  const multi = /^integration\.response\.multivalueheader\.(.+)$/.exec(expression);
  if (multi) {
    const name = multi[1]!.toLowerCase();
    const values = source.headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
    return values.length ? values.join(',') : null;
  }
  if (expression === 'integration.response.body') return source.body;
  const bodyPath = /^integration\.response\.body\.(.+)$/.exec(expression);
  if (bodyPath) {
    let root = body();
    let path = bodyPath[1]!;
    // "API Gateway deserializes the integration.response.body parameter when performing header mappings"
    // for Lambda custom errors: errorMessage holds the function's JSON string.
    if (source.lambdaError && /^errorMessage[.[]/.test(path) && root && typeof root === 'object') {
      const message = (root as Record<string, unknown>).errorMessage;
      if (typeof message === 'string') {
        try {
          root = { ...(root as object), errorMessage: JSON.parse(message) };
        } catch {
          /* not JSON: leave as a string */
        }
      }
    }
    if (!path.startsWith('[')) path = `.${path}`;
    let value: unknown;
    try {
      value = evaluateJsonPath(root, `$${path}`);
    } catch {
      return null;
    }
    if (value === undefined || value === null) return null;
    return typeof value === 'string' ? value : JSON.stringify(value);
  }
  const stageVariable = /^stageVariables\.(.+)$/.exec(expression);
  if (stageVariable) return source.stageVariables?.[stageVariable[1]!] ?? null;
  const context = /^context\.(.+)$/.exec(expression);
  if (context) {
    let value: unknown = source.context;
    for (const key of context[1]!.split('.'))
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    return value === undefined || value === null ? null : String(value);
  }
  return null;
}

/**
 * The response template for the client's Accept (API Gateway picks by the method request's Accept and falls
 * back to application/json, then to the first template). Null: pass the integration body through.
 */
export function chooseResponseTemplate(
  templates: Readonly<Record<string, string>> | undefined,
  accept: string | null,
): { contentType: string; template: string } | null {
  const entries = Object.entries(templates ?? {});
  if (!entries.length) return null;
  const wanted = (accept ?? '')
    .split(',')
    .map((t) => t.split(';')[0]!.trim().toLowerCase())
    .filter(Boolean);
  for (const type of wanted) {
    const hit = entries.find(([t]) => t.toLowerCase() === type);
    if (hit) return { contentType: hit[0], template: hit[1] };
  }
  const json = entries.find(([t]) => t.toLowerCase() === 'application/json');
  const [contentType, template] = json ?? entries[0]!;
  return { contentType, template };
}
