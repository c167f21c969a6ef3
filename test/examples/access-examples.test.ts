/**
 * Every example with access control (issue #11: a manifest's `access`, or an exchange with an `authorizer`, `auth` or
 * `before`), found under examples/ (and the fixture under test/fixtures/examples/), run in-process as its sandboxes run
 * it, in both languages: its other functions (a Lambda authorizer), its access, each exchange's requests sent first
 * and its sign-in or signature, on a session of its own; every documented stage (the authorizer call included) must
 * match, volatile fields by pattern. A new example is checked without a change here.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LambdaInvoker } from '../../src/emulator/index.js';
import { compareExchange, formatMismatches } from '../../src/examples/compare.js';
import { loadExample } from '../../src/examples/load-node.js';
import type { Example } from '../../src/examples/types.js';
import { runInGateway } from '../../src/runtime/run-in-gateway.js';
import { actualOf, documentedOf, invokerOf, runOf } from './example-runner.js';

/** Whether an example uses access control. */
export function usesAccess(example: Example): boolean {
  return (
    example.manifest.access !== undefined ||
    example.exchanges.some((x) => x.authorizer !== undefined || x.auth !== undefined || x.before !== undefined)
  );
}

const folders = [
  ...readdirSync('examples').map((name) => join('examples', name)),
  'test/fixtures/examples/access-items',
].filter((dir) => existsSync(join(dir, 'example.json')));
const examples = folders
  .map((dir) => ({ dir, example: loadExample(dir) }))
  .filter(({ example }) => usesAccess(example))
  .map(({ dir, example }) => [dir, example] as const);

it('finds the fixture (and the examples with access control)', () => {
  expect(examples.map(([dir]) => dir)).toContain('test/fixtures/examples/access-items');
});

describe.each(examples)('%s', (dir, example) => {
  describe.each(['typescript', 'python'] as const)('in %s matches its documented exchanges', (language) => {
    let invoke: LambdaInvoker;
    beforeAll(async () => {
      invoke = await invokerOf(example, dir, language);
    }, 60_000);

    it.each(example.exchanges.map((x) => [x.id, x] as const))('%s', async (_id, exchange) => {
      const run = runOf(example, language, exchange.request, undefined, exchange);
      const outcome = await runInGateway(run, invoke, { runtime: 'worker' });
      const mismatches = compareExchange(documentedOf(exchange, language), actualOf(outcome), example.manifest.volatile);
      expect(mismatches, formatMismatches(mismatches)).toEqual([]);
      if (exchange.authorizer === undefined) expect(outcome.authorizer?.type ?? 'none').not.toBe('TOKEN');
    });
  });
});
