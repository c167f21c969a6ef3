import { newTraceRoot } from './ids.js';

/** X-Ray's trace header root, as a client may send it. */
const TRACE_ROOT = /Root=1-[0-9a-f]{8}-[0-9a-f]{24}/;

/**
 * A routed request's X-Ray trace id: the client's `X-Amzn-Trace-Id` (`sent`) when it carries a root, a new root
 * (`Root=1-<epoch hex>-<24 hex>`) otherwise. REST and HTTP APIs alike.
 */
export function traceIdOf(sent: string | null, epochMs: number): string {
  return sent && TRACE_ROOT.test(sent) ? sent : `Root=${newTraceRoot(epochMs)}`;
}
