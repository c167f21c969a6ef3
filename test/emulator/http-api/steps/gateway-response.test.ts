import { describe, expect, it } from 'vitest';
import { HTTP_API_RESPONSES, type HttpErrorResponse } from '../../../../src/emulator/http-api/responses.js';
import { gatewayResponse } from '../../../../src/emulator/http-api/steps/gateway-response.js';
import { GatewayError } from '../../../../src/emulator/shared/pipeline/gateway-error.js';
import { REQUEST_ID, contextFor, servicesFor } from './context-helper.js';

const DATE = 'Wed, 04 Mar 2020 19:03:58 GMT';

function rendered(response: HttpErrorResponse, detail = 'why') {
  const context = contextFor(servicesFor(), '/nope');
  gatewayResponse(context, new GatewayError(response, detail));
  return context;
}

describe('gatewayResponse', () => {
  it('renders 404 as HTTP APIs do: JSON body, Date, Content-Type, Content-Length, Connection, Apigw-Requestid', async () => {
    const context = rendered(HTTP_API_RESPONSES.NOT_FOUND, 'no route matches GET /nope');
    const { trace, result } = context;
    expect(trace.responseHeaders).toEqual([
      ['Date', DATE],
      ['Content-Type', 'application/json'],
      ['Content-Length', '23'],
      ['Connection', 'keep-alive'],
      ['Apigw-Requestid', REQUEST_ID],
    ]);
    expect([trace.status, trace.responseLength]).toEqual([404, 23]);
    expect([trace.gatewayResponseType, trace.errorDetail]).toEqual(['NOT_FOUND', 'no route matches GET /nope']);
    const { response } = result!;
    expect([response.status, await response.text()]).toEqual([404, '{"message":"Not Found"}']);
    expect(response.headers.get('content-length')).toBeNull();
    expect(response.headers.get('connection')).toBeNull();
    expect(response.headers.get('x-amzn-errortype')).toBeNull();
  });

  it('renders each of the HTTP API responses with its own status and body', async () => {
    const cases: [HttpErrorResponse, number, string][] = [
      [HTTP_API_RESPONSES.INTEGRATION_TIMEOUT, 503, '{"message":"Service Unavailable"}'],
      [HTTP_API_RESPONSES.INTEGRATION_FAILURE, 500, '{"message":"Internal Server Error"}'],
      [HTTP_API_RESPONSES.MALFORMED_RESPONSE, 500, '{"message":"Internal Server Error"}'],
      [HTTP_API_RESPONSES.REQUEST_TOO_LARGE, 413, '{"message":"Request Entity Too Large"}'],
    ];
    for (const [response, status, body] of cases) {
      const { result, trace } = rendered(response);
      expect([result!.response.status, await result!.response.text()]).toEqual([status, body]);
      expect(trace.responseHeaders[2]).toEqual(['Content-Length', String(body.length)]);
      expect(trace.responseHeaders.at(-1)).toEqual(['Apigw-Requestid', REQUEST_ID]);
      expect(trace.gatewayResponseType).toBe(response.type);
    }
  });
});
