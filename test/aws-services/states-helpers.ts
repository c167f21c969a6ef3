import type { ServiceLinks } from '../../src/emulator/aws-services/embedded-backend.js';
import { EmbeddedStepFunctions } from '../../src/emulator/aws-services/states/index.js';
import type { EmbeddedEnv, ServiceRequest, ServiceResponse } from '../../src/emulator/aws-services/types.js';
import type { LambdaErrorPayload } from '../../src/emulator/shared/invoker.js';

/** A local function: returns the payload, or throws `{errorType, errorMessage}` to fail. */
export type LocalFunction = (event: unknown) => unknown | Promise<unknown>;

export class LambdaFailure extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(message);
  }
}

/** A Step Functions service on a fake clock (sleep advances it), counter ids and local functions. */
export function makeStates(
  functions: Record<string, LocalFunction> = {},
  start = Date.UTC(2017, 1, 11, 0, 24, 4, 911),
) {
  let now = start;
  let id = 0;
  const calls: Array<{ functionName: string; event: unknown; awsRequestId: string; invokedFunctionArn: string }> = [];
  const slept: number[] = [];
  const env: Required<EmbeddedEnv> = {
    region: 'us-east-1',
    accountId: '123456789012',
    now: () => now,
    uuid: () => `00000000-0000-4000-8000-${String(++id).padStart(12, '0')}`,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
    invoke: async ({ functionName, event, context }) => {
      calls.push({
        functionName,
        event,
        awsRequestId: context.awsRequestId,
        invokedFunctionArn: context.invokedFunctionArn,
      });
      const fn = functions[functionName];
      if (!fn)
        return {
          kind: 'error',
          error: { errorType: 'ResourceNotFoundException', errorMessage: `no ${functionName}` },
          logs: [],
        };
      try {
        return { kind: 'result', payload: await fn(event), logs: [] };
      } catch (error) {
        const e = error as LambdaFailure;
        const payload: LambdaErrorPayload = { errorMessage: e.message, errorType: e.errorType ?? 'Error' };
        return { kind: 'error', error: payload, logs: [] };
      }
    },
  };
  const links: ServiceLinks = { call: async () => ({ status: 500, headers: [], body: '' }) };
  const service = new EmbeddedStepFunctions(env, links);
  const send = async (action: string, body: unknown, raw?: string): Promise<ServiceResponse & { json: any }> => {
    const request: ServiceRequest = {
      service: 'states',
      region: 'us-east-1',
      method: 'POST',
      path: '/',
      headers: [
        ['Content-Type', 'application/x-amz-json-1.0'],
        ['X-Amz-Target', `AWSStepFunctions.${action}`],
      ],
      body: new TextEncoder().encode(raw ?? JSON.stringify(body)),
    };
    const response = await service.call(request);
    return { ...response, json: JSON.parse(response.body) };
  };
  return { service, env, send, calls, slept, advance: (ms: number) => (now += ms) };
}

export const SM_ARN = (name: string) => `arn:aws:states:us-east-1:123456789012:stateMachine:${name}`;
