import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareStage, formatMismatches } from '../../src/examples/compare.js';
import { loadExample } from '../../src/examples/load-node.js';
import { startCli, type RunningCli } from './helpers.js';

const example = loadExample('examples/items');
const { manifest } = example;

// The README's command: the CLI answers every documented request of the items example (the guide's four among them) exactly as documented.
describe.each([
  ['python', 'examples/items/items_handler.py'],
  ['typescript', 'examples/items/items_handler.ts'],
] as const)('apigw-lab serve examples/items/openapi.yaml with the %s handler', (language, file) => {
  let cli: RunningCli;
  beforeAll(async () => {
    // The README's command: the example's endpoint type (manifest endpointType) is an import parameter.
    cli = await startCli(
      [
        'examples/items/openapi.yaml',
        '--endpoint-type',
        (manifest.endpointType ?? 'EDGE').toLowerCase(),
        '--function',
        `items_handler=${file}`,
      ],
      60_000,
    );
  }, 90_000);
  afterAll(async () => {
    await cli?.stop();
  });

  it.each(example.exchanges.map((x) => [x.id, x] as const))('%s', async (_id, exchange) => {
    const { request } = exchange;
    const response = await fetch(`${cli.invokeUrl}${request.path}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
    });
    // Fetch lower-cases names; the wire case is checked by the CLI's own header-order test.
    const actual = {
      status: response.status,
      headers: [...response.headers.entries()] as Array<[string, string]>,
      body: await response.text(),
    };
    const mismatches = compareStage('response', exchange.response[language], actual, manifest.volatile);
    expect(mismatches, formatMismatches(mismatches)).toEqual([]);
  });
});
