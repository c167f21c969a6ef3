import type { APIGatewayProxyEventV2WithLambdaAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';

/**
 * The route's function (me.py in TypeScript): it answers with the user the Lambda authorizer named in its context
 * (payload format 2.0: requestContext.authorizer.lambda).
 */
export const handler = async (
  event: APIGatewayProxyEventV2WithLambdaAuthorizer<{ user: string }>,
): Promise<APIGatewayProxyResultV2> => ({
  statusCode: 200,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ user: event.requestContext.authorizer.lambda.user }),
});
