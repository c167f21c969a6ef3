import { describe, expect, it } from 'vitest';
import { exportOpenApi, importOpenApi } from '../../../../src/emulator/index.js';
import { cacheKeyOf, readCacheKeyParameters } from '../../../../src/emulator/rest/stage-cache/cache-key.js';

const base = {
  httpMethod: 'GET',
  resourcePath: '/items/{id}',
  rawQuery: 'q=1&q=2&other=x',
  rawHeaders: [['X-Tenant', 'acme'] as [string, string]],
  lowerNames: ['x-tenant'],
  pathParameters: { id: '7' },
};

/** Cache keys. https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html */
describe('cacheKeyOf (api-gateway-caching.html: cache keys from cacheKeyParameters)', () => {
  it('takes method, resource, and each key parameter from the query string, a header and the path', () => {
    const params = ['method.request.querystring.q', 'method.request.header.X-Tenant', 'method.request.path.id'];
    const key = cacheKeyOf(base, params);
    expect(key).toContain('method.request.querystring.q=1%2C2');
    expect(key).toContain('method.request.header.X-Tenant=acme');
    expect(key).toContain('method.request.path.id=7');
    expect(cacheKeyOf({ ...base, rawQuery: 'q=1&q=2' }, params)).toBe(key);
    expect(cacheKeyOf({ ...base, rawHeaders: [['x-tenant', 'other']] }, params)).not.toBe(key);
    expect(cacheKeyOf({ ...base, pathParameters: { id: '8' } }, params)).not.toBe(key);
  });

  it('without parameters: method and resource only', () => {
    expect(cacheKeyOf(base, undefined)).toBe(cacheKeyOf({ ...base, rawQuery: '', pathParameters: { id: '9' } }, []));
    expect(cacheKeyOf(base, undefined)).not.toBe(cacheKeyOf({ ...base, httpMethod: 'POST' }, undefined));
  });
});

describe('readCacheKeyParameters', () => {
  it('reads the integration extension and reports a value that is no method request parameter', () => {
    const problems: string[] = [];
    expect(readCacheKeyParameters({ cacheKeyParameters: ['method.request.path.id'] }, 'GET /x', problems)).toEqual([
      'method.request.path.id',
    ]);
    expect(readCacheKeyParameters({}, 'GET /x', problems)).toBeUndefined();
    expect(
      readCacheKeyParameters({ cacheKeyParameters: ['integration.request.path.id'] }, 'GET /x', problems),
    ).toBeUndefined();
    expect(problems).toEqual([
      'GET /x: cacheKeyParameters must be a list of method.request.{querystring|header|path}.{name} (it is ["integration.request.path.id"])',
    ]);
  });
});

describe('cacheKeyParameters in OpenAPI (x-amazon-apigateway-integration.cacheKeyParameters)', () => {
  it('are read onto the method and written back by the export', () => {
    const doc = {
      openapi: '3.0.1',
      info: { title: 'K', version: '1' },
      paths: {
        '/items': {
          get: {
            'x-amazon-apigateway-integration': {
              type: 'mock',
              requestTemplates: { 'application/json': '{"statusCode": 200}' },
              responses: { default: { statusCode: '200' } },
              cacheKeyParameters: ['method.request.querystring.id'],
            },
          },
        },
      },
    };
    const api = importOpenApi(doc, { apiId: 'abc123defg' });
    expect(api.resources.find((r) => r.path === '/items')!.methods.GET!.cacheKeyParameters).toEqual([
      'method.request.querystring.id',
    ]);
    const exported = exportOpenApi(api) as {
      paths: Record<string, Record<string, Record<string, { cacheKeyParameters?: string[] }>>>;
    };
    expect(exported.paths['/items']!.get!['x-amazon-apigateway-integration']!.cacheKeyParameters).toEqual([
      'method.request.querystring.id',
    ]);
  });
});
