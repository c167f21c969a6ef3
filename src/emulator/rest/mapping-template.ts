import { Compile, parse } from 'velocityjs';
import { evaluateJsonPath } from './json-path.js';

/**
 * API Gateway mapping templates (REST APIs, non-proxy integrations): Velocity (VTL) rendered with
 * `$input`, `$util`, `$context` and `$stageVariables`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html
 *
 * Behaviours that differ from plain Velocity, as API Gateway has them:
 * - A reference to nothing (an undefined variable, a null value) renders as an empty string,
 *   where Velocity would print the reference itself.
 * - `$input.json(x)` returns JSON text (compact); `$input.path(x)` returns the value itself, for use in VTL
 *   (`$input.path('$.pets').size()`); objects print Java-style (`{a=1, b=2}`).
 * - With an empty body, `$input.json('$')` is `{}`, `$input.path('$')` an empty map and `$input.body` is `{}` too
 *   (LocalStack's AWS-validated test_apigateway_common.py::TestApiGatewayCommon::test_input_body_formatting,
 *   snapshot keys "response-raw-body" and "response-str-body-input", "empty-body").
 * - `==` and `!=` compare as Velocity (Java) does, not as JavaScript's `==`: values of different types by their
 *   text, and nothing (null, a path that finds nothing) equals both `$null` and `""`, so
 *   `#set($r = $input.path('$.missing'))#if($r == "")` holds while `[] == ""` does not
 *   (test_apigateway_common.py::TestApiGatewayCommon::test_input_path_template_formatting, keys "empty-body",
 *   "nested-empty-list", "nested-null-list").
 * - `$input.params(x)` searches path, then query string, then headers, and is `""` when none has `x`.
 * - Strings have the Java String methods templates commonly call (`length()`, `contains()`,
 *   `replaceAll(regex, replacement)`, `matches()`, `split()`, `equals()`, ...).
 */

/** The method request's parameters as `$input.params()` returns them. */
export interface RequestParams {
  path: Record<string, string>;
  querystring: Record<string, string>;
  header: Record<string, string>;
}

/** `$context.requestOverride`: what a request template can override in the integration request. */
export interface RequestOverride {
  header: Record<string, string>;
  querystring: Record<string, string>;
  path: Record<string, string>;
}

/** `$context.responseOverride`: what a response template can override in the method response. */
export interface ResponseOverride {
  status: number | null;
  header: Record<string, string>;
}

export interface TemplateVariables {
  /** The payload the template transforms (method request body, or integration response body). */
  body: string;
  params: RequestParams;
  /** `$context` values (requestId, httpMethod, resourcePath, stage, identity.sourceIp, ...). */
  context: Record<string, unknown>;
  stageVariables: Record<string, string>;
  /** `$context.requestOverride`/`responseOverride` as an earlier template (a MOCK's request template) left them. */
  overrides?: OverrideState;
}

/** `$context.requestOverride` and `$context.responseOverride` as a template left them, extra keys included. */
export interface OverrideState {
  requestOverride: Record<string, unknown>;
  responseOverride: Record<string, unknown>;
}

export interface RenderedTemplate {
  output: string;
  requestOverride: RequestOverride;
  responseOverride: ResponseOverride;
  /** The override maps as the template left them, to hand on to a later template. */
  overrides: OverrideState;
}

/**
 * The body is not JSON and the template asked for it as JSON (`$input.json`, `$input.path`).
 * For a request template API Gateway answers 400 (`Could not parse request body into json: ...`).
 */
export class InvalidJsonBodyError extends Error {
  /** The message as made: velocityjs appends its location of the call to `message` when the error passes through it. */
  readonly original: string;
  constructor(detail: string) {
    super(`Could not parse request body into json: ${detail}`);
    this.name = 'InvalidJsonBodyError';
    this.original = this.message;
  }
}

/** The template itself could not be parsed or rendered. */
export class MappingTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MappingTemplateError';
  }
}

type Handler = {
  uid: string;
  match: (p: { property: string; params: unknown[]; context: unknown }) => boolean;
  resolve: (p: { property: string; params: unknown[]; context: unknown }) => unknown;
};

/** Java `Pattern` syntax → JavaScript RegExp source (the common subset is the same; possessive and `\A`/`\Z` are rewritten). */
function javaRegex(source: string, flags = ''): RegExp {
  const js = source
    .replace(/\\A/g, '^')
    .replace(/\\[zZ]/g, '$')
    .replace(/([*+?}])\+/g, '$1');
  return new RegExp(js, flags);
}

/** Java's `$1` / `\$` replacement syntax → JavaScript's. */
function javaReplacement(replacement: string): string {
  return replacement.replace(/\\\$/g, '$$$$').replace(/\\\\/g, '\\');
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Java String / Map / List methods, for values that are JavaScript strings, objects and arrays. */
const JAVA_METHODS: Record<string, (context: unknown, params: unknown[]) => unknown> = {
  length: (s) => (typeof s === 'string' ? s.length : undefined),
  contains: (s, [x]) => (typeof s === 'string' ? s.includes(String(x)) : Array.isArray(s) ? s.includes(x) : undefined),
  containsKey: (m, [k]) => (isMap(m) ? Object.prototype.hasOwnProperty.call(m, String(k)) : undefined),
  containsValue: (m, [v]) => (isMap(m) ? Object.values(m).includes(v) : undefined),
  values: (m) => (isMap(m) ? Object.values(m) : undefined),
  isEmpty: (v) =>
    typeof v === 'string' || Array.isArray(v) ? v.length === 0 : isMap(v) ? Object.keys(v).length === 0 : undefined,
  equals: (s, [x]) => s === x || (typeof s !== 'object' && String(s) === String(x)),
  equalsIgnoreCase: (s, [x]) => (typeof s === 'string' ? s.toLowerCase() === String(x).toLowerCase() : undefined),
  replaceAll: (s, [re, rep]) =>
    typeof s === 'string' ? s.replace(javaRegex(String(re), 'g'), javaReplacement(String(rep))) : undefined,
  replaceFirst: (s, [re, rep]) =>
    typeof s === 'string' ? s.replace(javaRegex(String(re)), javaReplacement(String(rep))) : undefined,
  // Java's String.replace(CharSequence, CharSequence) replaces every occurrence, literally.
  replace: (s, [a, b]) => (typeof s === 'string' ? s.split(String(a)).join(String(b)) : undefined),
  matches: (s, [re]) => (typeof s === 'string' ? javaRegex(`^(?:${String(re)})$`).test(s) : undefined),
  split: (s, [re]) => {
    if (typeof s !== 'string') return undefined;
    const parts = s.split(javaRegex(String(re)));
    while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop(); // Java drops trailing empty strings
    return parts;
  },
  toString: (v: unknown) =>
    typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined,
};

const JAVA_HANDLERS: Handler[] = Object.entries(JAVA_METHODS).map(([name, fn]) => ({
  uid: `apigw: ${name}`,
  match: ({ property, context, params }) => property === name && fn(context, params) !== undefined,
  resolve: ({ context, params }) => fn(context, params),
}));

/** A Compile whose references to nothing render as "" (API Gateway), not as their own text (Velocity). */
class ApiGatewayCompile extends Compile {}
const baseGetReferences = (
  Compile.prototype as unknown as { getReferences: (ast: unknown, isVal?: boolean) => unknown }
).getReferences;
(
  ApiGatewayCompile.prototype as unknown as { getReferences: (ast: unknown, isVal?: boolean) => unknown }
).getReferences = function (this: unknown, ast: unknown, isVal?: boolean) {
  const value = baseGetReferences.call(this, ast, false);
  if (!isVal) return value;
  if (value === undefined || value === null) return '';
  if (typeof value === 'object' && JSON_VALUES.has(value)) return javaString(value);
  return value;
};

type Ast = { type: string; operator?: string; expression?: Ast[] };
const baseGetExpression = (Compile.prototype as unknown as { getExpression: (ast: Ast) => unknown }).getExpression;
(ApiGatewayCompile.prototype as unknown as { getExpression: (ast: Ast) => unknown }).getExpression = function (
  this: { getExpression: (ast: Ast) => unknown },
  ast: Ast,
) {
  if (ast.type === 'math' && (ast.operator === '==' || ast.operator === '!=')) {
    const equal = velocityEquals(this.getExpression(ast.expression![0]!), this.getExpression(ast.expression![1]!));
    return ast.operator === '==' ? equal : !equal;
  }
  return baseGetExpression.call(this, ast);
};

/**
 * Velocity's `==`: values of one type by value, of different types by their text (`200 == "200"`); maps and lists by
 * their printed form. Nothing (null, undefined) equals nothing and, as AWS recorded for `$input.path` of a missing
 * or null value, the empty string.
 */
function velocityEquals(a: unknown, b: unknown): boolean {
  const aNone = a === undefined || a === null;
  const bNone = b === undefined || b === null;
  if (aNone || bNone) return (aNone || a === '') && (bNone || b === '');
  if (typeof a === 'object' || typeof b === 'object') return a === b || javaString(a) === javaString(b);
  return a === b || String(a) === String(b);
}

/**
 * Values from `$input.path` and `$util.parseJson`. API Gateway evaluates JSONPath with Jayway JsonPath over
 * json-smart, so a JSON object is a Java map (printed `{a=1, b=x}`) and a JSON array a json-smart JSONArray,
 * printed as JSON text (`[{"c":5}]`), also inside a map: `$input.path('$')` of `{"a":1,"b":[{"c":5}]}` prints
 * `{a=1, b=[{"c":5}]}` (as LocalStack's AWS-validated template tests record it).
 */
const JSON_VALUES = new WeakSet<object>();

function tagJson<T>(value: T): T {
  if (value && typeof value === 'object' && !JSON_VALUES.has(value)) {
    JSON_VALUES.add(value);
    for (const v of Object.values(value)) tagJson(v);
  }
  return value;
}

function javaString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return JSON.stringify(value);
  if (typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([k]) => k !== 'eval')
      .map(([k, v]) => `${k}=${javaString(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

const astCache = new Map<string, ReturnType<typeof parse>>();

function parseTemplate(template: string): ReturnType<typeof parse> {
  let asts = astCache.get(template);
  if (!asts) {
    try {
      asts = parse(template);
    } catch (error) {
      throw new MappingTemplateError(
        `the mapping template does not parse: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (astCache.size > 200) astCache.clear();
    astCache.set(template, asts);
  }
  return asts;
}

/** Renders a mapping template; throws InvalidJsonBodyError or MappingTemplateError. */
export function renderMappingTemplate(template: string, variables: TemplateVariables): RenderedTemplate {
  const carried = variables.overrides ? structuredClone(variables.overrides) : null;
  const requestOverride = (carried?.requestOverride ?? {
    header: {},
    querystring: {},
    path: {},
  }) as unknown as RequestOverride;
  const responseOverride = (carried?.responseOverride ?? { status: null, header: {} }) as unknown as ResponseOverride;
  const context = { ...structuredClone(variables.context), requestOverride, responseOverride };
  const compile = new ApiGatewayCompile(parseTemplate(template), { customMethodHandlers: JAVA_HANDLERS } as never);
  let output: string;
  try {
    output = compile.render({
      input: inputVariable(variables.body, variables.params),
      util: utilVariable(),
      context,
      stageVariables: { ...variables.stageVariables },
    });
  } catch (error) {
    if (error instanceof InvalidJsonBodyError) {
      error.message = error.original;
      throw error;
    }
    throw new MappingTemplateError(
      `the mapping template failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return {
    output,
    overrides: {
      requestOverride: requestOverride as unknown as Record<string, unknown>,
      responseOverride: responseOverride as unknown as Record<string, unknown>,
    },
    requestOverride: stringMaps(requestOverride) as unknown as RequestOverride,
    responseOverride: responseOverrideOf(responseOverride as unknown as Record<string, unknown>),
  };
}

/** The status and headers a `$context.responseOverride` map sets. */
export function responseOverrideOf(raw: Record<string, unknown>): ResponseOverride {
  const status = Number(raw.status);
  return {
    // API Gateway ignores a status override that is not a status code.
    status:
      raw.status !== null && raw.status !== undefined && Number.isInteger(status) && status >= 100 && status <= 599
        ? status
        : null,
    header: stringMap(raw.header),
  };
}

function stringMap(m: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isMap(m))
    for (const [k, v] of Object.entries(m))
      if (v !== undefined && v !== null && typeof v !== 'function') out[k] = String(v);
  return out;
}

function stringMaps(o: RequestOverride): Record<string, Record<string, string>> {
  return { header: stringMap(o.header), querystring: stringMap(o.querystring), path: stringMap(o.path) };
}

/** `$input`. */
function inputVariable(body: string, params: RequestParams) {
  let parsed: { value: unknown } | null = null;
  const root = (): unknown => {
    if (!parsed) {
      if (body.trim() === '') parsed = { value: {} };
      else {
        try {
          parsed = { value: JSON.parse(body) };
        } catch (error) {
          throw new InvalidJsonBodyError(error instanceof Error ? error.message : String(error));
        }
      }
    }
    return parsed.value;
  };
  return {
    /** The raw payload as a string; `{}` when there is none (recorded on AWS, see above). */
    body: body === '' ? '{}' : body,
    /** JSONPath → JSON text. */
    json(path?: unknown): string | null {
      const value = evaluateJsonPath(root(), typeof path === 'string' && path ? path : '$');
      // A path that finds nothing gives null, which renders as "" (not verified against AWS byte for byte).
      return value === undefined ? null : JSON.stringify(value);
    },
    /** JSONPath → the value, for use in VTL. */
    path(path?: unknown): unknown {
      const value = evaluateJsonPath(root(), typeof path === 'string' && path ? path : '$');
      return value === undefined ? undefined : tagJson(structuredClone(value));
    },
    /** All parameters (`{path, querystring, header}`), or one by name: path, then query string, then header. */
    params(name?: unknown): unknown {
      if (name === undefined || name === null) {
        return { path: { ...params.path }, querystring: { ...params.querystring }, header: { ...params.header } };
      }
      const key = String(name);
      for (const map of [params.path, params.querystring, params.header]) {
        if (Object.prototype.hasOwnProperty.call(map, key)) return map[key];
      }
      // Header names are case-insensitive in HTTP.
      const lower = key.toLowerCase();
      for (const [name, value] of Object.entries(params.header)) if (name.toLowerCase() === lower) return value;
      return '';
    },
  };
}

/**
 * `$util`. https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#util-template-reference
 */
const utilVariable = () => ({
  escapeJavaScript: (value: unknown) =>
    escapeJavaScript(
      value === null || value === undefined ? '' : typeof value === 'object' ? javaString(value) : String(value),
    ),
  parseJson: (value: unknown) => {
    try {
      return tagJson(JSON.parse(String(value)));
    } catch (error) {
      throw new MappingTemplateError(`$util.parseJson: ${error instanceof Error ? error.message : String(error)}`);
    }
  },
  urlEncode: (value: unknown) => urlEncode(String(value ?? '')),
  urlDecode: (value: unknown) => urlDecode(String(value ?? '')),
  base64Encode: (value: unknown) => base64Encode(String(value ?? '')),
  base64Decode: (value: unknown) => base64Decode(String(value ?? '')),
});

/**
 * JavaScript string escaping as Apache Commons Lang's `escapeJavaScript` does it: `'` `"` `\` `/` are
 * backslash-escaped, \b \t \n \f \r by name, other control and all non-ASCII characters as `\uXXXX` (upper-case hex).
 */
export function escapeJavaScript(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i]!;
    if (c > 0x7f) out += `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    else if (c < 32) {
      const named: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };
      out += named[c] ?? `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    } else if (ch === "'" || ch === '"' || ch === '\\' || ch === '/') out += `\\${ch}`;
    else out += ch;
  }
  return out;
}

/** `application/x-www-form-urlencoded` as Java's URLEncoder (UTF-8) writes it: `*-._` and alphanumerics kept, space as `+`. */
export function urlEncode(s: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(s)) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9.\-*_]/.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Java's URLDecoder (UTF-8): `+` is a space, `%XX` a byte. */
export function urlDecode(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '+') bytes.push(32);
    else if (ch === '%' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else for (const b of new TextEncoder().encode(ch)) bytes.push(b);
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** Base64 (standard alphabet, padded) of the string's UTF-8 bytes. */
export function base64Encode(s: string): string {
  let binary = '';
  for (const b of new TextEncoder().encode(s)) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** The UTF-8 text of base64 data (invalid base64 gives ""). */
export function base64Decode(s: string): string {
  try {
    const binary = atob(s.replace(/\s+/g, ''));
    return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return '';
  }
}
