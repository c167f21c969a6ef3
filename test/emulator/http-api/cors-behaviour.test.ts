import { describe, expect, it } from 'vitest';
import { httpApiDoc, httpGatewayFor, ok, req } from './helpers.js';

// Behaviours of https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html through
// HttpApiGateway.handle. Cases the page does not decide are marked "assumed" (see src/emulator/http-api/cors.ts).

const APP = 'https://app.example';
const CORS = {
  allowOrigins: [APP],
  allowCredentials: true,
  allowMethods: ['GET', 'POST', 'DELETE'],
  allowHeaders: ['authorization', 'content-type'],
  exposeHeaders: ['x-request-total'],
  maxAge: 300,
};

function corsApi(routeKeys: string[], cors: unknown = CORS, payload: unknown = { statusCode: 200, body: 'hi' }) {
  return httpGatewayFor({ ...httpApiDoc(routeKeys), 'x-amazon-apigateway-cors': cors }, () => ok(payload));
}

const preflight = (path: string, origin = APP, extra: Record<string, string> = {}) =>
  req(path, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'DELETE',
      'access-control-request-headers': 'authorization',
      ...extra,
    },
  });

describe('HTTP API CORS through HttpApiGateway.handle', () => {
  it('"API Gateway automatically sends a response to preflight OPTIONS requests, even if there isn\'t an OPTIONS route": 204, the function not called', async () => {
    const { gateway, invocations } = corsApi(['GET /items', 'DELETE /items/{id}']);
    const { response, trace } = await gateway.handle(preflight('/items/7'));
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(invocations).toHaveLength(0);
    expect(trace.integration).toBeNull();
    expect(Object.fromEntries(response.headers)).toEqual({
      date: 'Wed, 04 Mar 2020 19:03:58 GMT',
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET,POST,DELETE',
      'access-control-allow-headers': 'authorization,content-type',
      'access-control-max-age': '300',
      'apigw-requestid': trace.requestId,
    });
  });

  it('"For a CORS request, API Gateway adds the configured CORS headers to the response from an integration"', async () => {
    const { gateway, invocations } = corsApi(['GET /items']);
    const { response } = await gateway.handle(req('/items', { headers: { origin: APP } }));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('hi');
    expect(invocations).toHaveLength(1);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-expose-headers')).toBe('x-request-total');
    // preflight-only headers stay off an integration's answer (assumed)
    expect(response.headers.get('access-control-allow-methods')).toBeNull();
    expect(response.headers.get('access-control-max-age')).toBeNull();
  });

  it('"API Gateway ignores CORS headers returned from your backend integration"', async () => {
    const { gateway } = corsApi(['GET /items'], CORS, {
      statusCode: 200,
      headers: { 'Access-Control-Allow-Origin': '*', 'access-control-allow-methods': 'PATCH', 'x-kept': 'yes' },
      body: 'hi',
    });
    const withOrigin = (await gateway.handle(req('/items', { headers: { origin: APP } }))).response;
    expect(withOrigin.headers.get('access-control-allow-origin')).toBe(APP);
    expect(withOrigin.headers.get('access-control-allow-methods')).toBeNull();
    expect(withOrigin.headers.get('x-kept')).toBe('yes');
    const without = (await gateway.handle(req('/items'))).response;
    expect(without.headers.get('access-control-allow-origin')).toBeNull();
    expect(without.headers.get('x-kept')).toBe('yes');
  });

  it('"To return CORS headers, your request must contain an origin header": none without one', async () => {
    const { gateway } = corsApi(['GET /items']);
    const { response } = await gateway.handle(req('/items'));
    expect([...response.headers.keys()].filter((n) => n.startsWith('access-control-'))).toEqual([]);
  });

  it('"For the OPTIONS method, your request must contain an origin header and an Access-Control-Request-Method header": 204 without CORS headers otherwise', async () => {
    const { gateway, invocations } = corsApi(['GET /items']);
    const { response } = await gateway.handle(req('/items', { method: 'OPTIONS', headers: { origin: APP } }));
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(invocations).toHaveLength(0);
  });

  it('an origin not in allowOrigins gets no CORS headers; the request is served as usual (assumed)', async () => {
    const { gateway, invocations } = corsApi(['GET /items']);
    const pre = (await gateway.handle(preflight('/items', 'https://evil.example'))).response;
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const get = (await gateway.handle(req('/items', { headers: { origin: 'https://evil.example' } }))).response;
    expect(get.status).toBe(200);
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
    expect(invocations).toHaveLength(1);
  });

  it('allowOrigins ["*"] answers Access-Control-Allow-Origin: * (as a captured HTTP API response does)', async () => {
    const { gateway } = corsApi(['GET /items'], { allowOrigins: ['*'], allowMethods: ['*'], allowHeaders: ['*'] });
    const pre = (await gateway.handle(preflight('/items', 'https://any.example'))).response;
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toBe('*');
    expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
    const get = (await gateway.handle(req('/items', { headers: { origin: 'https://any.example' } }))).response;
    expect(get.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('the $default route catches OPTIONS requests ("including OPTIONS requests"): its integration answers, with the CORS headers', async () => {
    const { gateway, invocations } = corsApi(['GET /items', '$default']);
    const { response } = await gateway.handle(preflight('/items'));
    expect(response.status).toBe(200);
    expect(invocations).toHaveLength(1);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST,DELETE');
  });

  it('"The OPTIONS /{proxy+} route has higher priority than the $default route": an OPTIONS route is served by its integration', async () => {
    const { gateway, invocations } = corsApi(['OPTIONS /{proxy+}', '$default']);
    const { response, trace } = await gateway.handle(preflight('/items'));
    expect(response.status).toBe(200);
    expect(trace.resourcePath).toBe('OPTIONS /{proxy+}');
    expect(invocations).toHaveLength(1);
  });

  it("the gateway's own errors carry no CORS headers (assumed), and answer as without CORS", async () => {
    const { gateway } = corsApi(['GET /items']);
    const { response } = await gateway.handle(req('/nope', { headers: { origin: APP } }));
    expect([response.status, await response.text()]).toEqual([404, '{"message":"Not Found"}']);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('an API without CORS routes OPTIONS as any method: 404 without an OPTIONS route, headers from the backend kept', async () => {
    const { gateway, invocations } = httpGatewayFor(httpApiDoc(['GET /items']), () =>
      ok({ statusCode: 200, headers: { 'Access-Control-Allow-Origin': '*' }, body: 'x' }),
    );
    const pre = (await gateway.handle(preflight('/items'))).response;
    expect([pre.status, await pre.text()]).toEqual([404, '{"message":"Not Found"}']);
    const get = (await gateway.handle(req('/items', { headers: { origin: APP } }))).response;
    expect(get.headers.get('access-control-allow-origin')).toBe('*');
    expect(invocations).toHaveLength(1);
  });

  it('keeps serving after a preflight: the next request reaches the function', async () => {
    const { gateway, invocations } = corsApi(['GET /items']);
    await gateway.handle(preflight('/items'));
    const { response } = await gateway.handle(req('/items'));
    expect(response.status).toBe(200);
    expect(invocations).toHaveLength(1);
  });
});
