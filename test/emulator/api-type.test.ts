// The table of API types (src/emulator/api-type.ts): what differs between REST and HTTP APIs, in one place.
import { describe, expect, it } from 'vitest';
import {
  API_TYPES,
  apiTypeEntryOf,
  HttpApiGateway,
  importApi,
  RestGateway,
  routesOfApi,
} from '../../src/emulator/index.js';

const doc = {
  openapi: '3.0.1',
  info: { title: 'items', version: '1' },
  paths: {
    '/items': {
      get: {
        responses: { '200': { description: 'ok' } },
        'x-amazon-apigateway-integration': {
          type: 'aws_proxy',
          httpMethod: 'POST',
          uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:items/invocations',
        },
      },
    },
  },
};
/** The same API as the other type wants it: HTTP API integrations name their payload format. */
const docOf = (kind: 'REST' | 'HTTP') =>
  kind === 'REST'
    ? doc
    : structuredClone({
        ...doc,
        paths: {
          '/items': {
            get: {
              ...doc.paths['/items'].get,
              'x-amazon-apigateway-integration': {
                ...doc.paths['/items'].get['x-amazon-apigateway-integration'],
                payloadFormatVersion: '2.0',
              },
            },
          },
        },
      });
const invoke = async () => ({ kind: 'result' as const, payload: { statusCode: 200, body: 'ok' }, logs: [] });

describe('API_TYPES', () => {
  it('names each type and says which has a $default stage', () => {
    expect([API_TYPES.REST.label, API_TYPES.REST.article, API_TYPES.REST.hasDefaultStage]).toEqual([
      'REST',
      'a REST',
      false,
    ]);
    expect([API_TYPES.HTTP.label, API_TYPES.HTTP.article, API_TYPES.HTTP.hasDefaultStage]).toEqual([
      'HTTP',
      'an HTTP',
      true,
    ]);
  });

  it.each(['REST', 'HTTP'] as const)('imports, deploys and serves a %s API through its entry', async (kind) => {
    const api = importApi(docOf(kind), { apiType: kind });
    expect(api.kind).toBe(kind);
    const type = apiTypeEntryOf(api);
    expect(type).toBe(API_TYPES[kind]);
    const gateway = type.createGateway({ invoke });
    expect(gateway).toBeInstanceOf(kind === 'REST' ? RestGateway : HttpApiGateway);
    gateway.putStage({ name: 'dev', deploymentId: type.deploy(gateway, api) });
    const result = await gateway.handle(new Request('https://abc.execute-api.us-east-1.amazonaws.com/dev/items'));
    expect([result.trace.status, await result.response.text()]).toEqual([200, 'ok']);
    expect(routesOfApi(api)).toEqual([
      { method: 'GET', path: '/items', integration: 'AWS_PROXY', functionName: 'items' },
    ]);
  });

  it.each(['REST', 'HTTP'] as const)('sets every integration timeout of a %s API', (kind) => {
    const api = importApi(docOf(kind), { apiType: kind });
    apiTypeEntryOf(api).setIntegrationTimeouts(api, 1234);
    const timeouts =
      api.kind === 'HTTP'
        ? api.routes.map((r) => r.integration.timeoutMs)
        : api.resources.flatMap((r) => Object.values(r.methods).map((m) => m?.integration.timeoutMs));
    expect(timeouts).toEqual([1234]);
  });
});
