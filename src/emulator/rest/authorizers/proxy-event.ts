import type { APIGatewayProxyEvent } from 'aws-lambda';

/**
 * Puts the authorizer's record in a Lambda proxy event's `requestContext.authorizer`, after `apiId` as in AWS's
 * (alphabetical) example event; only methods with an authorizer pay for the copy.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
 */
export function withAuthorizer(event: APIGatewayProxyEvent, authorizer: Record<string, unknown>): void {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event.requestContext)) {
    out[key] = value;
    if (key === 'apiId') out.authorizer = authorizer;
  }
  event.requestContext = out as unknown as APIGatewayProxyEvent['requestContext'];
}
