import type { APIGatewayProxyEvent } from 'aws-lambda';
import { newRequestId } from '../../shared/ids.js';
import type { RestRequestContext } from '../context.js';
import { withAuthorizer } from '../authorizers/proxy-event.js';
import { buildRestProxyEvent } from '../event.js';
import type { TemplatedIntegration } from '../model.js';
import { substituteStageVariables } from '../request-params.js';

// The template engine (velocityjs) loads only when an API has an integration that maps its request.
let requestMapping: Promise<typeof import('../integrations/request-mapping.js')> | undefined;
const loadRequestMapping = () => (requestMapping ??= import('../integrations/request-mapping.js'));

/**
 * The integration request. A Lambda proxy's is the event (payload format 1.0) and the function it goes to, a function
 * named by a stage variable (`function:${stageVariables.fn}`) resolved per stage
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format).
 * Lambda custom, HTTP and MOCK integrations map theirs with templates (integrations/request-mapping.ts); an HTTP proxy
 * passes the method request through (integrations/http-proxy.ts).
 */
export function integrationRequest(context: RestRequestContext): void | Promise<void> {
  const integration = context.integration;
  if (integration.type === 'HTTP_PROXY') return;
  if (integration.type !== 'AWS_PROXY') return mapWithTemplates(context, integration as TemplatedIntegration);
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
    apiKey: context.usedApiKey ?? undefined,
  });
  if (context.authorizer) withAuthorizer(context.event as APIGatewayProxyEvent, context.authorizer.proxy);
  context.functionName = integration.functionName.includes('${')
    ? substituteStageVariables(integration.functionName, stage.variables)
    : integration.functionName;
  context.lambdaRequestId = newRequestId();
}

/** Maps a templated integration's request, with the template engine loaded on first use. */
async function mapWithTemplates(context: RestRequestContext, integration: TemplatedIntegration): Promise<void> {
  const { mapIntegrationRequest } = await loadRequestMapping();
  mapIntegrationRequest(context, integration);
}
