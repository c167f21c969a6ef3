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
