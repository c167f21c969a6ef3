/**
 * The http-proxy example in-process, as its sandboxes run it: the REST API's HTTP_PROXY and HTTP integrations call
 * the example's upstream module (examples/http-proxy/upstream.ts) through the gateway's injected fetch, at the host
 * the stage variable names. Every documented stage (integration request, body sent, the service's response, the
 * client's response) must match, volatile fields by pattern.
 * RECORD=1 rewrites the exchanges with what runs (then review them!).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LambdaInvoker } from '../../src/emulator/index.js';
import { compareExchange, formatMismatches } from '../../src/examples/compare.js';
import { loadExample } from '../../src/examples/load-node.js';
import type { Example, Exchange } from '../../src/examples/types.js';
import { runInGateway } from '../../src/runtime/run-in-gateway.js';
import type { SandboxRun } from '../../src/runtime/types.js';
import upstream from '../../examples/http-proxy/upstream.js';
import { actualOf } from './example-runner.js';

const DIR = 'examples/http-proxy';
const example = loadExample(DIR);
const { manifest } = example;

/** No Lambda function in this API. */
const noFunction: LambdaInvoker = async (inv) => ({ kind: 'error', error: { errorType: 'ResourceNotFoundException', errorMessage: `Function not found: ${inv.functionName}` }, logs: [] });

/** The gateway's fetch: the upstream host goes to the module, any other host fails as an unreachable network would. */
export function upstreamFetch(host: string, module: { fetch(request: Request): Promise<Response> }): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    if (new URL(request.url).host !== host) throw new TypeError(`fetch failed (no route to ${new URL(request.url).host})`);
    return module.fetch(request);
  };
}

function runOf(ex: Example, request: SandboxRun['request']): SandboxRun {
  const m = ex.manifest;
  return {
    language: 'typescript',
    handlerSource: '',
    definition: ex.definition,
    apiId: m.apiId,
    ...(m.endpointType ? { endpointType: m.endpointType } : {}),
    stage: m.stage,
    ...(m.stages?.[m.stage] ? { stageVariables: m.stages[m.stage] } : {}),
    invokeUrl: m.invokeUrl,
    functionName: '',
    handlerName: '',
    moduleName: '',
    upstream: { host: m.upstream!.host, source: ex.upstreamSource! },
    request,
  };
}

const run = (request: SandboxRun['request']) =>
  runInGateway(runOf(example, request), noFunction, { runtime: 'worker', fetch: upstreamFetch(manifest.upstream!.host, upstream) });

describe('examples/http-proxy matches its documented exchanges', () => {
  it.each(example.exchanges.map((x) => [x.id, x] as const))('%s', async (_id, exchange) => {
    const outcome = await run(exchange.request);
    if (process.env.RECORD) {
      const file = join(DIR, manifest.exchanges[example.exchanges.indexOf(exchange)]!);
      const old = JSON.parse(readFileSync(file, 'utf8')) as Exchange;
      const response = { status: outcome.response.status, headers: outcome.response.headers, body: outcome.response.body };
      const recorded = {
        id: old.id,
        title: old.title,
        request: old.request,
        integrationRequest: outcome.integrationRequest,
        event: outcome.event,
        result: { python: outcome.result, typescript: outcome.result },
        response: { python: response, typescript: response },
        errata: old.errata ?? [],
      };
      writeFileSync(file, JSON.stringify(recorded, null, 2) + '\n');
      return;
    }
    for (const language of ['python', 'typescript'] as const) {
      const documented = { integrationRequest: exchange.integrationRequest, event: exchange.event, result: exchange.result[language], response: exchange.response[language] };
      const mismatches = compareExchange(documented, actualOf(outcome), manifest.volatile);
      expect(mismatches, formatMismatches(mismatches)).toEqual([]);
    }
  });
});

describe('what AWS documents for HTTP integrations, in the example', () => {
  const [getOrder, , createOrder] = example.exchanges;

  it('HTTP_PROXY passes the client\'s method, path, query string and headers through to the service', () => {
    expect(getOrder!.integrationRequest).toMatchObject({ type: 'HTTP_PROXY', method: 'GET', url: 'http://127.0.0.1:8080/orders/7?include=items' });
    const sent = Object.fromEntries(getOrder!.integrationRequest!.headers);
    expect(sent).toMatchObject({ Accept: 'application/json', 'User-Agent': 'curl/8.5.0', 'X-Customer-Id': 'c-42', 'X-Amzn-Apigateway-Api-Id': manifest.apiId });
    const received = JSON.parse(getOrder!.response.typescript.body).received;
    expect(received).toMatchObject({ method: 'GET', path: '/orders/7', query: { include: 'items' } });
  });

  it('HTTP_PROXY returns the service\'s status and headers, its Connection, Content-Length and Date remapped to x-amzn-Remapped-*', () => {
    const names = getOrder!.response.typescript.headers.map(([n]) => n);
    expect(names).toEqual(expect.arrayContaining(['x-amzn-Remapped-Connection', 'x-amzn-Remapped-Content-Length', 'x-amzn-Remapped-Date']));
    expect(example.exchanges[1]!.response.typescript.status).toBe(404);
  });

  it('HTTP (custom) sends the request template\'s output with API Gateway\'s own User-Agent, and maps the 201 through the response template', () => {
    expect(createOrder!.integrationRequest).toMatchObject({ type: 'HTTP', method: 'POST', url: 'http://127.0.0.1:8080/orders' });
    const sent = Object.fromEntries(createOrder!.integrationRequest!.headers);
    expect(sent['User-Agent']).toBe(`AmazonAPIGateway_${manifest.apiId}`);
    expect(sent['X-Customer-Id']).toBeUndefined();
    expect(JSON.parse(createOrder!.integrationRequest!.body)).toEqual({ order: { sku: 'Laptop', quantity: 2, customerId: 'c-42' }, source: 'api-gateway/dev' });
    expect(createOrder!.response.typescript).toMatchObject({ status: 201, body: '{"orderId": "1001", "status": "PENDING"}' });
  });

  it('maps a 4XX from the service through the 4\\d{2} integration response', async () => {
    const outcome = await run({ method: 'POST', path: '/orders', headers: [['Content-Type', 'application/json']], body: '{"item": "Laptop", "quantity": 0}' });
    expect([outcome.response.status, outcome.response.body]).toEqual([400, '{"message": "quantity must be a positive whole number"}']);
  });

  it('answers 504 Internal server error when the service\'s host cannot be reached', async () => {
    const r = runOf(example, { method: 'GET', path: '/orders/7', headers: [], body: null });
    const outcome = await runInGateway({ ...r, stageVariables: { upstream: '10.0.0.1:8080' } }, noFunction, { runtime: 'worker', fetch: upstreamFetch(manifest.upstream!.host, upstream) });
    expect([outcome.response.status, outcome.response.body]).toEqual([504, '{"message": "Internal server error"}']);
  });
});
