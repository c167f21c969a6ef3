/**
 * The records of the function host's request ring to a handler worker (see string-ring.ts), in the
 * order the invocations were posted: an invocation (`Q…`), or `M`: the next message posted to the
 * worker stands here (a new handler version, a warm-up, an event too large for the ring or not JSON).
 */
import type { LambdaContextInit } from '../emulator/invoker.js';
import type { WorkerRequest } from './handler-worker.js';

/** Record: the next message posted to the worker comes here (read it before going on). */
export const POSTED_RECORD = 'M';
/**
 * The longest invocation record (in UTF-16 units, so at most 96 KiB of UTF-8) put in the ring; a longer one
 * goes as a message. The host posts at most 4 invocations ahead to a worker, so they always fit a 512 KiB ring.
 */
export const MAX_REQUEST_RECORD = 32 * 1024;

/** An invocation as a ring record: `Q`, the budget, a newline, the context as JSON, a newline, the event's JSON text. */
export function encodeRequestRecord(context: LambdaContextInit, budgetMs: number, eventJson: string): string {
  return `Q${budgetMs}\n${JSON.stringify(context)}\n${eventJson}`;
}

/** The request a `Q…` record stands for. */
export function decodeRequestRecord(record: string): WorkerRequest {
  const first = record.indexOf('\n');
  const second = record.indexOf('\n', first + 1);
  return {
    budgetMs: Number(record.slice(1, first)),
    context: JSON.parse(record.slice(first + 1, second)) as LambdaContextInit,
    eventJson: record.slice(second + 1),
  };
}
