import { Invocation } from '../shared/invocation.js';
import { clfTime, httpDate } from '../shared/clf-time.js';
import { StageRegistry } from '../shared/stage-registry.js';
import { GATEWAY_RESPONSES, MAX_PAYLOAD_BYTES, type GatewayErrorResponse } from './gateway-responses.js';
import { backendHeaderAction } from './backend-response-headers.js';
import {
  headerListOf,
  isBinaryMediaType,
  lastHeader,
  lastHeaderOf,
  lowerNames,
  mediaTypeOf,
  type HeaderList,
} from '../shared/headers.js';
import { newExtendedRequestId, newRequestId, newTraceRoot } from '../shared/ids.js';
import type { InvokeOutcome, LambdaContextInit, LambdaInvoker, LambdaStreamInvoker } from '../shared/invoker.js';
import { lambdaContextInit } from '../shared/lambda-context.js';
import type { Deployment, LambdaProxyIntegration, MethodModel, RestApiModel, Stage } from './model.js';
import { parseProxyResult } from '../shared/proxy-response.js';
import { splitUrl } from '../shared/request-url.js';
import { fromBase64 } from '../shared/base64.js';
import { DomainNames, type DomainNameConfig } from '../shared/domain-names.js';
import { buildRestProxyEvent } from './event.js';
import { matchRoute } from './router.js';
import type { GatewayTrace, IntegrationTrace } from '../shared/trace.js';
import type { GatewayOptions, GatewayResult, HandleOptions } from '../shared/gateway-types.js';
import { BUILT_IN, renderGatewayResponse, type BuiltInGatewayResponse } from './gateway-response-config.js';
import type { IntegrationRecord, NonProxyRequest, NonProxyResult } from './non-proxy.js';
import { requestParamsOf, substituteStageVariables } from './request-params.js';
import { holdResponseBody } from './http-proxy-stream.js';
import {
  openLambdaStream,
  streamedHeaders,
  streamedHttpProxyResult,
  streamedLambdaResult,
  type StreamedResultParts,
} from './streamed-response.js';

// The template engine (velocityjs) and the JSON Schema validator (ajv) load only when an API uses them.
let nonProxyModule: Promise<typeof import('./non-proxy.js')> | undefined;
let validationModule: Promise<typeof import('./request-validation.js')> | undefined;
const loadNonProxy = () => (nonProxyModule ??= import('./non-proxy.js'));
const loadValidation = () => (validationModule ??= import('./request-validation.js'));

/** A request in parts, for {@link RestGateway.handleParts}. */
export interface RequestParts extends HandleOptions {
  method: string;
  /** The absolute URL as `Request.url` serialises it: `http://127.0.0.1:3000/dev/items?a=1`. */
  url: string;
  /** Request headers in wire order and case. */
  rawHeaders: HeaderList;
  /** The body's bytes, null (or empty) when there is none. */
  body: Uint8Array | null;
}

export type { BasePathMapping, DomainNameConfig } from '../shared/domain-names.js';

/** A clock in milliseconds with sub-millisecond precision where the runtime has one. */
const monotonic = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * An API Gateway REST API: deployments, stages, and the request path from client to Lambda and back.
 * Web-standard `Request`/`Response` only, so it runs in Node, a Worker and a WebContainer alike.
 */
export class RestGateway {
  readonly region: string;
  readonly accountId: string;
  readonly #invoke: LambdaInvoker;
  readonly #invokeStream: LambdaStreamInvoker | undefined;
  readonly #functionTimeoutMs: number;
  readonly #now: () => number;
  readonly #fetch: typeof fetch;
  readonly #registry: StageRegistry<RestApiModel>;
  /** Custom domain names with their base path mappings. */
  readonly #domains = new DomainNames();

  constructor(options: GatewayOptions) {
    this.#invoke = options.invoke;
    this.#invokeStream = options.invokeStream;
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '123456789012';
    this.#functionTimeoutMs = options.functionTimeoutMs ?? 30_000;
    this.#now = options.now ?? Date.now;
    this.#registry = new StageRegistry(this.#now);
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** CreateDeployment: freezes a snapshot of the API; later changes to `api` do not affect it. */
  deploy(api: RestApiModel, description = ''): Deployment {
    return this.#registry.deploy(api, description);
  }

  /** CreateStage / UpdateStage: points a stage at a deployment, with its stage variables. */
  putStage(stage: { name: string; deploymentId: string; variables?: Record<string, string> }): Stage {
    return this.#registry.putStage(stage);
  }

  /**
   * CreateDomainName with its base path mappings: a request whose Host is `domainName` is routed by base path
   * (the longest that matches; '' or '(none)' is the root) to the mapped stage, with no stage segment in the URL.
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html
   */
  putDomainName(config: DomainNameConfig): DomainNameConfig {
    return this.#domains.put(config);
  }

  /** The stages, in creation order. */
  stages(): Stage[] {
    return this.#registry.stages();
  }

  /** The deployment a stage serves. */
  deploymentOf(stageName: string): Deployment | undefined {
    return this.#registry.deploymentOf(stageName);
  }

  /** Serves one request as API Gateway would, and says what happened. Never throws for bad input. */
  async handle(request: Request, options: HandleOptions = {}): Promise<GatewayResult> {
    const started = monotonic();
    const epochMs = this.#now();
    const rawHeaders = options.rawHeaders ?? headerListOf(request.headers);
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : null;
    return this.#serve(request.method, request.url, rawHeaders, body, options, started, epochMs);
  }

  /**
   * `handle` for adapters that have the request in parts (no Fetch `Request` to build): `url` must be
   * serialised as `Request.url` would be (the URL Standard's form, without a fragment).
   */
  handleParts(parts: RequestParts): Promise<GatewayResult> {
    return this.#serve(parts.method, parts.url, parts.rawHeaders, parts.body, parts, monotonic(), this.#now());
  }

  async #serve(
    method: string,
    href: string,
    rawHeaders: HeaderList,
    body: Uint8Array | null,
    options: HandleOptions,
    started: number,
    epochMs: number,
  ): Promise<GatewayResult> {
    const url = splitUrl(href);
    const trace: GatewayTrace = {
      requestId: newRequestId(),
      extendedRequestId: newExtendedRequestId(),
      stage: null,
      resourcePath: null,
      httpMethod: method,
      integration: null,
      gatewayResponseType: null,
      errorDetail: null,
      responseHeaders: [],
      status: 0,
      responseLength: 0,
      requestTime: clfTime(epochMs),
      requestTimeEpoch: epochMs,
      sourceIp: options.sourceIp ?? '127.0.0.1',
      protocol: options.protocol ?? 'HTTP/1.1',
      timings: { totalMs: 0, integrationMs: null },
    };

    if (body && body.length > MAX_PAYLOAD_BYTES) {
      return fail(
        trace,
        started,
        epochMs,
        GATEWAY_RESPONSES.REQUEST_TOO_LARGE,
        `request body of ${body.length} bytes exceeds the 10 MB payload limit`,
      );
    }

    // Slashes before the stage are merged: `//dev/x` is `/dev/x`, requestContext.path included (LocalStack's
    // AWS-validated test_apigateway_lambda.py::test_lambda_aws_proxy_integration,
    // snapshot key "invocation-payload-with-prepended-slash-to-stage").
    const pathname = url.pathname.charCodeAt(1) === 47 ? url.pathname.replace(/^\/+/, '/') : url.pathname;
    const lowers = lowerNames(rawHeaders);
    const host = lastHeaderOf(rawHeaders, lowers, 'host') ?? url.host;
    let stageName: string;
    let path: string;
    // On a custom domain name, the base path mapping, e.g. `/v1` ('' for the root mapping); undefined on execute-api.
    let basePath: string | undefined;
    const routed = this.#domains.route(host, pathname);
    if (routed) {
      // https://{domain-name}/{base-path}/...: the longest matching base path picks the stage; no stage segment.
      if (routed.kind === 'unmapped') {
        // AWS documents 403 "Missing Authentication Token" when a custom-domain URL path is incorrect
        // (https://repost.aws/knowledge-center/api-gateway-403-custom-domain); the exact response for a path that
        // matches no base path mapping at all could not be verified on an AWS page, so MISSING_AUTHENTICATION_TOKEN it is.
        return fail(
          trace,
          started,
          epochMs,
          GATEWAY_RESPONSES.MISSING_AUTHENTICATION_TOKEN,
          `no base path mapping of ${host} matches ${pathname}`,
        );
      }
      stageName = routed.stage;
      basePath = routed.basePath;
      path = routed.path;
    } else {
      // The first path segment names the stage: https://{api-id}.execute-api.{region}.amazonaws.com/{stage}/...
      const slash = pathname.indexOf('/', 1);
      const rawStage = slash < 0 ? pathname.slice(1) : pathname.slice(1, slash);
      stageName = rawStage.includes('%') ? decodeURIComponent(rawStage) : rawStage;
      path = slash < 0 ? '/' : pathname.slice(slash);
    }
    // The path after the stage as sent, for requestContext.path / $context.path.
    const sentPath = path;
    // Slashes at the start of the path after the stage are merged for routing and the event's `path`, while
    // requestContext.path keeps them: `GET /dev//hardcoded` is served by `/hardcoded`, not by a `/{proxy+}` sibling
    // (test_apigateway_lambda.py::test_lambda_aws_proxy_integration, snapshot keys "invocation-hardcoded" and
    // "invocation-payload-with-prepended-slash").
    if (path.charCodeAt(1) === 47) path = path.replace(/^\/+/, '/');
    const stage = this.#registry.stage(stageName);
    const deployment = this.#registry.deploymentOf(stage);
    if (!stage || !deployment) {
      return fail(
        trace,
        started,
        epochMs,
        GATEWAY_RESPONSES.MISSING_AUTHENTICATION_TOKEN,
        stageName ? `no stage named "${stageName}"` : 'the URL names no stage',
      );
    }
    trace.stage = stage.name;
    const api = deployment.api;
    const match = matchRoute(api, path, method);
    if (!match || !match.method) {
      const detail = match ? `resource ${match.resource.path} has no ${method} method` : `no resource matches ${path}`;
      if (api.gatewayResponses) {
        return this.#failCustom(
          trace,
          started,
          epochMs,
          api,
          stage,
          { path, rawQuery: url.query, headers: rawHeaders, pathParameters: null },
          GATEWAY_RESPONSES.MISSING_AUTHENTICATION_TOKEN,
          detail,
          null,
        );
      }
      return fail(trace, started, epochMs, GATEWAY_RESPONSES.MISSING_AUTHENTICATION_TOKEN, detail);
    }
    trace.resourcePath = match.resource.path;
    const integration = match.method.integration;

    const clientTrace = lastHeaderOf(rawHeaders, lowers, 'x-amzn-trace-id');
    const traceId = clientTrace && TRACE_ROOT.test(clientTrace) ? clientTrace : `Root=${newTraceRoot(epochMs)}`;

    if (integration.type !== 'AWS_PROXY' || match.method.requestValidator !== undefined || api.gatewayResponses) {
      // REST features beyond the Lambda proxy fast path: request validation, non-proxy integrations, custom gateway responses.
      const request: NonProxyRequest = {
        method,
        path,
        rawQuery: url.query,
        headers: rawHeaders,
        body: body && body.length ? body : null,
        pathParameters: match.pathParameters,
        stageVariables: stage.variables,
        traceId,
        binaryMediaTypes: api.binaryMediaTypes,
        context: {
          accountId: this.accountId,
          apiId: api.id,
          deploymentId: deployment.id,
          domainName: host.replace(/:\d+$/, ''),
          domainPrefix: host.split('.')[0]!,
          extendedRequestId: trace.extendedRequestId,
          httpMethod: method,
          identity: {
            sourceIp: trace.sourceIp,
            userAgent: lastHeaderOf(rawHeaders, lowers, 'user-agent'),
            accountId: null,
            apiKey: null,
            apiKeyId: null,
            caller: null,
            user: null,
            userArn: null,
          },
          path: basePath === undefined ? `/${stage.name}${sentPath}` : `${basePath}${sentPath}`,
          protocol: trace.protocol,
          requestId: trace.requestId,
          requestTime: trace.requestTime,
          requestTimeEpoch: epochMs,
          resourceId: match.resource.id,
          resourcePath: match.resource.path,
          stage: stage.name,
        },
      };
      const rejected = await this.#validate(api, match.method, request);
      if (rejected)
        return this.#failCustom(
          trace,
          started,
          epochMs,
          api,
          stage,
          request,
          rejected.builtIn,
          rejected.detail,
          traceId,
          rejected.validationErrorString,
        );
      if (integration.type !== 'AWS_PROXY') {
        const invokeStarted = monotonic();
        // HTTP_PROXY with responseTransferMode STREAM: the endpoint's body is held back and streamed (rest/http-proxy-stream.ts).
        const held =
          integration.type === 'HTTP_PROXY' && integration.responseTransferMode === 'STREAM'
            ? holdResponseBody(this.#fetch)
            : null;
        const deps = {
          fetch: held ? held.fetch : this.#fetch,
          invokeLambda: async (functionName: string, event: unknown, timeoutMs: number) => {
            const lambdaRequestId = newRequestId();
            return {
              outcome: await this.#invokeWithTimeout(functionName, event, timeoutMs, lambdaRequestId, epochMs),
              lambdaRequestId,
            };
          },
        };
        const { serveHttpProxy, serveNonProxy } = await loadNonProxy();
        const served: NonProxyResult =
          integration.type === 'HTTP_PROXY'
            ? await serveHttpProxy(integration, request, deps)
            : await serveNonProxy(integration, request, deps, match.method.methodResponses);
        if (served.integration) {
          trace.timings.integrationMs = monotonic() - invokeStarted;
          trace.integration = integrationTraceOf(
            integration.type,
            substituteStageVariables(integration.functionName ?? '', stage.variables),
            served.integration,
            trace.timings.integrationMs,
          );
        }
        if (served.kind === 'fault')
          return this.#failCustom(trace, started, epochMs, api, stage, request, served.fault, served.detail, traceId);
        const headers: HeaderList = [
          ['Date', httpDate(epochMs)],
          served.headers[0]!,
          ['Content-Length', String(served.body.length)],
          ['Connection', 'keep-alive'],
          ['x-amzn-RequestId', trace.requestId],
          ...served.headers.slice(1),
          ['x-amz-apigw-id', trace.extendedRequestId],
          ['X-Amzn-Trace-Id', `${traceId};Sampled=0`],
        ];
        if (held)
          return finishStreamed(
            trace,
            started,
            streamedHttpProxyResult(
              trace,
              served.status,
              headers,
              held.body(),
              integration.timeoutMs - (monotonic() - invokeStarted),
              api.endpointType,
            ),
          );
        return finish(trace, started, served.status, headers, served.body);
      }
    }
    const event = buildRestProxyEvent({
      apiId: api.id,
      accountId: this.accountId,
      deploymentId: deployment.id,
      endpointType: api.endpointType,
      binaryMediaTypes: api.binaryMediaTypes,
      stage: stage.name,
      stageVariables: stage.variables,
      resourceId: match.resource.id,
      resourcePath: match.resource.path,
      pathParameters: match.pathParameters,
      httpMethod: method,
      path,
      sentPath: sentPath === path ? undefined : sentPath,
      basePath,
      rawQuery: url.query,
      headers: rawHeaders,
      lowerNames: lowers,
      body: body && body.length ? body : null,
      host,
      scheme: url.scheme,
      port: url.port || (url.scheme === 'https' ? '443' : '80'),
      sourceIp: trace.sourceIp,
      protocol: trace.protocol,
      requestId: trace.requestId,
      extendedRequestId: trace.extendedRequestId,
      traceId,
      epochMs,
    });

    const invokeStarted = monotonic();
    const lambdaRequestId = newRequestId();
    // A function named by a stage variable (`function:${stageVariables.fn}`) is resolved per stage.
    const functionName = integration.functionName.includes('${')
      ? substituteStageVariables(integration.functionName, stage.variables)
      : integration.functionName;
    if (integration.responseTransferMode === 'STREAM') {
      return this.#serveLambdaStream(
        trace,
        started,
        epochMs,
        api,
        stage,
        { path, rawQuery: url.query, headers: rawHeaders, pathParameters: match.pathParameters },
        integration,
        functionName,
        event,
        lambdaRequestId,
        traceId,
      );
    }
    const outcome = await this.#invokeWithTimeout(functionName, event, integration.timeoutMs, lambdaRequestId, epochMs);
    const integrationMs = monotonic() - invokeStarted;
    trace.timings.integrationMs = integrationMs;
    const integrationTrace: IntegrationTrace = {
      type: integration.type,
      functionName,
      event,
      outcome:
        outcome.kind === 'timeout'
          ? { kind: 'timeout' }
          : outcome.kind === 'result'
            ? { kind: 'result', payload: outcome.payload }
            : { kind: 'error', error: outcome.error },
      logs: outcome.kind === 'timeout' ? [] : outcome.logs,
      durationMs: integrationMs,
    };
    trace.integration = integrationTrace;

    if (outcome.kind === 'timeout') {
      return this.#failCustom(
        trace,
        started,
        epochMs,
        api,
        stage,
        { path, rawQuery: url.query, headers: rawHeaders, pathParameters: match.pathParameters },
        GATEWAY_RESPONSES.INTEGRATION_TIMEOUT,
        `Execution failed due to a timeout error (${integration.timeoutMs} ms)`,
        traceId,
      );
    }
    if (outcome.kind === 'error') {
      if (outcome.error.errorType === 'ResourceNotFoundException') {
        return this.#failCustom(
          trace,
          started,
          epochMs,
          api,
          stage,
          { path, rawQuery: url.query, headers: rawHeaders, pathParameters: match.pathParameters },
          GATEWAY_RESPONSES.API_CONFIGURATION_ERROR,
          `Execution failed due to configuration error: ${outcome.error.errorMessage}`,
          traceId,
        );
      }
      return this.#failCustom(
        trace,
        started,
        epochMs,
        api,
        stage,
        { path, rawQuery: url.query, headers: rawHeaders, pathParameters: match.pathParameters },
        GATEWAY_RESPONSES.LAMBDA_FUNCTION_ERROR,
        `Lambda execution failed with status 200 due to customer function error: ${outcome.error.errorMessage}. Lambda request id: ${lambdaRequestId}`,
        traceId,
      );
    }
    const parsed = parseProxyResult(outcome.payload);
    if (!parsed.ok) {
      return this.#failCustom(
        trace,
        started,
        epochMs,
        api,
        stage,
        { path, rawQuery: url.query, headers: rawHeaders, pathParameters: match.pathParameters },
        GATEWAY_RESPONSES.MALFORMED_PROXY_RESPONSE,
        `Execution failed due to configuration error: Malformed Lambda proxy response (${parsed.reason})`,
        traceId,
      );
    }
    const result = parsed.result;
    let responseBody: Uint8Array = UTF8.encode(result.body);
    const contentType = lastHeader(result.headers, 'content-type');
    if (result.isBase64Encoded) {
      // "API Gateway uses the first Accept header from clients to determine if a response should return binary
      // media": decoded when the first media type the client accepts is a binary media type, otherwise the base64
      // text is sent as it is, whatever the function's Content-Type.
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html
      const accept = mediaTypeOf(lastHeaderOf(rawHeaders, lowers, 'accept'));
      if (isBinaryMediaType(accept, api.binaryMediaTypes)) {
        const decoded = fromBase64(result.body);
        if (!decoded)
          return this.#failCustom(
            trace,
            started,
            epochMs,
            api,
            stage,
            { path, rawQuery: url.query, headers: rawHeaders, pathParameters: match.pathParameters },
            GATEWAY_RESPONSES.API_CONFIGURATION_ERROR,
            'Execution failed due to configuration error: Unable to base64-decode the body',
            traceId,
          );
        responseBody = decoded;
      }
    }
    return finish(
      trace,
      started,
      result.statusCode,
      successHeaders(result.headers, contentType, responseBody.length, epochMs, trace, traceId),
      responseBody,
    );
  }

  /** Basic request validation when the method names a request validator. */
  async #validate(
    api: Readonly<RestApiModel>,
    method: MethodModel,
    request: NonProxyRequest,
  ): Promise<{ builtIn: BuiltInGatewayResponse; detail: string; validationErrorString: string } | null> {
    if (method.requestValidator === undefined) return null;
    const validator = api.requestValidators?.[method.requestValidator];
    if (!validator) return null;
    const { validateRequest } = await loadValidation();
    const params = requestParamsOf(request);
    const outcome = validateRequest(
      validator,
      { requestParameters: method.requestParameters ?? {}, requestModels: method.requestModels ?? {} },
      api.models ?? {},
      {
        path: params.path,
        querystring: params.querystring,
        headers: request.headers,
        contentType:
          params.header['Content-Type'] ??
          Object.entries(params.header).find(([n]) => n.toLowerCase() === 'content-type')?.[1] ??
          null,
        body: request.body ? new TextDecoder().decode(request.body) : '',
      },
    );
    if (outcome.ok) return null;
    return {
      builtIn:
        outcome.type === 'BAD_REQUEST_PARAMETERS'
          ? BUILT_IN.badRequestParameters(outcome.message)
          : BUILT_IN.badRequestBody(),
      detail: `Request validation failed: ${outcome.detail}`,
      validationErrorString: outcome.validationErrorString,
    };
  }

  /** A gateway response under the API's customisations (x-amazon-apigateway-gateway-responses). */
  #failCustom(
    trace: GatewayTrace,
    started: number,
    epochMs: number,
    api: Readonly<RestApiModel>,
    stage: Stage,
    request: Pick<NonProxyRequest, 'path' | 'rawQuery' | 'headers' | 'pathParameters'> & {
      context?: Record<string, unknown>;
    },
    error:
      | GatewayErrorResponse
      | BuiltInGatewayResponse
      | { type: string; status: number; body: string; contentType: string; errorType: string },
    detail: string,
    traceId: string | null,
    /** `$context.error.validationErrorString`: set for request validation failures only, '' otherwise. */
    validationErrorString = '',
  ): GatewayResult {
    if (!api.gatewayResponses) return fail(trace, started, epochMs, error, detail, traceId);
    const params = requestParamsOf(request);
    const rendered = renderGatewayResponse(
      error,
      api.gatewayResponses,
      {
        context: request.context ?? {
          requestId: trace.requestId,
          extendedRequestId: trace.extendedRequestId,
          stage: stage.name,
          httpMethod: trace.httpMethod,
          apiId: api.id,
          path: `/${stage.name}${request.path}`,
        },
        stageVariables: stage.variables,
        request: { path: params.path, querystring: params.querystring, headers: request.headers },
        validationErrorString,
      },
      lastHeader(request.headers, 'accept'),
    );
    if (!rendered.customised) return fail(trace, started, epochMs, error, detail, traceId);
    return fail(
      trace,
      started,
      epochMs,
      {
        type: rendered.type,
        status: rendered.status,
        body: rendered.body,
        contentType: rendered.contentType,
        errorType: rendered.errorType,
      },
      detail,
      traceId,
      rendered.headers,
    );
  }

  /** The `context` of one invocation of `functionName`. */
  #contextInit(functionName: string, lambdaRequestId: string, epochMs: number): LambdaContextInit {
    return lambdaContextInit(
      { region: this.region, accountId: this.accountId, functionTimeoutMs: this.#functionTimeoutMs },
      functionName,
      lambdaRequestId,
      epochMs,
    );
  }

  /**
   * A Lambda proxy integration with `responseTransferMode: STREAM` (rest/streamed-response.ts): the function is
   * invoked with a streamed response; the client gets the status and headers of its metadata, then the body as the
   * function writes it. The integration timeout runs until the metadata and delimiter arrive (then 504, as for a
   * buffered call: assumed, AWS documents no error for this case) and goes on bounding the body, which is cut when it
   * passes.
   */
  async #serveLambdaStream(
    trace: GatewayTrace,
    started: number,
    epochMs: number,
    api: Readonly<RestApiModel>,
    stage: Stage,
    request: Pick<NonProxyRequest, 'path' | 'rawQuery' | 'headers' | 'pathParameters'>,
    integration: LambdaProxyIntegration,
    functionName: string,
    event: unknown,
    lambdaRequestId: string,
    traceId: string,
  ): Promise<GatewayResult> {
    const integrationTrace: IntegrationTrace = {
      type: integration.type,
      functionName,
      event,
      outcome: { kind: 'timeout' },
      logs: [],
      durationMs: 0,
    };
    trace.integration = integrationTrace;
    const invokeStarted = monotonic();
    const context = this.#contextInit(functionName, lambdaRequestId, epochMs);
    const opened = await openLambdaStream(
      this.#invokeStream,
      { functionName, event, context },
      integration.timeoutMs,
      integrationTrace,
    );
    // The integration latency of a streamed call is, here, the time to its metadata (AWS's timeToAllHeaders).
    trace.timings.integrationMs = integrationTrace.durationMs = monotonic() - invokeStarted;
    if (opened.kind === 'fault')
      return this.#failCustom(
        trace,
        started,
        epochMs,
        api,
        stage,
        request,
        GATEWAY_RESPONSES[opened.fault],
        opened.detail,
        traceId,
      );
    const { headers: fnHeaders, cookies } = opened.metadata;
    const headers = streamedHeaders(
      successHeaders(fnHeaders, lastHeader(fnHeaders, 'content-type'), 0, epochMs, trace, traceId),
      cookies,
    );
    return finishStreamed(
      trace,
      started,
      streamedLambdaResult(
        trace,
        integrationTrace,
        opened,
        headers,
        integration.timeoutMs - integrationTrace.durationMs,
        api.endpointType,
      ),
    );
  }

  /**
   * Invokes a function, racing the integration timeout (one timer, one promise); on timeout the runner
   * is told to stop.
   */
  #invokeWithTimeout(
    functionName: string,
    event: unknown,
    timeoutMs: number,
    lambdaRequestId: string,
    epochMs: number,
  ): Promise<InvokeOutcome | typeof TIMED_OUT> {
    const request = new Invocation(functionName, event, this.#contextInit(functionName, lambdaRequestId, epochMs));
    return new Promise((resolve) => {
      let settled = false;
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        resolve(TIMED_OUT);
        request.abort(new Error(`integration timeout after ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (outcome: InvokeOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      let invocation: Promise<InvokeOutcome>;
      try {
        invocation = this.#invoke(request);
      } catch (error) {
        clearTimeout(timer);
        throw error;
      }
      invocation.then(done, (error: unknown) =>
        done({
          kind: 'error',
          error: { errorType: 'Runtime.Unknown', errorMessage: error instanceof Error ? error.message : String(error) },
          logs: [],
        }),
      );
    });
  }
}

/** The trace of a non-proxy or HTTP integration call. */
function integrationTraceOf(
  type: string,
  functionName: string,
  record: IntegrationRecord,
  durationMs: number,
): IntegrationTrace {
  return {
    type,
    functionName,
    event: record.event,
    request: record.request,
    outcome: record.outcome,
    logs: record.logs,
    durationMs,
  };
}

/** What `#invokeWithTimeout` gives when the integration timeout passes first. */
const TIMED_OUT = Object.freeze({ kind: 'timeout' as const });

/** X-Ray's trace header root, as a client may send it. */
const TRACE_ROOT = /Root=1-[0-9a-f]{8}-[0-9a-f]{24}/;

const UTF8 = new TextEncoder();

/** The lazy Fetch `Response` of a result: building one costs more than the rest of the gateway's work per request. */
class Result implements GatewayResult {
  #response: Response | undefined;
  constructor(
    readonly trace: GatewayTrace,
    readonly body: Uint8Array | null,
    status: number,
    headers: HeaderList,
  ) {
    this.#status = status;
    this.#headers = headers;
  }

  readonly #status: number;
  readonly #headers: HeaderList;

  get response(): Response {
    this.#response ??= new Response(this.body as Uint8Array<ArrayBuffer> | null, {
      status: this.#status,
      headers: this.#headers.filter(([n]) => n.toLowerCase() !== 'content-length'),
    });
    return this.#response;
  }
}

/** A streamed answer: the status and headers now, the body as it comes (`trace.responseLength` counts it as it goes). */
class StreamedResult implements GatewayResult {
  readonly body = undefined;
  #response: Response | undefined;
  readonly #status: number;
  readonly #headers: HeaderList;
  constructor(
    readonly trace: GatewayTrace,
    status: number,
    headers: HeaderList,
    readonly bodyStream: ReadableStream<Uint8Array> | null,
  ) {
    this.#status = status;
    this.#headers = headers;
  }

  get response(): Response {
    this.#response ??= new Response(this.bodyStream, { status: this.#status, headers: this.#headers });
    return this.#response;
  }
}

/** Completes the trace of a streamed answer (its body still to come) and wraps it. */
function finishStreamed(trace: GatewayTrace, started: number, parts: StreamedResultParts): GatewayResult {
  trace.status = parts.status;
  trace.responseHeaders = parts.headers;
  trace.timings.totalMs = monotonic() - started;
  return new StreamedResult(trace, parts.status, parts.headers, parts.body);
}

/** Completes the trace and wraps the answer. */
function finish(
  trace: GatewayTrace,
  started: number,
  status: number,
  headers: HeaderList,
  body: Uint8Array | null,
): GatewayResult {
  trace.status = status;
  trace.responseHeaders = headers;
  trace.responseLength = body?.length ?? 0;
  trace.timings.totalMs = monotonic() - started;
  return new Result(trace, body && body.length ? body : null, status, headers);
}

/** The gateway's own error answer (a gateway response). */
function fail(
  trace: GatewayTrace,
  started: number,
  epochMs: number,
  error: Pick<GatewayErrorResponse, 'type' | 'status' | 'body' | 'contentType' | 'errorType'>,
  detail: string,
  traceId: string | null = null,
  extraHeaders: HeaderList = [],
): GatewayResult {
  trace.gatewayResponseType = error.type;
  trace.errorDetail = detail;
  const body = UTF8.encode(error.body);
  if (error.type === 'REQUEST_TOO_LARGE') {
    // Refused before API Gateway assigns a request id: none of its x-amzn-* headers (see GATEWAY_RESPONSES).
    return finish(
      trace,
      started,
      error.status,
      [
        ['Date', httpDate(epochMs)],
        ['Content-Type', error.contentType],
        ['Content-Length', String(body.length)],
        ['Connection', 'keep-alive'],
      ],
      body,
    );
  }
  const headers: HeaderList = [
    ['Date', httpDate(epochMs)],
    ['Content-Type', error.contentType],
    ['Content-Length', String(body.length)],
    ['Connection', 'keep-alive'],
    ['x-amzn-RequestId', trace.requestId],
    ...extraHeaders,
    ['x-amzn-ErrorType', error.errorType],
    ['x-amz-apigw-id', trace.extendedRequestId],
  ];
  if (traceId) headers.push(['X-Amzn-Trace-Id', traceId]);
  return finish(trace, started, error.status, headers, body);
}

/**
 * The headers of a successful proxy response: API Gateway's own around the function's. A function's header that
 * clashes with the gateway's (Content-Length, Date, Connection, Server, …) is passed on as `x-amzn-Remapped-<name>`,
 * a hop-by-hop one (Transfer-Encoding, Upgrade, …) is dropped: see backend-response-headers.ts.
 */
function successHeaders(
  fnHeaders: HeaderList,
  contentType: string | null,
  length: number,
  epochMs: number,
  trace: GatewayTrace,
  traceId: string,
): HeaderList {
  const headers: HeaderList = [
    ['Date', httpDate(epochMs)],
    ['Content-Type', contentType ?? 'application/json'],
    ['Content-Length', String(length)],
    ['Connection', 'keep-alive'],
    ['x-amzn-RequestId', trace.requestId],
  ];
  if (contentType !== null) {
    // Keep the function's own spelling of Content-Type.
    const own = fnHeaders.find(([n]) => n.toLowerCase() === 'content-type');
    if (own) headers[1] = [own[0], contentType];
  }
  for (const [name, value] of fnHeaders) {
    const lower = name.toLowerCase();
    if (lower === 'content-type') continue;
    const action = backendHeaderAction(lower, 'lambda');
    if (action === 'remap') headers.push([`x-amzn-Remapped-${name}`, value]);
    else if (action === 'pass') headers.push([name, value]);
  }
  headers.push(['x-amz-apigw-id', trace.extendedRequestId]);
  headers.push(['X-Amzn-Trace-Id', `${traceId};Sampled=0`]);
  return headers;
}
