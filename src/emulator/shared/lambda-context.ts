import type { LambdaContextInit } from './invoker.js';

/** Where a function runs: the account and Region its ARN names, and its own timeout. */
export interface FunctionHome {
  region: string;
  accountId: string;
  functionTimeoutMs: number;
}

/** The Lambda `context` of one invocation of `functionName`, as both gateways invoke functions. */
export function lambdaContextInit(
  home: FunctionHome,
  functionName: string,
  lambdaRequestId: string,
  epochMs: number,
): LambdaContextInit {
  return {
    awsRequestId: lambdaRequestId,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${home.region}:${home.accountId}:function:${functionName}`,
    memoryLimitInMB: 128,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${logStreamDay(epochMs)}/[$LATEST]${lambdaRequestId.replace(/-/g, '')}`,
    deadlineMs: epochMs + home.functionTimeoutMs,
  };
}

/** `2026/11/26`: the date prefix of a Lambda log stream name. */
function logStreamDay(epochMs: number): string {
  const day = Math.floor(epochMs / 86_400_000);
  if (day !== dayCache.day) {
    const d = new Date(epochMs);
    dayCache.text = `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`;
    dayCache.day = day;
  }
  return dayCache.text;
}

/** The last day `logStreamDay` formatted (requests on the same UTC day share the string). */
const dayCache = { day: NaN, text: '' };
