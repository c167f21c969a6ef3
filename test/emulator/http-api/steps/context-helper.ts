import { expect } from 'vitest';
import type { InvokeOutcome, LambdaInvocation } from '../../../../src/emulator/index.js';
import { HttpApiRequestContext, type HttpApiServices } from '../../../../src/emulator/http-api/context.js';
import { importHttpApi } from '../../../../src/emulator/http-api/openapi-import.js';
import type { HttpApiModel } from '../../../../src/emulator/http-api/model.js';
import { HTTP_API_STEPS } from '../../../../src/emulator/http-api/steps/index.js';
import { DomainNames, type DomainNameConfig } from '../../../../src/emulator/shared/domain-names.js';
import type { HeaderList } from '../../../../src/emulator/shared/headers.js';
import { GatewayError } from '../../../../src/emulator/shared/pipeline/gateway-error.js';
import { newTrace } from '../../../../src/emulator/shared/pipeline/new-trace.js';
import { runSteps, type Step } from '../../../../src/emulator/shared/pipeline/run-steps.js';
import { StageRegistry } from '../../../../src/emulator/shared/stage-registry.js';
import { RouteThrottleRegistry } from '../../../../src/emulator/http-api/throttling/stage-throttles.js';
import { httpApiDoc, ok } from '../helpers.js';

/** The clock every test context is built at (2020-03-04T19:03:58.390Z). */
export const EPOCH_MS = 1583348638390;
export const REQUEST_ID = 'JKJaXmPLvHcESHA=';
export const EXECUTE_API = 'https://abc123defg.execute-api.us-east-1.amazonaws.com';

export interface ServicesSetup {
  /** Route keys of the API (`GET /items`, `$default`); all proxy to `fn`. */
  routeKeys?: string[];
  payloadFormatVersion?: '1.0' | '2.0';
  /** Stages serving the one deployment. */
  stages?: string[];
  variables?: Record<string, string>;
  domains?: DomainNameConfig[];
  /** The API's `x-amazon-apigateway-cors`, if any. */
  cors?: unknown;
  fn?: (invocation: LambdaInvocation) => Promise<InvokeOutcome> | InvokeOutcome;
}

/** What an HttpApiGateway lends its steps, built from its parts: one API deployed to `stages`, `domains` mapped. */
export function servicesFor({
  routeKeys = ['GET /items', 'GET /items/{id}'],
  payloadFormatVersion = '2.0',
  stages = ['$default'],
  variables,
  domains = [],
  cors,
  fn = () => ok({ statusCode: 200, body: 'ok' }),
}: ServicesSetup = {}): HttpApiServices & { invocations: LambdaInvocation[] } {
  const registry = new StageRegistry<HttpApiModel>(() => EPOCH_MS, ['$default']);
  const deployment = registry.deploy(
    importHttpApi(
      {
        ...httpApiDoc(routeKeys, payloadFormatVersion),
        ...(cors === undefined ? {} : { 'x-amazon-apigateway-cors': cors }),
      },
      { apiId: 'abc123defg' },
    ),
  );
  for (const name of stages) registry.putStage({ name, deploymentId: deployment.id, variables });
  const names = new DomainNames();
  for (const domain of domains) names.put(domain);
  const invocations: LambdaInvocation[] = [];
  return {
    registry,
    domains: names,
    invoke: async (invocation) => {
      invocations.push(invocation);
      return fn(invocation);
    },
    home: { region: 'us-east-1', accountId: '123456789012', functionTimeoutMs: 30_000 },
    throttles: new RouteThrottleRegistry(() => EPOCH_MS),
    invocations,
  };
}

/** A request as HttpApiGateway#serve hands it to the steps: `target` is a path on the execute-api host, or a URL. */
export function contextFor(
  services: HttpApiServices,
  target: string,
  {
    method = 'GET',
    headers = [],
    body = null,
  }: { method?: string; headers?: HeaderList; body?: Uint8Array | null } = {},
): HttpApiRequestContext {
  const href = target.startsWith('/') ? `${EXECUTE_API}${target}` : target;
  const trace = newTrace(REQUEST_ID, REQUEST_ID, method, EPOCH_MS, {});
  return new HttpApiRequestContext(services, method, href, headers, body, 0, EPOCH_MS, trace);
}

/** Runs the steps of HTTP_API_STEPS that come before `step` (the state `step` finds the request in). */
export async function advanceTo(context: HttpApiRequestContext, step: Step<HttpApiRequestContext>): Promise<void> {
  const index = HTTP_API_STEPS.indexOf(step);
  if (index < 0) throw new Error(`${step.name} is not in HTTP_API_STEPS`);
  await runSteps(HTTP_API_STEPS.slice(0, index), context);
}

/** The GatewayError `run` throws (the test fails when it throws nothing, or something else). */
export function stopOf(run: () => void): GatewayError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    return error as GatewayError;
  }
  throw new Error('the step did not stop the request');
}
