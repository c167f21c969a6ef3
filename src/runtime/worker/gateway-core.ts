/**
 * The yaml-free core of run-in-gateway.ts (which re-exports all of it): one sandbox run through
 * the emulator with the definition parser given. The Worker runtime's gateway worker imports this
 * module, not run-in-gateway.ts, so its bundle carries no YAML parser (yaml was ~80% of it): the
 * site's sandboxes send their definition as JSON (parsed from YAML at build time).
 */
import {
  API_TYPES,
  apiTypeEntryOf,
  importApi,
  statusText,
  type AnyGateway,
  type ApiModel,
  type ApiTypeEntry,
  type DomainNameConfig,
  type GatewayTrace,
  type ApiType,
  type EndpointType,
  type LambdaErrorPayload,
  type LambdaInvoker,
  type RestApiModel,
} from '../../emulator/index.js';
import type { AwsServices } from '../../emulator/aws-services/types.js';
import { applyRunStageSettings } from '../stage-settings.js';
import type { RunOutcome, RuntimeKind, SandboxRun } from '../types.js';

export interface RunInGatewayOptions {
  /** The runtime that serves the run (reported in the outcome). */
  runtime: RuntimeKind;
  /** The client's address the event reports (default 127.0.0.1). */
  sourceIp?: string;
  /** Clock, for tests. */
  now?: () => number;
  /** Calls the REST API's HTTP and HTTP_PROXY integration endpoints (default the global `fetch`). */
  fetch?: typeof fetch;
}

/** What a run's gateway is created with: its functions' invoker, clock, HTTP fetch and AWS services (issue #14). */
export interface GatewayRunOptions {
  invoke: LambdaInvoker;
  now?: () => number;
  fetch?: typeof fetch;
  /** The run's embedded AWS services (`SandboxRun.services`); absent: the gateway makes empty ones on first use. */
  awsServices?: AwsServices;
}

/** Turns a definition's text into the OpenAPI document it holds. */
export type DefinitionParser = (text: string) => unknown;

/** Whether a definition's text is JSON (an object) rather than YAML. */
export const isJsonDefinition = (text: string): boolean => /^\s*\{/.test(text);

/** JSON only (the Worker runtime's gateway, which ships without a YAML parser). */
export const parseJsonDefinition: DefinitionParser = (text) => {
  if (!isJsonDefinition(text))
    throw new SyntaxError('the API definition must be JSON here (convert YAML before sending it)');
  return JSON.parse(text) as unknown;
};

/** Imported definitions, by API type, API id and text: a sandbox re-runs the same definition many times. */
const imported = new Map<string, ApiModel>();
const IMPORT_CACHE_SIZE = 16;

/**
 * Parses the definition with `parse` and imports it as the API type asked for, or as the one it looks like
 * (`apiTypeOf`: an HTTP API's integrations carry `payloadFormatVersion`). A fresh copy each call; `timeoutMs`
 * overrides every integration's timeout.
 */
export function apiModelFromDefinitionWith(
  parse: DefinitionParser,
  definition: string,
  apiId: string,
  options: {
    timeoutMs?: number | undefined;
    apiType?: ApiType | undefined;
    endpointType?: EndpointType | undefined;
  } = {},
): ApiModel {
  const { timeoutMs, apiType, endpointType } = options;
  const key = `${apiType ?? ''}\u0000${endpointType ?? ''}\u0000${apiId}\u0000${definition}`;
  let model = imported.get(key);
  if (!model) {
    model = importApi(parse(definition), {
      apiId,
      ...(apiType ? { apiType } : {}),
      ...(endpointType ? { endpointType } : {}),
    });
    if (imported.size >= IMPORT_CACHE_SIZE) imported.delete(imported.keys().next().value!);
    imported.set(key, model);
  }
  const api = structuredClone(model);
  if (timeoutMs !== undefined) {
    if (!Number.isFinite(timeoutMs) || timeoutMs < 1)
      throw new RangeError(`integration timeout must be a positive number of milliseconds (got ${timeoutMs})`);
    apiTypeEntryOf(api).setIntegrationTimeouts(api, Math.round(timeoutMs));
  }
  return api;
}

/** Parses the definition with `parse` and imports it as a REST API (a fresh copy each call). */
export function apiFromDefinitionWith(
  parse: DefinitionParser,
  definition: string,
  apiId: string,
  timeoutMs?: number,
  endpointType?: EndpointType,
): RestApiModel {
  return apiModelFromDefinitionWith(parse, definition, apiId, {
    timeoutMs,
    apiType: 'REST',
    endpointType,
  }) as RestApiModel;
}

/**
 * A gateway of the API's type ({@link API_TYPES}) with the API deployed to `stage` (an HTTP API's `$default` stage is
 * served at the root of the invoke URL, without a stage segment).
 */
export function deployedGateway(
  api: ApiModel,
  stage: string,
  options: GatewayRunOptions & { variables?: Record<string, string> },
): AnyGateway {
  const type = apiTypeEntryOf(api);
  if (!type.hasDefaultStage && stage === '$default')
    throw new RangeError('stage "$default": only HTTP APIs have a $default stage (this definition is a REST API)');
  const gateway = type.createGateway({
    invoke: options.invoke,
    ...(options.now ? { now: options.now } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.awsServices ? { awsServices: options.awsServices } : {}),
  });
  gateway.putStage({
    name: stage,
    deploymentId: type.deploy(gateway, api),
    ...(options.variables ? { variables: options.variables } : {}),
  });
  return gateway;
}

/**
 * A gateway with several stages, each pointing at a deployment of its API: stages with the same definition
 * share one deployment, a different definition is a deployment of its own (CreateDeployment, then UpdateStage).
 * The APIs must be of one type.
 */
export function deployedStages(
  stages: ReadonlyArray<{ name: string; api: ApiModel; definition: string; variables?: Record<string, string> }>,
  options: GatewayRunOptions,
): AnyGateway {
  const kind = stages[0]?.api.kind ?? 'REST';
  if (stages.some((s) => s.api.kind !== kind))
    throw new RangeError("the stages' definitions must all be REST APIs or all HTTP APIs");
  const type = API_TYPES[kind] as ApiTypeEntry<ApiModel>;
  const gateway = type.createGateway({
    invoke: options.invoke,
    ...(options.now ? { now: options.now } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.awsServices ? { awsServices: options.awsServices } : {}),
  });
  const deployments = new Map<string, string>();
  for (const stage of stages) {
    if (!type.hasDefaultStage && stage.name === '$default')
      throw new RangeError('stage "$default": only HTTP APIs have a $default stage (this definition is a REST API)');
    let id = deployments.get(stage.definition);
    if (id === undefined) {
      id = type.deploy(gateway, stage.api);
      deployments.set(stage.definition, id);
    }
    gateway.putStage({
      name: stage.name,
      deploymentId: id,
      ...(stage.variables ? { variables: stage.variables } : {}),
    });
  }
  return gateway;
}

/** The Fetch request for a run (its invoke URL and request); throws a readable error for a header the Fetch API rejects. */
export function requestOf(run: Pick<SandboxRun, 'invokeUrl' | 'request'>): Request {
  const { method, path, headers: rawHeaders, body } = run.request;
  const headers = new Headers();
  for (const [name, value] of rawHeaders) {
    try {
      headers.append(name, value);
    } catch {
      throw new TypeError(
        `Invalid header "${name}: ${value}": a header name is a token (letters, digits, !#$%&'*+-.^_\`|~), and a value has no line breaks`,
      );
    }
  }
  const upper = method.toUpperCase();
  // The Fetch API carries no body on GET/HEAD (as the Node adapter, which drops it too).
  const hasBody = body !== null && body !== '' && upper !== 'GET' && upper !== 'HEAD';
  const url = run.invokeUrl.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
  return new Request(url, { method: upper, headers, body: hasBody ? body : null });
}

/**
 * CreateDomainName with its base path (API) mappings on the run's gateway, REST or HTTP API; every mapping must name
 * a deployed stage (CreateBasePathMapping and CreateApiMapping refuse an unknown stage).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-mappings.html
 */
export function putCustomDomain(gateway: AnyGateway, domain: DomainNameConfig): void {
  if (domain.basePathMappings.length === 0)
    throw new RangeError(`custom domain name "${domain.domainName}" has no base path mapping`);
  const deployed = new Set(gateway.stages().map((s) => s.name));
  for (const mapping of domain.basePathMappings) {
    if (!deployed.has(mapping.stage)) {
      throw new RangeError(
        `base path mapping "${mapping.basePath}" of ${domain.domainName} names stage "${mapping.stage}", which is not deployed (deployed: ${[...deployed].join(', ')})`,
      );
    }
  }
  gateway.putDomainName(domain);
}

/** The run's gateway: its stages deployed (or the one stage), its custom domain; and the APIs it serves. */
export function deployRun(
  parse: DefinitionParser,
  run: SandboxRun,
  gatewayOptions: GatewayRunOptions,
): { gateway: AnyGateway; apis: ApiModel[] } {
  const importOptions = { timeoutMs: run.timeoutMs, apiType: run.apiType, endpointType: run.endpointType };
  let gateway: AnyGateway;
  let apis: ApiModel[];
  if (run.stages) {
    if (!run.stages.some((s) => s.name === run.stage))
      throw new RangeError(`stage "${run.stage}" is not among the run's stages`);
    const stages = run.stages.map((s) => ({
      name: s.name,
      api: apiModelFromDefinitionWith(parse, s.definition, run.apiId, importOptions),
      definition: s.definition,
      ...(s.variables ? { variables: s.variables } : {}),
    }));
    gateway = deployedStages(stages, gatewayOptions);
    apis = stages.map((s) => s.api);
  } else {
    const api = apiModelFromDefinitionWith(parse, run.definition, run.apiId, importOptions);
    gateway = deployedGateway(api, run.stage, {
      ...gatewayOptions,
      ...(run.stageVariables ? { variables: run.stageVariables } : {}),
    });
    apis = [api];
  }
  // Issue #12: the example's stage config and web ACL, as the reader edited them.
  if (run.stageConfig !== undefined || run.webAcl !== undefined)
    applyRunStageSettings(gateway, { stage: run.stage, stageConfig: run.stageConfig, webAcl: run.webAcl });
  if (run.customDomain) putCustomDomain(gateway, run.customDomain);
  return { gateway, apis };
}

/** Sends one request of the run (at its invoke URL) through `gateway`, reported as the panels show it. */
export async function serveRunRequest(
  gateway: AnyGateway,
  run: Pick<SandboxRun, 'invokeUrl' | 'withTrace'>,
  request: SandboxRun['request'],
  options: RunInGatewayOptions,
): Promise<RunOutcome> {
  const { response, trace } = await gateway.handle(requestOf({ invokeUrl: run.invokeUrl, request }), {
    rawHeaders: request.headers,
    ...(options.sourceIp ? { sourceIp: options.sourceIp } : {}),
  });
  const outcome = outcomeOf(trace, await response.text(), options.runtime);
  return run.withTrace ? { ...outcome, trace } : outcome;
}

/**
 * Serves the run's request through a freshly deployed gateway whose functions `invoke` runs: a REST API, or an
 * HTTP API when the run says so (`apiType`) or the definition looks like one. The run's access, auth, requests sent
 * first and session are run-sandbox.ts's (runSandboxWith); this is the plain path.
 */
export async function runInGatewayWith(
  parse: DefinitionParser,
  run: SandboxRun,
  invoke: LambdaInvoker,
  options: RunInGatewayOptions,
): Promise<RunOutcome> {
  const { gateway } = deployRun(parse, run, {
    invoke,
    ...(options.now ? { now: options.now } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return serveRunRequest(gateway, run, run.request, options);
}

/** A served request's trace and response body as the panels show them (shared with the WebContainer's server). */
export function outcomeOf(trace: GatewayTrace, body: string, runtime: RuntimeKind): RunOutcome {
  const integration = trace.integration;
  const outcome = integration?.outcome;
  return {
    runtime,
    event: integration ? integration.event : null,
    // A MOCK integration calls no function: no event, no result (its integration request shows the template's output).
    result:
      !outcome || outcome.kind === 'timeout' || outcome.kind === 'mock'
        ? null
        : outcome.kind === 'result'
          ? outcome.payload
          : outcome.error,
    resultKind: outcome && outcome.kind !== 'mock' ? outcome.kind : null,
    response: { status: trace.status, statusText: statusText(trace.status), headers: trace.responseHeaders, body },
    logs: integration ? integration.logs : [],
    errorDetail: trace.errorDetail,
    timings: { totalMs: trace.timings.totalMs, integrationMs: trace.timings.integrationMs },
    ...(integration?.request ? { integrationRequest: { type: integration.type, ...integration.request } } : {}),
    ...(trace.authorizer ? { authorizer: trace.authorizer } : {}),
    ...(integration?.service ? { service: integration.service } : {}),
  };
}
