import { describe, expect, it } from 'vitest';
import type { HttpApiRequestContext } from '../../../../src/emulator/http-api/context.js';
import { integration } from '../../../../src/emulator/http-api/steps/integration.js';
import { integrationResponse } from '../../../../src/emulator/http-api/steps/integration-response.js';
import type { InvokeOutcome } from '../../../../src/emulator/shared/invoker.js';
import { TIMED_OUT } from '../../../../src/emulator/shared/pipeline/invoke-with-timeout.js';
import { advanceTo, contextFor, servicesFor, stopOf } from './context-helper.js';

// Errors: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html (500);
// the 503 on timeout is what captures show (see HTTP_API_RESPONSES in src/emulator/http-api/responses.ts).
const INTERNAL = { status: 500, body: '{"message":"Internal Server Error"}' };

/** A context that has reached the integration response, the integration having answered `outcome`. */
async function answered(outcome: InvokeOutcome | typeof TIMED_OUT, version: '1.0' | '2.0' = '2.0') {
  const context = contextFor(servicesFor({ payloadFormatVersion: version }), '/items');
  await advanceTo(context, integration);
  context.outcome = outcome;
  return context;
}

const result = (payload: unknown): InvokeOutcome => ({ kind: 'result', payload, logs: [] });
const judged = (context: HttpApiRequestContext) => {
  integrationResponse(context);
  return context.answer;
};

describe('integrationResponse', () => {
  it('answers an integration timeout with 503 {"message":"Service Unavailable"}', async () => {
    const context = await answered(TIMED_OUT);
    const error = stopOf(() => integrationResponse(context));
    expect(error.response).toEqual({
      type: 'INTEGRATION_TIMEOUT',
      status: 503,
      body: '{"message":"Service Unavailable"}',
    });
    expect(error.detail).toBe('integration timed out after 30000 ms');
    expect(context.answer).toBeUndefined();
  });

  it('answers a function error with 500 {"message":"Internal Server Error"}, naming the Lambda request id', async () => {
    const context = await answered({ kind: 'error', error: { errorType: 'Error', errorMessage: 'boom' }, logs: [] });
    const error = stopOf(() => integrationResponse(context));
    expect(error.response).toEqual({ type: 'INTEGRATION_FAILURE', ...INTERNAL });
    expect(error.detail).toBe(
      `The Lambda function returned the following error: boom. Lambda request id: ${context.lambdaRequestId}`,
    );
  });

  it('answers a malformed 2.0 result with 500 {"message":"Internal Server Error"}', async () => {
    const context = await answered(result({ statusCode: 'teapot', body: 'x' }));
    const error = stopOf(() => integrationResponse(context));
    expect(error.response).toEqual({ type: 'MALFORMED_RESPONSE', ...INTERNAL });
    expect(error.detail).toBe('Malformed Lambda proxy response (statusCode "teapot" is not an HTTP status code)');
  });

  it('answers a malformed 1.0 result (not an object) with 500 {"message":"Internal Server Error"}', async () => {
    const context = await answered(result('just text'), '1.0');
    const error = stopOf(() => integrationResponse(context));
    expect(error.response).toEqual({ type: 'MALFORMED_RESPONSE', ...INTERNAL });
    expect(error.detail).toBe('Malformed Lambda proxy response (the result is a string, not an object)');
  });

  it('takes a 2.0 result, each cookie becoming a Set-Cookie header after the headers', async () => {
    const context = await answered(
      result({
        statusCode: 201,
        headers: { 'X-A': '1' },
        cookies: ['a=1', 'b=2'],
        body: 'aGk=',
        isBase64Encoded: true,
      }),
    );
    expect(judged(context)).toEqual({
      statusCode: 201,
      headers: [
        ['X-A', '1'],
        ['Set-Cookie', 'a=1'],
        ['Set-Cookie', 'b=2'],
      ],
      body: 'aGk=',
      isBase64Encoded: true,
    });
  });

  it('infers a 2.0 answer from a result without statusCode: 200, application/json, the JSON as body', async () => {
    const context = await answered(result({ hello: 'world' }));
    expect(judged(context)).toEqual({
      statusCode: 200,
      headers: [['content-type', 'application/json']],
      body: '{"hello":"world"}',
      isBase64Encoded: false,
    });
  });

  it('takes a 1.0 result with its multi-value headers', async () => {
    const context = await answered(
      result({ statusCode: 302, headers: { Location: '/x' }, multiValueHeaders: { 'X-M': ['1', '2'] } }),
      '1.0',
    );
    expect(judged(context)).toEqual({
      statusCode: 302,
      headers: [
        ['Location', '/x'],
        ['X-M', '1'],
        ['X-M', '2'],
      ],
      body: '',
      isBase64Encoded: false,
    });
  });
});
