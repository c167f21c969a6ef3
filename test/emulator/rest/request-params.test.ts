import { describe, expect, it } from 'vitest';
import {
  contextPath,
  mapRequestParameters,
  requestParamsOf,
  substituteStageVariables,
} from '../../../src/emulator/rest/request-params.js';
import type { HeaderList } from '../../../src/emulator/shared/headers.js';

describe('requestParamsOf', () => {
  it('gives the path parameters, the decoded query string and the headers, last value of a repeated name', () => {
    const pathParameters = { id: '7' };
    const headers: HeaderList = [
      ['X-Tag', 'one'],
      ['Accept', 'text/plain'],
      ['X-Tag', 'two'],
    ];
    const params = requestParamsOf({ pathParameters, rawQuery: 'q=a+b&n=1&n=2&flag&e=%C3%A9', headers });
    expect(params).toEqual({
      path: { id: '7' },
      querystring: { q: 'a b', n: '2', flag: '', e: 'é' },
      header: { 'X-Tag': 'two', Accept: 'text/plain' },
    });
    // A copy: a mapping that changes it leaves the request's own parameters alone.
    expect(params.path).not.toBe(pathParameters);
  });

  it('gives empty maps for a request without path parameters, query or headers', () => {
    expect(requestParamsOf({ pathParameters: null, rawQuery: '', headers: [] })).toEqual({
      path: {},
      querystring: {},
      header: {},
    });
  });
});

describe('substituteStageVariables', () => {
  const vars = { host: 'backend.local', 'my-fn': 'items_v2' };

  it('replaces the dot form and both bracket forms, every occurrence', () => {
    expect(substituteStageVariables('http://${stageVariables.host}/a/${stageVariables.host}', vars)).toBe(
      'http://backend.local/a/backend.local',
    );
    expect(substituteStageVariables("function:${stageVariables['my-fn']}", vars)).toBe('function:items_v2');
    expect(substituteStageVariables('function:${stageVariables["my-fn"]}', vars)).toBe('function:items_v2');
  });

  it('replaces a variable the stage does not have by nothing', () => {
    expect(substituteStageVariables('http://${stageVariables.missing}/x', vars)).toBe('http:///x');
  });

  it('leaves text without stage variables, and other ${…} forms, as they are', () => {
    expect(substituteStageVariables('http://example.com/{id}', vars)).toBe('http://example.com/{id}');
    expect(substituteStageVariables('${context.stage}', vars)).toBe('${context.stage}');
  });
});

describe('contextPath', () => {
  it('is the stage and the path as sent, slashes kept, on an execute-api URL', () => {
    expect(contextPath({ basePath: undefined, sentPath: '//items/7', stage: { name: 'dev' } })).toBe('/dev//items/7');
  });

  it('is the base path and the path after it on a custom domain, without the stage', () => {
    expect(contextPath({ basePath: '/v1', sentPath: '/items', stage: { name: 'dev' } })).toBe('/v1/items');
    expect(contextPath({ basePath: '', sentPath: '/items', stage: { name: 'dev' } })).toBe('/items');
  });
});

describe('mapRequestParameters', () => {
  const params = { path: { id: '7' }, querystring: { q: 'shoes' }, header: { 'X-Client': 'web' } };
  const request = {
    stageVariables: { env: 'prod' },
    context: { requestId: 'req-1', identity: { sourceIp: '203.0.113.9', caller: null } },
    headers: [
      ['X-Client', 'web'],
      ['x-client', 'app'],
    ] as HeaderList,
    body: new TextEncoder().encode('{"a":1}'),
  };
  const map = (parameters: Record<string, string>) => mapRequestParameters(parameters, params, request);

  it('maps literals, method request parameters, stage variables, $context and the body to their targets', () => {
    expect(
      map({
        'integration.request.header.X-Literal': "'fixed value'",
        'integration.request.path.itemId': 'method.request.path.id',
        'integration.request.querystring.search': 'method.request.querystring.q',
        'integration.request.querystring.many': 'method.request.multivaluequerystring.q',
        'integration.request.header.X-From': 'method.request.header.X-Client',
        'integration.request.header.X-Env': 'stageVariables.env',
        'integration.request.header.X-Request': 'context.requestId',
        'integration.request.header.X-Ip': ' context.identity.sourceIp ',
        'integration.request.querystring.raw': 'method.request.body',
      }),
    ).toEqual({
      header: {
        'X-Literal': 'fixed value',
        // The last value of the header, whatever the case of its name.
        'X-From': 'app',
        'X-Env': 'prod',
        'X-Request': 'req-1',
        'X-Ip': '203.0.113.9',
      },
      querystring: { search: 'shoes', many: 'shoes', raw: '{"a":1}' },
      path: { itemId: '7' },
    });
  });

  it('maps nothing for a source the request does not have, or a target that is not the integration request', () => {
    expect(
      map({
        'integration.request.path.x': 'method.request.path.missing',
        'integration.request.querystring.x': 'method.request.querystring.missing',
        'integration.request.header.X-A': 'method.request.header.Missing',
        'integration.request.header.X-B': 'stageVariables.missing',
        'integration.request.header.X-C': 'context.identity.caller',
        'integration.request.header.X-D': 'context.nothing.here',
        'integration.response.header.X-E': "'literal'",
        'integration.request.body': "'literal'",
      }),
    ).toEqual({ header: {}, querystring: {}, path: {} });
  });

  it('maps no body when the request has none', () => {
    const none = mapRequestParameters({ 'integration.request.header.X-Body': 'method.request.body' }, params, {
      ...request,
      body: null,
    });
    expect(none.header).toEqual({});
  });
});
