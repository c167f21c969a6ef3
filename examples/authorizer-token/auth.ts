import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';

/**
 * A TOKEN authorizer for the items API (auth.py in TypeScript). API Gateway calls it with the Authorization header's
 * value in `authorizationToken` and the method being called in `methodArn`; it answers with the caller's id and an
 * IAM policy.
 */

// Who holds which token. A real authorizer verifies a signed token (a JWT) instead.
const TOKENS: Record<string, string> = { 'Bearer alice-token': 'alice', 'Bearer bob-token': 'bob' };

export const handler = async (event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
  const user = TOKENS[event.authorizationToken];
  if (user === undefined) {
    // Failing with exactly this message makes API Gateway answer 401 Unauthorized.
    throw new Error('Unauthorized');
  }
  const effect = user === 'bob' ? 'Deny' : 'Allow';
  return {
    principalId: user,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: event.methodArn }],
    },
    // Strings, numbers and booleans only: the backend reads them in requestContext.authorizer.
    context: { user, plan: 'free' },
  };
};
