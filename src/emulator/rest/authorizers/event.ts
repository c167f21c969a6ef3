import type { APIGatewayRequestAuthorizerEvent, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import type { RestRequestContext } from '../context.js';
import { proxyEventOf } from '../proxy-event-of.js';

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
  const proxy = proxyEventOf(context, null);
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
