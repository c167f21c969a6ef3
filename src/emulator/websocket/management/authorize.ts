import { wildcardMatch } from '../../rest/authorizers/policy.js';
import type { IamPrincipal, IamRegistry } from '../../shared/iam/principals.js';
import { verifySignature, type ReceivedRequest } from '../../shared/iam/verify-request.js';

/** A refused management call: status, `x-amzn-ErrorType` and body. */
export interface ManagementRefusal {
  status: number;
  errorType: string;
  body: string;
  reason: string;
}

/** The management request as its signature covers it, with the resource its identity policy is checked against. */
export type SignedManagementRequest = ReceivedRequest & {
  /** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/@connections/{id}`. */
  resourceArn: string;
};

/**
 * The `@connections` API's IAM authorization: "These requests use IAM authorization, so you must sign them with
 * Signature Version 4" — verified with the shared SigV4 verifier; then the caller's identity policy, when one is set,
 * must allow `execute-api:ManageConnections` on the resource ARN (a principal without one is assumed allowed, as for
 * the other IAM checks of the emulator). Every refusal is 403 `ForbiddenException` (the management API's modelled
 * error); the messages are SigV4's (as REST's IAM answers), `Forbidden` for an unsigned call (assumed).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-how-to-call-websocket-api-connections.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-control-access-iam.html
 */
export async function authorizeManagement(
  iam: IamRegistry,
  request: SignedManagementRequest,
): Promise<{ principal: IamPrincipal } | ManagementRefusal> {
  const verdict = await verifySignature(request, iam);
  const refuse = (message: string, reason: string): ManagementRefusal => ({
    status: 403,
    errorType: 'ForbiddenException',
    body: JSON.stringify({ message }),
    reason,
  });
  switch (verdict.kind) {
    case 'missing':
      return refuse('Forbidden', 'the request is not signed (no Authorization header)');
    case 'incomplete':
      return refuse(verdict.message, verdict.message);
    case 'unrecognized':
      return refuse(
        'The security token included in the request is invalid.',
        `the access key ${verdict.accessKeyId} is not one the gateway was given`,
      );
    case 'invalid':
      return refuse(verdict.message, verdict.detail);
  }
  const statements = iam.identityPolicy(verdict.principal.arn);
  if (statements !== undefined) {
    let allowed = false;
    for (const s of statements) {
      if (!s.actions.some((a) => wildcardMatch(a, 'execute-api:ManageConnections', true))) continue;
      if (!s.resources.some((r) => wildcardMatch(r, request.resourceArn))) continue;
      if (s.effect === 'Deny')
        return refuse(
          'Forbidden',
          `${verdict.principal.arn}'s identity policy denies execute-api:ManageConnections on ${request.resourceArn}`,
        );
      allowed = true;
    }
    if (!allowed)
      return refuse(
        'Forbidden',
        `${verdict.principal.arn}'s identity policy does not allow execute-api:ManageConnections on ${request.resourceArn}`,
      );
  }
  return { principal: verdict.principal };
}
