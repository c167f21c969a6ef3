import { describe, expect, it } from 'vitest';
import { GATEWAY_RESPONSES } from '../../../../src/emulator/rest/gateway-responses.js';
import { resolveStage } from '../../../../src/emulator/rest/steps/resolve-stage.js';
import { contextBefore, gatewayErrorOfSync, type ContextOptions } from './context-helper.js';

const at = (options: ContextOptions) => contextBefore(resolveStage, options);

const DOMAIN = {
  domainName: 'api.example.com',
  basePathMappings: [
    { basePath: 'v1', stage: 'dev' },
    { basePath: 'gone', stage: 'nowhere' },
  ],
};

describe('resolveStage on execute-api URLs', () => {
  it('takes the stage from the first path segment and the path after it', async () => {
    const { context, deployment } = await at({ url: '/dev/items/7', stageVariables: { v: '1' } });
    expect(resolveStage(context)).toBeUndefined();
    expect(context.stage).toEqual({ name: 'dev', deploymentId: deployment.id, variables: { v: '1' } });
    expect(context.deployment).toBe(deployment);
    expect(context.api).toBe(deployment.api);
    expect([context.path, context.sentPath, context.basePath]).toEqual(['/items/7', '/items/7', undefined]);
    expect(context.trace.stage).toBe('dev');
  });

  it('serves the stage root as /', async () => {
    const { context } = await at({ url: '/dev' });
    resolveStage(context);
    expect([context.path, context.sentPath]).toEqual(['/', '/']);
  });

  it('merges slashes after the stage for routing but keeps them in sentPath', async () => {
    const { context } = await at({ url: '/dev//items' });
    resolveStage(context);
    expect([context.path, context.sentPath]).toEqual(['/items', '//items']);
  });

  it('percent-decodes the stage segment', async () => {
    const { context } = await at({ url: '/d%65v/items' });
    resolveStage(context);
    expect(context.stage.name).toBe('dev');
  });

  it('answers 403 MISSING_AUTHENTICATION_TOKEN for an unknown stage', async () => {
    const { context } = await at({ url: '/prod/items' });
    const error = gatewayErrorOfSync(() => resolveStage(context));
    expect(error.response).toBe(GATEWAY_RESPONSES.MISSING_AUTHENTICATION_TOKEN);
    expect([error.response.status, error.response.body]).toEqual([403, '{"message":"Missing Authentication Token"}']);
    expect(error.detail).toBe('no stage named "prod"');
    expect(context.api).toBeUndefined();
    expect(context.trace.stage).toBeNull();
  });

  it('answers 403 for a URL without a stage segment', async () => {
    const { context } = await at({ url: '/' });
    const error = gatewayErrorOfSync(() => resolveStage(context));
    expect(error.response.type).toBe('MISSING_AUTHENTICATION_TOKEN');
    expect(error.detail).toBe('the URL names no stage');
  });

  it('answers 403 for a malformed percent-encoded stage segment instead of throwing a URIError', async () => {
    const { context } = await at({ url: '/%E0%A4%A/x' });
    const error = gatewayErrorOfSync(() => resolveStage(context));
    expect([error.response.type, error.response.status]).toEqual(['MISSING_AUTHENTICATION_TOKEN', 403]);
    expect(error.detail).toBe('no stage named "%E0%A4%A"');
  });
});

describe('resolveStage on a custom domain name', () => {
  it('routes by base path mapping, with no stage segment in the URL', async () => {
    const { context } = await at({
      url: 'https://api.example.com/v1/items/7',
      headers: [['Host', 'api.example.com']],
      domains: [DOMAIN],
    });
    resolveStage(context);
    expect(context.stage.name).toBe('dev');
    expect([context.basePath, context.path, context.sentPath]).toEqual(['/v1', '/items/7', '/items/7']);
  });

  it('routes the root mapping with an empty base path, ignoring the port of the Host', async () => {
    const { context } = await at({
      url: 'https://api.example.com/items',
      headers: [['Host', 'API.example.com:443']],
      domains: [{ domainName: 'api.example.com', basePathMappings: [{ basePath: '(none)', stage: 'dev' }] }],
    });
    resolveStage(context);
    expect([context.basePath, context.path]).toEqual(['', '/items']);
  });

  it('answers 403 when no base path mapping matches the path', async () => {
    const { context } = await at({
      url: 'https://api.example.com/v2/items',
      headers: [['Host', 'api.example.com']],
      domains: [DOMAIN],
    });
    const error = gatewayErrorOfSync(() => resolveStage(context));
    expect(error.response).toBe(GATEWAY_RESPONSES.MISSING_AUTHENTICATION_TOKEN);
    expect(error.detail).toBe('no base path mapping of api.example.com matches /v2/items');
    expect(context.basePath).toBeUndefined();
  });

  it('answers 403 when the mapping names a stage that does not exist', async () => {
    const { context } = await at({
      url: 'https://api.example.com/gone/items',
      headers: [['Host', 'api.example.com']],
      domains: [DOMAIN],
    });
    const error = gatewayErrorOfSync(() => resolveStage(context));
    expect(error.detail).toBe('no stage named "nowhere"');
  });

  it('reads the stage segment on hosts that are not custom domains', async () => {
    const { context } = await at({ url: '/dev/items', domains: [DOMAIN] });
    resolveStage(context);
    expect([context.stage.name, context.basePath, context.path]).toEqual(['dev', undefined, '/items']);
  });
});
