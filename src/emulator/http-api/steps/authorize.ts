import type { HttpApiRequestContext } from '../context.js';

/**
 * The route's authorization: JWT authorizers, Lambda authorizers (simple or IAM policy responses) and IAM. Empty
 * until the access-control issue lands: every route is served as `authorizationType: NONE`.
 */
export function authorize(_context: HttpApiRequestContext): void {}
