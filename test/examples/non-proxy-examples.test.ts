/**
 * The examples of the core concepts chapter (mapping-template, mock-cors, request-validation, gateway-responses, binary-media-types, content-handling)
 * and the HTTP API CORS and resource policy examples of Securing your API (http-api-cors, resource-policy), run in-process as
 * their sandboxes run them, in both languages: every documented stage (integration request, event, result,
 * response) must match, volatile fields by pattern.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { LambdaInvoker } from '../../src/emulator/index.js';
import { compareExchange, formatMismatches } from '../../src/examples/compare.js';
import { loadExample } from '../../src/examples/load-node.js';
import { runInGateway } from '../../src/runtime/run-in-gateway.js';
import { actualOf, documentedOf, invokerOf, runOf } from './example-runner.js';

const NAMES = ['mapping-template', 'mock-cors', 'request-validation', 'gateway-responses', 'binary-media-types', 'content-handling', 'http-api-cors', 'resource-policy'] as const;

describe.each(NAMES)('examples/%s', (name) => {
  const dir = `examples/${name}`;
  const example = loadExample(dir);
  const { manifest } = example;

  describe.each(['typescript', 'python'] as const)('in %s matches its documented exchanges', (language) => {
    let invoke: LambdaInvoker;
    beforeAll(async () => {
      invoke = await invokerOf(example, dir, language);
    }, 60_000);

    it.each(example.exchanges.map((x) => [x.id, x] as const))('%s', async (_id, exchange) => {
      const outcome = await runInGateway(runOf(example, language, exchange.request), invoke, { runtime: 'worker' });
      const mismatches = compareExchange(documentedOf(exchange, language), actualOf(outcome), manifest.volatile);
      expect(mismatches, formatMismatches(mismatches)).toEqual([]);
    });
  });
});

describe('the mapping-template example', () => {
  const example = loadExample('examples/mapping-template');

  it('documents the integration request the template produced, and the event is that body parsed', () => {
    for (const exchange of example.exchanges) {
      expect(exchange.integrationRequest?.type).toBe('AWS');
      expect(JSON.parse(exchange.integrationRequest!.body)).toEqual(exchange.event);
    }
  });

  it('maps the function error to 404 by its message, and the same error on any other message to the default 200', async () => {
    const dir = 'examples/mapping-template';
    const invoke = await invokerOf(example, dir, 'typescript');
    const missing = await runInGateway(runOf(example, 'typescript', { method: 'GET', path: '/items/9', headers: [], body: null }), invoke, { runtime: 'worker' });
    expect([missing.response.status, missing.response.body]).toEqual([404, '{"message": "Not found: no item 9 in items-dev"}']);
    // A template edited by the reader: the selection pattern no longer matches, the default (200) response applies.
    const edited = { ...runOf(example, 'typescript', { method: 'GET', path: '/items/9', headers: [], body: null }) };
    edited.definition = example.definition.replace("'Not found:.*'", "'Missing:.*'");
    const unmatched = await runInGateway(edited, invoke, { runtime: 'worker' });
    expect(unmatched.response.status).toBe(200);
  });

  it('reads the table from the stage variables of the stage it runs on (dev, prod)', async () => {
    const invoke = await invokerOf(example, 'examples/mapping-template', 'python');
    const request = { method: 'GET', path: '/items/2', headers: [] as Array<[string, string]>, body: null };
    const dev = await runInGateway(runOf(example, 'python', request, 'dev'), invoke, { runtime: 'worker' });
    const prod = await runInGateway(runOf(example, 'python', request, 'prod'), invoke, { runtime: 'worker' });
    expect(dev.response.status).toBe(200);
    expect(JSON.parse(dev.response.body).servedFrom).toBe('items-dev');
    expect([prod.response.status, prod.response.body]).toEqual([404, '{"message": "Not found: no item 2 in items-prod"}']);
    expect((prod.event as { stage: string }).stage).toBe('prod');
  });
});
