import { describe, expect, it } from 'vitest';
import { importOpenApi } from '../../../src/emulator/index.js';
import { matchRoute } from '../../../src/emulator/rest/router.js';
import { openApi } from '../helpers.js';

const api = importOpenApi(
  openApi({ '/items': ['GET'], '/items/{id}': ['GET', 'DELETE'], '/items/special': ['GET'], '/{proxy+}': ['ANY'] }),
);

describe('REST API resource matching (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-settings-method-request.html)', () => {
  it('prefers a literal segment over a path parameter', () => {
    expect(matchRoute(api, '/items/special', 'GET')?.resource.path).toBe('/items/special');
    expect(matchRoute(api, '/items/7', 'GET')).toMatchObject({
      resource: { path: '/items/{id}' },
      pathParameters: { id: '7' },
    });
  });
  it('falls back to a greedy {proxy+} for deeper or unknown paths, with the rest of the path as the parameter', () => {
    expect(matchRoute(api, '/a/b/c', 'PATCH')).toMatchObject({
      resource: { path: '/{proxy+}' },
      pathParameters: { proxy: 'a/b/c' },
      method: { httpMethod: 'ANY' },
    });
  });
  it('serves /items/ (trailing slash) from the /items resource with no path parameters', () => {
    expect(matchRoute(api, '/items/', 'GET')).toMatchObject({ resource: { path: '/items' }, pathParameters: null });
  });
  it('returns the resource without a method when no matching resource has the method', () => {
    const noGreedy = importOpenApi(openApi({ '/items': ['GET'], '/{id}': ['DELETE'] }));
    expect(matchRoute(noGreedy, '/items', 'PUT')).toMatchObject({ resource: { path: '/items' }, method: null });
  });
  it('chooses resource and method together: a less specific resource with the method serves it (test_proxy_routing_with_hardcoded_resource_sibling)', () => {
    expect(matchRoute(api, '/items', 'PUT')).toMatchObject({
      resource: { path: '/{proxy+}' },
      method: { httpMethod: 'ANY' },
      pathParameters: { proxy: 'items' },
    });
    const params = importOpenApi(openApi({ '/items': ['GET'], '/{id}': ['DELETE'] }));
    expect(matchRoute(params, '/items', 'DELETE')).toMatchObject({
      resource: { path: '/{id}' },
      pathParameters: { id: 'items' },
    });
  });
  it('does not URL-decode path parameters', () => {
    expect(matchRoute(api, '/items/a%2Bb', 'GET')?.pathParameters).toEqual({ id: 'a%2Bb' });
  });
  it('matches nothing when no resource fits', () => {
    const small = importOpenApi(openApi({ '/items': ['GET'] }));
    expect(matchRoute(small, '/other', 'GET')).toBeNull();
    expect(matchRoute(small, '/', 'GET')).toMatchObject({ resource: { path: '/' }, method: null });
  });
});
