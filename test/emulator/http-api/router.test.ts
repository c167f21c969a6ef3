import { describe, expect, it } from 'vitest';
import { importHttpApi, parseRouteKey, selectRoute } from '../../../src/emulator/http-api/index.js';
import { httpApiDoc } from './helpers.js';

const ROUTES_PAGE = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html';

describe(`HTTP API route selection (${ROUTES_PAGE})`, () => {
  // The page's example: routes GET /pets/dog/1, GET /pets/dog/{id}, GET /pets/{proxy+}, ANY /{proxy+}, $default.
  const api = importHttpApi(
    httpApiDoc(['GET /pets/dog/1', 'GET /pets/dog/{id}', 'GET /pets/{proxy+}', 'ANY /{proxy+}', '$default']),
  );
  it.each([
    ['GET', '/pets/dog/1', 'GET /pets/dog/1', null],
    ['GET', '/pets/dog/2', 'GET /pets/dog/{id}', { id: '2' }],
    ['GET', '/pets/cat/1', 'GET /pets/{proxy+}', { proxy: 'cat/1' }],
    ['POST', '/test/5', 'ANY /{proxy+}', { proxy: 'test/5' }],
    ['POST', '/', '$default', null],
  ])("%s %s selects %s, as the page's table says", (method, path, routeKey, params) => {
    const match = selectRoute(api, method, path);
    expect(match?.route.routeKey).toBe(routeKey);
    expect(match?.pathParameters).toEqual(params);
  });

  it('prefers the request\'s own method over ANY on the same path ("ANY matches all methods that you haven\'t defined")', () => {
    const a = importHttpApi(httpApiDoc(['GET /items', 'ANY /items']));
    expect(selectRoute(a, 'GET', '/items')?.route.routeKey).toBe('GET /items');
    expect(selectRoute(a, 'DELETE', '/items')?.route.routeKey).toBe('ANY /items');
  });

  it('ranks a full match above any greedy match, and a greedy match above $default', () => {
    const a = importHttpApi(httpApiDoc(['ANY /items/{id}', 'GET /{proxy+}', '$default']));
    expect(selectRoute(a, 'GET', '/items/7')?.route.routeKey).toBe('ANY /items/{id}');
    expect(selectRoute(a, 'GET', '/items/7/parts')?.route.routeKey).toBe('GET /{proxy+}');
    expect(selectRoute(a, 'POST', '/items/7/parts')?.route.routeKey).toBe('$default');
  });

  it('prefers the longer prefix among greedy routes', () => {
    const a = importHttpApi(httpApiDoc(['GET /{proxy+}', 'GET /pets/{proxy+}']));
    expect(selectRoute(a, 'GET', '/pets/a/b')?.pathParameters).toEqual({ proxy: 'a/b' });
  });

  it('answers null (404 Not Found) when nothing matches and there is no $default route', () => {
    const a = importHttpApi(httpApiDoc(['GET /items']));
    expect(selectRoute(a, 'POST', '/items')).toBeNull();
    expect(selectRoute(a, 'GET', '/other')).toBeNull();
  });

  it('does not let a greedy variable match its bare parent, nor a variable match an empty segment', () => {
    const a = importHttpApi(httpApiDoc(['GET /pets/{proxy+}', 'GET /items/{id}']));
    expect(selectRoute(a, 'GET', '/pets')).toBeNull();
    expect(selectRoute(a, 'GET', '/pets/')).toBeNull();
    expect(selectRoute(a, 'GET', '/items/')).toBeNull();
  });

  it('decodes path variables ("API Gateway decodes URL-encoded request parameters")', () => {
    const a = importHttpApi(httpApiDoc(['GET /items/{id}', 'GET /files/{proxy+}']));
    expect(selectRoute(a, 'GET', '/items/a%20b')?.pathParameters).toEqual({ id: 'a b' });
    expect(selectRoute(a, 'GET', '/files/x%2Fy/z')?.pathParameters).toEqual({ proxy: 'x/y/z' });
  });

  it('rejects route keys API Gateway would refuse', () => {
    expect(parseRouteKey('GET /a/{proxy+}/b')).toEqual({
      error: expect.stringMatching(/greedy path variable must be at the end/),
    });
    expect(parseRouteKey('FETCH /a')).toEqual({ error: expect.stringMatching(/unknown method/) });
    expect(parseRouteKey('$default')).toEqual({ kind: 'default' });
  });
});
