import { lastHeader, type HeaderList } from '../../shared/headers.js';
import { parseQuery } from '../../shared/query-string.js';
import type { IntegrationRequestTrace } from '../../shared/trace.js';
import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import type { RestRequestContext, TemplateRequest } from '../context.js';
import { GATEWAY_RESPONSES } from '../gateway-responses.js';
import type { RequestParams } from '../mapping-template.js';
import type { HttpIntegration } from '../model.js';
import { substituteStageVariables, type MappedParameters } from '../request-params.js';
import { traceIntegration } from './trace-integration.js';

const UTF8_DECODER = new TextDecoder();

/** An HTTP integration request, ready to send. */
export interface HttpRequestToSend {
  method: string;
  url: string;
  headers: HeaderList;
  body: Uint8Array | null;
  trace: IntegrationRequestTrace;
}

/**
 * The request an HTTP or HTTP_PROXY integration sends: the endpoint URI with stage variables and path parameters,
 * the query string, and the headers API Gateway passes, adds and drops; HTTP_PROXY passes the method request through.
 * An endpoint that is not a URL is a configuration error (returned as `error`).
 */
export function buildHttpRequest(
  integration: HttpIntegration,
  request: TemplateRequest,
  mapped: MappedParameters,
  payload: Uint8Array,
  params: RequestParams,
): HttpRequestToSend | { error: string } {
  const proxy = integration.type === 'HTTP_PROXY';
  let uri = substituteStageVariables(integration.uri, request.stageVariables);
  uri = uri.replace(/\{([^}/]+?)\+?\}/g, (whole, name: string) => {
    const value = mapped.path[name] ?? (proxy ? (params.path[name] ?? params.path[`${name}+`]) : undefined);
    if (value === undefined) return whole;
    // A greedy value keeps its slashes; others are encoded as one segment.
    return whole.endsWith('+}') || name === 'proxy'
      ? value.split('/').map(encodeURIComponent).join('/')
      : encodeURIComponent(value);
  });
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return { error: `Invalid endpoint address "${uri}"` };
  }
  if (proxy) {
    for (const [k, v] of parseQuery(request.rawQuery)) url.searchParams.append(k, v);
  }
  for (const [k, v] of Object.entries(mapped.querystring)) url.searchParams.set(k, v);
  const method = integration.httpMethod === 'ANY' ? request.method : integration.httpMethod;
  const headers: HeaderList = [];
  if (proxy) {
    for (const [name, value] of request.headers) {
      const lower = name.toLowerCase();
      if (
        lower === 'host' ||
        lower === 'content-length' ||
        lower === 'connection' ||
        lower === 'transfer-encoding' ||
        lower === 'keep-alive'
      )
        continue;
      headers.push([name, value]);
    }
  } else {
    const contentType = lastHeader(request.headers, 'content-type');
    if (contentType && payload.length) headers.push(['Content-Type', contentType]);
  }
  for (const [name, value] of Object.entries(mapped.header)) {
    const i = headers.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
    if (i >= 0) headers.splice(i, 1);
    headers.push([name, value]);
  }
  // Headers API Gateway adds to HTTP integration requests (LocalStack's AWS-validated parity tests:
  // Accept and User-Agent unless set, the trace header, the API id; Via, Expect, TE and Proxy-Authenticate dropped).
  for (let i = headers.length - 1; i >= 0; i--) {
    const lower = headers[i]![0].toLowerCase();
    if (
      lower === 'via' ||
      lower === 'expect' ||
      lower === 'te' ||
      lower === 'proxy-authenticate' ||
      lower === 'x-amzn-trace-id' ||
      lower === 'content-encoding'
    )
      headers.splice(i, 1);
  }
  const has = (name: string) => headers.some(([n]) => n.toLowerCase() === name);
  if (!has('accept')) headers.push(['Accept', 'application/json']);
  if (!has('user-agent')) headers.push(['User-Agent', `AmazonAPIGateway_${String(request.context.apiId ?? '')}`]);
  if (request.traceId) headers.push(['X-Amzn-Trace-Id', request.traceId]);
  headers.push(['X-Amzn-Apigateway-Api-Id', String(request.context.apiId ?? '')]);
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const body = hasBody ? (proxy ? request.body : payload) : null;
  const bodyText = body === null ? '' : UTF8_DECODER.decode(body);
  return {
    method,
    url: url.href,
    headers,
    body: body && body.length ? body : null,
    trace: { method, url: url.href, headers, body: bodyText },
  };
}

/** What an HTTP endpoint answered: its response, or why there is none. */
export type HttpOutcome =
  | { kind: 'ok'; status: number; headers: HeaderList; text: string; bytes: Uint8Array }
  | { kind: 'timeout' }
  | { kind: 'failed'; message: string };

/** Sends an HTTP integration request under the integration timeout (redirects are not followed) and reads the answer. */
export function fetchWithTimeout(
  fetchFn: typeof fetch,
  sent: HttpRequestToSend,
  timeoutMs: number,
): Promise<HttpOutcome> {
  const controller = new AbortController();
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: HttpOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    // The timer bounds the whole call, the body included, whether or not `fetchFn` honours the abort signal.
    const timer = setTimeout(() => {
      settle({ kind: 'timeout' });
      controller.abort();
    }, timeoutMs);
    const call = async (): Promise<HttpOutcome> => {
      const response = await fetchFn(sent.url, {
        method: sent.method,
        headers: sent.headers,
        body: sent.body as BodyInit | null,
        signal: controller.signal,
        redirect: 'manual',
      });
      const bytes = new Uint8Array(await response.arrayBuffer());
      const headers: HeaderList = [];
      response.headers.forEach((value, name) => headers.push([name, value]));
      return { kind: 'ok', status: response.status, headers, text: UTF8_DECODER.decode(bytes), bytes };
    };
    call().then(settle, (error: unknown) =>
      settle({
        kind: 'failed',
        message:
          error instanceof Error
            ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}`
            : String(error),
      }),
    );
  });
}

/**
 * Puts an HTTP call in the trace and returns the endpoint's answer; no answer within the integration timeout stops the
 * request with 504 "Endpoint request timed out", an endpoint that cannot be reached with 504 INTEGRATION_FAILURE.
 */
export function settleHttpCall(
  context: RestRequestContext,
  integration: HttpIntegration,
  event: string,
  sent: HttpRequestToSend,
  response: HttpOutcome,
): Extract<HttpOutcome, { kind: 'ok' }> {
  const request = sent.trace;
  if (response.kind === 'timeout') {
    traceIntegration(context, integration, { event, request, outcome: { kind: 'timeout' }, logs: [] });
    throw new GatewayError(
      GATEWAY_RESPONSES.INTEGRATION_TIMEOUT,
      `Execution failed due to a timeout error (${integration.timeoutMs} ms)`,
    );
  }
  if (response.kind === 'failed') {
    const error = { errorType: 'IntegrationFailure', errorMessage: response.message };
    traceIntegration(context, integration, { event, request, outcome: { kind: 'error', error }, logs: [] });
    throw new GatewayError(
      GATEWAY_RESPONSES.INTEGRATION_FAILURE,
      `Execution failed due to an integration failure: ${response.message}`,
    );
  }
  const { status: statusCode, headers, text: body } = response;
  traceIntegration(context, integration, {
    event,
    request,
    outcome: { kind: 'result', payload: { statusCode, headers, body } },
    logs: [],
  });
  return response;
}
