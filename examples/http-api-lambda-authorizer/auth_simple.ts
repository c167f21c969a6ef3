import type {
  APIGatewayRequestAuthorizerEventV2,
  APIGatewaySimpleAuthorizerWithContextResult,
} from 'aws-lambda';

/**
 * A Lambda authorizer for an HTTP API, payload format 2.0 with simple responses (auth_simple.py in TypeScript). API
 * Gateway sends the request (headers, query string, route ARN) and the identity source values in `identitySource`;
 * the function answers `isAuthorized`, and a context that reaches the route's function in
 * `requestContext.authorizer.lambda`.
 */

const TOKENS: Record<string, string> = { 'Bearer alice-token': 'alice', 'Bearer bob-token': 'bob' };

export const handler = async (
  event: APIGatewayRequestAuthorizerEventV2,
): Promise<APIGatewaySimpleAuthorizerWithContextResult<{ user: string }>> => {
  const user = TOKENS[event.identitySource[0] ?? ''];
  return { isAuthorized: user === 'alice', context: { user: user ?? 'unknown' } };
};
