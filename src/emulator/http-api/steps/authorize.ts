import { identityValue } from '../authorizers/identity.js';
import type { HttpApiRequestContext } from '../context.js';

// The JWT authorizer's code (and jose) loads only when a route has one.
let jwtAuthorizer: Promise<typeof import('../authorizers/jwt-authorizer.js')> | undefined;
const loadJwtAuthorizer = () => (jwtAuthorizer ??= import('../authorizers/jwt-authorizer.js'));

/**
 * The route's authorization. A route whose `security` names a JWT authorizer has its token verified
 * (authorizers/jwt-authorizer.ts): 401 or 403 stop the request, the token's claims and scopes are left in
 * `context.authorizer`. Any other route is served as `authorizationType: NONE`, at the cost of one property read.
 * Lambda authorizers and IAM are still to come.
 */
export function authorize(context: HttpApiRequestContext): void | Promise<void> {
  const authorization = context.route.authorization;
  if (authorization === undefined) return;
  return runJwtAuthorizer(context, authorization.authorizer, authorization.scopes);
}

async function runJwtAuthorizer(context: HttpApiRequestContext, name: string, scopes: string[]): Promise<void> {
  const { verifyJwtRequest } = await loadJwtAuthorizer();
  const authorizer = context.api!.authorizers![name]!;
  const identity = identityValue(authorizer.identitySource, context.rawHeaders, context.url.query);
  context.authorizer = await verifyJwtRequest(authorizer, identity, scopes, context.services.jwks, context.epochMs);
}
