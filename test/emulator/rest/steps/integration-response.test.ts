import { describe, expect, it } from 'vitest';
import type { InvokeOutcome } from '../../../../src/emulator/index.js';
import type { RestRequestContext } from '../../../../src/emulator/rest/context.js';
import { GATEWAY_RESPONSES } from '../../../../src/emulator/rest/gateway-responses.js';
import { integrationResponse } from '../../../../src/emulator/rest/steps/integration-response.js';
import { TIMED_OUT } from '../../../../src/emulator/shared/pipeline/invoke-with-timeout.js';
import { contextBefore, gatewayErrorOfSync, proxyMethod, smallDoc } from './context-helper.js';

/** A routed GET /items (timeoutInMillis 1234) whose integration ended in `outcome`. */
async function after(outcome: InvokeOutcome | typeof TIMED_OUT | undefined): Promise<RestRequestContext> {
  const doc = smallDoc({ '/items': { get: proxyMethod({ timeoutInMillis: 1234 }) } });
  const { context } = await contextBefore(integrationResponse, { doc });
  context.lambdaRequestId = 'lambda-req-1';
  context.outcome = outcome;
  return context;
}

const error = (errorType: string, errorMessage: string): InvokeOutcome => ({
  kind: 'error',
  error: { errorType, errorMessage },
  logs: [],
});

describe('integrationResponse', () => {
  it('leaves the answer of an integration that mapped its own response as it is', async () => {
    const context = await after(undefined);
    const mapped = { kind: 'mapped' as const, status: 201, headers: [], body: new Uint8Array(), held: null };
    context.answer = mapped;
    expect(integrationResponse(context)).toBeUndefined();
    expect(context.answer).toBe(mapped);
  });

  it('accepts a valid proxy result', async () => {
    const context = await after({
      kind: 'result',
      payload: { statusCode: '201', headers: { 'X-A': 1 }, body: 'made' },
      logs: [],
    });
    integrationResponse(context);
    expect(context.answer).toEqual({
      kind: 'proxy',
      result: { statusCode: 201, headers: [['X-A', '1']], body: 'made', isBase64Encoded: false },
    });
  });

  it('answers 504 INTEGRATION_TIMEOUT when the integration timed out', async () => {
    const context = await after(TIMED_OUT);
    const e = gatewayErrorOfSync(() => integrationResponse(context));
    expect(e.response).toBe(GATEWAY_RESPONSES.INTEGRATION_TIMEOUT);
    expect([e.response.status, e.response.body]).toEqual([504, '{"message": "Endpoint request timed out"}']);
    expect(e.detail).toBe('Execution failed due to a timeout error (1234 ms)');
  });

  it('answers 502 for a function error, naming the Lambda request id', async () => {
    const context = await after(error('TypeError', 'x is undefined'));
    const e = gatewayErrorOfSync(() => integrationResponse(context));
    expect(e.response).toBe(GATEWAY_RESPONSES.LAMBDA_FUNCTION_ERROR);
    expect([e.response.type, e.response.status, e.response.body]).toEqual([
      'DEFAULT_5XX',
      502,
      '{"message": "Internal server error"}',
    ]);
    expect(e.detail).toBe(
      'Lambda execution failed with status 200 due to customer function error: x is undefined. Lambda request id: lambda-req-1',
    );
  });

  it('answers 500 API_CONFIGURATION_ERROR when the function does not exist', async () => {
    const context = await after(error('ResourceNotFoundException', 'Function not found: fn'));
    const e = gatewayErrorOfSync(() => integrationResponse(context));
    expect(e.response).toBe(GATEWAY_RESPONSES.API_CONFIGURATION_ERROR);
    expect(e.response.status).toBe(500);
    expect(e.detail).toBe('Execution failed due to configuration error: Function not found: fn');
  });

  it.each([
    [null, 'the result is null, not an object'],
    [
      { statusCode: 200, extra: 1 },
      'unexpected field "extra" (allowed: statusCode, headers, multiValueHeaders, body, isBase64Encoded)',
    ],
    [{ statusCode: 'OK' }, 'statusCode "OK" is not an HTTP status code'],
  ])('answers 502 for a malformed proxy result %j', async (payload, reason) => {
    const context = await after({ kind: 'result', payload, logs: [] });
    const e = gatewayErrorOfSync(() => integrationResponse(context));
    expect(e.response).toBe(GATEWAY_RESPONSES.MALFORMED_PROXY_RESPONSE);
    expect(e.response.status).toBe(502);
    expect(e.detail).toBe(`Execution failed due to configuration error: Malformed Lambda proxy response (${reason})`);
    expect(context.answer).toBeUndefined();
  });
});
