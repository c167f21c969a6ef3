import { describe, expect, it } from 'vitest';
import { GATEWAY_RESPONSES } from '../../../../src/emulator/rest/gateway-responses.js';
import { route } from '../../../../src/emulator/rest/steps/route.js';
import { contextBefore, gatewayErrorOfSync, proxyMethod, smallDoc, type ContextOptions } from './context-helper.js';

const doc = smallDoc({
  '/items': { get: proxyMethod() },
  '/items/{id}': { get: proxyMethod({ timeoutInMillis: 1234 }) },
  '/any': { 'x-amazon-apigateway-any-method': proxyMethod() },
});
const at = (options: ContextOptions) => contextBefore(route, { doc, ...options });

describe('route', () => {
  it('sets the resource, method, integration and raw path parameters', async () => {
    const { context } = await at({ url: '/dev/items/a%20b' });
    expect(route(context)).toBeUndefined();
    expect(context.resource.path).toBe('/items/{id}');
    expect(context.methodModel.httpMethod).toBe('GET');
    expect(context.integration).toBe(context.methodModel.integration);
    expect(context.integration).toMatchObject({ type: 'AWS_PROXY', functionName: 'fn', timeoutMs: 1234 });
    expect(context.pathParameters).toEqual({ id: 'a%20b' });
    expect(context.trace.resourcePath).toBe('/items/{id}');
  });

  it('leaves pathParameters null on a resource without parameters', async () => {
    const { context } = await at({ url: '/dev/items' });
    route(context);
    expect(context.resource.path).toBe('/items');
    expect(context.pathParameters).toBeNull();
  });

  it('serves any HTTP method from an ANY method', async () => {
    const { context } = await at({ url: '/dev/any', method: 'PATCH' });
    route(context);
    expect(context.methodModel.httpMethod).toBe('ANY');
  });

  it('answers 403 MISSING_AUTHENTICATION_TOKEN when the resource has no such method', async () => {
    const { context } = await at({ url: '/dev/items', method: 'DELETE' });
    const error = gatewayErrorOfSync(() => route(context));
    expect(error.response).toBe(GATEWAY_RESPONSES.MISSING_AUTHENTICATION_TOKEN);
    expect([error.response.status, error.response.body]).toEqual([403, '{"message":"Missing Authentication Token"}']);
    expect(error.detail).toBe('resource /items has no DELETE method');
    expect(context.trace.resourcePath).toBeNull();
  });

  it('answers 403 when no resource matches the path', async () => {
    const { context } = await at({ url: '/dev/nothing/here' });
    const error = gatewayErrorOfSync(() => route(context));
    expect(error.response.type).toBe('MISSING_AUTHENTICATION_TOKEN');
    expect(error.detail).toBe('no resource matches /nothing/here');
  });
});
