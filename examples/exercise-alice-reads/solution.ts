import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';

/** A solution to the exercise: alice may GET, nobody may POST, bob may do nothing. */

const TOKENS: Record<string, string> = { 'Bearer alice-token': 'alice', 'Bearer bob-token': 'bob' };

export const handler = async (event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
  const user = TOKENS[event.authorizationToken];
  if (user === undefined) throw new Error('Unauthorized');
  // methodArn: arn:aws:execute-api:{region}:{account}:{api id}/{stage}/{HTTP method}/{resource path}
  const method = event.methodArn.split(':')[5]!.split('/')[2];
  const effect = user === 'alice' && method === 'GET' ? 'Allow' : 'Deny';
  return {
    principalId: user,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: event.methodArn }],
    },
  };
};
