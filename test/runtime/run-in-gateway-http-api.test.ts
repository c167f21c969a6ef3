import { describe, expect, it } from 'vitest';
import type { LambdaInvoker } from '../../src/emulator/index.js';
import { loadExample } from '../../src/examples/load-node.js';
import { invokeJsHandler, type JsHandler } from '../../src/lambda/js-handler.js';
import { apiModelFromDefinition, deployedGateway, runInGateway } from '../../src/runtime/run-in-gateway.js';
import { parseJsonDefinition, runInGatewayWith } from '../../src/runtime/worker/gateway-core.js';
import type { SandboxRun } from '../../src/runtime/types.js';
import { parse } from 'yaml';

const http = loadExample('examples/items-http-api');
const rest = loadExample('examples/items');

/** A payload 2.0 (or 1.0) handler that echoes what it was given. */
const echo: LambdaInvoker = async (inv) => ({
  kind: 'result',
  payload: {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ functionName: inv.functionName, event: inv.event }),
  },
  logs: [],
});

function runOf(
  example: typeof http,
  request: Partial<SandboxRun['request']> = {},
  overrides: Partial<SandboxRun> = {},
): SandboxRun {
  return {
    language: 'typescript',
    handlerSource: '',
    definition: example.definition,
    apiId: example.manifest.apiId,
    stage: example.manifest.stage,
    invokeUrl: example.manifest.invokeUrl,
    functionName: 'items_handler',
    handlerName: 'handler',
    moduleName: 'items_handler',
    request: { method: 'GET', path: '/items', headers: [], body: null, ...request },
    ...overrides,
  };
}

describe('runInGateway with an HTTP API definition', () => {
  it('builds an HttpApiGateway when the definition is an HTTP API (payloadFormatVersion) and serves $default at the root', async () => {
    const outcome = await runInGateway(runOf(http, { path: '/items/7' }), echo, { runtime: 'worker' });
    expect(outcome.response.status).toBe(200);
    const { event } = JSON.parse(outcome.response.body) as { event: Record<string, any> };
    expect(event.version).toBe('2.0');
    expect(event.routeKey).toBe('GET /items/{id}');
    expect(event.rawPath).toBe('/items/7');
    expect(event.pathParameters).toEqual({ id: '7' });
    expect(event.requestContext.stage).toBe('$default');
    expect(event.requestContext.domainName).toBe('xxxxxxx.execute-api.us-east-1.amazonaws.com');
    // HTTP APIs answer with Apigw-Requestid, not REST's x-amzn-RequestId / x-amz-apigw-id.
    expect(outcome.response.headers.map(([n]) => n)).toContain('Apigw-Requestid');
    expect(outcome.response.headers.map(([n]) => n)).not.toContain('x-amzn-RequestId');
  });

  it('answers 404 {"message":"Not Found"} for a path no route matches, without calling the function', async () => {
    let called = false;
    const outcome = await runInGateway(
      runOf(http, { path: '/orders' }),
      async (inv) => {
        called = true;
        return echo(inv);
      },
      { runtime: 'webcontainer' },
    );
    expect(called).toBe(false);
    expect([outcome.response.status, outcome.response.body, outcome.event, outcome.resultKind]).toEqual([
      404,
      '{"message":"Not Found"}',
      null,
      null,
    ]);
  });

  it('deploys to a named stage under /<stage> (rawPath keeps the stage prefix)', async () => {
    const outcome = await runInGateway(
      runOf(http, {}, { stage: 'dev', invokeUrl: 'https://xxxxxxx.execute-api.us-east-1.amazonaws.com/dev' }),
      echo,
      { runtime: 'worker' },
    );
    const { event } = JSON.parse(outcome.response.body) as { event: Record<string, any> };
    expect([event.rawPath, event.requestContext.stage]).toEqual(['/dev/items', 'dev']);
  });

  it('follows an explicit apiType over the definition: the REST items definition served as an HTTP API', async () => {
    // REST-only integrations have no payloadFormatVersion, which HTTP APIs require: the import says so.
    await expect(
      runInGateway(runOf(rest, {}, { apiType: 'HTTP', stage: '$default', invokeUrl: http.manifest.invokeUrl }), echo, {
        runtime: 'worker',
      }),
    ).rejects.toThrow(/payloadFormatVersion/);
    // And the HTTP definition imported as REST is a REST API: /dev, 1.0 event.
    const asRest = await runInGateway(
      runOf(http, {}, { apiType: 'REST', stage: 'dev', invokeUrl: rest.manifest.invokeUrl }),
      echo,
      { runtime: 'worker' },
    );
    const { event } = JSON.parse(asRest.response.body) as { event: Record<string, any> };
    expect([event.httpMethod, event.resource, event.requestContext.stage]).toEqual(['GET', '/items', 'dev']);
  });

  it('applies the timeout override to HTTP API routes (503 Service Unavailable at the integration timeout)', async () => {
    const hanging: LambdaInvoker = (inv) =>
      new Promise((resolve) =>
        inv.signal.addEventListener('abort', () =>
          resolve({ kind: 'error', error: { errorType: 'Sandbox.Timedout', errorMessage: 'stopped' }, logs: [] }),
        ),
      );
    const outcome = await runInGateway(runOf(http, {}, { timeoutMs: 60 }), hanging, { runtime: 'worker' });
    expect([outcome.response.status, outcome.response.body, outcome.resultKind]).toEqual([
      503,
      '{"message":"Service Unavailable"}',
      'timeout',
    ]);
    const model = apiModelFromDefinition(http.definition, 'xxxxxxx', { timeoutMs: 100 });
    expect(model.kind === 'HTTP' && model.routes.map((r) => r.integration.timeoutMs)).toEqual([100, 100, 100]);
    expect(
      apiModelFromDefinition(http.definition, 'xxxxxxx').kind === 'HTTP' &&
        (
          apiModelFromDefinition(http.definition, 'xxxxxxx') as {
            routes: Array<{ integration: { timeoutMs: number } }>;
          }
        ).routes[0]!.integration.timeoutMs,
    ).toBe(30_000);
  });

  it('reports a TypeScript function error as the Node.js runtime does (errorType, errorMessage, trace)', async () => {
    const failing: LambdaInvoker = (inv) =>
      invokeJsHandler(
        (() => {
          throw new TypeError('boom');
        }) as JsHandler,
        inv.event,
        inv.context,
      );
    const outcome = await runInGateway(runOf(http), failing, { runtime: 'worker' });
    expect([outcome.response.status, outcome.response.body]).toEqual([500, '{"message":"Internal Server Error"}']);
    expect(outcome.result).toMatchObject({ errorType: 'TypeError', errorMessage: 'boom' });
    expect(outcome.result).toHaveProperty('trace');
    expect(outcome.result).not.toHaveProperty('stackTrace');
    // A Python function's error keeps the Python runtime's stackTrace.
    const py = await runInGateway(
      runOf(http, {}, { language: 'python' }),
      async () => ({
        kind: 'error',
        error: { errorType: 'KeyError', errorMessage: "'httpMethod'", stackTrace: ['x'] },
        logs: [],
      }),
      { runtime: 'worker' },
    );
    expect(py.result).toEqual({ errorType: 'KeyError', errorMessage: "'httpMethod'", stackTrace: ['x'] });
  });

  it('runs the same with the JSON-only parser of the Worker runtime', async () => {
    const run = runOf(http, { path: '/items' }, { definition: JSON.stringify(parse(http.definition)) });
    const outcome = await runInGatewayWith(parseJsonDefinition, run, echo, { runtime: 'worker' });
    expect(JSON.parse(outcome.response.body).event.version).toBe('2.0');
  });

  it('refuses a $default stage for a REST API (only HTTP APIs have one)', () => {
    const api = apiModelFromDefinition(rest.definition, 'xxxxxxx');
    expect(() => deployedGateway(api, '$default', { invoke: echo })).toThrow(/only HTTP APIs have a \$default stage/);
  });
});
