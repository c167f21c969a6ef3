/**
 * An invocation's result as one string, for the handler worker's reply ring (see string-ring.ts):
 * cheaper to write and read than a structured-clone message, and only the payload's JSON text travels.
 */
import type { InvokeOutcome } from '../emulator/invoker.js';

/**
 * A result outcome as a reply-ring record: `R`, the logs as JSON, a newline, the payload's JSON text.
 * Only for results whose payload is what `JSON.parse(payloadJson)` gives, or `payloadJson` itself when that
 * is not JSON (Python's raw text); see {@link decodeOutcomeRecord}.
 */
export function encodeOutcomeRecord(outcome: InvokeOutcome): string | null {
  if (outcome.kind !== 'result' || typeof outcome.payloadJson !== 'string') return null;
  return `R${JSON.stringify(outcome.logs)}\n${outcome.payloadJson}`;
}

/** The outcome a reply-ring record stands for. */
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
