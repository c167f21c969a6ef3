import { httpDate } from '../shared/clf-time.js';
import type { HeaderList } from '../shared/headers.js';
import type { GatewayTrace } from '../shared/trace.js';
import { requestPathOf, requestQueryOf } from './context-variables.js';

/** `INFO` writes every line; `ERROR` only the lines that say what went wrong. */
export type ExecutionLogLevel = 'INFO' | 'ERROR';

/** Where the gateway runs, for the Lambda endpoint URI and the source ARN (the gateway's defaults otherwise). */
export interface ExecutionLogOptions {
  region?: string;
  accountId?: string;
}

/**
 * Values longer than this are cut and marked ` [TRUNCATED]`, as API Gateway cuts long headers and bodies in its
 * execution log (the captures cited in {@link executionLogLines}).
 */
const MAX_VALUE = 1000;

const truncated = (text: string): string =>
  text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)} [TRUNCATED]` : text;

/** A map as API Gateway prints it (Java's `{a=1, b=2}`), one entry per name (repeated names joined by commas). */
function javaMap(entries: Iterable<readonly [string, string]>): string {
  const merged = new Map<string, string>();
  for (const [name, value] of entries) {
    const known = merged.get(name);
    merged.set(name, known === undefined ? value : `${known},${value}`);
  }
  return truncated(`{${[...merged].map(([name, value]) => `${name}=${value}`).join(', ')}}`);
}

const headerMap = (headers: HeaderList): string => javaMap(headers);

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A body as the execution log prints it: its text, or `[Binary Data]` when it is not UTF-8. */
function bodyText(body: Uint8Array | null | undefined): string {
  if (!body || body.length === 0) return '';
  try {
    return truncated(UTF8.decode(body));
  } catch {
    return '[Binary Data]';
  }
}

function queryMap(rawQuery: string): string {
  if (!rawQuery) return '{}';
  const entries: Array<[string, string]> = [];
  for (const [name, value] of new URLSearchParams(rawQuery)) entries.push([name, value]);
  return javaMap(entries);
}

const json = (value: unknown): string => truncated(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));

/** The path after the stage (`/items/7`), as "Resource Path" prints it: the path requested, not the template. */
function pathInStage(trace: GatewayTrace): string {
  const path = requestPathOf(trace) ?? '/';
  const prefix = trace.stage ? `/${trace.stage}` : '';
  if (prefix && (path === prefix || path.startsWith(`${prefix}/`))) return path.slice(prefix.length) || '/';
  return path;
}

/** Gateway responses of a refused API key or usage plan: no "Usage Plan check succeeded" line. */
const KEY_REFUSALS = new Set(['INVALID_API_KEY', 'QUOTA_EXCEEDED', 'THROTTLED']);

/** An API key as the execution log shows it: stars, then its last 6 characters (`****…bMZHBg`). */
const maskedKey = (value: string): string => `${'*'.repeat(Math.max(0, value.length - 6))}${value.slice(-6)}`;

/** Lambda's Invoke URL for a function, as API Gateway calls it. */
const lambdaUri = (region: string, accountId: string, functionName: string): string =>
  `https://lambda.${region}.amazonaws.com/2015-03-31/functions/arn:aws:lambda:${region}:${accountId}:function:${functionName}/invocations`;

/**
 * The lines API Gateway writes to a REST API stage's execution log (CloudWatch group
 * `API-Gateway-Execution-Logs_{apiId}/{stage}`) for one request, each prefixed `(requestId)`, in the order and wording
 * of AWS-recorded logs:
 * - rotemtam/serverless-aws-logs-parser tests/mocks/file.mock.js (a 2016 stage's log: "Verifying Usage Plan for
 *   request", "Method request path: {id=hello}", …, "Successfully completed execution", "Method completed with status");
 * - a 2019 capture of `API-Gateway-Execution-Logs_uwe3g5jm54/Prod` (a Lambda proxy timeout: "Extended Request Id",
 *   "Lambda execution failed with status 200 due to customer function error: … Lambda request id: …",
 *   "Method completed with status: 502");
 * - LocalStack's test-invoke template (localstack/localstack, apigateway next_gen execute_api test_invoke.py):
 *   "Received response. Status: 200, Integration latency: 12 ms", then the endpoint response headers and body.
 * `ERROR` keeps only the error lines (the failure and the gateway response it earned). HTTP APIs have no execution
 * log (they log access only: http-api-logging.html), so their traces give no lines. What the emulator does not know
 * (AWS's signed Lambda request headers, the Lambda request id) is left out or abridged.
 */
export function executionLogLines(
  trace: GatewayTrace,
  level: ExecutionLogLevel,
  options: ExecutionLogOptions = {},
): string[] {
  if (trace.apiType === 'HTTP') return [];
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const id = trace.requestId;
  const info: string[] = [];
  const errors: string[] = [];
  const line = (text: string) => info.push(`(${id}) ${text}`);
  const error = (text: string) => {
    info.push(`(${id}) ${text}`);
    errors.push(`(${id}) ${text}`);
  };

  line(`Extended Request Id: ${trace.extendedRequestId}`);
  const apiStage = `${trace.apiId ?? ''}/${trace.stage ?? ''}`;
  const routed = trace.resourcePath !== null && trace.stage !== null;
  if (trace.stage !== null) {
    const key = trace.apiKey ? maskedKey(trace.apiKey.value) : '';
    line(`Verifying Usage Plan for request: ${id}. API Key: ${key} API Stage: ${apiStage}`);
    const refusedForKey = trace.gatewayResponseType !== null && KEY_REFUSALS.has(trace.gatewayResponseType);
    if (routed && !trace.apiKey && !refusedForKey) {
      line(
        `API Key authorized because method '${trace.httpMethod} ${trace.resourcePath}' does not require API Key. Request will not contribute to throttle or quota limits`,
      );
    }
    if (routed && !refusedForKey) line(`Usage Plan check succeeded for API Key ${key} and API Stage ${apiStage}`);
  }
  if (routed) {
    line(`Starting execution for request: ${id}`);
    line(`HTTP Method: ${trace.httpMethod}, Resource Path: ${pathInStage(trace)}`);
    line(`Method request path: ${javaMap(Object.entries(trace.pathParameters ?? {}))}`);
    line(`Method request query string: ${queryMap(requestQueryOf(trace))}`);
    line(`Method request headers: ${headerMap(trace.request?.headers ?? [])}`);
    line(`Method request body before transformations: ${bodyText(trace.request?.body)}`);
  }

  const integration = trace.integration;
  if (routed && integration) {
    const request = integration.request;
    const uri =
      request?.url ?? (integration.functionName ? lambdaUri(region, accountId, integration.functionName) : null);
    if (uri !== null) {
      const sourceArn = `arn:aws:execute-api:${region}:${accountId}:${apiStage}/${trace.httpMethod}${trace.resourcePath}`;
      const headers: HeaderList = request?.url
        ? request.headers
        : [
            ['x-amzn-lambda-integration-tag', id],
            ['Authorization', '****'],
            ['x-amzn-apigateway-api-id', trace.apiId ?? ''],
            ['X-Amz-Source-Arn', sourceArn],
            ['Accept', 'application/json'],
            ['User-Agent', `AmazonAPIGateway_${trace.apiId ?? ''}`],
          ];
      line(`Endpoint request URI: ${uri}`);
      line(`Endpoint request headers: ${headerMap(headers)}`);
      line(
        `Endpoint request body after transformations: ${request ? truncated(request.body) : json(integration.event)}`,
      );
      line(`Sending request to ${uri}`);
    }
    const outcome = integration.outcome;
    const latency = Math.round(trace.timings.integrationMs ?? integration.durationMs);
    if (outcome.kind === 'result' || outcome.kind === 'error') {
      const isHttp = integration.type.startsWith('HTTP');
      const payload = outcome.kind === 'result' ? outcome.payload : outcome.error;
      const endpoint = isHttp ? (payload as { statusCode?: number; headers?: HeaderList; body?: string }) : null;
      const status = endpoint?.statusCode ?? 200;
      line(`Received response. Status: ${status}, Integration latency: ${latency} ms`);
      const body = isHttp ? (endpoint?.body ?? '') : json(payload);
      const headers: HeaderList = isHttp
        ? (endpoint?.headers ?? [])
        : [
            ['Date', httpDate(trace.requestTimeEpoch)],
            ['Content-Type', 'application/json'],
            ['Content-Length', String(new TextEncoder().encode(body).length)],
            ['Connection', 'keep-alive'],
            ...(outcome.kind === 'error' ? [['X-Amz-Function-Error', 'Unhandled'] as [string, string]] : []),
          ];
      line(`Endpoint response headers: ${headerMap(headers)}`);
      line(`Endpoint response body before transformations: ${truncated(body)}`);
    }
  }

  if (trace.gatewayResponseType !== null) {
    if (trace.errorDetail) error(trace.errorDetail);
    error(`Gateway response type: ${trace.gatewayResponseType} with status code: ${trace.status}`);
  } else if (routed) {
    if (trace.cache?.status !== 'hit' || integration) {
      line(`Method response body after transformations: ${bodyText(trace.responseBody)}`);
      line(`Method response headers: ${headerMap(trace.responseHeaders)}`);
    }
    line('Successfully completed execution');
  }
  line(`Method completed with status: ${trace.status}`);
  return level === 'ERROR' ? errors : info;
}
