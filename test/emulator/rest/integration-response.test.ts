import { describe, expect, it } from 'vitest';
import {
  chooseResponseTemplate,
  mapResponseParameters,
  selectIntegrationResponse,
  selectionPatternMatches,
  type IntegrationResponseModel,
} from '../../../src/emulator/rest/integration-response.js';

// https://docs.aws.amazon.com/apigateway/latest/developerguide/handle-errors-in-lambda-integration.html
describe('selecting the integration response', () => {
  const responses: IntegrationResponseModel[] = [
    { statusCode: '200' },
    { statusCode: '400', selectionPattern: 'Malformed.*' },
    { statusCode: '500', selectionPattern: '(\\n|.)*Internal(\\n|.)*' },
  ];

  it('matches a Lambda errorMessage against selectionPattern as a whole-string Java regex', () => {
    expect(
      selectIntegrationResponse(responses, { kind: 'lambda', errorMessage: 'Malformed input ...' })?.statusCode,
    ).toBe('400');
    expect(selectIntegrationResponse(responses, { kind: 'lambda', errorMessage: 'Input Malformed' })?.statusCode).toBe(
      '200',
    );
    expect(
      selectIntegrationResponse(responses, { kind: 'lambda', errorMessage: 'line 1\nInternal error\nline 3' })
        ?.statusCode,
    ).toBe('500');
  });

  it('uses the default response for a successful function (no errorMessage) and for unmatched errors', () => {
    expect(selectIntegrationResponse(responses, { kind: 'lambda', errorMessage: null })?.statusCode).toBe('200');
    expect(selectIntegrationResponse(responses, { kind: 'lambda', errorMessage: 'anything else' })?.statusCode).toBe(
      '200',
    );
  });

  it('".*" matches every error message, including null, so it overrides the default response', () => {
    expect(selectionPatternMatches('.*', null)).toBe(true);
    const r = selectIntegrationResponse([{ statusCode: '200' }, { statusCode: '418', selectionPattern: '.*' }], {
      kind: 'lambda',
      errorMessage: null,
    });
    expect(r?.statusCode).toBe('418');
  });

  it('matches an HTTP integration status code (e.g. "4\\d{2}")', () => {
    const http: IntegrationResponseModel[] = [
      { statusCode: '200' },
      { statusCode: '400', selectionPattern: '4\\d{2}' },
      { statusCode: '502', selectionPattern: '5\\d{2}' },
    ];
    expect(selectIntegrationResponse(http, { kind: 'status', statusCode: 404 })?.statusCode).toBe('400');
    expect(selectIntegrationResponse(http, { kind: 'status', statusCode: 503 })?.statusCode).toBe('502');
    expect(selectIntegrationResponse(http, { kind: 'status', statusCode: 201 })?.statusCode).toBe('200');
  });

  it('gives null when nothing matches and there is no default (API Gateway answers 500)', () => {
    expect(
      selectIntegrationResponse([{ statusCode: '400', selectionPattern: '4\\d{2}' }], {
        kind: 'status',
        statusCode: 200,
      }),
    ).toBeNull();
  });
});

describe('responseParameters (https://docs.aws.amazon.com/apigateway/latest/developerguide/request-response-data-mappings.html)', () => {
  it('maps literals, integration headers and body paths to method response headers', () => {
    const headers = mapResponseParameters(
      {
        'method.response.header.Access-Control-Allow-Origin': "'*'",
        'method.response.header.X-Upstream': 'integration.response.header.x-upstream-id',
        'method.response.header.X-Kind': 'integration.response.body.kind',
        'method.response.header.X-Missing': 'integration.response.header.nope',
        'method.response.header.X-Stage': 'stageVariables.env',
      },
      { headers: [['X-Upstream-Id', 'u-1']], body: '{"kind":"pet"}', stageVariables: { env: 'dev' } },
    );
    expect(headers).toEqual([
      ['Access-Control-Allow-Origin', '*'],
      ['X-Upstream', 'u-1'],
      ['X-Kind', 'pet'],
      ['X-Stage', 'dev'],
    ]);
  });

  it("reads inside a Lambda custom error's errorMessage JSON, and maps complex values as JSON (the documented error_trace example)", () => {
    const body = JSON.stringify({
      errorMessage: JSON.stringify({
        errorType: 'InternalServerError',
        httpStatus: 500,
        trace: { function: 'abc()', line: 123, file: 'abc.js' },
      }),
    });
    const headers = mapResponseParameters(
      {
        'method.response.header.error_trace_function': 'integration.response.body.errorMessage.trace.function',
        'method.response.header.error_status': 'integration.response.body.errorMessage.httpStatus',
        'method.response.header.error_type': 'integration.response.body.errorMessage.errorType',
        'method.response.header.error_trace': 'integration.response.body.errorMessage.trace',
      },
      { headers: [], body, lambdaError: true },
    );
    expect(Object.fromEntries(headers)).toEqual({
      error_status: '500',
      error_trace: '{"function":"abc()","line":123,"file":"abc.js"}',
      error_trace_function: 'abc()',
      error_type: 'InternalServerError',
    });
  });
});

describe('choosing the response template', () => {
  it('by Accept, then application/json, then the first', () => {
    const t = { 'application/xml': 'X', 'application/json': 'J' };
    expect(chooseResponseTemplate(t, 'application/xml')?.template).toBe('X');
    expect(chooseResponseTemplate(t, 'text/html')?.template).toBe('J');
    expect(chooseResponseTemplate({ 'text/plain': 'T' }, null)?.template).toBe('T');
    expect(chooseResponseTemplate({}, null)).toBeNull();
  });
});
