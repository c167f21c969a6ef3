import type { HttpApiRequestContext } from '../context.js';

/**
 * Throttling (account, stage and route token buckets; 429). Empty until the
 * traffic-management issue lands: no request is throttled.
 */
export function throttle(_context: HttpApiRequestContext): void {}
