import { newRequestId } from '../../shared/ids.js';
import type { RestRequestContext } from '../context.js';
import { buildRestProxyEvent } from '../event.js';
import { substituteStageVariables } from '../request-params.js';

/**
 * The integration request of a Lambda proxy integration: the event (payload format 1.0) and the function it goes to,
 * a function named by a stage variable (`function:${stageVariables.fn}`) resolved per stage. Other integrations map
 * their request with their own templates and parameter mappings, inside the integration step (non-proxy.ts).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
 */
export function integrationRequest(context: RestRequestContext): void {
  const integration = context.integration;
  if (integration.type !== 'AWS_PROXY') return;
  const { api, stage, url, trace, path, sentPath } = context;
  context.event = buildRestProxyEvent({
    apiId: api!.id,
    accountId: context.services.home.accountId,
    deploymentId: context.deployment.id,
    endpointType: api!.endpointType,
    binaryMediaTypes: api!.binaryMediaTypes,
    stage: stage.name,
    stageVariables: stage.variables,
    resourceId: context.resource.id,
    resourcePath: context.resource.path,
    pathParameters: context.pathParameters,
    httpMethod: context.method,
    path,
    sentPath: sentPath === path ? undefined : sentPath,
    basePath: context.basePath,
    rawQuery: url.query,
    headers: context.rawHeaders,
    lowerNames: context.lowerNames,
    body: context.body && context.body.length ? context.body : null,
    host: context.host,
    scheme: url.scheme,
    port: url.port || (url.scheme === 'https' ? '443' : '80'),
    sourceIp: trace.sourceIp,
    protocol: trace.protocol,
    requestId: trace.requestId,
    extendedRequestId: trace.extendedRequestId,
    traceId: context.traceId!,
    epochMs: context.epochMs,
  });
  context.functionName = integration.functionName.includes('${')
    ? substituteStageVariables(integration.functionName, stage.variables)
    : integration.functionName;
  context.lambdaRequestId = newRequestId();
}
