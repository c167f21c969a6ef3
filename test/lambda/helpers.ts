import type { LambdaContextInit, LambdaInvocation } from '../../src/emulator/shared/invoker.js';

let counter = 0;

/** A context like the gateway builds, with a deadline `timeoutMs` from now. */
export function contextInit(functionName = 'fn', timeoutMs = 30_000): LambdaContextInit {
  counter += 1;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return {
    awsRequestId: id,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${functionName}`,
    memoryLimitInMB: 128,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `2026/01/01/[$LATEST]${id.replace(/-/g, '')}`,
    deadlineMs: Date.now() + timeoutMs,
  };
}

/** An invocation for the function host. */
export function invocation(
  functionName: string,
  event: unknown = {},
  signal = new AbortController().signal,
  timeoutMs?: number,
): LambdaInvocation {
  return { functionName, event, context: contextInit(functionName, timeoutMs), signal };
}
