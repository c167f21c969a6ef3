import type { HeaderList } from './headers.js';

/** A Lambda proxy result API Gateway accepted, before the gateway adds its own headers. */
export interface ProxyResult {
  statusCode: number;
  /** Headers merged from `headers` and `multiValueHeaders`, in the order the function gave them. */
  headers: HeaderList;
  body: string;
  isBase64Encoded: boolean;
}

const ALLOWED_KEYS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A header value as API Gateway writes it: strings as they are, numbers and booleans as text. */
function headerValue(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/**
 * Validates a REST API (payload 1.0) Lambda proxy result. Returns the result, or the reason it is a
 * "Malformed Lambda proxy response" (API Gateway then answers 502).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format
 * Edge cases (string statusCode accepted, extra keys rejected) follow responses recorded against AWS in LocalStack's
 * validated test `test_apigateway_lambda.py::test_aws_proxy_response_payload_format_validation`. A result of `{}` is a
 * 200 with an empty body, as the AWS-validated `test_apigateway_lambda.py::test_lambda_aws_proxy_response_format`
 * asserts ("empty-response"); the 502 under key "invoke-api-empty-response" of the former comes from a function that
 * crashed (it was sent no body and called `json.loads(None)`), not from the `{}`.
 */
export function parseProxyResult(payload: unknown): { ok: true; result: ProxyResult } | { ok: false; reason: string } {
  const malformed = (reason: string) => ({ ok: false as const, reason });
  if (!isObject(payload))
    return malformed(
      `the result is ${payload === null ? 'null' : Array.isArray(payload) ? 'an array' : `a ${typeof payload}`}, not an object`,
    );
  const keys = Object.keys(payload);
  const extra = keys.every((k) => ALLOWED_KEYS.has(k)) ? [] : keys.filter((k) => !ALLOWED_KEYS.has(k));
  if (extra.length)
    return malformed(
      `unexpected field${extra.length > 1 ? 's' : ''} ${extra.map((k) => `"${k}"`).join(', ')} (allowed: statusCode, headers, multiValueHeaders, body, isBase64Encoded)`,
    );

  let statusCode = 200;
  if (payload.statusCode !== undefined && payload.statusCode !== null) {
    const raw = payload.statusCode;
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(n) || n < 100 || n > 599)
      return malformed(`statusCode ${JSON.stringify(raw)} is not an HTTP status code`);
    statusCode = n;
  }

  const single: HeaderList = [];
  if (payload.headers !== undefined && payload.headers !== null) {
    if (!isObject(payload.headers)) return malformed('"headers" is not an object');
    for (const [name, v] of Object.entries(payload.headers)) {
      const value = headerValue(v);
      if (value === null) return malformed(`header "${name}" has a ${v === null ? 'null' : typeof v} value`);
      single.push([name, value]);
    }
  }
  const multi: HeaderList = [];
  if (payload.multiValueHeaders !== undefined && payload.multiValueHeaders !== null) {
    if (!isObject(payload.multiValueHeaders)) return malformed('"multiValueHeaders" is not an object');
    for (const [name, values] of Object.entries(payload.multiValueHeaders)) {
      if (!Array.isArray(values)) return malformed(`multiValueHeaders "${name}" is not a list`);
      for (const v of values) {
        const value = headerValue(v);
        if (value === null)
          return malformed(`multiValueHeaders "${name}" has a ${v === null ? 'null' : typeof v} value`);
        multi.push([name, value]);
      }
    }
  }
  const headers = multi.length > 0 ? mergeHeaders(single, multi) : single;

  const bodyFields = readBodyFields(payload);
  if (typeof bodyFields === 'string') return malformed(bodyFields);
  const { body, isBase64Encoded } = bodyFields;
  return { ok: true, result: { statusCode, headers, body, isBase64Encoded } };
}

/**
 * `headers` and `multiValueHeaders` merged into one list: "If the same key-value pair is specified in both, only the
 * values from multiValueHeaders will appear" (AWS's output format page), while a name in both with another value
 * sends both, multi-value first, under the multiValueHeaders spelling: `multiValueHeaders: {"tesT-Multi":
 * ["value-multi"]}` with `headers: {"test-multi": "value-solo"}` reaches the client as `tesT-Multi: value-multi,
 * value-solo` (LocalStack's AWS-validated test_apigateway_lambda.py::test_aws_proxy_response_payload_format_validation,
 * snapshot keys "invoke-api-multi-headers-overwrite" and "invoke-api-multi-headers-overwrite-casing").
 */
function mergeHeaders(single: HeaderList, multi: HeaderList): HeaderList {
  /** Lower-cased name → index of its last multi-value entry. */
  const lastIndex = new Map<string, number>();
  multi.forEach(([name], i) => lastIndex.set(name.toLowerCase(), i));
  const singleOnly: HeaderList = [];
  /** Index of a multi-value entry → single values to send after it. */
  const after = new Map<number, string[]>();
  for (const entry of single) {
    const lower = entry[0].toLowerCase();
    const last = lastIndex.get(lower);
    if (last === undefined) singleOnly.push(entry);
    else if (!multi.some(([n, v]) => v === entry[1] && n.toLowerCase() === lower)) {
      const extra = after.get(last);
      if (extra) extra.push(entry[1]);
      else after.set(last, [entry[1]]);
    }
  }
  const merged: HeaderList = singleOnly;
  multi.forEach((entry, i) => {
    merged.push(entry);
    for (const value of after.get(i) ?? []) merged.push([entry[0], value]);
  });
  return merged;
}

/** A proxy result's `body` (a string, or absent) and `isBase64Encoded` (a boolean, or absent), or why they are malformed. */
export function readBodyFields(payload: Record<string, unknown>): { body: string; isBase64Encoded: boolean } | string {
  let body = '';
  if (payload.body !== undefined && payload.body !== null) {
    if (typeof payload.body !== 'string')
      return `"body" is a${Array.isArray(payload.body) ? 'n array' : ` ${typeof payload.body}`}, not a string`;
    body = payload.body;
  }
  const b64 = payload.isBase64Encoded;
  if (b64 !== undefined && b64 !== null && typeof b64 !== 'boolean') return '"isBase64Encoded" is not a boolean';
  return { body, isBase64Encoded: b64 === true };
}
