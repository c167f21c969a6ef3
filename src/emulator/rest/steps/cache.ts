import type { RestRequestContext } from '../context.js';

/**
 * The stage cache (`cacheClusterEnabled`, per-method `cachingEnabled`): a hit answers without calling the
 * integration. Empty until the traffic-management issue lands: nothing is cached.
 */
export function cache(_context: RestRequestContext): void {}
