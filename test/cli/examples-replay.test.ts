/**
 * Every example of the chapters can be replayed with curl against `apigw-lab serve`: the CLI, started with the
 * example's definition, functions, endpoint type and stages, answers each documented request as the page documents
 * it (volatile fields by pattern). The items, http-proxy and custom-domain examples have tests of their own.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareStage, formatMismatches } from '../../src/examples/compare.js';
import { loadExample } from '../../src/examples/load-node.js';
import type { ExampleManifest, Language } from '../../src/examples/types.js';
import { startCli, type RunningCli } from './helpers.js';

const NAMES = [
  'mapping-template',
  'mock-cors',
  'request-validation',
  'gateway-responses',
  'binary-media-types',
  'content-handling',
] as const;

/** The `serve` arguments that reproduce an example's API: what its README-style command would be. */
function serveArgs(dir: string, manifest: ExampleManifest, language: Language): string[] {
  const args = [join(dir, manifest.definition), '--endpoint-type', (manifest.endpointType ?? 'EDGE').toLowerCase()];
  for (const [name, byLanguage] of Object.entries(manifest.functions))
    args.push('--function', `${name}=${join(dir, byLanguage[language].file)}`);
  for (const [stage, variables] of Object.entries(manifest.stages ?? {})) {
    args.push('--stage', stage);
    for (const [key, value] of Object.entries(variables)) args.push('--stage-variable', `${stage}:${key}=${value}`);
  }
  return args;
}

describe.each(NAMES)('apigw-lab serve replays examples/%s', (name) => {
  const dir = `examples/${name}`;
  const example = loadExample(dir);
  const { manifest } = example;

  describe.each(['typescript', 'python'] as const)('with the %s functions', (language) => {
    let cli: RunningCli;
    beforeAll(async () => {
      cli = await startCli(serveArgs(dir, manifest, language), 60_000);
    }, 90_000);
    afterAll(async () => {
      await cli?.stop();
    });

    it.each(example.exchanges.map((x) => [x.id, x] as const))('%s', async (_id, exchange) => {
      const { request } = exchange;
      // The documented stage is the one the invoke URL names (the CLI serves it under /<stage>).
      const base = cli.invokeUrl.replace(/\/[^/]+$/, `/${manifest.stage}`);
      const response = await fetch(`${base}${request.path}`, {
        method: request.method,
        headers: request.headers,
        body: request.body,
      });
      const actual = {
        status: response.status,
        headers: [...response.headers.entries()] as Array<[string, string]>,
        body: await response.text(),
      };
      const mismatches = compareStage('response', exchange.response[language], actual, manifest.volatile);
      expect(mismatches, formatMismatches(mismatches)).toEqual([]);
    });
  });
});
