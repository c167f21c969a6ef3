import { lastHeaderOf } from '../../shared/headers.js';
import { traceIdOf } from '../../shared/trace-id.js';
import type { RestRequestContext } from '../context.js';

/**
 * Gives the routed request its X-Ray trace id: the client's `X-Amzn-Trace-Id` when it carries a root, a new root
 * otherwise. From here on the gateway's answers carry it (a request refused before routing has none).
 */
export function traceRequest(context: RestRequestContext): void {
  context.traceId = traceIdOf(lastHeaderOf(context.rawHeaders, context.lowerNames, 'x-amzn-trace-id'), context.epochMs);
}
