import { describe, expect, it } from 'vitest';
import { route } from '../../../../src/emulator/http-api/steps/route.js';
import { advanceTo, contextFor, servicesFor, stopOf, type ServicesSetup } from './context-helper.js';

// Route selection: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html

async function atRoute(target: string, method = 'GET', setup: ServicesSetup = {}) {
  const context = contextFor(servicesFor(setup), target, { method });
  await advanceTo(context, route);
  return context;
}

describe('route', () => {
  it('selects the full match, with its path parameters, integration and route key in the trace', async () => {
    const context = await atRoute('/items/7');
    route(context);
    expect(context.route.routeKey).toBe('GET /items/{id}');
    expect(context.integration).toBe(context.route.integration);
    expect(context.integration.functionName).toBe('fn');
    expect(context.pathParameters).toEqual({ id: '7' });
    expect(context.trace.resourcePath).toBe('GET /items/{id}');
  });

  it('matches the path in the stage, not the stage prefix', async () => {
    const context = await atRoute('/dev/items', 'GET', { stages: ['dev'] });
    route(context);
    expect(context.route.routeKey).toBe('GET /items');
    expect(context.pathParameters).toBeNull();
  });

  it('falls back to the $default route when no other route matches', async () => {
    const context = await atRoute('/other/path', 'DELETE', { routeKeys: ['GET /items', '$default'] });
    route(context);
    expect(context.route.routeKey).toBe('$default');
    expect(context.trace.resourcePath).toBe('$default');
  });

  it('answers 404 {"message":"Not Found"} when no route matches the method and path', async () => {
    const context = await atRoute('/items', 'POST');
    const error = stopOf(() => route(context));
    expect(error.response).toEqual({ type: 'NOT_FOUND', status: 404, body: '{"message":"Not Found"}' });
    expect(error.detail).toBe('no route matches POST /items');
    expect(context.route).toBeUndefined();
    expect(context.trace.resourcePath).toBeNull();
  });
});
