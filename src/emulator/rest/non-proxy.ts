import { backendHeaderAction } from './backend-response-headers.js';
import { canonicalHeaderName, type HeaderList } from '../shared/headers.js';
import type { InvokeOutcome } from '../shared/invoker.js';
import type { GatewayErrorResponse } from '../shared/pipeline/gateway-error.js';
import type { HttpIntegration, LambdaCustomIntegration, MockIntegration, NonProxyIntegrationFields } from './model.js';
import { parseQuery } from '../shared/query-string.js';
import type { IntegrationRequestTrace } from '../shared/trace.js';
import {
  convertRequestPayload,
  convertResponsePayload,
  convertTemplateOutput,
  isBinaryType,
  payloadOf,
  requestPayloadOf,
  templateInputOf,
  type Payload,
} from './content-handling.js';
import { BUILT_IN, type BuiltInGatewayResponse } from './gateway-response-config.js';
import {
  chooseResponseTemplate,
  mapResponseParameters,
  selectIntegrationResponse,
  type SelectionValue,
} from './integration-response.js';
import type { MethodResponseModel } from './method-responses.js';
import {
  InvalidJsonBodyError,
  MappingTemplateError,
  renderMappingTemplate,
  responseOverrideOf,
  type OverrideState,
  type RequestParams,
  type TemplateVariables,
} from './mapping-template.js';
import { chooseRequestTemplate } from './passthrough.js';
import { requestParamsOf, substituteStageVariables } from './request-params.js';

export { requestParamsOf, substituteStageVariables };

/**
 * The request path of non-proxy integrations (AWS Lambda custom, MOCK, HTTP) and of HTTP_PROXY:
 * method request → request template (or passthrough) → integration request → backend → integration
 * response selection → response parameters and template → method response.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-integration-settings.html
 */

export interface NonProxyRequest {
  method: string;
  /** Path after the stage, as sent. */
  path: string;
  rawQuery: string;
  headers: HeaderList;
  body: Uint8Array | null;
  pathParameters: Record<string, string> | null;
  stageVariables: Record<string, string>;
  /** `$context` for templates. */
  context: Record<string, unknown>;
  /** The X-Ray trace header API Gateway passes to HTTP integrations (`Root=1-…`). */
  traceId?: string;
  /** The API's binaryMediaTypes: which request and response payloads are binary (none when absent). */
  binaryMediaTypes?: readonly string[];
}

/** A gateway fault: one of API Gateway's own responses. */
export type GatewayFault = GatewayErrorResponse;

export interface NonProxyDeps {
  /** Invokes a Lambda function (RequestResponse) with the integration timeout. */
  invokeLambda(
    functionName: string,
    event: unknown,
    timeoutMs: number,
  ): Promise<{ outcome: InvokeOutcome | { kind: 'timeout' }; lambdaRequestId: string }>;
  fetch: typeof fetch;
}

export type NonProxyResult =
  | { kind: 'response'; status: number; headers: HeaderList; body: Uint8Array; integration: IntegrationRecord }
  | { kind: 'fault'; fault: GatewayFault; detail: string; integration: IntegrationRecord | null };

/** What the trace shows of the integration call. */
export interface IntegrationRecord {
  /** The Lambda event / HTTP body, after the request template; null for MOCK (no backend: `request.body` is the template's output). */
  event: unknown;
  request: IntegrationRequestTrace;
  outcome:
    | { kind: 'result'; payload: unknown }
    | { kind: 'error'; error: { errorMessage: string; errorType: string; stackTrace?: string[] } }
    | { kind: 'timeout' }
    | { kind: 'mock' };
  logs: string[];
}

const UTF8 = new TextEncoder();
const UTF8_DECODER = new TextDecoder();

const INTERNAL: GatewayFault = {
  type: 'API_CONFIGURATION_ERROR',
  status: 500,
  body: '{"message": "Internal server error"}',
  contentType: 'application/json',
  errorType: 'InternalServerErrorException',
};
const TIMEOUT: GatewayFault = {
  type: 'INTEGRATION_TIMEOUT',
  status: 504,
  body: '{"message": "Endpoint request timed out"}',
  contentType: 'application/json',
  errorType: 'InternalServerErrorException',
};
const INTEGRATION_FAILURE: GatewayFault = {
  type: 'INTEGRATION_FAILURE',
  status: 504,
  body: '{"message": "Internal server error"}',
  contentType: 'application/json',
  errorType: 'InternalServerErrorException',
};
const LAMBDA_ERROR_NO_MAPPING = INTERNAL;

const fault = (
  f: GatewayFault | BuiltInGatewayResponse,
  detail: string,
  integration: IntegrationRecord | null = null,
): NonProxyResult => ({ kind: 'fault', fault: f, detail, integration });

/** Serves a method whose integration is AWS (Lambda custom), MOCK or HTTP. */
export async function serveNonProxy(
  integration: LambdaCustomIntegration | MockIntegration | HttpIntegration,
  request: NonProxyRequest,
  deps: NonProxyDeps,
  /** The method's responses by status code; absent, integration responses are not checked against them. */
  methodResponses?: Readonly<Record<string, MethodResponseModel>>,
): Promise<NonProxyResult> {
  const params = requestParamsOf(request);
  const binaryMediaTypes = request.binaryMediaTypes ?? [];
  const contentType = headerValue(request.headers, 'content-type');
  // The method request payload is binary when its Content-Type is one of the binaryMediaTypes.
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings-workflow.html
  const methodPayload = requestPayloadOf(request.body, contentType, binaryMediaTypes);
  const choice = chooseRequestTemplate(integration.requestTemplates, contentType, integration.passthroughBehavior);
  if (choice.kind === 'unsupported') {
    return fault(
      BUILT_IN.unsupportedMediaType(),
      `Request body does not match any mapping template (Content-Type ${choice.contentType}, passthroughBehavior ${integration.passthroughBehavior})`,
    );
  }
  let integrationPayload: Payload | null;
  let requestOverride = {
    header: {} as Record<string, string>,
    querystring: {} as Record<string, string>,
    path: {} as Record<string, string>,
  };
  /** `$context.requestOverride`/`responseOverride` as the request template left them. */
  let overrides: OverrideState | null = null;
  if (choice.kind === 'template') {
    const body = templateInputOf(methodPayload, integration.contentHandling);
    if (body === null)
      return fault(
        INTERNAL,
        'Execution failed due to configuration error: Unable to transform request (a binary payload and a mapping template: the template needs contentHandling CONVERT_TO_TEXT)',
      );
    const variables: TemplateVariables = {
      body,
      params,
      context: request.context,
      stageVariables: request.stageVariables,
    };
    try {
      const rendered = renderMappingTemplate(choice.template, variables);
      integrationPayload = convertTemplateOutput(rendered.output, integration.contentHandling);
      requestOverride = rendered.requestOverride;
      overrides = rendered.overrides;
    } catch (error) {
      if (error instanceof InvalidJsonBodyError) {
        return fault(
          { ...BUILT_IN.badRequestBody(), body: `{"message": ${JSON.stringify(error.message)}}` },
          error.message,
        );
      }
      return fault(
        INTERNAL,
        `Execution failed due to configuration error: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  } else {
    integrationPayload = convertRequestPayload(methodPayload, integration.contentHandling);
  }
  if (!integrationPayload) {
    return fault(
      INTERNAL,
      'Execution failed due to configuration error: Unable to base64-decode the request body (contentHandling CONVERT_TO_BINARY)',
    );
  }
  const payload = UTF8_DECODER.decode(integrationPayload.bytes);
  const mapped = mapRequestParameters(integration.requestParameters, params, request);
  Object.assign(mapped.header, requestOverride.header);
  Object.assign(mapped.querystring, requestOverride.querystring);
  Object.assign(mapped.path, requestOverride.path);

  let selection: SelectionValue;
  let endpointBody: string;
  let endpointHeaders: HeaderList = [];
  /** The endpoint's body bytes when they are not simply the UTF-8 of endpointBody (HTTP responses). */
  let endpointBytes: Uint8Array | null = null;
  let lambdaError = false;
  let record: IntegrationRecord;

  if (integration.type === 'MOCK') {
    // No backend is called: the integration request (the template's output) is all there is; no event, no result.
    record = {
      event: null,
      request: { method: request.method, url: null, headers: [], body: payload },
      outcome: { kind: 'mock' },
      logs: [],
    };
    const statusCode = mockStatusCode(payload);
    // The mock integration answers with the status its request template names ({"statusCode": 200}).
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html
    if (typeof statusCode !== 'number' || !Number.isInteger(statusCode)) {
      return fault(
        INTERNAL,
        'Execution failed due to configuration error: Unable to parse statusCode. It should be an integer that is defined in the request template.',
        record,
      );
    }
    selection = { kind: 'status', statusCode };
    endpointBody = '';
    // With no backend between them, what a MOCK's request template sets in $context.requestOverride and
    // $context.responseOverride (extra keys included) is still there for the integration response: its template reads
    // it, and a response status or header set there is sent, with or without a response template (LocalStack's
    // AWS-validated test_apigateway_integrations.py::test_integration_mock_with_response_override_in_request_template
    // [True] and [False], key "response"; ::test_integration_mock_with_request_overrides_in_response_template,
    // keys "invoke-path1", "invoke-path2", "invoke-path-else").
    return integrationResponse(
      integration,
      methodResponses,
      selection,
      endpointBody,
      null,
      [],
      false,
      params,
      request,
      record,
      overrides,
    );
  } else if (integration.type === 'AWS') {
    let event: unknown = {};
    if (payload.trim()) {
      try {
        event = JSON.parse(payload);
      } catch (error) {
        return fault(
          INTERNAL,
          `Execution failed due to configuration error: the integration request body is not JSON, which Lambda requires (${error instanceof Error ? error.message : String(error)})`,
        );
      }
    }
    const functionName = substituteStageVariables(integration.functionName, request.stageVariables);
    const req: IntegrationRequestTrace = {
      method: 'POST',
      url: integration.uri,
      headers: Object.entries(mapped.header),
      body: payload,
    };
    const invocationType = Object.entries(mapped.header).find(
      ([n]) => n.toLowerCase() === 'x-amz-invocation-type',
    )?.[1];
    if (invocationType === 'Event') {
      // Asynchronous invocation: Lambda accepts the event (202, empty payload) and the method answers at once
      // through the default integration response.
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-integration-async.html
      void deps.invokeLambda(functionName, event, integration.timeoutMs).catch(() => undefined);
      record = { event, request: req, outcome: { kind: 'result', payload: null }, logs: [] };
      return integrationResponse(
        integration,
        methodResponses,
        { kind: 'lambda', errorMessage: null },
        '',
        null,
        [],
        false,
        params,
        request,
        record,
      );
    }
    const { outcome, lambdaRequestId } = await deps.invokeLambda(functionName, event, integration.timeoutMs);
    if (outcome.kind === 'timeout') {
      return fault(TIMEOUT, `Execution failed due to a timeout error (${integration.timeoutMs} ms)`, {
        event,
        request: req,
        outcome: { kind: 'timeout' },
        logs: [],
      });
    }
    record = {
      event,
      request: req,
      outcome:
        outcome.kind === 'result'
          ? { kind: 'result', payload: outcome.payload }
          : { kind: 'error', error: outcome.error },
      logs: outcome.logs,
    };
    if (outcome.kind === 'error') {
      if (outcome.error.errorType === 'ResourceNotFoundException') {
        return fault(INTERNAL, `Execution failed due to configuration error: ${outcome.error.errorMessage}`, record);
      }
      // A function error goes through the integration responses, matched by errorMessage.
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/handle-errors-in-lambda-integration.html
      selection = { kind: 'lambda', errorMessage: outcome.error.errorMessage };
      // Lambda's function-error payload: {"errorMessage", "errorType", "stackTrace"}.
      const { errorMessage, errorType, stackTrace } = outcome.error;
      endpointBody = JSON.stringify(stackTrace ? { errorMessage, errorType, stackTrace } : { errorMessage, errorType });
      lambdaError = true;
      void lambdaRequestId;
    } else {
      selection = { kind: 'lambda', errorMessage: null };
      // The function's payload bytes as its runtime wrote them (see InvokeOutcome.payloadJson).
      endpointBody = outcome.payloadJson ?? (outcome.payload === undefined ? 'null' : JSON.stringify(outcome.payload));
    }
  } else {
    const sent = buildHttpRequest(integration, request, mapped, integrationPayload.bytes, params);
    if ('error' in sent) return fault(INTERNAL, `Execution failed due to configuration error: ${sent.error}`);
    const response = await callHttp(deps.fetch, sent, integration.timeoutMs);
    record = {
      event: payload,
      request: sent.trace,
      outcome:
        response.kind === 'ok'
          ? { kind: 'result', payload: { statusCode: response.status, headers: response.headers, body: response.text } }
          : { kind: 'timeout' },
      logs: [],
    };
    if (response.kind === 'timeout')
      return fault(TIMEOUT, `Execution failed due to a timeout error (${integration.timeoutMs} ms)`, record);
    if (response.kind === 'failed') {
      record.outcome = { kind: 'error', error: { errorType: 'IntegrationFailure', errorMessage: response.message } };
      return fault(INTEGRATION_FAILURE, `Execution failed due to an integration failure: ${response.message}`, record);
    }
    selection = { kind: 'status', statusCode: response.status };
    endpointBody = response.text;
    endpointBytes = response.bytes;
    endpointHeaders = response.headers;
  }

  return integrationResponse(
    integration,
    methodResponses,
    selection,
    endpointBody,
    endpointBytes,
    endpointHeaders,
    lambdaError,
    params,
    request,
    record,
  );
}

/**
 * The `statusCode` a MOCK request template's output names. Beside JSON, AWS reads the unquoted form CDK's CORS
 * preflight writes, `{statusCode: 200}`, as 200 (LocalStack's AWS-validated
 * test_apigateway_integrations.py::test_integration_mock_with_path_param: 200, empty body).
 */
function mockStatusCode(payload: string): unknown {
  if (!payload.trim()) return undefined;
  try {
    const doc: unknown = JSON.parse(payload);
    return doc && typeof doc === 'object' ? (doc as Record<string, unknown>).statusCode : undefined;
  } catch {
    const loose = /^\s*\{(?:[^{}]*,)?\s*(['"]?)statusCode\1\s*:\s*(\d+)\s*[,}]/.exec(payload);
    return loose ? Number(loose[2]) : undefined;
  }
}

/** Integration response → method response. */
function integrationResponse(
  integration: NonProxyIntegrationFields,
  methodResponses: Readonly<Record<string, MethodResponseModel>> | undefined,
  selection: SelectionValue,
  endpointBody: string,
  endpointBytes: Uint8Array | null,
  endpointHeaders: HeaderList,
  lambdaError: boolean,
  params: RequestParams,
  request: NonProxyRequest,
  record: IntegrationRecord,
  /** A MOCK request template's override maps, carried to the integration response. */
  carried: OverrideState | null = null,
): NonProxyResult {
  const chosen = selectIntegrationResponse(integration.responses, selection);
  if (!chosen) {
    const endpointStatus = selection.kind === 'status' ? selection.statusCode : 200;
    return fault(
      selection.kind === 'lambda' && selection.errorMessage !== null ? LAMBDA_ERROR_NO_MAPPING : INTERNAL,
      `Execution failed due to configuration error: No match for output mapping and no default output mapping configured. Endpoint Response Status Code: ${endpointStatus}`,
      record,
    );
  }
  if (methodResponses && !(chosen.statusCode in methodResponses)) {
    // Accepted at import (no header mappings), refused when selected. See method-responses.ts.
    return fault(
      INTERNAL,
      `Execution failed due to configuration error: Output mapping refers to an invalid method response: ${chosen.statusCode}`,
      record,
    );
  }
  // Only mapped headers reach the client: the integration response's headers are sources for mappings, no more.
  const headers = mapResponseParameters(chosen.responseParameters, {
    headers: endpointHeaders,
    body: endpointBody,
    lambdaError,
    stageVariables: request.stageVariables,
    context: request.context,
  });
  let status = Number(chosen.statusCode);
  // The integration response payload is binary when its Content-Type (a Lambda result's is application/json)
  // is one of the binaryMediaTypes; the client's Accept and contentHandling decide what the method response holds.
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings-workflow.html
  const binaryMediaTypes = request.binaryMediaTypes ?? [];
  const endpointContentType =
    headerValue(endpointHeaders, 'content-type') ?? (endpointBytes ? null : 'application/json');
  const endpointPayload = payloadOf(endpointBytes ?? UTF8.encode(endpointBody), endpointContentType, binaryMediaTypes);
  const accept = headerValue(request.headers, 'accept');
  let methodPayload: Payload | null;
  let contentType = 'application/json';
  const template = chooseResponseTemplate(chosen.responseTemplates, accept);
  if (!template) {
    methodPayload = convertResponsePayload(
      endpointPayload,
      chosen.contentHandling,
      isBinaryType(accept, binaryMediaTypes),
    );
    if (carried) {
      const override = responseOverrideOf(carried.responseOverride);
      if (override.status !== null) status = override.status;
      for (const [name, value] of Object.entries(override.header)) setHeader(headers, name, value);
    }
  } else {
    contentType = template.contentType;
    // A binary payload reaches a response template as base64 with CONVERT_TO_TEXT, and as its bytes read as UTF-8
    // otherwise. AWS documents no failure here (its "Unable to transform request" is the request side's), and the
    // known fix for a MOCK CORS preflight under binaryMediaTypes */* (CONVERT_TO_TEXT on the integration request
    // only) leaves the preflight's response template to render.
    const body = templateInputOf(endpointPayload, chosen.contentHandling) ?? UTF8_DECODER.decode(endpointPayload.bytes);
    try {
      const variables: TemplateVariables = {
        body,
        params,
        context: request.context,
        stageVariables: request.stageVariables,
      };
      if (carried) variables.overrides = carried;
      const rendered = renderMappingTemplate(template.template, variables);
      methodPayload = convertTemplateOutput(rendered.output, chosen.contentHandling);
      if (rendered.responseOverride.status !== null) status = rendered.responseOverride.status;
      for (const [name, value] of Object.entries(rendered.responseOverride.header)) setHeader(headers, name, value);
    } catch (error) {
      if (error instanceof InvalidJsonBodyError || error instanceof MappingTemplateError) {
        return fault(INTERNAL, `Execution failed due to configuration error: ${error.message}`, record);
      }
      throw error;
    }
  }
  if (!methodPayload)
    return fault(
      INTERNAL,
      `Execution failed due to configuration error: Unable to base64-decode the integration response (${chosen.contentHandling ?? 'a binary Accept type'})`,
      record,
    );
  const bytes = methodPayload.bytes;
  const mappedType = headers.findIndex(([n]) => n.toLowerCase() === 'content-type');
  if (mappedType >= 0) contentType = headers.splice(mappedType, 1)[0]![1];
  return {
    kind: 'response',
    status,
    headers: [['Content-Type', contentType], ...headers],
    body: bytes,
    integration: record,
  };
}

interface MappedRequest {
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
  request: Pick<NonProxyRequest, 'stageVariables' | 'context' | 'headers' | 'body'>,
): MappedRequest {
  const out: MappedRequest = { header: {}, querystring: {}, path: {} };
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
        else value = headerValue(request.headers, name);
      } else if (source.startsWith('stageVariables.'))
        value = request.stageVariables[source.slice('stageVariables.'.length)] ?? null;
      else if (source.startsWith('context.')) {
        let v: unknown = request.context;
        for (const key of source.slice('context.'.length).split('.'))
          v = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
        value = v === undefined || v === null ? null : String(v);
      } else if (source === 'method.request.body') value = request.body ? UTF8_DECODER.decode(request.body) : null;
    }
    if (value !== null) out[t[1] as keyof MappedRequest][t[2]!] = value;
  }
  return out;
}

interface HttpRequestToSend {
  method: string;
  url: string;
  headers: HeaderList;
  body: Uint8Array | null;
  trace: IntegrationRequestTrace;
}

function buildHttpRequest(
  integration: HttpIntegration,
  request: NonProxyRequest,
  mapped: MappedRequest,
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
    const contentType = headerValue(request.headers, 'content-type');
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

type HttpOutcome =
  | { kind: 'ok'; status: number; headers: HeaderList; text: string; bytes: Uint8Array }
  | { kind: 'timeout' }
  | { kind: 'failed'; message: string };

async function callHttp(fetchFn: typeof fetch, sent: HttpRequestToSend, timeoutMs: number): Promise<HttpOutcome> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
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
  } catch (error) {
    if (timedOut) return { kind: 'timeout' };
    return {
      kind: 'failed',
      message:
        error instanceof Error
          ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}`
          : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * An HTTP_PROXY answer's headers follow AWS's table (backend-response-headers.ts: Content-Length, Date, Server, … as
 * `x-amzn-Remapped-<name>`, hop-by-hop ones dropped). Besides: Keep-Alive (hop-by-hop) and Content-Encoding, because
 * `fetch` has already decoded the body.
 */
const DROPPED_AFTER_FETCH = new Set(['keep-alive', 'content-encoding']);

/** Header names `fetch` lower-cases, spelt as AWS spells them in `x-amzn-Remapped-<name>`. */
const SPELLING: Readonly<Record<string, string>> = {
  'x-amzn-requestid': 'x-amzn-RequestId',
  'www-authenticate': 'WWW-Authenticate',
  'content-md5': 'Content-MD5',
};

/** Serves an HTTP_PROXY method: the request passes through, the endpoint's response comes back as it is. */
export async function serveHttpProxy(
  integration: HttpIntegration,
  request: NonProxyRequest,
  deps: NonProxyDeps,
): Promise<NonProxyResult> {
  const params = requestParamsOf(request);
  const mapped = mapRequestParameters(integration.requestParameters, params, request);
  const sent = buildHttpRequest(integration, request, mapped, new Uint8Array(), params);
  if ('error' in sent) return fault(INTERNAL, `Execution failed due to configuration error: ${sent.error}`);
  const response = await callHttp(deps.fetch, sent, integration.timeoutMs);
  const record: IntegrationRecord = {
    event: sent.trace.body,
    request: sent.trace,
    outcome:
      response.kind === 'ok'
        ? { kind: 'result', payload: { statusCode: response.status, headers: response.headers, body: response.text } }
        : { kind: 'timeout' },
    logs: [],
  };
  if (response.kind === 'timeout')
    return fault(TIMEOUT, `Execution failed due to a timeout error (${integration.timeoutMs} ms)`, record);
  if (response.kind === 'failed') {
    record.outcome = { kind: 'error', error: { errorType: 'IntegrationFailure', errorMessage: response.message } };
    return fault(INTEGRATION_FAILURE, `Execution failed due to an integration failure: ${response.message}`, record);
  }
  const headers: HeaderList = [];
  let contentType = 'application/json';
  for (const [name, value] of response.headers) {
    const lower = name.toLowerCase();
    if (lower === 'content-type') contentType = value;
    else if (DROPPED_AFTER_FETCH.has(lower)) continue;
    else {
      const action = backendHeaderAction(lower, 'http_proxy');
      // Named as AWS names them (`x-amzn-Remapped-Content-Length`), whatever the case fetch reports.
      if (action === 'remap') headers.push([`x-amzn-Remapped-${SPELLING[lower] ?? canonicalHeaderName(lower)}`, value]);
      else if (action === 'pass') headers.push([name, value]);
    }
  }
  return {
    kind: 'response',
    status: response.status,
    headers: [['Content-Type', contentType], ...headers],
    body: response.bytes,
    integration: record,
  };
}

function headerValue(headers: ReadonlyArray<readonly [string, string]>, name: string): string | null {
  const lower = name.toLowerCase();
  let found: string | null = null;
  for (const [n, v] of headers) if (n.toLowerCase() === lower) found = v;
  return found;
}

function setHeader(headers: Array<[string, string]>, name: string, value: string): void {
  const i = headers.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
  if (i >= 0) headers[i] = [name, value];
  else headers.push([name, value]);
}
