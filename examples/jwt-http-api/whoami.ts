import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';

/**
 * The backend of the JWT example (whoami.py in TypeScript): it answers with who called and what they may do, as the
 * JWT authorizer put it in the event (payload format 2.0: requestContext.authorizer.jwt).
 */
export const handler = async (event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<APIGatewayProxyResultV2> => {
  const { jwt } = event.requestContext.authorizer;
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: jwt.claims['username'], scopes: jwt.scopes }),
  };
};
