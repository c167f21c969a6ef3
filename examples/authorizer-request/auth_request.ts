import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';

/**
 * A REQUEST authorizer for the items API (auth_request.py in TypeScript). API Gateway calls it with the whole request:
 * headers, query string, path, stage variables and the method's ARN. Its identity sources, the X-User header and the
 * team query string parameter, must both be present (or API Gateway answers 401 without calling it), and its answer
 * is cached per pair of values.
 */

// Which teams each user belongs to.
const TEAMS: Record<string, string[]> = { alice: ['blue'], bob: ['red'] };

export const handler = async (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
  const user = event.headers!['X-User']!;
  const team = event.queryStringParameters!['team']!;
  const allowed = (TEAMS[user] ?? []).includes(team);
  return {
    principalId: user,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: allowed ? 'Allow' : 'Deny', Resource: event.methodArn }],
    },
    context: { team },
  };
};
