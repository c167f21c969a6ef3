import { identityDecision } from '../../shared/iam/identity-policy.js';
import { verifyContextSignature } from '../../shared/iam/verify-request.js';
import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import { startAuthorizerTrace } from '../../shared/trace.js';
import type { HttpApiRequestContext } from '../context.js';
import { HTTP_API_RESPONSES, type HttpErrorResponse } from '../responses.js';

/**
 * IAM authorization (`authorizationType: AWS_IAM`) of an HTTP API route: "clients must use Signature Version 4 (SigV4)
 * to sign their requests with AWS credentials. API Gateway invokes your API route only if the client has execute-api
 * permission for the route" (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control-iam.html).
 * The signature is verified as for REST APIs (shared/iam/verify-request.ts) and the signer's identity policy
 * evaluated against `execute-api:Invoke` on the route ARN (`arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/
 * {METHOD}/{path}`); the caller reaches the integration as `requestContext.authorizer.iam` (2.0) or
 * `requestContext.identity` (1.0).
 *
 * AWS documents none of an HTTP API's IAM refusals; assumed here, in HTTP APIs' own style (`{"message":…}`, no
 * `x-amzn-ErrorType`): an unsigned request and a caller the policy does not allow are 403 `{"message":"Forbidden"}`,
 * as HTTP APIs answer their other refusals (and as reported for unsigned requests); a signature the gateway cannot
 * accept is 403 with SigV4's own message, as for REST APIs.
 */
export async function runHttpIamAuthorizer(context: HttpApiRequestContext): Promise<void> {
  const record = startAuthorizerTrace(context.trace, 'AWS_IAM', 'AWS_IAM', '');
  const refuse = (response: HttpErrorResponse, reason: string): never => {
    record.decision = 'deny';
    record.outcome = { kind: 'skipped', reason };
    throw new GatewayError(response, reason);
  };
  const signatureError = (message: string): HttpErrorResponse => ({
    type: 'INVALID_SIGNATURE',
    status: 403,
    body: JSON.stringify({ message }),
  });
  const verdict = await verifyContextSignature(context);
  switch (verdict.kind) {
    case 'missing':
      return refuse(HTTP_API_RESPONSES.FORBIDDEN, 'The request is not signed (no Authorization header)');
    case 'incomplete':
      return refuse(signatureError(verdict.message), verdict.message);
    case 'unrecognized':
      return refuse(
        signatureError('The security token included in the request is invalid.'),
        `The access key ${verdict.accessKeyId} is not one the gateway was given (--credentials)`,
      );
    case 'invalid':
      return refuse(signatureError(verdict.message), verdict.detail);
  }
  const { principal } = verdict;
  const { home } = context.services;
  const routeArn = `arn:aws:execute-api:${home.region}:${home.accountId}:${context.api!.id}/${context.stage.name}/${context.method}/${context.pathInStage.replace(/^\//, '')}`;
  const decision = identityDecision(context.services.iam, principal, routeArn);
  if (decision === 'EXPLICIT_DENY' || decision === 'IMPLICIT_DENY')
    return refuse(
      HTTP_API_RESPONSES.FORBIDDEN,
      `${principal.arn}'s identity policy ${decision === 'EXPLICIT_DENY' ? 'explicitly denies' : 'does not allow'} execute-api:Invoke on ${routeArn}`,
    );
  record.decision = 'allow';
  record.outcome = {
    kind: 'result',
    payload: {
      principal: principal.arn,
      accessKeyId: principal.accessKeyId,
      routeArn,
      identityPolicy:
        decision === 'ALLOW' ? 'allows' : 'none set: assumed allowed (the emulator has no IAM; see --identity-policy)',
    },
  };
  context.authorizer = { type: 'IAM', principal };
}
