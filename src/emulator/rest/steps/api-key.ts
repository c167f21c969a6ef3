import type { RestRequestContext } from '../context.js';

/**
 * The method's API key (`apiKeyRequired`) and the usage plan it belongs to. Empty until the access-control issue
 * lands: no method requires a key.
 */
export function apiKey(_context: RestRequestContext): void {}
