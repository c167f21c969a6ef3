import { describe, expect, it } from 'vitest';
import type { RestRequestContext } from '../../../../src/emulator/rest/context.js';
import { cache } from '../../../../src/emulator/rest/steps/cache.js';
import { BUILT_IN } from '../../../../src/emulator/rest/gateway-response-config.js';
import { GATEWAY_RESPONSES } from '../../../../src/emulator/rest/gateway-responses.js';
import { gatewayResponse } from '../../../../src/emulator/rest/steps/gateway-response.js';
import { methodRequest } from '../../../../src/emulator/rest/steps/method-request.js';
import { resolveStage } from '../../../../src/emulator/rest/steps/resolve-stage.js';
import { route } from '../../../../src/emulator/rest/steps/route.js';
import { GatewayError } from '../../../../src/emulator/shared/pipeline/gateway-error.js';
import type { Step } from '../../../../src/emulator/shared/pipeline/run-steps.js';
import { contextBefore, restContext, smallDoc, type ContextOptions } from './context-helper.js';

const DATE = 'Thu, 26 Nov 2026 12:00:00 GMT';
const TOKEN = GATEWAY_RESPONSES.MISSING_AUTHENTICATION_TOKEN;

/** The context as it stands when `step` throws `error` (the steps before it run), answered by gatewayResponse. */
async function answered(step: Step<RestRequestContext>, error: GatewayError, options: ContextOptions = {}) {
  const { context } = await contextBefore(step, options);
  gatewayResponse(context, error);
  return context;
}

const customised = smallDoc(undefined, {
  'x-amazon-apigateway-gateway-responses': {
    MISSING_AUTHENTICATION_TOKEN: {
      statusCode: 404,
      responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" },
      responseTemplates: {
        'application/json': '{"msg":$context.error.messageString,"stage":"$context.stage","path":"$context.path"}',
      },
    },
    BAD_REQUEST_PARAMETERS: {
      responseTemplates: { 'application/json': '{"why":"$context.error.validationErrorString"}' },
    },
    DEFAULT_5XX: { statusCode: 503 },
  },
});

describe('gatewayResponse without customised gateway responses', () => {
  it('answers REQUEST_TOO_LARGE in text, without any x-amzn-* header', () => {
    const { context } = restContext({ method: 'POST' });
    gatewayResponse(context, new GatewayError(GATEWAY_RESPONSES.REQUEST_TOO_LARGE, 'too big'));
    expect(context.trace.responseHeaders).toEqual([
      ['Date', DATE],
      ['Content-Type', 'text; charset=utf-8'],
      ['Content-Length', '44'],
      ['Connection', 'keep-alive'],
    ]);
    expect([context.trace.status, context.trace.responseLength]).toEqual([413, 44]);
    expect([context.trace.gatewayResponseType, context.trace.errorDetail]).toEqual(['REQUEST_TOO_LARGE', 'too big']);
    expect(new TextDecoder().decode(context.result!.body!)).toBe('HTTP content length exceeded 10485760 bytes.');
  });

  it('answers a request refused before traceRequest with the error headers but no X-Amzn-Trace-Id', async () => {
    const context = await answered(resolveStage, new GatewayError(TOKEN, 'no stage named "prod"'), {
      url: '/prod/items',
    });
    const { trace } = context;
    expect(trace.responseHeaders).toEqual([
      ['Date', DATE],
      ['Content-Type', 'application/json'],
      ['Content-Length', '42'],
      ['Connection', 'keep-alive'],
      ['x-amzn-RequestId', trace.requestId],
      ['x-amzn-ErrorType', 'MissingAuthenticationTokenException'],
      ['x-amz-apigw-id', trace.extendedRequestId],
    ]);
    expect(trace.status).toBe(403);
    expect(await context.result!.response.text()).toBe('{"message":"Missing Authentication Token"}');
  });

  it('adds X-Amzn-Trace-Id, as is, once traceRequest ran', async () => {
    const context = await answered(methodRequest, new GatewayError(GATEWAY_RESPONSES.INTEGRATION_TIMEOUT, 'late'));
    expect(context.traceId).toMatch(/^Root=1-/);
    expect(context.trace.responseHeaders.at(-1)).toEqual(['X-Amzn-Trace-Id', context.traceId]);
    expect(context.trace.responseHeaders).toContainEqual(['x-amzn-ErrorType', 'InternalServerErrorException']);
    expect(context.trace.status).toBe(504);
  });
});

describe('gatewayResponse under customised gateway responses', () => {
  it("renders the type's own entry: status, template, and its headers before x-amzn-ErrorType", async () => {
    const context = await answered(route, new GatewayError(TOKEN, 'no resource'), {
      doc: customised,
      url: '/dev/nothing',
    });
    const { trace } = context;
    const body = '{"msg":"Missing Authentication Token","stage":"dev","path":"/dev/nothing"}';
    expect(await context.result!.response.text()).toBe(body);
    expect(trace.status).toBe(404);
    expect(trace.responseHeaders).toEqual([
      ['Date', DATE],
      ['Content-Type', 'application/json'],
      ['Content-Length', String(body.length)],
      ['Connection', 'keep-alive'],
      ['x-amzn-RequestId', trace.requestId],
      ['Access-Control-Allow-Origin', '*'],
      ['x-amzn-ErrorType', 'MissingAuthenticationTokenException'],
      ['x-amz-apigw-id', trace.extendedRequestId],
    ]);
    expect(trace.gatewayResponseType).toBe('MISSING_AUTHENTICATION_TOKEN');
  });

  it('applies DEFAULT_5XX to a 5XX type without an entry, keeping the built-in body', async () => {
    const context = await answered(methodRequest, new GatewayError(GATEWAY_RESPONSES.API_CONFIGURATION_ERROR, 'x'), {
      doc: customised,
    });
    expect(context.trace.status).toBe(503);
    expect(await context.result!.response.text()).toBe('{"message": "Internal server error"}');
  });

  it('gives templates $context.error.validationErrorString', async () => {
    const error = new GatewayError(BUILT_IN.badRequestParameters('Missing q'), 'invalid', 'Missing q');
    const context = await answered(cache, error, { doc: customised });
    expect(await context.result!.response.text()).toBe('{"why":"Missing q"}');
    expect(context.trace.status).toBe(400);
  });

  it('answers uncustomised when neither the type nor its family has an entry', async () => {
    const doc = smallDoc(undefined, { 'x-amazon-apigateway-gateway-responses': { DEFAULT_5XX: { statusCode: 503 } } });
    const context = await answered(route, new GatewayError(TOKEN, 'no resource'), { doc, url: '/dev/nothing' });
    expect(context.trace.status).toBe(403);
    expect(context.trace.responseHeaders.map(([n]) => n)).toEqual([
      'Date',
      'Content-Type',
      'Content-Length',
      'Connection',
      'x-amzn-RequestId',
      'x-amzn-ErrorType',
      'x-amz-apigw-id',
    ]);
  });

  it('never customises REQUEST_TOO_LARGE: no API has been reached', () => {
    const { context } = restContext({ doc: customised, method: 'POST' });
    gatewayResponse(context, new GatewayError(GATEWAY_RESPONSES.REQUEST_TOO_LARGE, 'too big'));
    expect(context.trace.status).toBe(413);
    expect(context.trace.responseHeaders).toHaveLength(4);
  });
});

describe('$context.path in a customised gateway response', () => {
  // Before methodRequest has built the $context, gatewayResponse builds the path by the same rule (contextPath).
  it('is the base path and the path on a custom domain, as methodRequest gives it', async () => {
    const context = await answered(route, new GatewayError(TOKEN, 'no resource'), {
      doc: customised,
      url: 'https://api.example.com/v1/nothing',
      headers: [['Host', 'api.example.com']],
      domains: [{ domainName: 'api.example.com', basePathMappings: [{ basePath: 'v1', stage: 'dev' }] }],
    });
    const body = JSON.parse(await context.result!.response.text()) as { path: string };
    expect(body.path).toBe('/v1/nothing');
  });
});
