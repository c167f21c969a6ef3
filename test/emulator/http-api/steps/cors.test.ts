import { describe, expect, it } from 'vitest';
import { gatewayResponse } from '../../../../src/emulator/http-api/steps/index.js';
import { CORS_PREFLIGHT, cors, corsHeaders, renderPreflight } from '../../../../src/emulator/http-api/steps/cors.js';
import { route } from '../../../../src/emulator/http-api/steps/route.js';
import type { HeaderList } from '../../../../src/emulator/shared/headers.js';
import { REQUEST_ID, advanceTo, contextFor, servicesFor, stopOf } from './context-helper.js';

// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
const CORS = {
  allowOrigins: ['https://app.example'],
  allowMethods: ['GET', 'PUT'],
  allowHeaders: ['authorization'],
  exposeHeaders: ['x-total'],
  maxAge: 600,
};
const DATE = 'Wed, 04 Mar 2020 19:03:58 GMT';
const PREFLIGHT: HeaderList = [
  ['Origin', 'https://app.example'],
  ['Access-Control-Request-Method', 'PUT'],
];

async function atCors(
  routeKeys: string[],
  path: string,
  method: string,
  headers: HeaderList = [],
  config: unknown = CORS,
) {
  const context = contextFor(servicesFor({ routeKeys, cors: config }), path, { method, headers });
  await advanceTo(context, cors);
  return context;
}

describe('cors (the preflight step)', () => {
  it('sits after resolveStage and before route, so a preflight is answered before routing and authorization', async () => {
    const context = await atCors(['GET /items'], '/items', 'OPTIONS', PREFLIGHT);
    expect(context.api).toBeDefined();
    expect(context.route).toBeUndefined();
  });

  it('stops an OPTIONS request no OPTIONS route takes: "even if there isn\'t an OPTIONS route configured"', async () => {
    const context = await atCors(['GET /items'], '/items', 'OPTIONS', PREFLIGHT);
    const stop = stopOf(() => cors(context));
    expect(stop.response).toBe(CORS_PREFLIGHT);
    expect(stop.response.status).toBe(204);
  });

  it('answers an OPTIONS request an ANY route would match (assumed: an ANY route is not an OPTIONS route)', async () => {
    const context = await atCors(['ANY /{proxy+}'], '/items', 'OPTIONS', PREFLIGHT);
    expect(stopOf(() => cors(context)).response).toBe(CORS_PREFLIGHT);
  });

  it('lets an OPTIONS route take the request ("The OPTIONS /{proxy+} route has higher priority than the $default route")', async () => {
    const context = await atCors(['GET /items', 'OPTIONS /{proxy+}', '$default'], '/items', 'OPTIONS', PREFLIGHT);
    expect(cors(context)).toBeUndefined();
    route(context);
    expect(context.route.routeKey).toBe('OPTIONS /{proxy+}');
  });

  it('lets the $default route take it ("The $default route catches requests for all methods ..., including OPTIONS requests")', async () => {
    const context = await atCors(['GET /items', '$default'], '/items', 'OPTIONS', PREFLIGHT);
    expect(cors(context)).toBeUndefined();
  });

  it('returns at once for a request that is not OPTIONS, and for an API without CORS', async () => {
    expect(cors(await atCors(['GET /items'], '/items', 'GET', [['Origin', 'https://app.example']]))).toBeUndefined();
    const plain = contextFor(servicesFor({ routeKeys: ['GET /items'] }), '/items', {
      method: 'OPTIONS',
      headers: PREFLIGHT,
    });
    await advanceTo(plain, cors);
    expect(plain.api!.cors).toBeUndefined();
    expect(cors(plain)).toBeUndefined();
  });
});

describe('renderPreflight (through gatewayResponse)', () => {
  it('answers 204 with Date, Connection, the preflight CORS headers and Apigw-Requestid, no body', async () => {
    const context = await atCors(['GET /items'], '/items', 'OPTIONS', PREFLIGHT);
    gatewayResponse(context, stopOf(() => cors(context)) as never);
    const { result, trace } = context;
    expect(trace.status).toBe(204);
    expect(trace.gatewayResponseType).toBe('CORS_PREFLIGHT');
    expect(trace.errorDetail).toBeNull();
    expect(trace.responseHeaders).toEqual([
      ['Date', DATE],
      ['Connection', 'keep-alive'],
      ['Access-Control-Allow-Origin', 'https://app.example'],
      ['Access-Control-Allow-Methods', 'GET,PUT'],
      ['Access-Control-Allow-Headers', 'authorization'],
      ['Access-Control-Max-Age', '600'],
      ['Apigw-Requestid', REQUEST_ID],
    ]);
    expect(result!.body).toBeNull();
    expect(result!.response.status).toBe(204);
    expect(await result!.response.text()).toBe('');
  });

  it('answers 204 without CORS headers for an origin not allowed, or an OPTIONS without Access-Control-Request-Method (assumed)', async () => {
    for (const headers of [
      [
        ['Origin', 'https://evil.example'],
        ['Access-Control-Request-Method', 'PUT'],
      ],
      [['Origin', 'https://app.example']],
      [],
    ] as HeaderList[]) {
      const context = await atCors(['GET /items'], '/items', 'OPTIONS', headers);
      renderPreflight(context);
      expect(context.trace.status).toBe(204);
      expect(context.trace.responseHeaders.map(([n]) => n)).toEqual(['Date', 'Connection', 'Apigw-Requestid']);
    }
  });
});

describe('corsHeaders (before the method response)', () => {
  async function atCorsHeaders(method: string, headers: HeaderList, fnHeaders: HeaderList) {
    const routeKeys = ['ANY /items', 'OPTIONS /items'];
    const context = contextFor(servicesFor({ routeKeys, cors: CORS }), '/items', { method, headers });
    await advanceTo(context, corsHeaders);
    context.answer = { statusCode: 200, headers: fnHeaders, body: 'ok', isBase64Encoded: false };
    corsHeaders(context);
    return context;
  }

  it("drops the backend's CORS headers and adds the configured ones after the function's own", async () => {
    const context = await atCorsHeaders(
      'GET',
      [['Origin', 'https://app.example']],
      [
        ['Access-Control-Allow-Origin', '*'],
        ['X-Custom', '1'],
        ['access-control-expose-headers', 'x-secret'],
      ],
    );
    expect(context.answer!.headers).toEqual([
      ['X-Custom', '1'],
      ['Access-Control-Allow-Origin', 'https://app.example'],
      ['Access-Control-Expose-Headers', 'x-total'],
    ]);
  });

  it('drops the backend\'s CORS headers even when the request has no Origin ("ignores CORS headers returned from your backend")', async () => {
    const context = await atCorsHeaders(
      'GET',
      [],
      [
        ['Access-Control-Allow-Origin', '*'],
        ['X-Custom', '1'],
      ],
    );
    expect(context.answer!.headers).toEqual([['X-Custom', '1']]);
  });

  it('gives an OPTIONS route a preflight set for a preflight', async () => {
    const context = await atCorsHeaders('OPTIONS', PREFLIGHT, []);
    expect(context.answer!.headers.map(([n]) => n)).toEqual([
      'Access-Control-Allow-Origin',
      'Access-Control-Allow-Methods',
      'Access-Control-Allow-Headers',
      'Access-Control-Max-Age',
    ]);
  });

  it('leaves the answer as it is when there is nothing to drop or add, and returns at once without CORS', async () => {
    const context = contextFor(servicesFor({ routeKeys: ['GET /items'] }), '/items', { headers: PREFLIGHT });
    await advanceTo(context, corsHeaders);
    const answer = {
      statusCode: 200,
      headers: [['Access-Control-Allow-Origin', '*']] as HeaderList,
      body: '',
      isBase64Encoded: false,
    };
    context.answer = answer;
    corsHeaders(context);
    expect(context.answer).toBe(answer);
    const same = await atCorsHeaders('GET', [], [['X-Custom', '1']]);
    expect(same.answer!.headers).toEqual([['X-Custom', '1']]);
  });
});
