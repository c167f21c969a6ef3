import type { RestRequestContext } from '../context.js';

// The Lambda authorizer's code loads only when an API has one.
let lambdaAuthorizer: Promise<typeof import('../authorizers/lambda-authorizer.js')> | undefined;
const loadLambdaAuthorizer = () => (lambdaAuthorizer ??= import('../authorizers/lambda-authorizer.js'));
// The Cognito authorizer's code (and jose) loads only when an API has one.
let cognitoAuthorizer: Promise<typeof import('../authorizers/cognito-authorizer.js')> | undefined;
const loadCognitoAuthorizer = () => (cognitoAuthorizer ??= import('../authorizers/cognito-authorizer.js'));
// IAM authorization's code (and the SigV4 signer) loads only when an API has an AWS_IAM method.
let iamAuthorizer: Promise<typeof import('../authorizers/iam-authorizer.js')> | undefined;
const loadIamAuthorizer = () => (iamAuthorizer ??= import('../authorizers/iam-authorizer.js'));
// The resource policy's code loads only when an API has one; once loaded, a method without an authorizer is judged
// synchronously.
type ResourcePolicyModule = typeof import('../resource-policy/verdict.js');
let resourcePolicy: ResourcePolicyModule | undefined;
let resourcePolicyLoading: Promise<ResourcePolicyModule> | undefined;
const loadResourcePolicy = () =>
  (resourcePolicyLoading ??= import('../resource-policy/verdict.js').then((m) => (resourcePolicy = m)));

/**
 * The method's authorization. A method whose `security` names a Lambda authorizer (TOKEN or REQUEST) runs it
 * (rest/authorizers/lambda-authorizer.ts): 401, 403 or 500 stop the request, an allowed caller is left in
 * `context.authorizer`. A method whose `security` names a Cognito user pool authorizer verifies the token
 * (rest/authorizers/cognito-authorizer.ts): 401, or the claims in `context.authorizer`. An AWS_IAM method verifies the
 * request's SigV4 signature and the signer's identity policy (rest/authorizers/iam-authorizer.ts): 403, or the caller
 * in `context.iamCaller`. Any other method is served as `authorizationType: NONE`, at the cost of three property reads.
 * An API with a resource policy (`x-amazon-apigateway-policy`) goes through authorizeUnderPolicy.
 */
export function authorize(context: RestRequestContext): void | Promise<void> {
  const { methodModel } = context;
  if (context.api!.resourcePolicy !== undefined)
    return resourcePolicy
      ? authorizeUnderPolicy(context, resourcePolicy)
      : loadResourcePolicy().then((m) => authorizeUnderPolicy(context, m));
  const name = methodModel.authorizer;
  if (name !== undefined) return runAuthorizer(context, name);
  if (methodModel.cognitoAuthorizer !== undefined) return runCognito(context, methodModel.cognitoAuthorizer);
  if (methodModel.iam !== undefined) return runIam(context, methodModel.iam);
}

async function runIam(context: RestRequestContext, scheme: string, policy?: ResourcePolicyModule): Promise<void> {
  const { runIamAuthorizer } = await loadIamAuthorizer();
  await runIamAuthorizer(
    context,
    scheme,
    policy && {
      decide: (principalArn, identity) => {
        const resource = policy.resourcePolicyVerdict(context, principalArn)!;
        return {
          decision: policy.combineDecisions(identity, resource, policy.sameAccount(context, principalArn)),
          resource,
        };
      },
      deniedError: (principalArn, decision) => policy.accessDeniedError(context, principalArn, decision),
    },
  );
}

async function runAuthorizer(context: RestRequestContext, name: string, resourcePolicyAllows = false): Promise<void> {
  const { runLambdaAuthorizer } = await loadLambdaAuthorizer();
  await runLambdaAuthorizer(context, context.api!.authorizers![name]!, resourcePolicyAllows);
}

/**
 * A method of an API with a resource policy, as "How API Gateway resource policies affect authorization workflow"
 * draws it (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html). A Lambda
 * authorizer: the policy is evaluated first and an explicit deny stops the request before the authorizer is called;
 * then the authorizer's policy and the resource policy combine as Table A says (the resource policy's Allow admits a
 * caller the authorizer's policy is silent about). A Cognito user pool: the token is verified first (401), then "the
 * resource policy is evaluated independently, and an explicit allow is required" (that section's words; Table A's
 * "Allow / Neither → Allow" row reads otherwise, and the section is followed). No authorizer: the policy must allow.
 * The caller is anonymous for all three (IAM callers are the AWS_IAM flow's).
 */
function authorizeUnderPolicy(context: RestRequestContext, policy: ResourcePolicyModule): void | Promise<void> {
  const { resourcePolicyVerdict, accessDeniedError, ANONYMOUS } = policy;
  const { methodModel } = context;
  // AWS_IAM: the signed caller is the policy's principal, and Tables A and B combine both decisions.
  if (methodModel.iam !== undefined) return runIam(context, methodModel.iam, policy);
  if (methodModel.authorizer !== undefined) {
    const before = resourcePolicyVerdict(context, ANONYMOUS, 'before-authorizer')!;
    if (before === 'EXPLICIT_DENY') throw accessDeniedError(context, ANONYMOUS, before);
    return runAuthorizer(context, methodModel.authorizer, before === 'ALLOW');
  }
  const judge = () => {
    const verdict = resourcePolicyVerdict(context, ANONYMOUS)!;
    if (verdict !== 'ALLOW') throw accessDeniedError(context, ANONYMOUS, verdict);
  };
  if (methodModel.cognitoAuthorizer !== undefined)
    return runCognito(context, methodModel.cognitoAuthorizer).then(judge);
  judge();
}

async function runCognito(context: RestRequestContext, name: string): Promise<void> {
  const { runCognitoAuthorizer } = await loadCognitoAuthorizer();
  await runCognitoAuthorizer(context, context.api!.cognitoAuthorizers![name]!, context.methodModel.authorizationScopes);
}
