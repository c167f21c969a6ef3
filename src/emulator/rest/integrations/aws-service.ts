import { callServiceWithTimeout } from '../../shared/aws-service/call-service.js';
import { awsServicesOf, endpointOf } from '../../shared/aws-service/lazy-services.js';
import { actionOfRequest, buildServiceRequest, serviceUrlOf } from '../../shared/aws-service/wire-request.js';
import { lastHeader } from '../../shared/headers.js';
import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import type { IntegrationRequestTrace, ServiceCallTrace } from '../../shared/trace.js';
import type { RestRequestContext } from '../context.js';
import { GATEWAY_RESPONSES } from '../gateway-responses.js';
import type { AwsServiceIntegration } from '../model.js';
import { substituteStageVariables } from '../request-params.js';
import { traceIntegration } from './trace-integration.js';

const UTF8_DECODER = new TextDecoder();

/**
 * An `AWS` integration with SQS, Kinesis, Step Functions, EventBridge or DynamoDB: the mapped request (template output,
 * `integration.request.*` parameters, the template's `requestOverride`s) becomes the service's wire request
 * (shared/aws-service/wire-request.ts), goes to `services.awsServices`, and the service's status selects the
 * integration response as an HTTP endpoint's does — so a service 400 reaches the client through the default response
 * unless a `selectionPattern` catches it ([DG-IR]; research §1.2). A service that cannot be reached is 504
 * INTEGRATION_FAILURE, no answer within the integration timeout 504 "Endpoint request timed out", as for HTTP.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-request-basic-setup.html
 */
export async function callAwsService(context: RestRequestContext, integration: AwsServiceIntegration): Promise<void> {
  const { payload, bytes, parameters } = context.mappedRequest!;
  const request = context.templateRequest!;
  let uri = integration.service;
  if (uri.kind === 'path' && uri.path.includes('${')) {
    uri = { ...uri, path: substituteStageVariables(uri.path, request.stageVariables) };
  }
  const wire = buildServiceRequest({
    uri,
    method: integration.httpMethod,
    mappedHeaders: parameters.header,
    mappedQuery: parameters.querystring,
    mappedPath: parameters.path,
    requestContentType: lastHeader(request.headers, 'content-type') ?? null,
    body: bytes,
  });
  const services = await awsServicesOf(context.services);
  const traced: IntegrationRequestTrace = {
    method: wire.method,
    url: serviceUrlOf(wire),
    headers: wire.headers,
    body: UTF8_DECODER.decode(wire.body),
  };
  const call: Omit<ServiceCallTrace, 'response'> = {
    name: wire.service,
    action: uri.kind === 'action' ? uri.action : actionOfRequest(wire),
    ...(integration.credentials ? { credentials: integration.credentials } : {}),
    endpoint: endpointOf(services, wire.service),
  };
  const outcome = await callServiceWithTimeout(services, wire, integration.timeoutMs);
  if (outcome.kind === 'timeout') {
    traceIntegration(context, integration, { event: payload, request: traced, outcome: { kind: 'timeout' }, logs: [] });
    throw new GatewayError(
      GATEWAY_RESPONSES.INTEGRATION_TIMEOUT,
      `Execution failed due to a timeout error (${integration.timeoutMs} ms)`,
    );
  }
  if (outcome.kind === 'failed') {
    const error = { errorType: 'IntegrationFailure', errorMessage: outcome.message };
    traceIntegration(context, integration, {
      event: payload,
      request: traced,
      outcome: { kind: 'error', error },
      logs: [],
    });
    throw new GatewayError(
      GATEWAY_RESPONSES.INTEGRATION_FAILURE,
      `Execution failed due to an integration failure: ${outcome.message}`,
    );
  }
  const { status: statusCode, headers, body } = outcome.response;
  traceIntegration(context, integration, {
    event: payload,
    request: traced,
    outcome: { kind: 'result', payload: { statusCode, headers, body } },
    logs: [],
  });
  context.trace.integration!.service = { ...call, response: outcome.response };
  context.backendResponse = {
    selection: { kind: 'status', statusCode },
    body,
    bytes: null,
    headers,
    lambdaError: false,
    carried: null,
  };
}
