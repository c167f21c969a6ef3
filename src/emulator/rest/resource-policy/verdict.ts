import { lastHeaderOf } from '../../shared/headers.js';
import { GatewayError } from '../../shared/pipeline/gateway-error.js';
import type { ResourcePolicyTrace } from '../../shared/trace.js';
import { methodArnOf } from '../authorizers/event.js';
import type { RestRequestContext } from '../context.js';
import { accountOf, evaluateResourcePolicy, type PolicyDecision, type PolicyRequest } from './evaluate.js';

/**
 * The resource policy's part in a request's authorization, as "How API Gateway resource policies affect authorization
 * workflow" describes it (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html):
 * the policy's own verdict for a caller, how it combines with the authorizer's or IAM's (Tables A and B), and the 403
 * API Gateway answers when the result is a deny.
 */

/** The caller a resource policy sees for every authorization type but AWS_IAM (`User: anonymous` in AWS's 403s). */
export const ANONYMOUS = null;

/**
 * `aws:SourceVpce` of a request to a private API through an interface VPC endpoint: the endpoint its host names, in the
 * Route 53 alias form `{rest-api-id}-{vpce-id}.execute-api.{region}.amazonaws.com` or the endpoint-specific form
 * `{vpce-id}-{suffix}.execute-api.{region}.vpce.amazonaws.com`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-api-test-invoke-url.html); absent
 * otherwise.
 */
export function sourceVpceOf(host: string): string | undefined {
  const m = /^(?:[a-z0-9]+-(vpce-[0-9a-f]+)|(vpce-[0-9a-f]+)-[a-z0-9]+)\.execute-api\./i.exec(host);
  return m ? (m[1] ?? m[2])!.toLowerCase() : undefined;
}

/** The request as the policy sees it: the method ARN, the caller and the condition keys the emulator knows. */
function policyRequestOf(context: RestRequestContext, principal: string | null): PolicyRequest {
  const { region, accountId } = context.services.home;
  const account = principal === null ? null : accountOf(principal);
  return {
    methodArn: methodArnOf(context),
    apiArn: `arn:aws:execute-api:${region}:${accountId}:${context.api!.id}`,
    principal,
    key: (key) => {
      switch (key) {
        case 'aws:sourceip':
          return context.trace.sourceIp;
        case 'aws:sourcevpce':
          return sourceVpceOf(context.host);
        case 'aws:referer':
          return lastHeaderOf(context.rawHeaders, context.lowerNames, 'referer') ?? undefined;
        case 'aws:useragent':
          return lastHeaderOf(context.rawHeaders, context.lowerNames, 'user-agent') ?? undefined;
        case 'aws:principalaccount':
          return account ?? undefined;
        case 'aws:principalarn':
          // An assumed-role session's aws:PrincipalArn is its role's ARN (role path unknown here: assumed none).
          return principal === null
            ? undefined
            : principal.replace(/^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.*$/, 'arn:$1:iam::$2:role/$3');
        default:
          // aws:SourceVpc, aws:PrincipalTag/…, aws:PrincipalOrgID… are not known to the emulator: absent.
          return undefined;
      }
    },
  };
}

/**
 * The API's resource policy's verdict for this request and caller (`principal`: the IAM caller's ARN on an AWS_IAM
 * method, else ANONYMOUS), recorded in the trace; undefined at once when the API has no resource policy.
 */
export function resourcePolicyVerdict(
  context: RestRequestContext,
  principal: string | null,
  phase: ResourcePolicyTrace['phase'] = 'final',
): PolicyDecision | undefined {
  const policy = context.api?.resourcePolicy;
  if (policy === undefined) return undefined;
  const verdict = evaluateResourcePolicy(policy, policyRequestOf(context, principal));
  context.trace.resourcePolicy = { ...verdict, principal, phase };
  return verdict.decision;
}

/**
 * Table A ("Account A calls API owned by account A"): the authorizer's or IAM user policy's decision and the resource
 * policy's, combined: any explicit deny wins, else either allow allows. Table B (the caller in another account): both
 * must allow. https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html#apigateway-resource-policies-iam-policies-interaction
 */
export function combineDecisions(
  identity: PolicyDecision,
  resource: PolicyDecision,
  sameAccount = true,
): PolicyDecision {
  if (identity === 'EXPLICIT_DENY' || resource === 'EXPLICIT_DENY') return 'EXPLICIT_DENY';
  if (sameAccount) return identity === 'ALLOW' || resource === 'ALLOW' ? 'ALLOW' : 'IMPLICIT_DENY';
  return identity === 'ALLOW' && resource === 'ALLOW' ? 'ALLOW' : 'IMPLICIT_DENY';
}

/** An account id as API Gateway prints it in these 403s: eight asterisks and its last four digits. */
export function maskAccount(text: string): string {
  return text.replace(/(:)(\d{8})(\d{4})(:)/g, '$1********$3$4');
}

/**
 * The 403 ACCESS_DENIED a denying resource policy earns, as captured from execute-api:
 * `{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource:
 * arn:aws:execute-api:us-east-1:********3458:zr8nirlpz3/dev/GET/bookmarks/e0a0… with an explicit deny"}` for an
 * explicit deny, the same without ` with an explicit deny` for an implicit one; an IAM caller's ARN in place of
 * `anonymous`, its account masked the same way (`User: arn:aws:sts::********5355:assumed-role/…`). Key `Message`,
 * capitalised, as for the authorizer's ACCESS_DENIED. The bodies are execute-api's as public write-ups quote them
 * (a workshop's `NotIpAddress` deny, above; a resource policy that allows nobody anonymous: `{"Message":"User:
 * anonymous is not authorized to perform: execute-api:Invoke on resource:
 * arn:aws:execute-api:us-east-1:********9012:abc123abc1/Prod/POST/athena/run_query_template"}`; an IAM caller:
 * `User: arn:aws:sts::********5355:assumed-role/…/CognitoIdentityCredentials is not authorized …`); AWS's pages
 * document the status only. Status 403 and the ACCESS_DENIED type: supported-gateway-response-types.html.
 */
export function accessDeniedError(
  context: RestRequestContext,
  principal: string | null,
  decision: Exclude<PolicyDecision, 'ALLOW'>,
): GatewayError {
  const user = principal === null ? 'anonymous' : maskAccount(principal);
  const resource = maskAccount(methodArnOf(context));
  const explicit = decision === 'EXPLICIT_DENY' ? ' with an explicit deny' : '';
  const message = `User: ${user} is not authorized to perform: execute-api:Invoke on resource: ${resource}${explicit}`;
  return new GatewayError(
    {
      type: 'ACCESS_DENIED',
      status: 403,
      body: JSON.stringify({ Message: message }),
      contentType: 'application/json',
      errorType: 'AccessDeniedException',
    },
    `The resource policy ${decision === 'EXPLICIT_DENY' ? 'explicitly denies' : 'does not allow'} ${principal ?? 'an anonymous caller'} execute-api:Invoke on ${methodArnOf(context)}`,
  );
}

/** Whether an IAM caller is in the API's own account (Table A) rather than another (Table B). */
export const sameAccount = (context: RestRequestContext, principalArn: string): boolean =>
  accountOf(principalArn) === context.services.home.accountId;

/**
 * For an AWS_IAM method (the IAM authorizer's part, rest/authorizers/): the signed caller's identity-policy decision
 * combined with the resource policy's verdict for that caller, by Table A when the caller is in the API's account and
 * Table B otherwise ("cross-account access requires that both the resource policy and the IAM policy … explicitly
 * grant access"); undefined at once when the API has no resource policy (the identity policy alone decides).
 */
export function iamDecisionUnderPolicy(
  context: RestRequestContext,
  principalArn: string,
  identity: PolicyDecision,
): PolicyDecision | undefined {
  const resource = resourcePolicyVerdict(context, principalArn);
  if (resource === undefined) return undefined;
  return combineDecisions(identity, resource, sameAccount(context, principalArn));
}
