import { lastHeaderOf } from '../../shared/headers.js';
import { newTraceRoot } from '../../shared/ids.js';
import type { RestRequestContext } from '../context.js';

/** X-Ray's trace header root, as a client may send it. */
const TRACE_ROOT = /Root=1-[0-9a-f]{8}-[0-9a-f]{24}/;

/**
 * Gives the routed request its X-Ray trace id: the client's `X-Amzn-Trace-Id` when it carries a root, a new root
 * otherwise. From here on the gateway's answers carry it (a request refused before routing has none).
 */
export function traceRequest(context: RestRequestContext): void {
  const sent = lastHeaderOf(context.rawHeaders, context.lowerNames, 'x-amzn-trace-id');
  context.traceId = sent && TRACE_ROOT.test(sent) ? sent : `Root=${newTraceRoot(context.epochMs)}`;
}
