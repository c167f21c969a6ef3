import { lastHeader } from '../../shared/headers.js';
import { traceIdOf } from '../../shared/trace-id.js';
import type { HttpApiRequestContext } from '../context.js';

/**
 * Gives the routed request its X-Ray trace id: the client's `X-Amzn-Trace-Id` when it carries a root, a new root
 * otherwise. The event's `x-amzn-trace-id` header carries it.
 */
export function traceRequest(context: HttpApiRequestContext): void {
  context.traceId = traceIdOf(lastHeader(context.rawHeaders, 'x-amzn-trace-id'), context.epochMs);
}
