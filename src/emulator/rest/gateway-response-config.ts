/**
 * Customisable gateway responses (`x-amazon-apigateway-gateway-responses`): per response type a status code,
 * headers (`gatewayresponse.header.X`) and body templates that support simple variable substitution only.
 * Types and default status codes: https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 * Customisation: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-gatewayResponse-definition.html
 */

export const GATEWAY_RESPONSE_TYPES = {
  ACCESS_DENIED: 403,
  API_CONFIGURATION_ERROR: 500,
  AUTHORIZER_CONFIGURATION_ERROR: 500,
  AUTHORIZER_FAILURE: 500,
  BAD_REQUEST_PARAMETERS: 400,
  BAD_REQUEST_BODY: 400,
  DEFAULT_4XX: null,
  DEFAULT_5XX: null,
  EXPIRED_TOKEN: 403,
  INTEGRATION_FAILURE: 504,
  INTEGRATION_TIMEOUT: 504,
  INVALID_API_KEY: 403,
  INVALID_SIGNATURE: 403,
  MISSING_AUTHENTICATION_TOKEN: 403,
  QUOTA_EXCEEDED: 429,
  REQUEST_TOO_LARGE: 413,
  RESOURCE_NOT_FOUND: 404,
  THROTTLED: 429,
  UNAUTHORIZED: 401,
  UNSUPPORTED_MEDIA_TYPE: 415,
  WAF_FILTERED: 403,
} as const satisfies Record<string, number | null>;

export type GatewayResponseType = keyof typeof GATEWAY_RESPONSE_TYPES;

export function isGatewayResponseType(value: string): value is GatewayResponseType {
  return Object.prototype.hasOwnProperty.call(GATEWAY_RESPONSE_TYPES, value);
}

/** One `x-amazon-apigateway-gateway-responses.{type}` entry. */
export interface GatewayResponseConfig {
  statusCode?: number;
  /** `gatewayresponse.header.X` → `'literal'` | `method.request.{header|path|querystring}.y` | `stageVariables.x` | `context.x`. */
  responseParameters?: Record<string, string>;
  /** Content type → template (simple `$context.*` / `$stageVariables.*` substitution, not VTL). */
  responseTemplates?: Record<string, string>;
}

export type GatewayResponsesConfig = Partial<Record<GatewayResponseType, GatewayResponseConfig>>;

/** The default template of every gateway response type (GetGatewayResponses: `"application/json": "{\"message\":$context.error.messageString}"`). */
export const DEFAULT_GATEWAY_RESPONSE_TEMPLATE = '{"message":$context.error.messageString}';

/** What API Gateway sends for a response type when nothing is customised. */
export interface BuiltInGatewayResponse {
  type: GatewayResponseType;
  status: number;
  body: string;
  contentType: string;
  /** `x-amzn-ErrorType`. */
  errorType: string;
}

/**
 * Built-in responses of the types this module adds. The bodies are what API Gateway sends byte for byte,
 * which is not always the default template's rendering: captured validation failures carry a space after the
 * colon (`{"message": "Invalid request body"}` from a curl against execute-api, and
 * `{"message": "Missing required request parameters: [key]"}` asserted by pulumi-awsx's acceptance test
 * against a deployed API). The 415 body follows the same form (not captured here).
 */
export const BUILT_IN = {
  badRequestParameters: (message: string): BuiltInGatewayResponse => ({
    type: 'BAD_REQUEST_PARAMETERS',
    status: 400,
    body: `{"message": ${JSON.stringify(message)}}`,
    contentType: 'application/json',
    errorType: 'BadRequestException',
  }),
  badRequestBody: (): BuiltInGatewayResponse => ({
    type: 'BAD_REQUEST_BODY',
    status: 400,
    body: '{"message": "Invalid request body"}',
    contentType: 'application/json',
    errorType: 'BadRequestException',
  }),
  unsupportedMediaType: (): BuiltInGatewayResponse => ({
    type: 'UNSUPPORTED_MEDIA_TYPE',
    status: 415,
    body: '{"message": "Unsupported Media Type"}',
    contentType: 'application/json',
    errorType: 'BadRequestException',
  }),
} as const;

export interface GatewayResponseVariables {
  /** `$context` (requestId, stage, resourcePath, ...); `error` is added from the response. */
  context: Readonly<Record<string, unknown>>;
  stageVariables: Readonly<Record<string, string>>;
  /** Method request parameters, for `method.request.*` in responseParameters. */
  request: {
    path: Readonly<Record<string, string>>;
    querystring: Readonly<Record<string, string>>;
    headers: ReadonlyArray<readonly [string, string]>;
  };
  /** `$context.error.validationErrorString`. */
  validationErrorString?: string;
}

export interface RenderedGatewayResponse {
  type: string;
  status: number;
  body: string;
  contentType: string;
  errorType: string;
  /** Headers from responseParameters, in definition order. */
  headers: Array<[string, string]>;
  /** Whether a customisation applied (false: the built-in response as it is). */
  customised: boolean;
}

/** The message a built-in body carries (`$context.error.message`); null for a body whose message is null. */
export function messageOf(builtIn: { body: string }): string | null {
  try {
    const parsed = JSON.parse(builtIn.body) as { message?: unknown; Message?: unknown };
    const m = parsed.message ?? parsed.Message;
    if (typeof m === 'string') return m;
    if (parsed.message === null) return null; // AUTHORIZER_CONFIGURATION_ERROR's `{"message":null}`
  } catch {
    /* plain text */
  }
  return builtIn.body;
}

/** Which family a type falls back to: DEFAULT_4XX or DEFAULT_5XX by its (built-in) status. */
function familyOf(type: string, status: number): 'DEFAULT_4XX' | 'DEFAULT_5XX' | null {
  if (type === 'DEFAULT_4XX' || type === 'DEFAULT_5XX') return null;
  return status >= 500 ? 'DEFAULT_5XX' : status >= 400 ? 'DEFAULT_4XX' : null;
}

/**
 * The response API Gateway sends for a built-in response under the API's customisations: the type's own
 * entry, else its DEFAULT_4XX / DEFAULT_5XX entry ("changing the status code of this fallback gateway response
 * changes the status codes of all other 4XX responses"), else the built-in response unchanged.
 */
export function renderGatewayResponse(
  builtIn: { type: string; status: number; body: string; contentType: string; errorType: string },
  config: GatewayResponsesConfig | undefined,
  variables: GatewayResponseVariables,
  accept: string | null = null,
): RenderedGatewayResponse {
  const own = config?.[builtIn.type as GatewayResponseType];
  const family = familyOf(builtIn.type, builtIn.status);
  const fallback = family ? config?.[family] : undefined;
  if (!own && !fallback) return { ...builtIn, headers: [], customised: false };
  const status = own?.statusCode ?? fallback?.statusCode ?? builtIn.status;
  // Without templates of its own (a status or headers only, the usual CORS set-up), the response keeps the
  // built-in body: its bytes are the ones captured from AWS, which are not always the default template's.
  const templates = own?.responseTemplates ?? fallback?.responseTemplates ?? null;
  const parameters = { ...(fallback?.responseParameters ?? {}), ...(own?.responseParameters ?? {}) };
  const message = messageOf(builtIn);
  const context = {
    ...variables.context,
    error: {
      message: message ?? '',
      messageString: JSON.stringify(message),
      responseType: builtIn.type,
      validationErrorString: variables.validationErrorString ?? '',
    },
  };
  const chosen = templates ? chooseTemplate(templates, accept) : null;
  const body = chosen ? substitute(chosen[1], context, variables.stageVariables) : templates ? '' : builtIn.body;
  const headers: Array<[string, string]> = [];
  for (const [target, source] of Object.entries(parameters)) {
    const m = /^gatewayresponse\.header\.(.+)$/.exec(target);
    if (!m) continue;
    const value = parameterValue(source.trim(), variables, context);
    if (value !== null) headers.push([m[1]!, value]);
  }
  return {
    type: builtIn.type,
    status,
    body,
    contentType: chosen?.[0] ?? builtIn.contentType,
    errorType: builtIn.errorType,
    headers,
    customised: true,
  };
}

function chooseTemplate(templates: Record<string, string>, accept: string | null): [string, string] | null {
  const entries = Object.entries(templates);
  if (!entries.length) return null;
  for (const type of (accept ?? '').split(',').map((t) => t.split(';')[0]!.trim().toLowerCase())) {
    const hit = entries.find(([t]) => t.toLowerCase() === type);
    if (hit) return hit;
  }
  return entries.find(([t]) => t.toLowerCase() === 'application/json') ?? entries[0]!;
}

/** Simple substitution of `$context.a.b`, `${context.a}`, `$stageVariables.x`; unknown names become "". */
export function substitute(
  template: string,
  context: Readonly<Record<string, unknown>>,
  stageVariables: Readonly<Record<string, string>>,
): string {
  return template.replace(
    /\$(\{)?(context|stageVariables)((?:\.[A-Za-z0-9_]+)+)(\})?/g,
    (whole, open: string | undefined, root: string, path: string, close: string | undefined) => {
      if (Boolean(open) !== Boolean(close)) {
        if (!open) return substitute(whole.slice(0, -1), context, stageVariables) + '}';
        return whole;
      }
      let value: unknown = root === 'context' ? context : stageVariables;
      for (const key of path.slice(1).split('.'))
        value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
      return value === undefined || value === null ? '' : String(value);
    },
  );
}

function parameterValue(
  source: string,
  variables: GatewayResponseVariables,
  context: Readonly<Record<string, unknown>>,
): string | null {
  if (source.length >= 2 && source.startsWith("'") && source.endsWith("'")) return source.slice(1, -1);
  const req = /^method\.request\.(header|path|querystring)\.(.+)$/.exec(source);
  if (req) {
    const name = req[2]!;
    if (req[1] === 'path') return variables.request.path[name] ?? null;
    if (req[1] === 'querystring') return variables.request.querystring[name] ?? null;
    let found: string | null = null;
    for (const [n, v] of variables.request.headers) if (n.toLowerCase() === name.toLowerCase()) found = v;
    return found;
  }
  const stage = /^stageVariables\.(.+)$/.exec(source);
  if (stage) return variables.stageVariables[stage[1]!] ?? null;
  const ctx = /^context\.(.+)$/.exec(source);
  if (ctx) {
    let value: unknown = context;
    for (const key of ctx[1]!.split('.'))
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    return value === undefined || value === null ? null : String(value);
  }
  return null;
}

/** Reads `x-amazon-apigateway-gateway-responses`; reports problems by pushing to `problems`. */
export function readGatewayResponses(raw: unknown, problems: string[]): GatewayResponsesConfig {
  const out: GatewayResponsesConfig = {};
  if (raw === undefined) return out;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push('x-amazon-apigateway-gateway-responses is not an object');
    return out;
  }
  for (const [type, entry] of Object.entries(raw)) {
    const where = `x-amazon-apigateway-gateway-responses.${type}`;
    if (!isGatewayResponseType(type)) {
      problems.push(
        `${where}: unknown gateway response type (see https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html)`,
      );
      continue;
    }
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      problems.push(`${where} is not an object`);
      continue;
    }
    const e = entry as Record<string, unknown>;
    const config: GatewayResponseConfig = {};
    if (e.statusCode !== undefined) {
      const status = Number(e.statusCode);
      if (!/^[1-5]\d\d$/.test(String(e.statusCode))) {
        problems.push(`${where}.statusCode must be a status code ([1-5]\\d\\d); it is ${JSON.stringify(e.statusCode)}`);
        continue;
      }
      config.statusCode = status;
    }
    for (const key of ['responseParameters', 'responseTemplates'] as const) {
      const value = e[key];
      if (value === undefined) continue;
      if (
        !value ||
        typeof value !== 'object' ||
        Array.isArray(value) ||
        Object.values(value).some((v) => typeof v !== 'string')
      ) {
        problems.push(`${where}.${key} must map strings to strings`);
        continue;
      }
      config[key] = { ...(value as Record<string, string>) };
    }
    out[type] = config;
  }
  return out;
}
