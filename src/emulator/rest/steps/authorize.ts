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

/**
 * The method's authorization. A method whose `security` names a Lambda authorizer (TOKEN or REQUEST) runs it
 * (rest/authorizers/lambda-authorizer.ts): 401, 403 or 500 stop the request, an allowed caller is left in
 * `context.authorizer`. A method whose `security` names a Cognito user pool authorizer verifies the token
 * (rest/authorizers/cognito-authorizer.ts): 401, or the claims in `context.authorizer`. An AWS_IAM method verifies the
 * request's SigV4 signature and the signer's identity policy (rest/authorizers/iam-authorizer.ts): 403, or the caller
 * in `context.iamCaller`. Any other method is served as `authorizationType: NONE`, at the cost of three property reads.
 */
export function authorize(context: RestRequestContext): void | Promise<void> {
  const { methodModel } = context;
  const name = methodModel.authorizer;
  if (name !== undefined) return runAuthorizer(context, name);
  if (methodModel.cognitoAuthorizer !== undefined) return runCognito(context, methodModel.cognitoAuthorizer);
  if (methodModel.iam !== undefined) return runIam(context, methodModel.iam);
}

async function runIam(context: RestRequestContext, scheme: string): Promise<void> {
  const { runIamAuthorizer } = await loadIamAuthorizer();
  await runIamAuthorizer(context, scheme);
}

async function runAuthorizer(context: RestRequestContext, name: string): Promise<void> {
  const { runLambdaAuthorizer } = await loadLambdaAuthorizer();
  await runLambdaAuthorizer(context, context.api!.authorizers![name]!);
}

async function runCognito(context: RestRequestContext, name: string): Promise<void> {
  const { runCognitoAuthorizer } = await loadCognitoAuthorizer();
  await runCognitoAuthorizer(context, context.api!.cognitoAuthorizers![name]!, context.methodModel.authorizationScopes);
}
