import { describe, expect, it } from 'vitest';
import { identitySourceValues } from '../../../../src/emulator/rest/authorizers/identity-sources.js';
import { authorize } from '../../../../src/emulator/rest/steps/authorize.js';
import { contextBefore } from '../steps/context-helper.js';

/** A routed context (GET /items/{id} on stage dev), before the authorize step. */
const routed = (url: string, headers: Array<[string, string]> = [], stageVariables: Record<string, string> = {}) =>
  contextBefore(authorize, { url, headers, stageVariables }).then(({ context }) => context);

// Identity sources: configure-api-gateway-lambda-authorization.html (missing, null or empty → 401, function not called).
describe('identitySourceValues', () => {
  it('reads headers case-insensitively (the last of a repeated one), query strings decoded (the last value)', async () => {
    const context = await routed('/dev/items/7?q=a&q=b%20c', [
      ['x-token', 'one'],
      ['X-Token', 'two'],
    ]);
    expect(identitySourceValues(context, ['method.request.header.X-TOKEN', 'method.request.querystring.q'])).toEqual([
      'two',
      'b c',
    ]);
  });

  it('reads stage variables and $context variables', async () => {
    const context = await routed('/dev/items/7', [['User-Agent', 'curl/8']], { realm: 'eu' });
    expect(
      identitySourceValues(context, [
        'stageVariables.realm',
        'context.stage',
        'context.httpMethod',
        'context.resourcePath',
        'context.apiId',
        'context.identity.sourceIp',
        'context.identity.userAgent',
        'context.requestId',
        'context.path',
      ]),
    ).toEqual(['eu', 'dev', 'GET', '/items/{id}', 'abc123defg', '127.0.0.1', 'curl/8', 'req-id-1', '/dev/items/7']);
  });

  it('is null when any source is missing or empty', async () => {
    const context = await routed('/dev/items/7?q=', [['X-Token', '']], { realm: 'eu' });
    expect(identitySourceValues(context, ['stageVariables.realm', 'method.request.header.X-Token'])).toBeNull();
    expect(identitySourceValues(context, ['method.request.querystring.q'])).toBeNull();
    expect(identitySourceValues(context, ['method.request.header.Absent'])).toBeNull();
    expect(identitySourceValues(context, ['stageVariables.absent'])).toBeNull();
    expect(identitySourceValues(context, ['context.noSuchVariable'])).toBeNull();
    expect(identitySourceValues(context, [])).toEqual([]);
  });
});
