import { monotonic } from '../../shared/pipeline/monotonic.js';
import type { IntegrationTrace } from '../../shared/trace.js';
import type { RestRequestContext } from '../context.js';
import type { IntegrationModel } from '../model.js';
import { substituteStageVariables } from '../request-params.js';

/** What the trace shows of a templated or HTTP integration call. */
export type IntegrationRecord = Pick<IntegrationTrace, 'event' | 'request' | 'outcome' | 'logs'>;

/** Puts an integration call in the trace, timed from the integration step's start. */
export function traceIntegration(
  context: RestRequestContext,
  integration: IntegrationModel,
  record: IntegrationRecord,
): void {
  const durationMs = monotonic() - context.integrationStarted;
  context.trace.timings.integrationMs = durationMs;
  context.trace.integration = {
    type: integration.type,
    functionName: substituteStageVariables(integration.functionName ?? '', context.stage.variables),
    event: record.event,
    request: record.request,
    outcome: record.outcome,
    logs: record.logs,
    durationMs,
  };
}
