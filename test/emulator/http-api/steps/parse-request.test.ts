import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../../../src/emulator/http-api/steps/parse-request.js';
import { contextFor, servicesFor, stopOf } from './context-helper.js';

// "Payload size | 10 MB": https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html
const TEN_MB = 10 * 1024 * 1024;

describe('parseRequest', () => {
  it('splits the URL and takes the Host header (the last one) over the URL host', () => {
    const context = contextFor(servicesFor(), 'https://abc.example.com:8443/dev/items?a=1&b', {
      headers: [
        ['Host', 'first.example.com'],
        ['host', 'api.example.com'],
      ],
    });
    expect(parseRequest(context)).toBeUndefined();
    expect(context.url).toEqual({
      scheme: 'https',
      host: 'abc.example.com:8443',
      port: '8443',
      pathname: '/dev/items',
      query: 'a=1&b',
    });
    expect(context.host).toBe('api.example.com');
  });

  it("uses the URL's host when no Host header was sent", () => {
    const context = contextFor(servicesFor(), 'http://127.0.0.1:3000/items');
    parseRequest(context);
    expect(context.host).toBe('127.0.0.1:3000');
    expect(context.url.port).toBe('3000');
  });

  it('lets a body of exactly 10 MB through', () => {
    const context = contextFor(servicesFor(), '/items', { method: 'POST', body: new Uint8Array(TEN_MB) });
    parseRequest(context);
    expect(context.url.pathname).toBe('/items');
  });

  it('refuses a body over the 10 MB payload quota with 413 {"message":"Request Entity Too Large"}', () => {
    const context = contextFor(servicesFor(), '/items', { method: 'POST', body: new Uint8Array(TEN_MB + 1) });
    const error = stopOf(() => parseRequest(context));
    expect(error.response).toMatchObject({
      type: 'REQUEST_TOO_LARGE',
      status: 413,
      body: '{"message":"Request Entity Too Large"}',
    });
    expect(error.detail).toBe(`request body of ${TEN_MB + 1} bytes exceeds the 10 MB payload quota`);
    expect(context.url).toBeUndefined();
  });
});
