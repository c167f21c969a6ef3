import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';

/**
 * Exercise: let alice read (GET) the items but not write (POST) them; bob may do neither.
 *
 * API Gateway calls this TOKEN authorizer with `authorizationToken` (the Authorization header) and `methodArn`:
 * arn:aws:execute-api:{region}:{account}:{api id}/{stage}/{HTTP method}/{resource path}.
 */

const TOKENS: Record<string, string> = { 'Bearer alice-token': 'alice', 'Bearer bob-token': 'bob' };

export const handler = async (event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
  const user = TOKENS[event.authorizationToken];
  if (user === undefined) throw new Error('Unauthorized');
  // Today everyone who has a token may do everything. Decide the effect from the user and the method.
  const effect = 'Allow';
  return {
    principalId: user,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: event.methodArn }],
    },
  };
};
