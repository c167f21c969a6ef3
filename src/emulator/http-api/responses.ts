import type { HeaderList } from '../shared/headers.js';
import { readBodyFields } from '../shared/proxy-response.js';

/**
 * Responses HTTP APIs generate themselves. They differ from REST's (no x-amzn-ErrorType, different words):
 * - 404 `{"message":"Not Found"}`: no stage and no `$default` stage, or no route
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html).
 * - 500 `{"message":"Internal Server Error"}`: the Lambda integration failed
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html);
 *   captured as `HTTP/2 500`, `content-type: application/json`, `content-length: 35`, `apigw-requestid`.
 * - 503 `{"message":"Service Unavailable"}` (33 bytes): the integration timed out. No AWS page states it; it is
 *   what HTTP APIs answer at the 30-second limit in captures (https://github.com/cortexlabs/cortex/issues/1225,
 *   https://github.com/aws-samples/aws-mcp-servers-samples/issues/9).
 * - 413 for a body over the 10 MB payload quota: the status is HTTP's; the body text is not verified against AWS.
 * - 401 `{"message":"Unauthorized"}` (26 bytes, with `www-authenticate`) and 403 `{"message":"Forbidden"}`: a JWT
 *   authorizer's refusals (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html,
 *   authorizers/jwt-authorizer.ts); a Lambda authorizer's 401/403, and 500 `{"message":"Internal Server Error"}` when it
 *   fails (http-api-lambda-authorizer.html, authorizers/lambda-authorizer.ts).
 * - 429 `{"message":"Too Many Requests"}`: the route's or the account's token bucket is empty
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html: "Clients may receive 429
 *   Too Many Requests error responses"); the body is the one REST APIs' THROTTLED gateway response has, in HTTP APIs'
 *   `{"message":…}` shape (no AWS page prints HTTP APIs' throttled body).
 */
export interface HttpErrorResponse {
  type: string;
  status: number;
  body: string;
  /** The `www-authenticate` header a JWT authorizer's refusal carries. */
  wwwAuthenticate?: string;
}

export const HTTP_API_RESPONSES = {
  NOT_FOUND: { type: 'NOT_FOUND', status: 404, body: '{"message":"Not Found"}' },
  /** A first-class integration's parameter that cannot be resolved (L: status and body not captured; research §2.3). */
  BAD_REQUEST: { type: 'BAD_REQUEST', status: 400, body: '{"message":"Bad Request"}' },
  INTEGRATION_FAILURE: { type: 'INTEGRATION_FAILURE', status: 500, body: '{"message":"Internal Server Error"}' },
  MALFORMED_RESPONSE: { type: 'MALFORMED_RESPONSE', status: 500, body: '{"message":"Internal Server Error"}' },
  INTEGRATION_TIMEOUT: { type: 'INTEGRATION_TIMEOUT', status: 503, body: '{"message":"Service Unavailable"}' },
  REQUEST_TOO_LARGE: { type: 'REQUEST_TOO_LARGE', status: 413, body: '{"message":"Request Entity Too Large"}' },
  UNAUTHORIZED: { type: 'UNAUTHORIZED', status: 401, body: '{"message":"Unauthorized"}' },
  FORBIDDEN: { type: 'ACCESS_DENIED', status: 403, body: '{"message":"Forbidden"}' },
  AUTHORIZER_FAILURE: { type: 'AUTHORIZER_FAILURE', status: 500, body: '{"message":"Internal Server Error"}' },
  THROTTLED: { type: 'THROTTLED', status: 429, body: '{"message":"Too Many Requests"}' },
} as const satisfies Record<string, HttpErrorResponse>;

/** "Payload size | 10 MB". https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html */
export const HTTP_API_MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/** A format 2.0 result as API Gateway interprets it. */
export interface V2Result {
  statusCode: number;
  headers: HeaderList;
  /** Each becomes a `Set-Cookie` header. */
  cookies: string[];
  body: string;
  isBase64Encoded: boolean;
  /** Whether API Gateway inferred the response (the function returned no statusCode). */
  inferred: boolean;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Interprets a payload format 2.0 result
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.v2):
 * "if your Lambda function returns valid JSON and doesn't return a statusCode": isBase64Encoded is false,
 * statusCode is 200, content-type is application/json, and body is the function's response (a string as it is,
 * `"Hello from Lambda!"` → `Hello from Lambda!`; anything else serialised as JSON). Otherwise the result is
 * `{ cookies, isBase64Encoded, statusCode, headers, body }`; a result of that shape with wrong types is malformed.
 */
export function parseV2Result(payload: unknown): { ok: true; result: V2Result } | { ok: false; reason: string } {
  const malformed = (reason: string) => ({ ok: false as const, reason });
  if (!isObject(payload) || payload.statusCode === undefined) {
    const body = typeof payload === 'string' ? payload : (JSON.stringify(payload) ?? 'null');
    return {
      ok: true,
      result: {
        statusCode: 200,
        headers: [['content-type', 'application/json']],
        cookies: [],
        body,
        isBase64Encoded: false,
        inferred: true,
      },
    };
  }
  const raw = payload.statusCode;
  const statusCode = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599)
    return malformed(`statusCode ${JSON.stringify(raw)} is not an HTTP status code`);
  const headers: HeaderList = [];
  if (payload.headers !== undefined && payload.headers !== null) {
    if (!isObject(payload.headers)) return malformed('"headers" is not an object');
    for (const [name, v] of Object.entries(payload.headers)) {
      if (typeof v === 'string') headers.push([name, v]);
      else if (typeof v === 'number' || typeof v === 'boolean') headers.push([name, String(v)]);
      else return malformed(`header "${name}" has a ${v === null ? 'null' : typeof v} value`);
    }
  }
  const cookies: string[] = [];
  if (payload.cookies !== undefined && payload.cookies !== null) {
    if (!Array.isArray(payload.cookies) || !payload.cookies.every((c) => typeof c === 'string'))
      return malformed('"cookies" is not a list of strings');
    cookies.push(...(payload.cookies as string[]));
  }
  const bodyFields = readBodyFields(payload);
  if (typeof bodyFields === 'string') return malformed(bodyFields);
  const { body, isBase64Encoded } = bodyFields;
  return { ok: true, result: { statusCode, headers, cookies, body, isBase64Encoded, inferred: false } };
}
