import { callServiceWithTimeout } from '../../shared/aws-service/call-service.js';
import { awsServicesOf, endpointOf } from '../../shared/aws-service/lazy-services.js';
import { serviceUrlOf } from '../../shared/aws-service/wire-request.js';
import { clfTime } from '../../shared/clf-time.js';
import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import { monotonic } from '../../shared/pipeline/monotonic.js';
import type { IntegrationTrace } from '../../shared/trace.js';
import type { HttpApiRequestContext } from '../context.js';
import { domainOf } from '../event-common.js';
import type { HttpServiceIntegration } from '../model.js';
import { HTTP_API_RESPONSES } from '../responses.js';
import { resolveParameter, type ParameterSources } from '../service-parameters.js';
import { buildSubtypeRequest } from '../service-request.js';
import { INTEGRATION_SUBTYPES } from '../service-subtypes.js';

const UTF8_DECODER = new TextDecoder();

/**
 * An HTTP API first-class integration (`integrationSubtype`): the `requestParameters` evaluated against the request,
 * the subtype's action sent to the service in its JSON protocol, and the service's status, body and Content-Type
 * passed through to the client with its `x-amzn-RequestId` (the method-response step adds `apigw-requestid`) — as
 * the captured StepFunctions-StartExecution answer shows ([CAP-HTTPSFN], research §2.3; L for SQS's body).
 * A parameter whose source is absent fails the request with 400 `{"message":"Bad Request"}` (L, research §2.3); a
 * service that cannot be reached is 500, no answer in time 503, as a Lambda integration's failures are.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services.html
 */
export async function callServiceIntegration(
  context: HttpApiRequestContext,
  integration: HttpServiceIntegration,
): Promise<void> {
  const started = monotonic();
  const spec = INTEGRATION_SUBTYPES[integration.subtype]!;
  const sources = sourcesOf(context);
  const values: Record<string, string> = {};
  for (const [name, source] of Object.entries(integration.requestParameters)) {
    const value = resolveParameter(source, sources);
    if (value === undefined) {
      throw new GatewayError(
        HTTP_API_RESPONSES.BAD_REQUEST,
        `Unable to resolve property ${name} from source ${source}`,
      );
    }
    values[name] = value;
  }
  const wire = buildSubtypeRequest(spec, values, context.services.home.region);
  if ('error' in wire) throw new GatewayError(HTTP_API_RESPONSES.BAD_REQUEST, wire.error);
  const services = await awsServicesOf(context.services);
  const outcome = await callServiceWithTimeout(services, wire, integration.timeoutMs);
  const durationMs = monotonic() - started;
  const trace: IntegrationTrace = {
    type: 'AWS_PROXY',
    functionName: '',
    event: values,
    request: {
      method: wire.method,
      url: serviceUrlOf(wire),
      headers: wire.headers,
      body: UTF8_DECODER.decode(wire.body),
    },
    outcome: { kind: 'timeout' },
    logs: [],
    durationMs,
  };
  context.trace.timings.integrationMs = durationMs;
  context.trace.integration = trace;
  if (outcome.kind === 'timeout') {
    throw new GatewayError(
      HTTP_API_RESPONSES.INTEGRATION_TIMEOUT,
      `integration timed out after ${integration.timeoutMs} ms`,
    );
  }
  if (outcome.kind === 'failed') {
    trace.outcome = { kind: 'error', error: { errorType: 'IntegrationFailure', errorMessage: outcome.message } };
    throw new GatewayError(HTTP_API_RESPONSES.INTEGRATION_FAILURE, `the service call failed: ${outcome.message}`);
  }
  const { status: statusCode, headers, body } = outcome.response;
  trace.outcome = { kind: 'result', payload: { statusCode, headers, body } };
  trace.service = {
    name: spec.service,
    action: spec.action,
    ...(integration.credentials ? { credentials: integration.credentials } : {}),
    endpoint: endpointOf(services, spec.service),
    response: outcome.response,
  };
  const passed = headers.filter(([n]) => /^(content-type|x-amzn-requestid)$/i.test(n));
  context.answer = { statusCode, headers: passed, body, isBase64Encoded: false };
}

/** What parameter values read: the request, its `$context` and the stage's variables. */
function sourcesOf(context: HttpApiRequestContext): ParameterSources {
  const { trace, stage, route, api, url, body, authorizer } = context;
  const { domainName, domainPrefix } = domainOf(context.host);
  const authorizerContext =
    authorizer?.type === 'JWT'
      ? { claims: authorizer.claims, scopes: authorizer.scopes }
      : authorizer?.type === 'LAMBDA'
        ? authorizer.context
        : authorizer?.type === 'IAM'
          ? { iam: { accessKey: authorizer.principal.accessKeyId, userArn: authorizer.principal.arn } }
          : undefined;
  const userAgent = context.rawHeaders.find(([n]) => n.toLowerCase() === 'user-agent')?.[1] ?? '';
  return {
    headers: context.rawHeaders,
    rawQuery: url.query,
    pathParameters: context.pathParameters,
    body: body && body.length ? UTF8_DECODER.decode(body) : null,
    context: {
      accountId: context.services.home.accountId,
      apiId: api!.id,
      domainName,
      domainPrefix,
      httpMethod: context.method,
      path: context.rawPath,
      protocol: trace.protocol,
      requestId: trace.requestId,
      requestTime: clfTime(context.epochMs),
      requestTimeEpoch: context.epochMs,
      routeKey: route.routeKey,
      stage: stage.name,
      identity: { sourceIp: trace.sourceIp, userAgent },
      ...(authorizerContext ? { authorizer: authorizerContext } : {}),
    },
    stageVariables: stage.variables,
  };
}
