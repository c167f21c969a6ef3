import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../../../src/emulator/http-api/steps/parse-request.js';
import { resolveStage } from '../../../../src/emulator/http-api/steps/resolve-stage.js';
import { contextFor, servicesFor, stopOf, type ServicesSetup } from './context-helper.js';

// Stages: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html ("If no stage
// fully matches the request, API Gateway sends the request to the $default stage"); API mappings:
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-mappings.html

const NOT_FOUND = { type: 'NOT_FOUND', status: 404, body: '{"message":"Not Found"}' };

function resolved(target: string, setup: ServicesSetup = {}) {
  const context = contextFor(servicesFor(setup), target);
  parseRequest(context);
  resolveStage(context);
  return context;
}

function refused(target: string, setup: ServicesSetup = {}) {
  const context = contextFor(servicesFor(setup), target);
  parseRequest(context);
  return { context, error: stopOf(() => resolveStage(context)) };
}

const DOMAINS: ServicesSetup['domains'] = [
  {
    domainName: 'api.example.com',
    basePathMappings: [
      { basePath: 'v1', stage: 'dev' },
      { basePath: 'orders', stage: '$default' },
    ],
  },
];

describe('resolveStage', () => {
  it('serves a named stage under /<stage>: the path in the stage drops the prefix, rawPath keeps it', () => {
    const context = resolved('/dev/items', { stages: ['$default', 'dev'] });
    expect(context.stage.name).toBe('dev');
    expect(context.api?.id).toBe('abc123defg');
    expect(context.deployment.api).toBe(context.api);
    expect([context.pathInStage, context.rawPath]).toEqual(['/items', '/dev/items']);
    expect(context.trace.stage).toBe('dev');
  });

  it('serves /<stage> alone as the path /', () => {
    const context = resolved('/dev', { stages: ['dev'] });
    expect([context.stage.name, context.pathInStage]).toEqual(['dev', '/']);
  });

  it('decodes a percent-encoded stage segment', () => {
    expect(resolved('/d%65v/items', { stages: ['dev'] }).stage.name).toBe('dev');
  });

  it('falls back to $default with the full path when the first segment names no stage', () => {
    const context = resolved('/prod/items', { stages: ['$default', 'dev'] });
    expect(context.stage.name).toBe('$default');
    expect([context.pathInStage, context.rawPath]).toEqual(['/prod/items', '/prod/items']);
    expect(context.trace.stage).toBe('$default');
  });

  it('does not take /$default/… as a stage prefix', () => {
    const context = resolved('/$default/items');
    expect([context.stage.name, context.pathInStage]).toEqual(['$default', '/$default/items']);
  });

  it('answers 404 Not Found when the first segment names no stage and there is no $default stage', () => {
    const { context, error } = refused('/prod/items', { stages: ['dev'] });
    expect(error.response).toEqual(NOT_FOUND);
    expect(error.detail).toBe('no stage named "prod" and no $default stage');
    expect(context.stage).toBeUndefined();
    expect(context.trace.stage).toBeNull();
  });

  it('answers 404 Not Found at the root without a $default stage', () => {
    const { error } = refused('/', { stages: ['dev'] });
    expect(error.response).toEqual(NOT_FOUND);
    expect(error.detail).toBe('no $default stage');
  });

  it('routes a custom domain by its API mapping to a named stage; rawPath has neither mapping nor stage', () => {
    const context = resolved('https://api.example.com/v1/items/7', { stages: ['$default', 'dev'], domains: DOMAINS });
    expect(context.stage.name).toBe('dev');
    expect([context.pathInStage, context.rawPath, context.url.pathname]).toEqual([
      '/items/7',
      '/items/7',
      '/v1/items/7',
    ]);
  });

  it('maps a custom domain to the $default stage too', () => {
    const context = resolved('https://api.example.com/orders/items', { stages: ['$default', 'dev'], domains: DOMAINS });
    expect([context.stage.name, context.pathInStage]).toEqual(['$default', '/items']);
  });

  it('answers 404 Not Found for a custom-domain path that matches no API mapping', () => {
    const { error } = refused('https://api.example.com/v2/items', { stages: ['$default', 'dev'], domains: DOMAINS });
    expect(error.response).toEqual(NOT_FOUND);
    expect(error.detail).toBe('no API mapping of api.example.com matches /v2/items');
  });

  it('answers 404 Not Found when an API mapping names a stage that does not exist', () => {
    const { error } = refused('https://api.example.com/v1/items', { stages: ['$default'], domains: DOMAINS });
    expect(error.response).toEqual(NOT_FOUND);
    expect(error.detail).toBe('no stage named "dev" and no $default stage');
  });
});
