import { loadPyodide } from 'pyodide';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { apiTypeOf, type LambdaInvoker } from '../../src/emulator/index.js';
import { compareExchange, formatMismatches } from '../../src/examples/compare.js';
import { loadExample } from '../../src/examples/load-node.js';
import type { Language } from '../../src/examples/types.js';
import { invokeJsHandler, type JsHandler } from '../../src/lambda/js-handler.js';
import { createPythonHandler } from '../../src/lambda/python-handler.js';
import { runInGateway } from '../../src/runtime/run-in-gateway.js';
import type { SandboxRun } from '../../src/runtime/types.js';
import { handler as itemsHandler } from '../../examples/items/items_handler.js';

const example = loadExample('examples/items-http-api');
const rest = loadExample('examples/items');
const { manifest } = example;

const invokers: Record<Language, () => Promise<LambdaInvoker>> = {
  typescript: async () => (inv) => invokeJsHandler(itemsHandler as unknown as JsHandler, inv.event, inv.context),
  python: async () => {
    const pyodide = await loadPyodide();
    const fn = createPythonHandler(pyodide, example.sources.items_handler!.python, 'items_handler');
    return (inv) => fn.invoke(inv.event, inv.context);
  },
};

/** The run a sandbox of this example sends (the definition says HTTP API: no apiType needed). */
function runOf(language: Language, request: SandboxRun['request']): SandboxRun {
  const fn = manifest.functions.items_handler![language];
  return {
    language,
    handlerSource: example.sources.items_handler![language],
    definition: example.definition,
    apiId: manifest.apiId,
    stage: manifest.stage,
    invokeUrl: manifest.invokeUrl,
    functionName: 'items_handler',
    handlerName: fn.handler,
    moduleName: 'items_handler',
    request,
  };
}

describe.each(['typescript', 'python'] as const)('the items-http-api example in %s matches its documented exchanges', (language) => {
  let invoke: LambdaInvoker;
  beforeAll(async () => {
    invoke = await invokers[language]();
  }, 60_000);

  it.each(example.exchanges.map((x) => [x.id, x] as const))('%s', async (_id, exchange) => {
    const outcome = await runInGateway(runOf(language, exchange.request), invoke, { runtime: 'worker' });
    const documented = { event: exchange.event, result: exchange.result[language], response: exchange.response[language] };
    const mismatches = compareExchange(documented, outcome, manifest.volatile);
    expect(mismatches, formatMismatches(mismatches)).toEqual([]);
  });
});

describe('the stored items-http-api data', () => {
  it('is an HTTP API definition, served at the root on the $default stage', () => {
    expect(apiTypeOf(parse(example.definition))).toBe('HTTP');
    expect(manifest.stage).toBe('$default');
    expect(manifest.invokeUrl).toBe('https://xxxxxxx.execute-api.us-east-1.amazonaws.com');
  });
  it('offers its sandboxes the REST items API too (alsoRunsOn), which calls the same function', () => {
    expect(manifest.alsoRunsOn).toEqual(['items']);
    expect(Object.keys(rest.manifest.functions)).toEqual(Object.keys(manifest.functions));
    expect(apiTypeOf(parse(rest.definition))).toBe('REST');
  });
  it('runs the very handler files of the items example (one source of truth)', () => {
    expect(example.sources.items_handler).toEqual(rest.sources.items_handler);
  });
  it('documents GET /items under payload 2.0: no httpMethod/path in the event, the function fails, 500 Internal Server Error', () => {
    const x = example.exchanges.find((e) => e.id === 'get-items')!;
    const event = x.event as Record<string, unknown>;
    expect(event.version).toBe('2.0');
    expect(event).not.toHaveProperty('httpMethod');
    expect(event).not.toHaveProperty('path');
    expect(x.result.python).toMatchObject({ errorType: 'KeyError', errorMessage: "'httpMethod'" });
    expect(x.result.typescript).toMatchObject({ errorType: 'TypeError' });
    for (const r of Object.values(x.response)) expect([r.status, r.body]).toEqual([500, '{"message":"Internal Server Error"}']);
  });
  it('documents an undefined route as HTTP 404 Not Found against REST 403 Missing Authentication Token, with no event', () => {
    const http = example.exchanges.find((e) => e.id === 'undefined-route')!;
    const restX = rest.exchanges.find((e) => e.id === 'undefined-route')!;
    expect(http.request).toEqual(restX.request);
    expect([http.event, restX.event]).toEqual([null, null]);
    for (const r of Object.values(http.response)) expect([r.status, r.body]).toEqual([404, '{"message":"Not Found"}']);
    for (const r of Object.values(restX.response)) expect([r.status, r.body]).toEqual([403, '{"message":"Missing Authentication Token"}']);
  });
  it('marks every volatile field it stores with a pattern that its sample value satisfies', () => {
    for (const exchange of example.exchanges) {
      if (exchange.event === null) continue;
      for (const v of manifest.volatile.filter((f) => f.path.startsWith('event.'))) {
        const value = v.path.split('.').slice(1).reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], exchange.event);
        expect(String(value), `${exchange.id} ${v.path}`).toMatch(new RegExp(v.pattern));
      }
    }
  });
});
