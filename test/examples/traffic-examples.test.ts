/**
 * Every example with a stage config or a web ACL (issue #12: throttle-burst, stage-cache, waf-block, access-logs),
 * found under examples/, run in-process as its sandboxes run it, in both languages, each exchange on a deployment of
 * its own with its requests sent first: every documented stage, the access log line included, must match (volatile
 * fields by pattern). Then what each example is there to show, read from the request's trace: a cache hit that never
 * called the function, a throttled request, a WAF block by the rule the page names.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LambdaInvoker } from '../../src/emulator/index.js';
import { compareExchange, compareStage, formatMismatches } from '../../src/examples/compare.js';
import { loadExample } from '../../src/examples/load-node.js';
import type { Example, Exchange, Language } from '../../src/examples/types.js';
import { runInGateway } from '../../src/runtime/run-in-gateway.js';
import type { RunOutcome } from '../../src/runtime/types.js';
import { actualOf, documentedOf, invokerOf, runOf } from './example-runner.js';

const examples = readdirSync('examples')
  .map((name) => join('examples', name))
  .filter((dir) => existsSync(join(dir, 'example.json')))
  .map((dir) => [dir, loadExample(dir)] as const)
  .filter(([, e]) => (e.manifest.stageConfig !== undefined || e.manifest.webAcl !== undefined) && e.exchanges.length);

it('finds the traffic examples', () => {
  expect(examples.map(([dir]) => dir)).toEqual(
    expect.arrayContaining(['examples/throttle-burst', 'examples/stage-cache', 'examples/waf-block', 'examples/access-logs']),
  );
});

/** One exchange's run, with its trace. */
async function runExchange(example: Example, exchange: Exchange, language: Language, invoke: LambdaInvoker) {
  const run = { ...runOf(example, language, exchange.request, undefined, exchange), withTrace: true };
  return runInGateway(run, invoke, { runtime: 'worker' });
}

describe.each(examples)('%s', (dir, example) => {
  describe.each(['typescript', 'python'] as const)('in %s', (language) => {
    let invoke: LambdaInvoker;
    const outcomes = new Map<string, RunOutcome>();
    beforeAll(async () => {
      invoke = await invokerOf(example, dir, language);
      for (const x of example.exchanges) outcomes.set(x.id, await runExchange(example, x, language, invoke));
    }, 60_000);

    it.each(example.exchanges.map((x) => [x.id, x] as const))('%s matches its documented exchange', (id, exchange) => {
      const mismatches = compareExchange(
        documentedOf(exchange, language),
        actualOf(outcomes.get(id)!, example),
        example.manifest.volatile,
      );
      expect(mismatches, formatMismatches(mismatches)).toEqual([]);
    });

    if (example.manifest.id === 'stage-cache') {
      it('a miss calls the function, a hit does not; POST is never looked up', () => {
        expect(outcomes.get('miss')!.trace?.cache?.status).toBe('miss');
        expect(outcomes.get('hit')!.trace?.cache?.status).toBe('hit');
        expect(outcomes.get('hit')!.event).toBeNull();
        expect(JSON.parse(outcomes.get('hit')!.response.body)).toMatchObject({ madeFor: 'alice' });
        expect(outcomes.get('other-key')!.trace?.cache?.status).toBe('miss');
        expect(outcomes.get('post-not-cached')!.trace?.cache).toBeUndefined();
        expect(outcomes.get('post-not-cached')!.event).not.toBeNull();
      });
    }
    if (example.manifest.id === 'throttle-burst') {
      it('the request after the burst is throttled before the function', () => {
        expect(outcomes.get('within-burst')!.response.status).toBe(200);
        expect(outcomes.get('throttled')!.response.status).toBe(429);
        expect(outcomes.get('throttled')!.event).toBeNull();
      });
    }
    if (example.manifest.id === 'waf-block') {
      it('WAF allows, blocks by the SQL injection rule, and answers the bad bot with the custom response', () => {
        expect(outcomes.get('allowed')!.trace?.waf?.action).toBe('ALLOW');
        expect(outcomes.get('sqli-blocked')!.trace?.waf).toMatchObject({
          action: 'BLOCK',
          terminatingRule: 'block-sqli-in-query',
        });
        expect(outcomes.get('custom-response')!.trace?.waf).toMatchObject({
          action: 'BLOCK',
          terminatingRule: 'refuse-badbot',
        });
      });
    }
  });
});

describe('the documented access log line is compared (it can fail)', () => {
  const example = loadExample('examples/access-logs');
  const exchange = example.exchanges.find((x) => x.id === 'get-items')!;

  it('a line with another status or resource path is a mismatch; a new request id is not', () => {
    const documented = exchange.accessLog!.typescript;
    const line = JSON.parse(documented) as Record<string, string>;
    const other = (over: Record<string, string>) => JSON.stringify({ ...line, ...over });
    const volatile = example.manifest.volatile;
    expect(compareStage('accessLog', documented, other({ status: '500' }), volatile)).toEqual([
      { field: 'accessLog.status', documented: '200', actual: '500' },
    ]);
    expect(compareStage('accessLog', documented, other({ resourcePath: '-' }), volatile)).toHaveLength(1);
    expect(
      compareStage('accessLog', documented, other({ requestId: '0d0ea309-2b54-4ce3-a6c3-ba45f0092664' }), volatile),
    ).toEqual([]);
    expect(compareStage('accessLog', documented, other({ requestId: 'not-a-uuid' }), volatile)).toHaveLength(1);
    expect(compareStage('accessLog', documented, undefined, volatile)).toHaveLength(1);
  });
});
