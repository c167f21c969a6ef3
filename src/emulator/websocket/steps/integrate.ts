import { fromBase64 } from '../../shared/base64.js';
import { FRAME_MESSAGES } from '../frames.js';
import type { WebSocketIntegration } from '../model.js';
import type { WebSocketTrace } from '../trace.js';
import { invokeFunction, type FunctionRunner } from './invoke-function.js';
import { runMock } from './mock.js';

/** What a route's integration gave. */
export type IntegrationOutcome =
  /**
   * It answered: `statusCode` (the Lambda proxy result's, the MOCK's; undefined when a proxy result has none) and
   * `response`, what a two-way route sends back (undefined: nothing).
   */
  | {
      kind: 'answered';
      statusCode: number | undefined;
      response?: string | Uint8Array;
      headers?: Array<[string, string]>;
    }
  /** It failed: the message of the error frame (or the refusal) API Gateway sends, and why. */
  | { kind: 'failed'; message: string; reason: string };

/** What an integration is run with. */
export interface IntegrationInput {
  integration: WebSocketIntegration;
  /** The Lambda proxy event. */
  event: Record<string, unknown>;
  /** The message body ('' on $connect / $disconnect), for MOCK template selection. */
  message: string;
  /** `$context.*` values for MOCK templates. */
  contextVariables: Record<string, string>;
  /** The stage's variables, `$stageVariables` in MOCK templates. */
  stageVariables: Record<string, string>;
  epochMs: number;
}

/**
 * Runs a route's integration: a Lambda proxy call (AWS_PROXY) or a MOCK. A Lambda proxy integration "passes the
 * backend output to the caller as the complete payload" (there is no integration response): the result's `body`
 * (base64-decoded when `isBase64Encoded`) is what a two-way route sends. A function error or an invalid result is
 * `Internal server error`; a timeout `Endpoint request timed out` (assumed, as REST APIs word it).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integration-responses.html
 */
export async function runIntegration(
  runner: FunctionRunner,
  input: IntegrationInput,
  trace: WebSocketTrace,
): Promise<IntegrationOutcome> {
  const { integration } = input;
  if (integration.type === 'MOCK') {
    let mock;
    try {
      mock = await runMock(integration, {
        message: input.message,
        context: input.contextVariables,
        stageVariables: input.stageVariables,
      });
    } catch (error) {
      return {
        kind: 'failed',
        message: FRAME_MESSAGES.internal,
        reason: `the MOCK's template failed: ${(error as Error).message}`,
      };
    }
    return {
      kind: 'answered',
      statusCode: mock.statusCode,
      ...(mock.body === undefined ? {} : { response: mock.body }),
    };
  }
  const call = await invokeFunction(
    runner,
    integration.functionName!,
    input.event,
    integration.timeoutMs,
    input.epochMs,
  );
  trace.lambda = call.record;
  const { outcome } = call;
  if (outcome.kind === 'timeout')
    return {
      kind: 'failed',
      message: FRAME_MESSAGES.timeout,
      reason: call.record.error ? 'the integration timed out' : '',
    };
  if (outcome.kind === 'error')
    return {
      kind: 'failed',
      message: FRAME_MESSAGES.internal,
      reason: `the function failed: ${outcome.error.errorType}: ${outcome.error.errorMessage}`,
    };
  return readProxyResult(outcome.payload);
}

/**
 * A Lambda proxy result of a WebSocket route: `{statusCode, body, isBase64Encoded}`. A `null` result sends nothing;
 * a result that is not an object is sent as its JSON text (assumed); a `statusCode` that is not a number is invalid
 * (Internal server error, as for REST APIs' malformed proxy responses; assumed).
 */
export function readProxyResult(payload: unknown): IntegrationOutcome {
  if (payload === null || payload === undefined) return { kind: 'answered', statusCode: undefined };
  if (typeof payload !== 'object' || Array.isArray(payload))
    return { kind: 'answered', statusCode: undefined, response: JSON.stringify(payload) };
  const result = payload as Record<string, unknown>;
  let statusCode: number | undefined;
  if (result.statusCode !== undefined && result.statusCode !== null) {
    statusCode = typeof result.statusCode === 'string' ? Number(result.statusCode) : (result.statusCode as number);
    if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599)
      return {
        kind: 'failed',
        message: FRAME_MESSAGES.internal,
        reason: `the function's statusCode ${JSON.stringify(result.statusCode)} is not an HTTP status code`,
      };
  }
  const headers = headerPairs(result.headers);
  const answered = (response?: string | Uint8Array): IntegrationOutcome => ({
    kind: 'answered',
    statusCode,
    ...(response === undefined ? {} : { response }),
    ...(headers.length ? { headers } : {}),
  });
  const { body } = result;
  if (body === undefined || body === null) return answered();
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  if (result.isBase64Encoded === true) {
    const bytes = fromBase64(text);
    if (!bytes)
      return {
        kind: 'failed',
        message: FRAME_MESSAGES.internal,
        reason: 'the function said isBase64Encoded but its body is not base64',
      };
    return answered(bytes);
  }
  return answered(text);
}

/** A proxy result's `headers` map as pairs (string, number and boolean values; others left out). */
function headerPairs(headers: unknown): Array<[string, string]> {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return [];
  return Object.entries(headers as Record<string, unknown>)
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    .map(([k, v]) => [k, String(v)]);
}
