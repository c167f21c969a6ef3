/**
 * The records of a handler worker's reply ring (see string-ring.ts), in the order things happened:
 * a result (`R…`), an outcome sent as a message instead (`M`: errors, large results), or the end of
 * loading (`I`). A result record is cheaper to write and read than a structured-clone message, and
 * only the payload's JSON text travels.
 */
import type { InvokeOutcome } from '../emulator/shared/invoker.js';

/**
 * A result outcome as a reply-ring record: `R`, the logs as JSON, a newline, the payload's JSON text.
 * Only for results whose payload is what `JSON.parse(payloadJson)` gives, or `payloadJson` itself when that
 * is not JSON (Python's raw text); see {@link decodeOutcomeRecord}.
 */
export function encodeOutcomeRecord(outcome: InvokeOutcome): string | null {
  if (outcome.kind !== 'result' || typeof outcome.payloadJson !== 'string') return null;
  return `R${JSON.stringify(outcome.logs)}\n${outcome.payloadJson}`;
}

/** Record: the next outcome is in a message (read it before going on). */
export const MESSAGE_RECORD = 'M';
/** Record: loading (Pyodide, the handler) finished; the running invocation's timeout starts now. */
export const INIT_RECORD = 'I';
/** The largest result record put in the ring; a larger one goes as a message. */
export const MAX_RESULT_RECORD = 64 * 1024;

/** The outcome a result record (`R…`) stands for. */
export function decodeOutcomeRecord(record: string): InvokeOutcome {
  const newline = record.indexOf('\n');
  const logs = JSON.parse(record.slice(1, newline)) as string[];
  const payloadJson = record.slice(newline + 1);
  let payload: unknown;
  try {
    payload = JSON.parse(payloadJson);
  } catch {
    payload = payloadJson;
  }
  return { kind: 'result', payload, payloadJson, logs };
}
