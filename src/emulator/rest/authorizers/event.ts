import type { APIGatewayRequestAuthorizerEvent, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import type { RestRequestContext } from '../context.js';
import { buildRestProxyEvent } from '../event.js';

/**
 * The ARN of the method a request calls, as authorizer events carry it (`methodArn`) and policies name it:
 * `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}`, the path as requested after the stage
 * (`/items/7`, not `/items/{id}`), without its leading slash.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
 */
export function methodArnOf(context: RestRequestContext): string {
  const { region, accountId } = context.services.home;
  return `arn:aws:execute-api:${region}:${accountId}:${context.api!.id}/${context.stage.name}/${context.method}/${context.path.slice(1)}`;
}

/**
 * A TOKEN authorizer's event: `type`, `authorizationToken` (the header's value) and `methodArn`, in AWS's order.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html
 */
export function tokenAuthorizerEvent(token: string, methodArn: string): APIGatewayTokenAuthorizerEvent {
  return { type: 'TOKEN', authorizationToken: token, methodArn };
}

/**
 * A REQUEST authorizer's event: `type`, `methodArn`, and the request as the Lambda proxy event gives it (`resource`,
 * `path`, `httpMethod`, `headers`, `multiValueHeaders`, `queryStringParameters`, `multiValueQueryStringParameters`,
 * `pathParameters`, `stageVariables`, `requestContext`), without a body.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html
 */
export function requestAuthorizerEvent(
  context: RestRequestContext,
  methodArn: string,
): APIGatewayRequestAuthorizerEvent {
  const { api, stage, url, trace, path, sentPath } = context;
  const proxy = buildRestProxyEvent({
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
    body: null,
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
  // AWS's example event lists `pathParameters` and `stageVariables` as objects ({} when there are none).
  return {
    type: 'REQUEST',
    methodArn,
    resource: proxy.resource,
    path: proxy.path,
    httpMethod: proxy.httpMethod,
    headers: proxy.headers,
    multiValueHeaders: proxy.multiValueHeaders,
    queryStringParameters: proxy.queryStringParameters,
    multiValueQueryStringParameters: proxy.multiValueQueryStringParameters,
    pathParameters: proxy.pathParameters ?? {},
    stageVariables: proxy.stageVariables ?? {},
    requestContext: proxy.requestContext,
  } as APIGatewayRequestAuthorizerEvent;
}
