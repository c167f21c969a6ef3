/**
 * A Task state that runs a Lambda function on the lab's local runner (`env.invoke`), by either resource form
 * (https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html):
 * - `arn:aws:lambda:{region}:{account}:function:{name}`: the result is the function's payload; history events
 *   `LambdaFunctionScheduled/Started/Succeeded/Failed`.
 * - `arn:aws:states:::lambda:invoke` with Parameters `FunctionName` + `Payload`: the result is Lambda's Invoke answer
 *   `{ExecutedVersion, Payload, SdkHttpMetadata, SdkResponseMetadata, StatusCode}`; events `TaskScheduled/Started/…`.
 * A function error is the error named by its `errorType` with the error payload as JSON in `Cause`; a runner that
 * cannot run it is `Lambda.Unknown`; TimeoutSeconds elapsed is `States.Timeout`.
 */
import type { EmbeddedEnv } from '../types.js';
import { lambdaContextInit } from '../../shared/lambda-context.js';
import type { LambdaErrorPayload } from '../../shared/invoker.js';
import { StatesError } from './errors.js';

/** How a Task's resource names its function. */
export type LambdaTarget =
  { kind: 'function'; functionName: string; arn: string } | { kind: 'invoke'; functionName: string; payload: unknown };

const FUNCTION_ARN = /^arn:aws:lambda:([^:]*):([^:]*):function:([^:]+)(:[^:]+)?$/;

/** Reads a Task's resource and its effective parameters; undefined when the resource is not a Lambda one. */
export function lambdaTarget(resource: string, parameters: unknown): LambdaTarget | undefined {
  const direct = FUNCTION_ARN.exec(resource);
  if (direct) return { kind: 'function', functionName: direct[3]!, arn: resource };
  if (/^arn:aws:states:[^:]*:[^:]*:lambda:invoke$/.test(resource)) {
    const p = (parameters ?? {}) as Record<string, unknown>;
    if (typeof p.FunctionName !== 'string')
      throw new StatesError(
        'States.Runtime',
        "The field 'FunctionName' is required in the Parameters of a lambda:invoke Task",
      );
    const name = FUNCTION_ARN.exec(p.FunctionName)?.[3] ?? p.FunctionName.split(':').pop()!;
    return { kind: 'invoke', functionName: name, payload: p.Payload ?? {} };
  }
  return undefined;
}

/** Runs the function once; resolves with the task result or throws StatesError. */
export async function invokeLambda(
  env: Required<EmbeddedEnv>,
  target: LambdaTarget,
  event: unknown,
  timeoutSeconds: number | undefined,
  stopped: AbortSignal,
): Promise<unknown> {
  const controller = new AbortController();
  const onStop = (): void => controller.abort();
  stopped.addEventListener('abort', onStop);
  const requestId = env.uuid();
  const timeoutMs = (timeoutSeconds ?? 60) * 1000;
  const context = lambdaContextInit(
    { region: env.region, accountId: env.accountId, functionTimeoutMs: timeoutMs },
    target.functionName,
    requestId,
    env.now(),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const run = env.invoke({ functionName: target.functionName, event, context, signal: controller.signal });
    const outcome =
      timeoutSeconds === undefined
        ? await run
        : await Promise.race([
            run,
            new Promise<'timeout'>((resolve) => {
              timer = setTimeout(() => resolve('timeout'), timeoutMs);
            }),
          ]);
    if (outcome === 'timeout') {
      controller.abort();
      throw new StatesError('States.Timeout', `Task timed out after ${timeoutSeconds} seconds`);
    }
    if (outcome.kind === 'error') {
      throw new StatesError(outcome.error.errorType || 'Lambda.Unknown', errorCause(outcome.error, requestId));
    }
    if (target.kind === 'function') return outcome.payload;
    return invokeResult(outcome.payload ?? null, outcome.payloadJson, requestId, env.now());
  } catch (error) {
    if (error instanceof StatesError) throw error;
    throw new StatesError('Lambda.Unknown', error instanceof Error ? error.message : String(error));
  } finally {
    clearTimeout(timer);
    stopped.removeEventListener('abort', onStop);
  }
}

/**
 * Lambda's Invoke answer as the optimized integration hands it on: `{ExecutedVersion, Payload, SdkHttpMetadata,
 * SdkResponseMetadata, StatusCode}` with the HTTP headers twice (`AllHttpHeaders` as lists, `HttpHeaders` as values), as
 * a public capture of a real execution shows them (2025-12-29; found with find_string `"SdkResponseMetadata":{"RequestId"`, M)
 * and https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html describes ("the function output is
 * nested inside a dictionary of metadata"). The trace id is made up from the request id (L).
 */
export function invokeResult(
  payload: unknown,
  payloadJson: string | undefined,
  requestId: string,
  epochMs: number,
): unknown {
  const length = String(new TextEncoder().encode(payloadJson ?? JSON.stringify(payload)).length);
  const date = new Date(epochMs).toUTCString();
  const hex = requestId.replace(/-/g, '');
  const trace = `Root=1-${Math.floor(epochMs / 1000).toString(16)}-${hex.slice(0, 24)};Parent=${hex.slice(16, 32)};Sampled=0`;
  const headers: Array<[string, string]> = [
    ['X-Amz-Executed-Version', '$LATEST'],
    ['x-amzn-Remapped-Content-Length', '0'],
    ['Connection', 'keep-alive'],
    ['x-amzn-RequestId', requestId],
    ['Content-Length', length],
    ['Date', date],
    ['X-Amzn-Trace-Id', trace],
    ['Content-Type', 'application/json'],
  ];
  const sorted = [...headers].sort(([a], [b]) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    SdkHttpMetadata: {
      AllHttpHeaders: Object.fromEntries(headers.map(([k, v]) => [k, [v]])),
      HttpHeaders: Object.fromEntries(sorted),
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}

/**
 * A function error's `Cause`: the error payload as the function's runtime wrote it. Node.js writes
 * `{"errorType","errorMessage","trace"}` compactly (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html);
 * Python's json module writes `{"errorMessage": …, "errorType": …, "requestId": …, "stackTrace": […]}` with spaces and
 * \\uXXXX escapes (https://docs.aws.amazon.com/lambda/latest/dg/python-exceptions.html). Which runtime ran is read from
 * the payload (`trace` vs `stackTrace`): an assumption (L).
 */
export function errorCause(error: LambdaErrorPayload, requestId: string): string {
  const { errorMessage, errorType, trace, stackTrace } = error;
  if (trace) return JSON.stringify({ errorType, errorMessage, trace });
  if (stackTrace) return pythonJson({ errorMessage, errorType, requestId, stackTrace });
  return JSON.stringify({ errorMessage, errorType });
}

/** `json.dumps(value)` as Python writes it: `", "` and `": "` separators, non-ASCII as `\\uXXXX`. */
function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (typeof value === 'object' && value !== null)
    return `{${Object.entries(value)
      .map(([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`)
      .join(', ')}}`;
  return (JSON.stringify(value) ?? 'null').replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
