/**
 * One sandbox run's request through the server's gateway (the one that also serves the API's ordinary paths, with its
 * stages, custom domain and HTTP service), reported as the RunOutcome the Worker runtime's runInGateway reports.
 */
import { statusText, type Gateway, type GatewayTrace, type HttpGateway } from '../../../emulator/index.js';
import { requestOf } from '../../run-in-gateway.js';
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
export async function serveSandboxRequest(gateway: Gateway | HttpGateway, config: SandboxConfig, request: RunRequest): Promise<SandboxRequestResult> {
  // requestOf reads the invoke URL and the request only.
  const fetchRequest = requestOf({
    language: 'typescript',
    handlerSource: '',
    definition: '',
    apiId: config.apiId,
    stage: config.stage,
    invokeUrl: config.invokeUrl,
    functionName: config.functionName,
    handlerName: config.handlerName,
    moduleName: 'handler',
    request,
  });
  const rawPath = new URL(fetchRequest.url).pathname;
  const { response, trace } = await gateway.handle(fetchRequest, { rawHeaders: request.headers });
  const body = await response.text();
  const integration = trace.integration;
  const outcome = integration?.outcome;
  return {
    trace,
    rawPath,
    outcome: {
      runtime: 'webcontainer',
      event: integration ? integration.event : null,
      // A MOCK integration calls no function: no event, no result (its integration request shows the template's output).
      result: !outcome || outcome.kind === 'timeout' || outcome.kind === 'mock' ? null : outcome.kind === 'result' ? outcome.payload : outcome.error,
      resultKind: outcome && outcome.kind !== 'mock' ? outcome.kind : null,
      response: { status: trace.status, statusText: statusText(trace.status), headers: trace.responseHeaders, body },
      logs: integration ? integration.logs : [],
      errorDetail: trace.errorDetail,
      timings: { totalMs: trace.timings.totalMs, integrationMs: trace.timings.integrationMs },
      ...(integration?.request ? { integrationRequest: { type: integration.type, ...integration.request } } : {}),
    },
  };
}
