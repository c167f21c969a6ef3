/**
 * examples/custom-domain: the items API behind api.example.com with base path v1, run in-process as its sandbox runs
 * it, in both languages (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LambdaInvoker } from '../../src/emulator/index.js';
import { compareExchange, formatMismatches } from '../../src/examples/compare.js';
import { loadExample } from '../../src/examples/load-node.js';
import { runInGateway } from '../../src/runtime/run-in-gateway.js';
import { actualOf, documentedOf, invokerOf, runOf } from './example-runner.js';

const dir = 'examples/custom-domain';
const example = loadExample(dir);
const { manifest } = example;
const domain = manifest.customDomain!;

describe('examples/custom-domain', () => {
  it('reuses the items example: the same definition and handler files (one source of truth)', () => {
    expect(manifest.definition).toBe('../items/openapi.yaml');
    expect(example.definition).toBe(readFileSync('examples/items/openapi.yaml', 'utf8'));
    expect(example.sources.items_handler!.python).toBe(readFileSync('examples/items/items_handler.py', 'utf8'));
    expect(example.sources.items_handler!.typescript).toBe(readFileSync('examples/items/items_handler.ts', 'utf8'));
  });

  it("documents the domain's URL: https://{domainName}/{basePath} of a mapping to the documented stage; stageInvokeUrl is the stage's", () => {
    const mapping = domain.basePathMappings.find((m) => manifest.invokeUrl === `https://${domain.domainName}${m.basePath ? `/${m.basePath}` : ''}`);
    expect(mapping?.stage).toBe(manifest.stage);
    expect(domain.stageInvokeUrl).toBe(`https://${manifest.apiId}.execute-api.us-east-1.amazonaws.com/${manifest.stage}`);
  });

  it('the Host header and requestContext.domainName are the domain (not volatile here); $context.domainName is the Host', () => {
    // $context.domainName: "The full domain name used to invoke the API. This should be the same as the incoming Host
    // header." https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html
    const volatile = new Set(manifest.volatile.map((v) => v.path));
    for (const path of ['event.headers.Host', 'event.requestContext.domainName', 'event.requestContext.domainPrefix']) expect(volatile.has(path), path).toBe(false);
    for (const exchange of example.exchanges) {
      const event = exchange.event as { headers: Record<string, string>; requestContext: { domainName: string; domainPrefix: string } } | null;
      if (!event) continue;
      expect([event.headers.Host, event.requestContext.domainName, event.requestContext.domainPrefix]).toEqual([domain.domainName, domain.domainName, 'api']);
    }
  });

  describe.each(['typescript', 'python'] as const)('in %s', (language) => {
    let invoke: LambdaInvoker;
    beforeAll(async () => {
      invoke = await invokerOf(example, dir, language);
    }, 60_000);

    it.each(example.exchanges.map((x) => [x.id, x] as const))('matches its documented exchange %s', async (_id, exchange) => {
      const outcome = await runInGateway(runOf(example, language, exchange.request), invoke, { runtime: 'worker' });
      const mismatches = compareExchange(documentedOf(exchange, language), actualOf(outcome), manifest.volatile);
      expect(mismatches, formatMismatches(mismatches)).toEqual([]);
    });

    it("GET /items: the handler's 404 through the domain (path /v1/items), 200 through the stage's invoke URL (path /items)", async () => {
      const request = { method: 'GET', path: '/items', headers: [], body: null };
      const viaDomain = await runInGateway(runOf(example, language, request), invoke, { runtime: 'worker' });
      const { customDomain: _dropped, ...viaStage } = { ...runOf(example, language, request), invokeUrl: domain.stageInvokeUrl };
      const direct = await runInGateway(viaStage, invoke, { runtime: 'worker' });
      expect([(viaDomain.event as { path: string }).path, viaDomain.response.status]).toEqual(['/v1/items', 404]);
      expect([(direct.event as { path: string }).path, direct.response.status]).toEqual(['/items', 200]);
      expect(JSON.parse(direct.response.body).items).toHaveLength(2);
    });
  });
});
