import { newRequestId } from '../../shared/ids.js';
import type { HttpApiRequestContext } from '../context.js';
import type { HttpEventInput } from '../event-common.js';
import { buildHttpEventV1 } from '../event-v1.js';
import { buildHttpEventV2 } from '../event-v2.js';
import { parseRouteKey } from '../router.js';

/**
 * The integration request: the Lambda event in the integration's payload format, 2.0 or 1.0.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
export function integrationRequest(context: HttpApiRequestContext): void {
  // A first-class integration maps its parameters when it calls the service (integrations/aws-service.ts).
  if ('subtype' in context.integration) return;
  const input = httpEventInputOf(context);
  context.event =
    context.integration.payloadFormatVersion === '2.0' ? buildHttpEventV2(input) : buildHttpEventV1(input);
  context.lambdaRequestId = newRequestId();
}

/** What the payload 1.0 and 2.0 events are built from (the integration's event, and a Lambda authorizer's). */
export function httpEventInputOf(context: HttpApiRequestContext): HttpEventInput {
  const { api, stage, route, url, trace, body } = context;
  const parsedKey = parseRouteKey(route.routeKey);
  return {
    apiId: api!.id,
    accountId: context.services.home.accountId,
    stage: stage.name,
    stageVariables: stage.variables,
    routeKey: route.routeKey,
    routePath: 'kind' in parsedKey && parsedKey.kind === 'path' ? parsedKey.path : null,
    pathParameters: context.pathParameters,
    method: context.method,
    rawPath: context.rawPath,
    requestPath: url.pathname,
    pathInStage: context.pathInStage,
    rawQuery: url.query,
    headers: context.rawHeaders,
    body: body && body.length ? body : null,
    host: context.host,
    scheme: url.scheme,
    port: url.port || (url.scheme === 'https' ? '443' : '80'),
    sourceIp: trace.sourceIp,
    protocol: trace.protocol,
    requestId: trace.requestId,
    traceId: context.traceId!,
    epochMs: context.epochMs,
    authorizer: context.authorizer,
  };
}
