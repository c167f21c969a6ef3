import { accessDeniedMessage, identityDecision } from '../../shared/iam/identity-policy.js';
import { verifyContextSignature } from '../../shared/iam/verify-request.js';
import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import { startAuthorizerTrace } from '../../shared/trace.js';
import type { RestRequestContext } from '../context.js';
import { GATEWAY_RESPONSES, type GatewayErrorResponse } from '../gateway-responses.js';
import { methodArnOf } from './event.js';

const json = 'application/json';

/**
 * The answers of IAM authorization that GATEWAY_RESPONSES does not hold, each a `{"message":…}` body (the default
 * template, as the other gateway responses render) with AWS's message and `x-amzn-ErrorType`:
 * - an `Authorization` header SigV4 cannot read: `IncompleteSignatureException`, under MISSING_AUTHENTICATION_TOKEN
 *   (customising that response changes this answer too, as reported in
 *   https://github.com/amazon-archives/aws-cognito-angular-quickstart/issues/50; assumed);
 * - a signature that does not match, a bad credential scope, a date out of the five-minute window:
 *   `InvalidSignatureException`, INVALID_SIGNATURE ("The gateway response for an invalid AWS signature error",
 *   supported-gateway-response-types.html);
 * - an unknown access key: `{"message":"The security token included in the request is invalid."}` with
 *   `x-amzn-ErrorType: UnrecognizedClientException`, `Content-Length: 68`, as captured from execute-api
 *   (https://github.com/badslug/Paw-AWSSignature4DynamicValue/issues/5); its response type is not documented:
 *   INVALID_SIGNATURE is assumed;
 * - the identity policy's denial: ACCESS_DENIED, `AccessDeniedException`, the body's key `Message` capitalised as in
 *   API Gateway's captured IAM denials (https://github.com/ASFHyP3/hyp3/issues/2283).
 */
const incompleteSignature = (message: string): GatewayErrorResponse => ({
  type: 'MISSING_AUTHENTICATION_TOKEN',
  status: 403,
  body: JSON.stringify({ message }),
  contentType: json,
  errorType: 'IncompleteSignatureException',
});
const invalidSignature = (message: string, errorType = 'InvalidSignatureException'): GatewayErrorResponse => ({
  type: 'INVALID_SIGNATURE',
  status: 403,
  body: JSON.stringify({ message }),
  contentType: json,
  errorType,
});
const accessDenied = (message: string): GatewayErrorResponse => ({
  type: 'ACCESS_DENIED',
  status: 403,
  body: JSON.stringify({ Message: message }),
  contentType: json,
  errorType: 'AccessDeniedException',
});

/**
 * IAM authorization (`authorizationType: AWS_IAM`) of a REST API method: the request's Signature Version 4 verified
 * for real with the keys the gateway was given (`putCredentials`), then the signer's identity policy evaluated against
 * `execute-api:Invoke` on the method ARN. An unsigned request is 403 `{"message":"Missing Authentication Token"}`
 * ("If the API request isn't signed, then you receive the following error: Missing Authentication Token",
 * https://repost.aws/knowledge-center/api-gateway-iam-sigv4-mismatch). The caller is left in `context.iamCaller`, for
 * the event's `requestContext.identity` and `$context.identity`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/permissions.html
 */
/**
 * An API's resource policy as the AWS_IAM flow meets it (rest/resource-policy/verdict.ts): the signed caller's
 * identity decision combined with the policy's verdict for that caller (Tables A and B of
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html), and the 403 the
 * resource policy answers when it is the one that refuses.
 */
export interface IamUnderResourcePolicy {
  decide(
    principalArn: string,
    identity: 'ALLOW' | 'EXPLICIT_DENY' | 'IMPLICIT_DENY',
  ): {
    decision: 'ALLOW' | 'EXPLICIT_DENY' | 'IMPLICIT_DENY';
    resource: 'ALLOW' | 'EXPLICIT_DENY' | 'IMPLICIT_DENY';
  };
  deniedError(principalArn: string, decision: 'EXPLICIT_DENY' | 'IMPLICIT_DENY'): GatewayError;
}

export async function runIamAuthorizer(
  context: RestRequestContext,
  scheme: string,
  resourcePolicy?: IamUnderResourcePolicy,
): Promise<void> {
  const record = startAuthorizerTrace(context.trace, 'AWS_IAM', scheme, '');
  // Every refusal is a 403: the trace's `deny`.
  const refuse = (response: GatewayErrorResponse, reason: string): never => {
    record.decision = 'deny';
    record.outcome = { kind: 'skipped', reason };
    throw new GatewayError(response, reason);
  };
  const verdict = await verifyContextSignature(context);
  switch (verdict.kind) {
    case 'missing':
      return refuse(
        GATEWAY_RESPONSES.MISSING_AUTHENTICATION_TOKEN,
        'The request is not signed (no Authorization header)',
      );
    case 'incomplete':
      return refuse(incompleteSignature(verdict.message), verdict.message);
    case 'unrecognized':
      return refuse(
        invalidSignature('The security token included in the request is invalid.', 'UnrecognizedClientException'),
        `The access key ${verdict.accessKeyId} is not one the gateway was given (--credentials)`,
      );
    case 'invalid':
      return refuse(invalidSignature(verdict.message), verdict.detail);
  }
  const { principal } = verdict;
  const methodArn = methodArnOf(context);
  const identity = identityDecision(context.services.iam, principal, methodArn);
  let decision = identity;
  if (resourcePolicy) {
    const combined = resourcePolicy.decide(principal.arn, identity === 'ASSUMED_ALLOW' ? 'ALLOW' : identity);
    // The resource policy refuses when it denies explicitly, or when it is the one left without an Allow.
    if (
      combined.decision !== 'ALLOW' &&
      (combined.resource === 'EXPLICIT_DENY' || identity === 'ALLOW' || identity === 'ASSUMED_ALLOW')
    ) {
      record.decision = 'deny';
      const error = resourcePolicy.deniedError(principal.arn, combined.decision);
      record.outcome = { kind: 'skipped', reason: error.detail ?? 'denied by the resource policy' };
      throw error;
    }
    if (combined.decision === 'ALLOW') decision = 'ALLOW';
  }
  if (decision === 'EXPLICIT_DENY' || decision === 'IMPLICIT_DENY') {
    const message = accessDeniedMessage(principal, methodArn, decision === 'EXPLICIT_DENY');
    return refuse(accessDenied(message), message);
  }
  record.decision = 'allow';
  record.outcome = {
    kind: 'result',
    payload: {
      principal: principal.arn,
      accessKeyId: principal.accessKeyId,
      methodArn,
      identityPolicy:
        decision === 'ALLOW' ? 'allows' : 'none set: assumed allowed (the emulator has no IAM; see --identity-policy)',
    },
  };
  context.iamCaller = principal;
}
