/** Test helpers for the embedded SQS: an env with a still clock and counted ids, and wire requests. */
import type { EmbeddedEnv, ServiceRequest } from '../../src/emulator/aws-services/types.js';

export const ACCOUNT = '123456789012';

/** An embedded env whose clock is `clock.now` (move it by hand) and whose ids count up. */
export function testEnv(clock = { now: 1_700_000_000_000 }): Required<EmbeddedEnv> & { clock: { now: number } } {
  let n = 0;
  return {
    region: 'us-east-1',
    accountId: ACCOUNT,
    now: () => clock.now,
    invoke: async () => ({ kind: 'error', error: { errorMessage: 'none', errorType: 'Error' }, logs: [] }),
    sleep: async (ms) => {
      clock.now += ms;
    },
    uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    clock,
  };
}

/** A query-protocol request: `POST {path}` with a form body. */
export function queryRequest(path: string, form: string, headers: Array<[string, string]> = []): ServiceRequest {
  return {
    service: 'sqs',
    region: 'us-east-1',
    method: 'POST',
    path,
    headers: [['Content-Type', 'application/x-www-form-urlencoded'], ...headers],
    body: new TextEncoder().encode(form),
  };
}

/** A JSON-protocol request: `POST /` with `X-Amz-Target: AmazonSQS.{action}`. */
export function jsonRequest(action: string, body: unknown): ServiceRequest {
  return {
    service: 'sqs',
    region: 'us-east-1',
    method: 'POST',
    path: '/',
    headers: [
      ['Content-Type', 'application/x-amz-json-1.0'],
      ['X-Amz-Target', `AmazonSQS.${action}`],
    ],
    body: new TextEncoder().encode(JSON.stringify(body)),
  };
}

/** A header of a response (case-insensitive). */
export function headerOf(headers: Array<[string, string]>, name: string): string | undefined {
  return headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
}
