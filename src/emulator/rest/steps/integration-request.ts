import type { APIGatewayProxyEvent } from 'aws-lambda';
import { newRequestId } from '../../shared/ids.js';
import type { RestRequestContext } from '../context.js';
import { withAuthorizer } from '../authorizers/proxy-event.js';
import { proxyEventOf } from '../proxy-event-of.js';
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
  const { stage } = context;
  context.event = proxyEventOf(context, context.body && context.body.length ? context.body : null);
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
