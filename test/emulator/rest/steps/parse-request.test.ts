import { describe, expect, it } from 'vitest';
import { GATEWAY_RESPONSES, MAX_PAYLOAD_BYTES } from '../../../../src/emulator/rest/gateway-responses.js';
import { parseRequest } from '../../../../src/emulator/rest/steps/parse-request.js';
import { gatewayErrorOfSync, restContext } from './context-helper.js';

describe('parseRequest', () => {
  it('splits the URL and lower-cases the header names index for index', () => {
    const { context } = restContext({
      url: 'https://abc123defg.execute-api.us-east-1.amazonaws.com:8443/dev/items?a=1&b=2',
      headers: [
        ['User-Agent', 'curl/8'],
        ['X-Custom', 'v'],
      ],
    });
    expect(parseRequest(context)).toBeUndefined();
    expect(context.url).toEqual({
      scheme: 'https',
      host: 'abc123defg.execute-api.us-east-1.amazonaws.com:8443',
      port: '8443',
      pathname: '/dev/items',
      query: 'a=1&b=2',
    });
    expect(context.pathname).toBe('/dev/items');
    expect(context.lowerNames).toEqual(['user-agent', 'x-custom']);
  });

  it('takes the host from the last Host header, whatever its case', () => {
    const { context } = restContext({
      headers: [
        ['Host', 'first.example.com'],
        ['HOST', 'api.example.com'],
      ],
    });
    parseRequest(context);
    expect(context.host).toBe('api.example.com');
  });

  it("falls back to the URL's host when no Host header was sent", () => {
    const { context } = restContext({ url: 'http://127.0.0.1:3000/dev/items' });
    parseRequest(context);
    expect(context.host).toBe('127.0.0.1:3000');
  });

  it('merges slashes before the stage, and only those', () => {
    const { context } = restContext({ url: '///dev//items' });
    parseRequest(context);
    expect(context.pathname).toBe('/dev//items');
  });

  it('accepts a body of exactly the 10 MB payload limit', () => {
    const { context } = restContext({ method: 'POST', body: new Uint8Array(MAX_PAYLOAD_BYTES) });
    expect(() => parseRequest(context)).not.toThrow();
    expect(context.pathname).toBe('/dev/items');
  });

  it('refuses a body one byte over the limit with 413 REQUEST_TOO_LARGE, before reading the URL', () => {
    const { context } = restContext({ method: 'POST', body: new Uint8Array(MAX_PAYLOAD_BYTES + 1) });
    const error = gatewayErrorOfSync(() => parseRequest(context));
    expect(error.response).toBe(GATEWAY_RESPONSES.REQUEST_TOO_LARGE);
    expect([error.response.type, error.response.status, error.response.body]).toEqual([
      'REQUEST_TOO_LARGE',
      413,
      'HTTP content length exceeded 10485760 bytes.',
    ]);
    expect(error.detail).toBe('request body of 10485761 bytes exceeds the 10 MB payload limit');
    expect(context.url).toBeUndefined();
  });
});
