import { loadPyodide } from 'pyodide';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RestGateway, importOpenApi, type LambdaInvoker } from '../../src/emulator/index.js';
import { compareExchange, formatMismatches } from '../../src/examples/compare.js';
import { loadExample } from '../../src/examples/load-node.js';
import type { Language } from '../../src/examples/types.js';
import { invokeJsHandler, type JsHandler } from '../../src/lambda/js-handler.js';
import { createPythonHandler } from '../../src/lambda/python-handler.js';
import { handler as itemsHandler } from '../../examples/items/items_handler.js';

const example = loadExample('examples/items');
const { manifest } = example;

/** A gateway serving the items API on its documented stage, with `invoke` running the function. */
function itemsGateway(invoke: LambdaInvoker): RestGateway {
  const gateway = new RestGateway({ invoke });
  const deployment = gateway.deploy(importOpenApi(parse(example.definition), { apiId: manifest.apiId, endpointType: manifest.endpointType! }));
  gateway.putStage({ name: manifest.stage, deploymentId: deployment.id });
  return gateway;
}

const invokers: Record<Language, () => Promise<LambdaInvoker>> = {
  typescript: async () => (inv) => invokeJsHandler(itemsHandler as unknown as JsHandler, inv.event, inv.context),
  python: async () => {
    const pyodide = await loadPyodide();
    const fn = createPythonHandler(pyodide, example.sources.items_handler!.python, 'items_handler');
    return (inv) => fn.invoke(inv.event, inv.context);
  },
};

describe.each(['typescript', 'python'] as const)('the items example in %s matches its documented exchanges', (language) => {
  let gateway: RestGateway;
  beforeAll(async () => {
    gateway = itemsGateway(await invokers[language]());
  }, 60_000);

  it.each(example.exchanges.map((x) => [x.id, x] as const))('%s', async (_id, exchange) => {
    const { request } = exchange;
    const { response, trace } = await gateway.handle(
      new Request(`${manifest.invokeUrl}${request.path}`, { method: request.method, headers: request.headers, body: request.body }),
      { rawHeaders: request.headers },
    );
    const outcome = trace.integration?.outcome;
    // No integration (the gateway answered by itself): no event, no result, as the exchange documents them (null).
    const actual = {
      event: trace.integration ? trace.integration.event : null,
      result: !outcome ? null : outcome.kind === 'result' ? outcome.payload : outcome,
      response: { status: response.status, headers: trace.responseHeaders, body: await response.text() },
    };
    const documented = { event: exchange.event, result: exchange.result[language], response: exchange.response[language] };
    const mismatches = compareExchange(documented, actual, manifest.volatile);
    expect(mismatches, formatMismatches(mismatches)).toEqual([]);
    // The handler logs the event it received, as the guide's print() does (when it is called at all).
    if (exchange.event !== null) expect(trace.integration?.logs.join('\n')).toContain('Received event: {');
  });
});

describe('the stored items data', () => {
  it('carries an erratum for each Content-Length the guide printed wrong (146/130/72/42 → 159/136/73/43 for Python)', () => {
    const guide = example.exchanges.slice(0, 4); // the guide's four examples (the fifth, GET /orders, is ours)
    const pythonLengths = guide.map((x) => x.response.python.headers.find(([n]) => n === 'Content-Length')?.[1]);
    expect(pythonLengths).toEqual(['159', '136', '73', '43']);
    expect(guide.map((x) => x.errata.find((e) => e.field === 'response.headers.Content-Length')?.guide)).toEqual(['146', '130', '72', '42']);
  });
  it('marks every volatile field it stores with a pattern that its sample value satisfies', () => {
    for (const exchange of example.exchanges) {
      if (exchange.event === null) continue; // the gateway answered by itself
      for (const v of manifest.volatile.filter((f) => f.path.startsWith('event.'))) {
        const value = v.path.split('.').slice(1).reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], exchange.event);
        expect(String(value), `${exchange.id} ${v.path}`).toMatch(new RegExp(v.pattern));
      }
    }
  });
});
