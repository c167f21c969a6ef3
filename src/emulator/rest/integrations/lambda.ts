import { newRequestId } from '../../shared/ids.js';
import { lambdaContextInit } from '../../shared/lambda-context.js';
import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import { invokeWithTimeout } from '../../shared/pipeline/invoke-with-timeout.js';
import type { IntegrationRequestTrace } from '../../shared/trace.js';
import type { RestRequestContext } from '../context.js';
import { GATEWAY_RESPONSES } from '../gateway-responses.js';
import type { LambdaCustomIntegration } from '../model.js';
import { substituteStageVariables } from '../request-params.js';
import { traceIntegration } from './trace-integration.js';

/**
 * A Lambda custom integration (`AWS` with a Lambda URI): the request template's output, which must be JSON, is the
 * event. A function error goes on to the integration responses, matched by `selectionPattern` against its
 * `errorMessage` (https://docs.aws.amazon.com/apigateway/latest/developerguide/handle-errors-in-lambda-integration.html);
 * a missing function is 500, a timeout 504. With `X-Amz-Invocation-Type: Event` mapped into the request, the function
 * is invoked asynchronously and the method answers at once through the default integration response
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-integration-async.html).
 */
export async function callLambda(context: RestRequestContext, integration: LambdaCustomIntegration): Promise<void> {
  const { payload, parameters } = context.mappedRequest!;
  let event: unknown = {};
  if (payload.trim()) {
    try {
      event = JSON.parse(payload);
    } catch (error) {
      throw new GatewayError(
        GATEWAY_RESPONSES.API_CONFIGURATION_ERROR,
        `Execution failed due to configuration error: the integration request body is not JSON, which Lambda requires (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  const functionName = substituteStageVariables(integration.functionName, context.stage.variables);
  const request: IntegrationRequestTrace = {
    method: 'POST',
    url: integration.uri,
    headers: Object.entries(parameters.header),
    body: payload,
  };
  const invocationType = Object.entries(parameters.header).find(
    ([n]) => n.toLowerCase() === 'x-amz-invocation-type',
  )?.[1];
  if (invocationType === 'Event') {
    // Lambda accepts the event (202, empty payload); the function's own outcome is not waited for.
    void invokeLambda(context, functionName, event, integration.timeoutMs).catch(() => undefined);
    traceIntegration(context, integration, { event, request, outcome: { kind: 'result', payload: null }, logs: [] });
    context.backendResponse = {
      selection: { kind: 'lambda', errorMessage: null },
      body: '',
      bytes: null,
      headers: [],
      lambdaError: false,
      carried: null,
    };
    return;
  }
  const outcome = await invokeLambda(context, functionName, event, integration.timeoutMs);
  if (outcome.kind === 'timeout') {
    traceIntegration(context, integration, { event, request, outcome: { kind: 'timeout' }, logs: [] });
    throw new GatewayError(
      GATEWAY_RESPONSES.INTEGRATION_TIMEOUT,
      `Execution failed due to a timeout error (${integration.timeoutMs} ms)`,
    );
  }
  traceIntegration(context, integration, {
    event,
    request,
    outcome:
      outcome.kind === 'result'
        ? { kind: 'result', payload: outcome.payload }
        : { kind: 'error', error: outcome.error },
    logs: outcome.logs,
  });
  if (outcome.kind === 'error') {
    if (outcome.error.errorType === 'ResourceNotFoundException') {
      throw new GatewayError(
        GATEWAY_RESPONSES.API_CONFIGURATION_ERROR,
        `Execution failed due to configuration error: ${outcome.error.errorMessage}`,
      );
    }
    // Lambda's function-error payload: {"errorMessage", "errorType", "stackTrace"}.
    const { errorMessage, errorType, stackTrace } = outcome.error;
    context.backendResponse = {
      selection: { kind: 'lambda', errorMessage },
      body: JSON.stringify(stackTrace ? { errorMessage, errorType, stackTrace } : { errorMessage, errorType }),
      bytes: null,
      headers: [],
      lambdaError: true,
      carried: null,
    };
    return;
  }
  context.backendResponse = {
    selection: { kind: 'lambda', errorMessage: null },
    // The function's payload bytes as its runtime wrote them (see InvokeOutcome.payloadJson).
    body: outcome.payloadJson ?? (outcome.payload === undefined ? 'null' : JSON.stringify(outcome.payload)),
    bytes: null,
    headers: [],
    lambdaError: false,
    carried: null,
  };
}

/** Invokes the function (RequestResponse) with a Lambda request id of its own, under the integration timeout. */
async function invokeLambda(context: RestRequestContext, functionName: string, event: unknown, timeoutMs: number) {
  const { services } = context;
  const init = lambdaContextInit(services.home, functionName, newRequestId(), context.epochMs);
  return invokeWithTimeout(services.invoke, functionName, event, init, timeoutMs);
}
