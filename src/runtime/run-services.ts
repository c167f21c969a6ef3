/**
 * A sandbox run's embedded AWS services (issue #14, `SandboxRun.services`): the example's services file applied to a
 * fresh `EmbeddedAwsServices` (loaded by dynamic import, so a page without services never loads the backends) with the
 * run's region and account, the gateway's clock and the run's Lambda invoker (a Step Functions Task runs the example's
 * functions, in the run's language); the state the panel shows once background work settled; the page's own wire
 * calls ("consume": ReceiveMessage, then DeleteMessage with the receipt handle). Shared by the Worker runtime, the
 * WebContainer's server and the Node tests. Pure.
 */
import type { EmbeddedAwsServices } from '../emulator/aws-services/embedded-services.js';
import type { ServiceRequest, ServiceResponse, ServicesState } from '../emulator/aws-services/types.js';
import type { LambdaInvoker } from '../emulator/shared/invoker.js';
import type { RunOutcome, RuntimeKind } from './types.js';

/** How the page names the services file in a one-line error (`services: queues[0].QueueName: …`). */
export const SERVICES_LABEL = 'services';

/**
 * The region and account of a sandbox's gateway (a run names none, so the gateway's defaults: StagedGateway's
 * `us-east-1` and `123456789012`), which the services' ARNs and queue URLs use.
 */
export const SANDBOX_REGION = 'us-east-1';
export const SANDBOX_ACCOUNT_ID = '123456789012';

/** How long a run waits for the services' background work (a state machine's Wait and Task states) before its state. */
export const SERVICES_IDLE_MS = 2_000;

/** A services file the run cannot use: one line starting `services:` and naming the field. */
export class ServicesRunError extends Error {
  override name = 'ServicesRunError';
}

/** The run's embedded services, its services file applied (throws ServicesRunError for a bad file). */
export async function createRunServices(
  servicesText: string,
  env: { now: () => number; invoke: LambdaInvoker; sleep?: (ms: number) => Promise<void> },
): Promise<EmbeddedAwsServices> {
  const { EmbeddedAwsServices, parseServicesFile } = await import('../emulator/aws-services/embedded-services.js');
  const services = new EmbeddedAwsServices({
    region: SANDBOX_REGION,
    accountId: SANDBOX_ACCOUNT_ID,
    now: env.now,
    invoke: env.invoke,
    ...(env.sleep ? { sleep: env.sleep } : {}),
  });
  try {
    services.apply(parseServicesFile(servicesText));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ServicesRunError(`${SERVICES_LABEL}: ${message.split('\n')[0]}`);
  }
  return services;
}

/** The services' state once their background work settled (or after SERVICES_IDLE_MS). */
export async function settledStateOf(services: EmbeddedAwsServices): Promise<ServicesState> {
  await services.whenIdle(SERVICES_IDLE_MS);
  return services.state();
}

/** Sends the page's wire calls to the services in order (each may use what an earlier one answered). */
export async function callServices(
  services: EmbeddedAwsServices,
  calls: readonly ServiceRequest[],
): Promise<ServiceResponse[]> {
  const responses: ServiceResponse[] = [];
  for (const call of calls) responses.push(await services.call(call));
  return responses;
}

/**
 * The outcome of a run made of wire calls (`serviceCalls`) instead of a request: the answers in `serviceResponses`,
 * the last one as the response, no event or result, and the services' state after them.
 */
export async function serviceCallsOutcome(
  services: EmbeddedAwsServices,
  calls: readonly ServiceRequest[],
  options: { runtime: RuntimeKind; now?: (() => number) | undefined },
): Promise<RunOutcome> {
  const now = options.now ?? Date.now;
  const started = now();
  const responses = await callServices(services, calls);
  const last = responses[responses.length - 1];
  return {
    runtime: options.runtime,
    event: null,
    result: null,
    resultKind: null,
    response: { status: last?.status ?? 200, statusText: '', headers: last?.headers ?? [], body: last?.body ?? '' },
    logs: [],
    errorDetail: null,
    timings: { totalMs: now() - started, integrationMs: null },
    serviceResponses: responses,
    services: await settledStateOf(services),
  };
}

/** A wire call as JSON carries it (the WebContainer's run body): the body as UTF-8 text. */
export type ServiceCallJson = Omit<ServiceRequest, 'body'> & { body: string };

/** A wire call for JSON (the text protocols' bodies are UTF-8). */
export function serviceCallToJson(call: ServiceRequest): ServiceCallJson {
  return {
    ...call,
    headers: call.headers.map(([n, v]): [string, string] => [n, v]),
    body: UTF8_DECODER.decode(call.body),
  };
}

/** A wire call from JSON. */
export function serviceCallFromJson(call: ServiceCallJson): ServiceRequest {
  return { ...call, body: UTF8_ENCODER.encode(call.body) };
}

const UTF8_DECODER = new TextDecoder();
const UTF8_ENCODER = new TextEncoder();
