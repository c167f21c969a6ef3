/**
 * SandboxRun.customDomain: the run's REST API behind a custom domain name with base path (API) mappings, the request
 * sent to the domain's URL (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html).
 */
import { describe, expect, it } from 'vitest';
import type { LambdaInvoker } from '../../src/emulator/index.js';
import { loadExample } from '../../src/examples/load-node.js';
import { invokeJsHandler, type JsHandler } from '../../src/lambda/js-handler.js';
import { runInGateway } from '../../src/runtime/run-in-gateway.js';
import type { SandboxRun } from '../../src/runtime/types.js';
import { handler as itemsHandler } from '../../examples/items/items_handler.js';

const items = loadExample('examples/items');
const httpApi = loadExample('examples/items-http-api');
const invoke: LambdaInvoker = (inv) => invokeJsHandler(itemsHandler as unknown as JsHandler, inv.event, inv.context);

/** GET `path` after `invokeUrl`, on the items REST API deployed to dev, behind `customDomain` when given. */
function run(invokeUrl: string, path: string, customDomain?: SandboxRun['customDomain']): SandboxRun {
  return {
    language: 'typescript',
    handlerSource: items.sources.items_handler!.typescript,
    definition: items.definition,
    apiId: items.manifest.apiId,
    stage: 'dev',
    invokeUrl,
    functionName: 'items_handler',
    handlerName: 'handler',
    moduleName: 'items_handler',
    ...(customDomain ? { customDomain } : {}),
    request: { method: 'GET', path, headers: [], body: null },
  };
}

const v1 = { domainName: 'api.example.com', basePathMappings: [{ basePath: 'v1', stage: 'dev' }] };

describe('runInGateway with a custom domain name (REST API, payload 1.0)', () => {
  it("the items handler behind base path v1: path /v1/items, resource /items, the handler's 404 (erratum 11)", async () => {
    const outcome = await runInGateway(run('https://api.example.com/v1', '/items', v1), invoke, { runtime: 'worker' });
    const event = outcome.event as {
      path: string;
      resource: string;
      headers: Record<string, string>;
      requestContext: Record<string, unknown>;
    };
    expect([event.path, event.resource]).toEqual(['/v1/items', '/items']);
    expect(event.requestContext).toMatchObject({
      domainName: 'api.example.com',
      domainPrefix: 'api',
      path: '/v1/items',
      stage: 'dev',
      resourcePath: '/items',
    });
    expect(event.headers.Host).toBe('api.example.com');
    expect([outcome.response.status, JSON.parse(outcome.response.body)]).toEqual([
      404,
      { message: 'Resource not found' },
    ]);
  });

  it('the items handler behind the root mapping (empty base path): path /items, 200 with the items', async () => {
    const root = { domainName: 'api.example.com', basePathMappings: [{ basePath: '', stage: 'dev' }] };
    const outcome = await runInGateway(run('https://api.example.com', '/items', root), invoke, { runtime: 'worker' });
    expect((outcome.event as { path: string }).path).toBe('/items');
    expect(outcome.response.status).toBe(200);
    expect(JSON.parse(outcome.response.body).items).toHaveLength(2);
  });

  it('a path that matches no base path mapping: 403 Missing Authentication Token, the function not called', async () => {
    const outcome = await runInGateway(run('https://api.example.com/v2', '/items', v1), invoke, { runtime: 'worker' });
    expect([outcome.response.status, outcome.response.body]).toEqual([
      403,
      '{"message":"Missing Authentication Token"}',
    ]);
    expect([outcome.event, outcome.resultKind]).toEqual([null, null]);
    expect(outcome.errorDetail).toContain('no base path mapping');
  });

  it('without customDomain, the stage invoke URL reaches the same API: path /items, 200', async () => {
    const outcome = await runInGateway(
      run('https://xxxxxxx.execute-api.us-east-1.amazonaws.com/dev', '/items'),
      invoke,
      { runtime: 'worker' },
    );
    expect((outcome.event as { path: string }).path).toBe('/items');
    expect(outcome.response.status).toBe(200);
  });

  it('refuses a mapping to a stage that is not deployed', async () => {
    const prod = { domainName: 'api.example.com', basePathMappings: [{ basePath: 'v1', stage: 'prod' }] };
    await expect(
      runInGateway(run('https://api.example.com/v1', '/items', prod), invoke, { runtime: 'worker' }),
    ).rejects.toThrow(RangeError);
    await expect(
      runInGateway(run('https://api.example.com/v1', '/items', prod), invoke, { runtime: 'worker' }),
    ).rejects.toThrow(/stage "prod", which is not deployed/);
  });

  // "rawPath: If you use API mappings to connect your stage to a custom domain name, rawPath won't provide the API
  // mapping value" (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
  it("maps an HTTP API's $default stage too: payload 2.0 rawPath leaves the API mapping out", async () => {
    const echo: LambdaInvoker = async (inv) => ({
      kind: 'result',
      payload: { statusCode: 200, body: JSON.stringify(inv.event) },
      logs: [],
    });
    const http: SandboxRun = {
      ...run('https://api.example.com/v1', '/items', {
        domainName: 'api.example.com',
        basePathMappings: [{ basePath: 'v1', stage: '$default' }],
      }),
      definition: httpApi.definition,
      stage: '$default',
    };
    const outcome = await runInGateway(http, echo, { runtime: 'worker' });
    expect(outcome.response.status).toBe(200);
    const event = outcome.event as {
      version: string;
      rawPath: string;
      requestContext: { domainName: string; stage: string };
    };
    expect(event.version).toBe('2.0');
    expect(event.rawPath).toBe('/items');
    expect(event.requestContext).toMatchObject({ domainName: 'api.example.com', stage: '$default' });
  });
});
