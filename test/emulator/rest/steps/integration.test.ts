import { describe, expect, it } from 'vitest';
import { GATEWAY_RESPONSES } from '../../../../src/emulator/rest/gateway-responses.js';
import { integration } from '../../../../src/emulator/rest/steps/integration.js';
import { contextBefore, gatewayErrorOf, proxyMethod, smallDoc } from './context-helper.js';

const STREAM_URI =
  'arn:aws:apigateway:us-east-1:lambda:path/2021-11-15/functions/arn:aws:lambda:us-east-1:123456789012:function:fn/response-streaming-invocations';

describe('integration', () => {
  it('invokes a buffered Lambda proxy with the event and leaves its outcome for the integration response', async () => {
    const { context, invocations } = await contextBefore(integration, {
      fn: () => ({ kind: 'result', payload: { statusCode: 201 }, logs: ['hello'] }),
    });
    const pending = integration(context);
    expect(pending).toBeInstanceOf(Promise);
    await pending;
    expect(invocations).toHaveLength(1);
    expect(invocations[0]!.functionName).toBe('fn');
    expect(invocations[0]!.event).toBe(context.event);
    expect(context.outcome).toEqual({ kind: 'result', payload: { statusCode: 201 }, logs: ['hello'] });
    expect(context.answer).toBeUndefined();
  });

  it('opens a stream for responseTransferMode STREAM (500 on a host without a streaming runner)', async () => {
    const doc = smallDoc({ '/items': { get: proxyMethod({ uri: STREAM_URI, responseTransferMode: 'STREAM' }) } });
    const { context, invocations } = await contextBefore(integration, { doc });
    const error = await gatewayErrorOf(() => integration(context));
    expect(error.response).toBe(GATEWAY_RESPONSES.API_CONFIGURATION_ERROR);
    expect(invocations).toHaveLength(0);
  });

  it("calls a MOCK's backend-less integration and leaves its status for the integration response", async () => {
    const doc = smallDoc({
      '/items': {
        get: {
          'x-amazon-apigateway-integration': {
            type: 'mock',
            requestTemplates: { 'application/json': '{"statusCode": 200}' },
            responses: { default: { statusCode: '200', responseTemplates: { 'application/json': '{"mocked":1}' } } },
          },
        },
      },
    });
    const { context, invocations } = await contextBefore(integration, { doc });
    await integration(context);
    expect(invocations).toHaveLength(0);
    expect(context.outcome).toBeUndefined();
    expect(context.backendResponse).toMatchObject({ selection: { kind: 'status', statusCode: 200 }, body: '' });
    expect(context.answer).toBeUndefined();
    // The call's start, which the trace's duration and a streamed body's remaining time count from.
    expect(context.integrationStarted).toBeGreaterThan(0);
  });
});
