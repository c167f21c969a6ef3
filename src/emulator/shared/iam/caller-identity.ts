import type { IamPrincipal } from './principals.js';

/**
 * Where a signed caller appears in what the integration receives.
 * - Payload 1.0 (REST APIs, and HTTP APIs' 1.0): `requestContext.identity`'s `accessKey`, `accountId`, `caller`,
 *   `user`, `userArn` ("$context.identity.caller: The principal identifier of the caller that signed the request.
 *   Supported for resources that use IAM authorization", "$context.identity.user: The principal identifier of the user
 *   that will be authorized against resource access", "$context.identity.userArn: The Amazon Resource Name (ARN) of
 *   the effective user identified after authentication",
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html); the
 *   other fields stay as they are.
 * - Payload 2.0: `requestContext.authorizer.iam` with `accessKey`, `accountId`, `callerId`, `cognitoIdentity`,
 *   `principalOrgId`, `userArn`, `userId`, as AWS's Lambda library's recorded event has it
 *   (https://github.com/aws/aws-lambda-go/blob/main/events/testdata/apigw-v2-request-iam.json); `cognitoIdentity` and
 *   `principalOrgId` are null for a key that is not Cognito's and an account in no organization (assumed).
 */

/** The identity fields IAM authorization fills in, for payload 1.0 and `$context.identity`. */
export function iamIdentityFields(principal: IamPrincipal): {
  accessKey: string;
  accountId: string;
  caller: string;
  user: string;
  userArn: string;
} {
  return {
    accessKey: principal.accessKeyId,
    accountId: principal.accountId,
    caller: principal.callerId,
    user: principal.callerId,
    userArn: principal.arn,
  };
}

/** A payload 1.0 `requestContext.identity` with the caller's fields set (its keys keep their order). */
export function withIamIdentity<T extends object>(identity: T, principal: IamPrincipal): T {
  return { ...identity, ...iamIdentityFields(principal) };
}

/** Payload 2.0's `requestContext.authorizer` after IAM authorization. */
export function iamAuthorizerV2(principal: IamPrincipal): { iam: Record<string, string | null> } {
  return {
    iam: {
      accessKey: principal.accessKeyId,
      accountId: principal.accountId,
      callerId: principal.callerId,
      cognitoIdentity: null,
      principalOrgId: null,
      userArn: principal.arn,
      userId: principal.userId,
    },
  };
}
