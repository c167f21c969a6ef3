/**
 * One sandbox run's request through the server's gateway (the one that also serves the API's ordinary paths, with its
 * stages, custom domain and HTTP service), reported as the RunOutcome the Worker runtime's runInGateway reports.
 */
import type { AnyGateway, GatewayTrace } from '../../../emulator/index.js';
import { outcomeOf, requestOf } from '../../run-in-gateway.js';
import { settledStateOf } from '../../run-services.js';
import type { RunOutcome, RunRequest } from '../../types.js';
import type { SandboxConfig } from '../protocol.js';
import { servicesOfGateway } from './sandbox-gateway.js';

/** What one request produced: the outcome for the page, and the trace and raw path for the access log. */
export interface SandboxRequestResult {
  outcome: RunOutcome;
  trace: GatewayTrace;
  /** The request's path as sent, without its query string (`/dev/items`, `/v1/items` on a custom domain). */
  rawPath: string;
}

/** Serves `request` at the sandbox's invoke URL; throws a readable TypeError for a header the Fetch API refuses. */
export async function serveSandboxRequest(
  gateway: AnyGateway,
  config: SandboxConfig,
  request: RunRequest,
): Promise<SandboxRequestResult> {
  const fetchRequest = requestOf({ invokeUrl: config.invokeUrl, request });
  const rawPath = new URL(fetchRequest.url).pathname;
  const { response, trace } = await gateway.handle(fetchRequest, { rawHeaders: request.headers });
  const outcome = outcomeOf(trace, await response.text(), 'webcontainer');
  // Issue #14: the state of the gateway's embedded services after the request, as the Worker runtime reports it.
  const services = servicesOfGateway(gateway);
  return { trace, rawPath, outcome: services ? { ...outcome, services: await settledStateOf(services) } : outcome };
}
