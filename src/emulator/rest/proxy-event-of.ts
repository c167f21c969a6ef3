import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { RestRequestContext } from './context.js';
import { buildRestProxyEvent } from './event.js';

/**
 * The Lambda proxy event (payload format 1.0) of a routed request, from what the steps found: the integration
 * request's event, and the request part of a REQUEST authorizer's event (which has no body).
 */
export function proxyEventOf(context: RestRequestContext, body: Uint8Array | null): APIGatewayProxyEvent {
  const { api, stage, url, trace, path, sentPath } = context;
  return buildRestProxyEvent({
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
    body,
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
    iamCaller: context.iamCaller,
  });
}
