import { evaluatePolicy } from '../../rest/authorizers/policy.js';
import type { IamPrincipal, IamRegistry } from './principals.js';

/**
 * Whether a signed caller may call a method: its identity policy evaluated against `execute-api:Invoke` on the
 * method's (or route's) ARN, `*` and `?` wildcards, an explicit Deny winning over any Allow, no Allow an implicit deny
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-control-access-using-iam-policies-to-invoke-api.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
 *
 * A principal with no identity policy set is ASSUMED allowed: the emulator has no IAM service, and a credential given
 * without a policy stands for a caller whose policies allow the call (an administrator's, or
 * `AmazonAPIGatewayInvokeFullAccess`), so that `--credentials` alone is enough to try IAM authorization. In AWS an IAM
 * user with no policy at all is denied.
 */
export type IdentityDecision = 'ALLOW' | 'ASSUMED_ALLOW' | 'EXPLICIT_DENY' | 'IMPLICIT_DENY';

/** The decision for `principal` calling `methodArn`. */
export function identityDecision(
  registry: IamRegistry | undefined,
  principal: IamPrincipal,
  methodArn: string,
): IdentityDecision {
  const statements = registry?.identityPolicy(principal.arn);
  return statements === undefined ? 'ASSUMED_ALLOW' : evaluatePolicy(statements, methodArn);
}

/**
 * API Gateway's access-denied message for an IAM caller:
 * `User: {arn} is not authorized to perform: execute-api:Invoke on resource: {method ARN} because no identity-based
 * policy allows the execute-api:Invoke action` (https://repost.aws/knowledge-center/api-gateway-iam-sigv4-mismatch), and
 * for an explicit Deny IAM's documented form, `… with an explicit deny in an identity-based policy`
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html; assumed for API Gateway). The
 * resource's account id is masked but for its last four digits, as API Gateway's captured denials show it
 * (`arn:aws:execute-api:us-west-2:********2543:vd2gh6uqw3/api/GET/`, https://github.com/ASFHyP3/hyp3/issues/2283); the
 * caller's ARN is shown whole (assumed).
 */
export function accessDeniedMessage(principal: IamPrincipal, methodArn: string, explicit: boolean): string {
  const masked = methodArn.replace(
    /^(arn:[^:]*:execute-api:[^:]*:)(\d*)(\d{4}):/,
    (_, head: string, hidden: string, last: string) => `${head}${'*'.repeat(hidden.length)}${last}:`,
  );
  return `User: ${principal.arn} is not authorized to perform: execute-api:Invoke on resource: ${masked} ${
    explicit
      ? 'with an explicit deny in an identity-based policy'
      : 'because no identity-based policy allows the execute-api:Invoke action'
  }`;
}
