import type { RestRequestContext } from '../context.js';

/**
 * The method's authorization: IAM (SigV4), Lambda authorizers (TOKEN, REQUEST) and Cognito user pools. Empty until
 * the access-control issue lands: every method is served as `authorizationType: NONE`.
 */
export function authorize(_context: RestRequestContext): void {}
