/**
 * One sandbox run's request through the server's gateway (the one that also serves the API's ordinary paths, with its
 * stages, custom domain and HTTP service), reported as the RunOutcome the Worker runtime's runInGateway reports.
 */
import type { AnyGateway, GatewayTrace } from '../../../emulator/index.js';
import { outcomeOf, requestOf } from '../../run-in-gateway.js';
import type { RunOutcome, RunRequest } from '../../types.js';
import type { SandboxConfig } from '../protocol.js';

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
  return { trace, rawPath, outcome: outcomeOf(trace, await response.text(), 'webcontainer') };
}
