import { describe, expect, it } from 'vitest';
import type { LambdaInvocation, StreamedInvocation } from '../../../../src/emulator/index.js';
import { callLambdaProxyStream } from '../../../../src/emulator/rest/integrations/lambda-proxy-stream.js';
import { GATEWAY_RESPONSES } from '../../../../src/emulator/rest/gateway-responses.js';
import type { LambdaProxyIntegration } from '../../../../src/emulator/rest/model.js';
import type { LambdaStreamInvoker } from '../../../../src/emulator/shared/invoker.js';
import { integration } from '../../../../src/emulator/rest/steps/integration.js';
import { contextBefore, gatewayErrorOf, proxyMethod, smallDoc } from '../steps/context-helper.js';

const STREAM_URI =
  'arn:aws:apigateway:us-east-1:lambda:path/2021-11-15/functions/arn:aws:lambda:us-east-1:123456789012:function:fn/response-streaming-invocations';
const enc = new TextEncoder();

/** A streamed invocation whose function writes `chunks` then ends (or fails with `error`). */
function writes(chunks: (string | Uint8Array)[], error?: { errorType: string; errorMessage: string }) {
  const invocations: LambdaInvocation[] = [];
  const invokeStream: LambdaStreamInvoker = async (invocation): Promise<StreamedInvocation> => {
    invocations.push(invocation);
    return {
      body: new ReadableStream({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(typeof chunk === 'string' ? enc.encode(chunk) : chunk);
          if (error) controller.error(error);
          else controller.close();
        },
      }),
      completion: Promise.resolve({ logs: ['streamed'], ...(error ? { error } : {}) }),
    };
  };
  return { invokeStream, invocations };
}

/** A request about to call its streamed Lambda proxy (timeoutInMillis 50). */
async function calling(invokeStream: LambdaStreamInvoker | undefined) {
  const doc = smallDoc({
    '/items': { get: proxyMethod({ uri: STREAM_URI, responseTransferMode: 'STREAM', timeoutInMillis: 50 }) },
  });
  const { context } = await contextBefore(integration, { doc, invokeStream });
  return { context, proxy: context.integration as LambdaProxyIntegration };
}

describe('callLambdaProxyStream', () => {
  it('leaves the opened stream once the metadata and delimiter arrive, the body unread', async () => {
    const fn = writes(['{"statusCode":201,"headers":{"X-A":"1"}}', new Uint8Array(8), 'body']);
    const { context, proxy } = await calling(fn.invokeStream);
    await callLambdaProxyStream(context, proxy);
    expect(fn.invocations[0]).toMatchObject({ functionName: 'fn', event: context.event });
    expect(fn.invocations[0]!.context.awsRequestId).toBe(context.lambdaRequestId);
    const answer = context.answer!;
    expect(answer.kind).toBe('proxy-stream');
    if (answer.kind !== 'proxy-stream') return;
    expect(answer.opened.metadata).toMatchObject({ statusCode: 201, headers: [['X-A', '1']], cookies: [] });
    expect(await new Response(answer.opened.body).text()).toBe('body');
    expect(context.trace.integration).toMatchObject({
      type: 'AWS_PROXY',
      functionName: 'fn',
      outcome: { kind: 'result', payload: { statusCode: 201, headers: { 'X-A': '1' } } },
    });
    expect(context.trace.timings.integrationMs).toBe(context.trace.integration!.durationMs);
  });

  it('answers 500 API_CONFIGURATION_ERROR on a host without a streaming runner', async () => {
    const { context, proxy } = await calling(undefined);
    const error = await gatewayErrorOf(() => callLambdaProxyStream(context, proxy));
    expect(error.response).toBe(GATEWAY_RESPONSES.API_CONFIGURATION_ERROR);
    expect(context.trace.integration!.outcome).toMatchObject({
      kind: 'error',
      error: { errorType: 'StreamingNotSupported' },
    });
    expect(context.answer).toBeUndefined();
  });

  it('answers 502 when the function fails before the delimiter', async () => {
    const fn = writes(['{"statusCode"'], { errorType: 'Error', errorMessage: 'crashed' });
    const { context, proxy } = await calling(fn.invokeStream);
    const error = await gatewayErrorOf(() => callLambdaProxyStream(context, proxy));
    expect(error.response).toBe(GATEWAY_RESPONSES.LAMBDA_FUNCTION_ERROR);
    expect(error.detail).toBe(
      `Lambda execution failed with status 200 due to customer function error: crashed. Lambda request id: ${context.lambdaRequestId}`,
    );
  });

  it('answers 502 for output without metadata and delimiter', async () => {
    const fn = writes(['just a body, no metadata']);
    const { context, proxy } = await calling(fn.invokeStream);
    const error = await gatewayErrorOf(() => callLambdaProxyStream(context, proxy));
    expect(error.response).toBe(GATEWAY_RESPONSES.MALFORMED_PROXY_RESPONSE);
    expect(error.detail).toMatch(
      /^Execution failed due to configuration error: Malformed Lambda proxy response \(streamed: /,
    );
  });

  it('answers 504 when no metadata arrives within the integration timeout, aborting the invocation', async () => {
    const invocations: LambdaInvocation[] = [];
    const silent: LambdaStreamInvoker = async (invocation) => {
      invocations.push(invocation);
      return { body: new ReadableStream(), completion: new Promise(() => {}) };
    };
    const { context, proxy } = await calling(silent);
    const error = await gatewayErrorOf(() => callLambdaProxyStream(context, proxy));
    expect(error.response).toBe(GATEWAY_RESPONSES.INTEGRATION_TIMEOUT);
    expect(error.detail).toBe(
      'Execution failed due to a timeout error (50 ms): no metadata and delimiter from the function',
    );
    expect(invocations[0]!.signal.aborted).toBe(true);
    expect(context.trace.integration!.outcome).toEqual({ kind: 'timeout' });
  });
});
