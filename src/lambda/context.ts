/**
 * The Node.js-style Lambda `context` object, as the AWS Node.js runtime hands it to a handler.
 * Pure: no Node imports, so it also runs in a browser Web Worker.
 */
import type { LambdaContextInit } from '../emulator/shared/invoker.js';

/** The handler's `context` argument (the fields of the AWS Node.js runtime, minus done/succeed/fail). */
export interface LambdaContext {
  awsRequestId: string;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  /** A string, as in AWS (it comes from an environment variable there). */
  memoryLimitInMB: string;
  logGroupName: string;
  logStreamName: string;
  /** Kept for compatibility; the emulator returns as soon as the callback is called. */
  callbackWaitsForEmptyEventLoop: boolean;
  clientContext?: unknown;
  identity?: unknown;
  /** Milliseconds left before the function's own timeout (never negative). */
  getRemainingTimeInMillis(): number;
}

/** Builds the handler's `context` object from the gateway's context fields. */
export function createLambdaContext(init: LambdaContextInit, now: () => number = Date.now): LambdaContext {
  const deadline = init.deadlineMs;
  return {
    awsRequestId: init.awsRequestId,
    functionName: init.functionName,
    functionVersion: init.functionVersion,
    invokedFunctionArn: init.invokedFunctionArn,
    memoryLimitInMB: String(init.memoryLimitInMB),
    logGroupName: init.logGroupName,
    logStreamName: init.logStreamName,
    callbackWaitsForEmptyEventLoop: true,
    clientContext: undefined,
    identity: undefined,
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
  };
}

/**
 * The environment variables the Lambda service sets for a function (`AWS_LAMBDA_FUNCTION_NAME`,
 * `AWS_REGION`, ...), derived from the context fields; `handler` is the `_HANDLER` value (e.g. `app.handler`).
 */
export function lambdaEnvironment(init: LambdaContextInit, handler: string): Record<string, string> {
  const region = init.invokedFunctionArn.split(':')[3] || 'us-east-1';
  return {
    AWS_LAMBDA_FUNCTION_NAME: init.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: init.functionVersion,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(init.memoryLimitInMB),
    AWS_LAMBDA_LOG_GROUP_NAME: init.logGroupName,
    AWS_LAMBDA_LOG_STREAM_NAME: init.logStreamName,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    LAMBDA_TASK_ROOT: '/var/task',
    _HANDLER: handler,
  };
}
