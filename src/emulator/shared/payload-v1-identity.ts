import type { APIGatewayEventIdentity } from 'aws-lambda';

/**
 * `requestContext.identity` of a payload 1.0 event without IAM, Cognito or API keys: all null but the
 * caller's address and user agent. apiKey, apiKeyId and clientCert appear only with API keys / mutual TLS.
 * The REST event and the HTTP API's payload format 1.0 event carry the same one.
 */
export function payloadV1Identity(sourceIp: string, userAgent: string | null): APIGatewayEventIdentity {
  return {
    accessKey: null,
    accountId: null,
    caller: null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp,
    user: null,
    userAgent,
    userArn: null,
  } as unknown as APIGatewayEventIdentity;
}
