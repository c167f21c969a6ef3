import type { RestRequestContext } from '../context.js';

// The Lambda authorizer's code loads only when an API has one.
let lambdaAuthorizer: Promise<typeof import('../authorizers/lambda-authorizer.js')> | undefined;
const loadLambdaAuthorizer = () => (lambdaAuthorizer ??= import('../authorizers/lambda-authorizer.js'));

/**
 * The method's authorization. A method whose `security` names a Lambda authorizer (TOKEN or REQUEST) runs it
 * (rest/authorizers/lambda-authorizer.ts): 401, 403 or 500 stop the request, an allowed caller is left in
 * `context.authorizer`. Any other method is served as `authorizationType: NONE`, at the cost of one property read.
 * IAM (SigV4) and Cognito user pools are still to come.
 */
export function authorize(context: RestRequestContext): void | Promise<void> {
  const name = context.methodModel.authorizer;
  if (name === undefined) return;
  return runAuthorizer(context, name);
}

async function runAuthorizer(context: RestRequestContext, name: string): Promise<void> {
  const { runLambdaAuthorizer } = await loadLambdaAuthorizer();
  await runLambdaAuthorizer(context, context.api!.authorizers![name]!);
}
