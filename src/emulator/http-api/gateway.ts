import { Invocation } from '../shared/invocation.js';
import { clfTime, httpDate } from '../shared/clf-time.js';
import { lambdaContextInit } from '../shared/lambda-context.js';
import { StageRegistry } from '../shared/stage-registry.js';
import type { GatewayOptions, GatewayResult, HandleOptions } from '../shared/gateway-types.js';
import { headerListOf, lastHeader, type HeaderList } from '../shared/headers.js';
import { NULL_BODY_STATUSES } from '../shared/http-status.js';
import { newExtendedRequestId, newRequestId, newTraceRoot } from '../shared/ids.js';
import type { InvokeOutcome, LambdaInvoker } from '../shared/invoker.js';
import type { Stage } from '../shared/stage-registry.js';
import { parseProxyResult } from '../shared/proxy-response.js';
import { fromBase64 } from '../shared/base64.js';
import { DomainNames, type DomainNameConfig } from '../shared/domain-names.js';
import type { GatewayTrace, IntegrationTrace } from '../shared/trace.js';
import type { HttpEventInput } from './event-common.js';
import { buildHttpEventV1 } from './event-v1.js';
import { buildHttpEventV2 } from './event-v2.js';
import { DEFAULT_STAGE, type HttpApiModel, type HttpDeployment } from './model.js';
import { HTTP_API_MAX_PAYLOAD_BYTES, HTTP_API_RESPONSES, parseV2Result, type HttpErrorResponse } from './responses.js';
import { parseRouteKey, selectRoute } from './router.js';

export type HttpGatewayOptions = Pick<GatewayOptions, 'invoke' | 'region' | 'accountId' | 'functionTimeoutMs' | 'now'>;

const monotonic = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
const UTF8 = new TextEncoder();

/**
 * An API Gateway HTTP API (v2): deployments, stages (the `$default` stage served at the root of the invoke URL,
 * named stages under `/<stage>`), route selection, Lambda proxy integrations with payload format 1.0 or 2.0.
 * Same surface and trace as the REST API's {@link RestGateway}; web-standard Request/Response only.
 */
export class HttpGateway {
  readonly region: string;
  readonly accountId: string;
  readonly #invoke: LambdaInvoker;
  readonly #functionTimeoutMs: number;
  readonly #now: () => number;
  readonly #registry: StageRegistry<HttpApiModel>;
  /** Custom domain names with their API mappings. */
  readonly #domains = new DomainNames();

  constructor(options: HttpGatewayOptions) {
    this.#invoke = options.invoke;
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '123456789012';
    this.#functionTimeoutMs = options.functionTimeoutMs ?? 30_000;
    this.#now = options.now ?? Date.now;
    this.#registry = new StageRegistry(this.#now, [DEFAULT_STAGE]);
  }

  /** CreateDeployment: freezes a snapshot of the API; later changes to `api` do not affect it. */
  deploy(api: HttpApiModel, description = ''): HttpDeployment {
    return this.#registry.deploy(api, description);
  }

  /** CreateStage / UpdateStage. `$default` is served without a stage prefix. */
  putStage(stage: { name: string; deploymentId: string; variables?: Record<string, string> }): Stage {
    return this.#registry.putStage(stage);
  }

  /**
   * CreateDomainName with its API mappings: a request whose Host is `domainName` goes, by the longest mapping its
   * path starts with ('' or '(none)' is the root), to the mapped stage (`$default` included), with no stage segment.
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-mappings.html
   */
  putDomainName(config: DomainNameConfig): DomainNameConfig {
    return this.#domains.put(config);
  }

  /** The stages, in creation order. */
  stages(): Stage[] {
    return this.#registry.stages();
  }

  /** The deployment a stage serves. */
  deploymentOf(stageName: string): HttpDeployment | undefined {
    return this.#registry.deploymentOf(stageName);
  }

  /** Serves one request as an HTTP API would. Never throws for bad input. */
  async handle(request: Request, options: HandleOptions = {}): Promise<GatewayResult> {
    const started = monotonic();
    const epochMs = this.#now();
    const url = new URL(request.url);
    const rawHeaders = options.rawHeaders ?? headerListOf(request.headers);
    // HTTP APIs have one request id: `apigw-requestid`, also requestContext.requestId (`JKJaXmPLvHcESHA=`-like).
    const requestId = newExtendedRequestId();
    const trace: GatewayTrace = {
      requestId,
      extendedRequestId: requestId,
      stage: null,
      resourcePath: null,
      httpMethod: request.method,
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
    const finish = (status: number, headers: HeaderList, body: Uint8Array | null): GatewayResult => {
      trace.status = status;
      trace.responseHeaders = headers;
      trace.responseLength = body?.length ?? 0;
      trace.timings.totalMs = monotonic() - started;
      const bytes = body && body.length ? (body as Uint8Array<ArrayBuffer>) : null;
      let response: Response | undefined;
      return {
        trace,
        body: bytes,
        get response() {
          response ??= new Response(NULL_BODY_STATUSES.has(status) ? null : bytes, {
            status,
            headers: headers.filter(([n]) => n.toLowerCase() !== 'content-length' && n.toLowerCase() !== 'connection'),
          });
          return response;
        },
      };
    };
    // Captured HTTP/1.1 responses: Date, Content-Type, Content-Length, Connection, (the function's), Apigw-Requestid.
    const fail = (error: HttpErrorResponse, detail: string): GatewayResult => {
      trace.gatewayResponseType = error.type;
      trace.errorDetail = detail;
      const body = UTF8.encode(error.body);
      return finish(
        error.status,
        [
          ['Date', httpDate(epochMs)],
          ['Content-Type', 'application/json'],
          ['Content-Length', String(body.length)],
          ['Connection', 'keep-alive'],
          ['Apigw-Requestid', requestId],
        ],
        body,
      );
    };

    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : null;
    if (body && body.length > HTTP_API_MAX_PAYLOAD_BYTES) {
      return fail(
        HTTP_API_RESPONSES.REQUEST_TOO_LARGE,
        `request body of ${body.length} bytes exceeds the 10 MB payload quota`,
      );
    }

    // "If the request explicitly matches a stage, API Gateway sends the request to that stage. If no stage fully
    // matches the request, API Gateway sends the request to the $default stage. If there's no $default stage, then
    // the API returns {"message":"Not Found"}." (http-api-develop-routes.html)
    const pathname = url.pathname;
    const host = lastHeader(rawHeaders, 'host') ?? url.host;
    const routed = this.#domains.route(host, pathname);
    // AWS documents no response for a custom-domain path that matches no API mapping; an HTTP API's own "no such
    // route" answer is used.
    if (routed?.kind === 'unmapped')
      return fail(HTTP_API_RESPONSES.NOT_FOUND, `no API mapping of ${host} matches ${pathname}`);
    const slash = pathname.indexOf('/', 1);
    const first = routed ? routed.stage : safeDecode(slash < 0 ? pathname.slice(1) : pathname.slice(1, slash));
    let stage: Stage | undefined;
    let pathInStage: string;
    if (routed) {
      stage = this.#registry.stage(routed.stage);
      pathInStage = routed.path;
    } else {
      stage = first && first !== DEFAULT_STAGE ? this.#registry.stage(first) : undefined;
      pathInStage = stage ? (slash < 0 ? '/' : pathname.slice(slash)) : pathname;
      if (!stage) {
        stage = this.#registry.stage(DEFAULT_STAGE);
        pathInStage = pathname;
      }
    }
    const deployment = this.#registry.deploymentOf(stage);
    if (!stage || !deployment)
      return fail(
        HTTP_API_RESPONSES.NOT_FOUND,
        first ? `no stage named "${first}" and no $default stage` : 'no $default stage',
      );
    trace.stage = stage.name;
    const api = deployment.api;
    const match = selectRoute(api, request.method, pathInStage);
    if (!match) return fail(HTTP_API_RESPONSES.NOT_FOUND, `no route matches ${request.method} ${pathInStage}`);
    const { route } = match;
    trace.resourcePath = route.routeKey;
    const integration = route.integration;

    const clientTrace = lastHeader(rawHeaders, 'x-amzn-trace-id');
    const traceId =
      clientTrace && /Root=1-[0-9a-f]{8}-[0-9a-f]{24}/.test(clientTrace)
        ? clientTrace
        : `Root=${newTraceRoot(epochMs)}`;
    const parsedKey = parseRouteKey(route.routeKey);
    const input: HttpEventInput = {
      apiId: api.id,
      accountId: this.accountId,
      stage: stage.name,
      stageVariables: stage.variables,
      routeKey: route.routeKey,
      routePath: 'kind' in parsedKey && parsedKey.kind === 'path' ? parsedKey.path : null,
      pathParameters: match.pathParameters,
      method: request.method,
      // On a custom domain, rawPath leaves the API mapping out (and has no stage segment); payload 1.0's path keeps it.
      rawPath: routed ? routed.path : pathname,
      requestPath: pathname,
      pathInStage,
      rawQuery: url.search.slice(1),
      headers: rawHeaders,
      body: body && body.length ? body : null,
      host,
      scheme: url.protocol.replace(':', ''),
      port: url.port || (url.protocol === 'https:' ? '443' : '80'),
      sourceIp: trace.sourceIp,
      protocol: trace.protocol,
      requestId,
      traceId,
      epochMs,
    };
    const event = integration.payloadFormatVersion === '2.0' ? buildHttpEventV2(input) : buildHttpEventV1(input);

    const invokeStarted = monotonic();
    const lambdaRequestId = newRequestId();
    const outcome = await this.#invokeWithTimeout(
      integration.functionName,
      event,
      integration.timeoutMs,
      lambdaRequestId,
      epochMs,
    );
    const integrationMs = monotonic() - invokeStarted;
    trace.timings.integrationMs = integrationMs;
    const integrationTrace: IntegrationTrace = {
      type: integration.type,
      functionName: integration.functionName,
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

    if (outcome.kind === 'timeout')
      return fail(HTTP_API_RESPONSES.INTEGRATION_TIMEOUT, `integration timed out after ${integration.timeoutMs} ms`);
    if (outcome.kind === 'error') {
      return fail(
        HTTP_API_RESPONSES.INTEGRATION_FAILURE,
        `The Lambda function returned the following error: ${outcome.error.errorMessage}. Lambda request id: ${lambdaRequestId}`,
      );
    }

    let status: number;
    let fnHeaders: HeaderList;
    let text: string;
    let base64: boolean;
    if (integration.payloadFormatVersion === '2.0') {
      const parsed = parseV2Result(outcome.payload);
      if (!parsed.ok)
        return fail(HTTP_API_RESPONSES.MALFORMED_RESPONSE, `Malformed Lambda proxy response (${parsed.reason})`);
      const r = parsed.result;
      status = r.statusCode;
      // "In the response to the client, each cookie becomes a set-cookie header."
      fnHeaders = [...r.headers, ...r.cookies.map((c): [string, string] => ['Set-Cookie', c])];
      text = r.body;
      base64 = r.isBase64Encoded;
    } else {
      const parsed = parseProxyResult(outcome.payload);
      if (!parsed.ok)
        return fail(HTTP_API_RESPONSES.MALFORMED_RESPONSE, `Malformed Lambda proxy response (${parsed.reason})`);
      ({ statusCode: status, headers: fnHeaders, body: text, isBase64Encoded: base64 } = parsed.result);
    }
    let responseBody: Uint8Array = UTF8.encode(text);
    if (base64) {
      // HTTP APIs have no binaryMediaTypes: an isBase64Encoded body is always decoded.
      const decoded = fromBase64(text);
      if (!decoded) return fail(HTTP_API_RESPONSES.MALFORMED_RESPONSE, 'the isBase64Encoded body is not valid base64');
      responseBody = decoded;
    }
    return finish(status, successHeaders(fnHeaders, responseBody.length, epochMs, requestId), responseBody);
  }

  async #invokeWithTimeout(
    functionName: string,
    event: unknown,
    timeoutMs: number,
    lambdaRequestId: string,
    epochMs: number,
  ): Promise<InvokeOutcome | { kind: 'timeout' }> {
    const request = new Invocation(
      functionName,
      event,
      lambdaContextInit(
        { region: this.region, accountId: this.accountId, functionTimeoutMs: this.#functionTimeoutMs },
        functionName,
        lambdaRequestId,
        epochMs,
      ),
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<{ kind: 'timeout' }>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
    });
    const invocation = this.#invoke(request).catch((error: unknown): InvokeOutcome => ({
      kind: 'error',
      error: { errorType: 'Runtime.Unknown', errorMessage: error instanceof Error ? error.message : String(error) },
      logs: [],
    }));
    const outcome = await Promise.race([invocation, timeout]);
    clearTimeout(timer);
    if (outcome.kind === 'timeout') request.abort(new Error(`integration timeout after ${timeoutMs} ms`));
    return outcome;
  }
}

/**
 * The headers of a successful response: Date, Content-Type, Content-Length, Connection, the function's headers,
 * Apigw-Requestid (order as captured from HTTP APIs over HTTP/1.1). When the function sets no Content-Type and the
 * body is not empty, HTTP APIs send `text/plain; charset=utf-8` (captures of handlers returning
 * `{statusCode, body}` only); an empty body goes without one (a captured 302: date, content-length: 0, location,
 * apigw-requestid). The function's own Content-Length, Date and Connection are not passed on (unverified).
 */
function successHeaders(fnHeaders: HeaderList, length: number, epochMs: number, requestId: string): HeaderList {
  const own = fnHeaders.find(([n]) => n.toLowerCase() === 'content-type');
  const headers: HeaderList = [['Date', httpDate(epochMs)]];
  if (own) headers.push(own);
  else if (length > 0) headers.push(['Content-Type', 'text/plain; charset=utf-8']);
  headers.push(['Content-Length', String(length)], ['Connection', 'keep-alive']);
  for (const entry of fnHeaders) {
    const lower = entry[0].toLowerCase();
    if (lower === 'content-type' || lower === 'content-length' || lower === 'date' || lower === 'connection') continue;
    headers.push(entry);
  }
  headers.push(['Apigw-Requestid', requestId]);
  return headers;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
