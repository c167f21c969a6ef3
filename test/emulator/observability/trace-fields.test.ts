import { describe, expect, it } from 'vitest';
import { formatAccessLog } from '../../../src/emulator/observability/index.js';
import { gatewayFor, ok, openApi, URL_BASE } from '../helpers.js';
import { httpApiDoc, httpGatewayFor, req } from '../http-api/helpers.js';

/** The trace fields logs and metrics read, filled in by both gateways. */
describe('GatewayTrace fields for observability', () => {
  it('REST: apiType, apiId, apiName, the request as sent, path parameters, the body sent', async () => {
    const { gateway } = gatewayFor(openApi({ '/items/{id}': ['POST'] }), () => ok({ statusCode: 200, body: 'sent' }));
    const result = await gateway.handle(
      new Request(`${URL_BASE}/dev/items/42?a=1`, { method: 'POST', body: 'payload', headers: { 'x-one': '1' } }),
    );
    const { trace } = result;
    expect(trace.apiType).toBe('REST');
    expect(trace.apiId).toBe('abc123defg');
    expect(trace.apiName).toBe('TestAPI');
    expect(trace.request!.href).toBe(`${URL_BASE}/dev/items/42?a=1`);
    expect(trace.request!.headers).toContainEqual(['X-One', '1']);
    expect(new TextDecoder().decode(trace.request!.body!)).toBe('payload');
    expect(trace.pathParameters).toEqual({ id: '42' });
    expect(new TextDecoder().decode(trace.responseBody!)).toBe('sent');
  });

  it('HTTP: apiType HTTP, route path parameters, and a 404 that no route matched', async () => {
    const { gateway } = httpGatewayFor(httpApiDoc(['GET /items/{id}']), () => ok({ statusCode: 200, body: 'x' }));
    const hit = (await gateway.handle(req('/items/7'))).trace;
    expect(hit.apiType).toBe('HTTP');
    expect(hit.apiId).toBe('abc123defg');
    expect(hit.pathParameters).toEqual({ id: '7' });
    const miss = (await gateway.handle(req('/nothing'))).trace;
    expect(miss.resourcePath).toBeNull();
    expect(formatAccessLog('$context.status $context.error.message $context.routeKey', miss)).toBe('404 Not Found -');
  });
});
