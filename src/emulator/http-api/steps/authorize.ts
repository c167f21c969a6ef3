import { identityValue } from '../authorizers/identity.js';
import type { HttpJwtAuthorizer, HttpLambdaAuthorizer } from '../authorizers/model.js';
import type { HttpApiRequestContext } from '../context.js';

// The authorizers' code (and jose) loads only when a route has one.
let jwtAuthorizer: Promise<typeof import('../authorizers/jwt-authorizer.js')> | undefined;
const loadJwtAuthorizer = () => (jwtAuthorizer ??= import('../authorizers/jwt-authorizer.js'));
let lambdaAuthorizer: Promise<typeof import('../authorizers/lambda-authorizer.js')> | undefined;
const loadLambdaAuthorizer = () => (lambdaAuthorizer ??= import('../authorizers/lambda-authorizer.js'));
let iamAuthorizer: Promise<typeof import('../authorizers/iam-authorizer.js')> | undefined;
const loadIamAuthorizer = () => (iamAuthorizer ??= import('../authorizers/iam-authorizer.js'));

/**
 * The route's authorization. A route whose `security` names a JWT authorizer has its token verified
 * (authorizers/jwt-authorizer.ts: 401 or 403); one naming a Lambda authorizer runs it
 * (authorizers/lambda-authorizer.ts: 401, 403 or 500). The verdict (claims and scopes, or the Lambda's context) is
 * left in `context.authorizer`. An AWS_IAM route verifies the request's SigV4 signature and the signer's identity
 * policy (authorizers/iam-authorizer.ts: 403, or the caller in `context.authorizer`). Any other route is served as
 * `authorizationType: NONE`, at the cost of two property reads.
 */
export function authorize(context: HttpApiRequestContext): void | Promise<void> {
  const authorization = context.route.authorization;
  if (authorization === undefined) return context.route.iam ? runIamAuthorizer(context) : undefined;
  const authorizer = context.api!.authorizers![authorization.authorizer]!;
  return authorizer.type === 'JWT'
    ? runJwtAuthorizer(context, authorizer, authorization.scopes)
    : runLambdaAuthorizer(context, authorizer);
}

async function runJwtAuthorizer(
  context: HttpApiRequestContext,
  authorizer: HttpJwtAuthorizer,
  scopes: string[],
): Promise<void> {
  const { verifyJwtRequest } = await loadJwtAuthorizer();
  const identity = identityValue(authorizer.identitySource, context.rawHeaders, context.url.query);
  context.authorizer = await verifyJwtRequest(authorizer, identity, scopes, context.services.jwks, context.epochMs);
}

async function runLambdaAuthorizer(context: HttpApiRequestContext, authorizer: HttpLambdaAuthorizer): Promise<void> {
  const { runHttpLambdaAuthorizer } = await loadLambdaAuthorizer();
  await runHttpLambdaAuthorizer(context, authorizer);
}

async function runIamAuthorizer(context: HttpApiRequestContext): Promise<void> {
  const { runHttpIamAuthorizer } = await loadIamAuthorizer();
  await runHttpIamAuthorizer(context);
}
