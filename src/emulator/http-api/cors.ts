import { lastHeader, type HeaderList } from '../shared/headers.js';
import type { HttpApiCors } from './model.js';

/**
 * CORS for HTTP APIs, as https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html describes it:
 * - "If you configure CORS for an API, API Gateway automatically sends a response to preflight OPTIONS requests, even
 *   if there isn't an OPTIONS route configured for your API. For a CORS request, API Gateway adds the configured CORS
 *   headers to the response from an integration."
 * - "If you configure CORS for an API, API Gateway ignores CORS headers returned from your backend integration."
 * - "To return CORS headers, your request must contain an origin header. For the OPTIONS method, your request must
 *   contain an origin header and an Access-Control-Request-Method header."
 * - "The $default route catches requests for all methods and routes that you haven't explicitly defined, including
 *   OPTIONS requests. To support unauthorized OPTIONS requests, add an OPTIONS /{proxy+} route ... The OPTIONS
 *   /{proxy+} route has higher priority than the $default route." (same page, "Configuring CORS for an HTTP API with a
 *   $default route and an authorizer").
 * The page's table pairs each header with its property: Access-Control-Allow-Origin (allowOrigins),
 * -Allow-Credentials (allowCredentials), -Expose-Headers (exposeHeaders), -Max-Age (maxAge), -Allow-Methods
 * (allowMethods), -Allow-Headers (allowHeaders).
 *
 * What the page does not say, and is assumed here:
 * - an allowed origin is echoed back (`*` stays `*`, as a captured HTTP API response to `Origin: https://example.com`
 *   shows); an origin not in allowOrigins gets no CORS headers at all, and the request is served as usual;
 * - origins are compared as written (case-sensitive, no wildcards but `*` alone);
 * - lists are joined with "," (as a public capture of an execute-api preflight shows:
 *   `access-control-allow-methods: GET,POST,PUT,DELETE,OPTIONS`), in the configured order and case;
 * - a preflight answer carries Allow-Origin, Allow-Credentials, Allow-Methods, Allow-Headers and Max-Age; an
 *   integration's answer Allow-Origin, Allow-Credentials and Expose-Headers (the split the Fetch standard makes);
 * - Access-Control-Request-Method and -Headers are not judged against allowMethods and allowHeaders (the browser
 *   does that with the headers it gets);
 * - API Gateway's own error answers (404, 500, 503, …) carry no CORS headers;
 * - the gateway answers every OPTIONS request that no `OPTIONS` route and no `$default` route takes (an `ANY` route
 *   included), with 204 (a captured HTTP API answered `OPTIONS` without a route with 204 and date, connection and
 *   apigw-requestid only, no content-type or content-length).
 */

/** The CORS response headers API Gateway owns once CORS is configured, lower-case. */
const CORS_RESPONSE_HEADERS = new Set([
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-expose-headers',
  'access-control-max-age',
  'access-control-allow-methods',
  'access-control-allow-headers',
]);

/** Whether a response header is one of the CORS headers API Gateway ignores from the backend when CORS is configured. */
export function isCorsResponseHeader(name: string): boolean {
  return CORS_RESPONSE_HEADERS.has(name.toLowerCase());
}

/** The function's headers without the CORS headers ("API Gateway ignores CORS headers returned from your backend"). */
export function withoutCorsHeaders(headers: HeaderList): HeaderList {
  return headers.some(([name]) => isCorsResponseHeader(name))
    ? headers.filter(([name]) => !isCorsResponseHeader(name))
    : headers;
}

/** The Access-Control-Allow-Origin value for the request's Origin: `*`, the origin itself, or null (not allowed). */
export function allowedOrigin(cors: HttpApiCors, origin: string | null): string | null {
  if (origin === null || !cors.allowOrigins) return null;
  if (cors.allowOrigins.includes('*')) return '*';
  return cors.allowOrigins.includes(origin) ? origin : null;
}

/**
 * The CORS headers of the answer to `method` with `headers`: none without an allowed Origin (or, for OPTIONS, without
 * Access-Control-Request-Method); a preflight's set for a preflight; an integration answer's set otherwise.
 */
export function corsHeadersFor(cors: HttpApiCors, method: string, headers: HeaderList): HeaderList {
  const origin = allowedOrigin(cors, lastHeader(headers, 'origin'));
  if (origin === null) return [];
  const preflight = method === 'OPTIONS';
  if (preflight && lastHeader(headers, 'access-control-request-method') === null) return [];
  const out: HeaderList = [['Access-Control-Allow-Origin', origin]];
  if (cors.allowCredentials) out.push(['Access-Control-Allow-Credentials', 'true']);
  if (preflight) {
    if (cors.allowMethods?.length) out.push(['Access-Control-Allow-Methods', cors.allowMethods.join(',')]);
    if (cors.allowHeaders?.length) out.push(['Access-Control-Allow-Headers', cors.allowHeaders.join(',')]);
    if (cors.maxAge !== undefined) out.push(['Access-Control-Max-Age', String(cors.maxAge)]);
  } else if (cors.exposeHeaders?.length) {
    out.push(['Access-Control-Expose-Headers', cors.exposeHeaders.join(',')]);
  }
  return out;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** maxAge's range: Cors.MaxAge is an `IntegerWithLengthBetweenMinus1And86400` in the API Gateway V2 API model. */
export const CORS_MAX_AGE_MIN = -1;
export const CORS_MAX_AGE_MAX = 86_400;

const LIST_FIELDS = ['allowOrigins', 'allowMethods', 'allowHeaders', 'exposeHeaders'] as const;
const KNOWN_FIELDS = new Set<string>([...LIST_FIELDS, 'allowCredentials', 'maxAge']);

/**
 * Reads `x-amazon-apigateway-cors` (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-cors-configuration.html:
 * allowOrigins, allowMethods, allowHeaders, exposeHeaders arrays; allowCredentials boolean; maxAge integer). Pushes
 * each fault to `problems` and returns null on any. AWS refuses credentials with a `*` origin: "allow-credentials is
 * not supported if 'allow-origin' is *" (BadRequestException, quoted in https://github.com/aws/aws-cdk/issues/9076).
 */
export function readCors(raw: unknown, problems: string[]): HttpApiCors | null {
  const where = 'x-amazon-apigateway-cors';
  if (!isObject(raw)) {
    problems.push(`${where} is not an object`);
    return null;
  }
  const before = problems.length;
  const cors: HttpApiCors = {};
  for (const key of Object.keys(raw)) {
    if (!KNOWN_FIELDS.has(key)) {
      problems.push(
        `${where}.${key} is not a CORS property (allowOrigins, allowCredentials, exposeHeaders, maxAge, allowMethods, allowHeaders)`,
      );
    }
  }
  for (const field of LIST_FIELDS) {
    const value = raw[field];
    if (value === undefined) continue;
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.trim() !== '')) {
      problems.push(`${where}.${field} must be a list of non-empty strings (it is ${JSON.stringify(value)})`);
      continue;
    }
    cors[field] = [...(value as string[])];
  }
  // Cors.AllowMethods items are `StringWithLengthBetween1And64` in the API Gateway V2 API model.
  const longMethod = cors.allowMethods?.find((m) => m.length > 64);
  if (longMethod) problems.push(`${where}.allowMethods: "${longMethod}" is longer than 64 characters`);
  if (raw.allowCredentials !== undefined) {
    if (typeof raw.allowCredentials !== 'boolean') {
      problems.push(`${where}.allowCredentials must be true or false (it is ${JSON.stringify(raw.allowCredentials)})`);
    } else cors.allowCredentials = raw.allowCredentials;
  }
  if (raw.maxAge !== undefined) {
    const age = raw.maxAge;
    if (typeof age !== 'number' || !Number.isInteger(age) || age < CORS_MAX_AGE_MIN || age > CORS_MAX_AGE_MAX) {
      problems.push(
        `${where}.maxAge must be an integer from ${CORS_MAX_AGE_MIN} to ${CORS_MAX_AGE_MAX} seconds (it is ${JSON.stringify(age)})`,
      );
    } else cors.maxAge = age;
  }
  if (cors.allowCredentials && cors.allowOrigins?.includes('*')) {
    problems.push(
      `${where}: allow-credentials is not supported if 'allow-origin' is * (API Gateway refuses allowCredentials: true with allowOrigins ["*"]; list the origins instead)`,
    );
  }
  return problems.length > before ? null : cors;
}

/** `x-amazon-apigateway-cors` for an export: the configured fields, in the order of AWS's extension example. */
export function exportCors(cors: HttpApiCors): Json {
  const out: Json = {};
  if (cors.allowOrigins) out.allowOrigins = [...cors.allowOrigins];
  if (cors.allowCredentials !== undefined) out.allowCredentials = cors.allowCredentials;
  if (cors.exposeHeaders) out.exposeHeaders = [...cors.exposeHeaders];
  if (cors.maxAge !== undefined) out.maxAge = cors.maxAge;
  if (cors.allowMethods) out.allowMethods = [...cors.allowMethods];
  if (cors.allowHeaders) out.allowHeaders = [...cors.allowHeaders];
  return out;
}
