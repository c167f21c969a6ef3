import type { RestRequestContext } from '../context.js';

/**
 * Throttling (account, stage, method and usage-plan token buckets; 429 through the THROTTLED gateway response). Empty
 * until the traffic-management issue lands: no request is throttled.
 */
export function throttle(_context: RestRequestContext): void {}
