/**
 * GetExecutionHistory's wire events (https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html):
 * `{timestamp, type, id, previousEventId, {kind}EventDetails}` with the details each event type carries.
 * `inputDetails`/`outputDetails` are always `{"truncated": false}` (the lab keeps whole payloads).
 */
import type { HistoryEvent } from './execution.js';
import { epochSecondsDouble } from './java-double.js';

const NOT_TRUNCATED = { truncated: false };

/** One event as GetExecutionHistory answers it; `withData` false drops input/output (includeExecutionData). */
export function wireEvent(
  event: HistoryEvent,
  region: string,
  roleArn: string,
  withData: boolean,
): Record<string, unknown> {
  const data = <T>(value: T): T | undefined => (withData ? value : undefined);
  const wire: Record<string, unknown> = {
    timestamp: epochSecondsDouble(event.timestampMs),
    type: event.type,
    id: event.id,
    previousEventId: event.previousEventId,
  };
  const t = event.type;
  const errorCause = { error: event.error, cause: data(event.cause) };
  if (t === 'ExecutionStarted')
    wire.executionStartedEventDetails = { input: data(event.input), inputDetails: NOT_TRUNCATED, roleArn };
  else if (t === 'ExecutionSucceeded')
    wire.executionSucceededEventDetails = { output: data(event.output), outputDetails: NOT_TRUNCATED };
  else if (t === 'ExecutionFailed') wire.executionFailedEventDetails = errorCause;
  else if (t === 'ExecutionAborted') wire.executionAbortedEventDetails = errorCause;
  else if (t === 'ExecutionTimedOut') wire.executionTimedOutEventDetails = errorCause;
  else if (t.endsWith('StateEntered'))
    wire.stateEnteredEventDetails = { name: event.stateName, input: data(event.input), inputDetails: NOT_TRUNCATED };
  else if (t.endsWith('StateExited'))
    wire.stateExitedEventDetails = { name: event.stateName, output: data(event.output), outputDetails: NOT_TRUNCATED };
  else if (t === 'LambdaFunctionScheduled')
    wire.lambdaFunctionScheduledEventDetails = {
      resource: event.resource,
      input: data(event.input),
      inputDetails: NOT_TRUNCATED,
      timeoutInSeconds: event.timeoutInSeconds,
    };
  else if (t === 'LambdaFunctionSucceeded')
    wire.lambdaFunctionSucceededEventDetails = { output: data(event.output), outputDetails: NOT_TRUNCATED };
  else if (t === 'LambdaFunctionFailed') wire.lambdaFunctionFailedEventDetails = errorCause;
  else if (t === 'LambdaFunctionTimedOut') wire.lambdaFunctionTimedOutEventDetails = errorCause;
  else if (t.startsWith('Task') && t !== 'TaskStateAborted') {
    const base = { resourceType: event.resourceType, resource: event.resource };
    const key = `${t[0]!.toLowerCase()}${t.slice(1)}EventDetails`;
    if (t === 'TaskScheduled')
      wire[key] = { ...base, region, parameters: data(event.parameters), timeoutInSeconds: event.timeoutInSeconds };
    else if (t === 'TaskStarted') wire[key] = base;
    else if (t === 'TaskSucceeded') wire[key] = { ...base, output: data(event.output), outputDetails: NOT_TRUNCATED };
    else wire[key] = { ...base, ...errorCause };
  }
  return wire;
}
