import { UserPoolRegistry } from '../../../../src/emulator/rest/authorizers/user-pools.js';
import { expect } from 'vitest';
import { importOpenApi, type InvokeOutcome, type LambdaInvocation } from '../../../../src/emulator/index.js';
import { ApiKeyRegistry } from '../../../../src/emulator/rest/api-keys/registry.js';
import { RestRequestContext, type RestServices } from '../../../../src/emulator/rest/context.js';
import type { EndpointType, RestApiModel } from '../../../../src/emulator/rest/model.js';
import { ThrottleRegistry } from '../../../../src/emulator/rest/throttling/stage-throttles.js';
import { StageCaches } from '../../../../src/emulator/rest/stage-cache/store.js';
import { REST_STEPS } from '../../../../src/emulator/rest/steps/index.js';
import { DomainNames, type DomainNameConfig } from '../../../../src/emulator/shared/domain-names.js';
import type { HeaderList } from '../../../../src/emulator/shared/headers.js';
import type { LambdaStreamInvoker } from '../../../../src/emulator/shared/invoker.js';
import { GatewayError } from '../../../../src/emulator/shared/pipeline/gateway-error.js';
import { newTrace } from '../../../../src/emulator/shared/pipeline/new-trace.js';
import type { Step } from '../../../../src/emulator/shared/pipeline/run-steps.js';
import { StageRegistry } from '../../../../src/emulator/shared/stage-registry.js';

/** The execute-api origin of the API every context is built over. */
export const ORIGIN = 'https://abc123defg.execute-api.us-east-1.amazonaws.com';
/** The arrival time of every request: 26 Nov 2026 12:00:00 UTC. */
export const EPOCH_MS = Date.UTC(2026, 10, 26, 12, 0, 0);

export const FN_URI =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:fn/invocations';

/** A Lambda proxy method calling function `fn`, with `extra` integration fields. */
export const proxyMethod = (extra: Record<string, unknown> = {}) => ({
  'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: FN_URI, ...extra },
});

/** A small OpenAPI document: `paths` (default GET /items and GET /items/{id}, Lambda proxies), plus top-level `extra`. */
export function smallDoc(paths?: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    openapi: '3.0.1',
    info: { title: 'StepTests', version: '1' },
    ...extra,
    paths: paths ?? { '/items': { get: proxyMethod() }, '/items/{id}': { get: proxyMethod() } },
  };
}

export interface ContextOptions {
  doc?: unknown;
  method?: string;
  /** A path on the execute-api origin (`/dev/items`) or an absolute URL. */
  url?: string;
  headers?: HeaderList;
  body?: Uint8Array | string | null;
  stageVariables?: Record<string, string>;
  endpointType?: EndpointType;
  domains?: DomainNameConfig[];
  /** The fake function behind `invoke` (default: a 200 `{"ok":true}`). */
  fn?: (invocation: LambdaInvocation) => InvokeOutcome | Promise<InvokeOutcome>;
  invokeStream?: LambdaStreamInvoker;
  fetch?: typeof fetch;
  /** API keys and usage plans (default: none). */
  apiKeys?: ApiKeyRegistry;
}

/**
 * A fresh RestRequestContext over a real StageRegistry (stage `dev`) and DomainNames, serving `doc` (imported with
 * importOpenApi); nothing of it filled by a step yet. Returns the invocations the fake invoker saw.
 */
export function restContext(options: ContextOptions = {}) {
  const registry = new StageRegistry<RestApiModel>(() => EPOCH_MS);
  const api = importOpenApi(options.doc ?? smallDoc(), {
    apiId: 'abc123defg',
    ...(options.endpointType ? { endpointType: options.endpointType } : {}),
  });
  const deployment = registry.deploy(api);
  registry.putStage({ name: 'dev', deploymentId: deployment.id, variables: options.stageVariables });
  const domains = new DomainNames();
  for (const domain of options.domains ?? []) domains.put(domain);
  const invocations: LambdaInvocation[] = [];
  const fn = options.fn ?? (() => ({ kind: 'result', payload: { statusCode: 200, body: '{"ok":true}' }, logs: [] }));
  const services: RestServices = {
    registry,
    domains,
    invoke: async (invocation) => {
      invocations.push(invocation);
      return fn(invocation);
    },
    invokeStream: options.invokeStream,
    fetch: options.fetch ?? (() => Promise.reject(new Error('no fetch in this test'))),
    home: { region: 'us-east-1', accountId: '123456789012', functionTimeoutMs: 30_000 },
    apiKeys: options.apiKeys ?? new ApiKeyRegistry(() => EPOCH_MS),
    userPools: new UserPoolRegistry(),
    throttles: new ThrottleRegistry(() => EPOCH_MS),
    stageCaches: new StageCaches(),
    webAcls: new Map(),
  };
  const method = options.method ?? 'GET';
  const url = options.url ?? '/dev/items';
  const href = url.startsWith('http') ? url : `${ORIGIN}${url}`;
  const body = typeof options.body === 'string' ? new TextEncoder().encode(options.body) : (options.body ?? null);
  const trace = newTrace('req-id-1', 'ExtId123456789A=', method, EPOCH_MS, {});
  const context = new RestRequestContext(services, method, href, options.headers ?? [], body, 0, EPOCH_MS, trace);
  return { context, invocations, deployment, registry, services };
}

/** Runs the steps of REST_STEPS that come before `step` (awaiting the ones that return a promise). */
export async function runStepsBefore(context: RestRequestContext, step: Step<RestRequestContext>): Promise<void> {
  const at = REST_STEPS.indexOf(step);
  if (at < 0) throw new Error(`${step.name} is not in REST_STEPS`);
  for (const earlier of REST_STEPS.slice(0, at)) await earlier(context);
}

/** A context built by {@link restContext}, with the steps before `step` already run. */
export async function contextBefore(step: Step<RestRequestContext>, options: ContextOptions = {}) {
  const built = restContext(options);
  await runStepsBefore(built.context, step);
  return built;
}

/** The GatewayError `run` throws (or its promise rejects with); fails the test when it ends otherwise. */
export async function gatewayErrorOf(run: () => unknown): Promise<GatewayError> {
  let thrown: unknown = undefined;
  try {
    await run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(GatewayError);
  return thrown as GatewayError;
}

/** The GatewayError `run` throws synchronously. */
export function gatewayErrorOfSync(run: () => unknown): GatewayError {
  let thrown: unknown = undefined;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(GatewayError);
  return thrown as GatewayError;
}

/** Header names of a list, in order. */
export const namesOf = (headers: HeaderList) => headers.map(([name]) => name);
