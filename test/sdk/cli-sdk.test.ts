import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transform } from 'sucrase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExample } from '../../src/examples/load-node.js';
import { runCli as runCliWithin, startCli, type RunningCli } from '../cli/helpers.js';

/** `apigw-lab …` to completion; `sdk` loads the generator and its TypeScript (seconds of CPU on a loaded machine). */
const runCli = (args: string[]) => runCliWithin(args, 90_000);
const SLOW = 180_000;

const example = loadExample('examples/items');
const exchange = (id: string) => example.exchanges.find((x) => x.id === id)!;
/** A documented response of the TypeScript handler: its status and its body parsed. */
const documented = (id: string) => {
  const { status, body } = exchange(id).response.typescript;
  return { status, data: JSON.parse(body) as unknown };
};
const dir = mkdtempSync(join(tmpdir(), 'apigw-sdk-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('apigw-lab sdk', { timeout: SLOW }, () => {
  it('--lang typescript --out DIR writes api.ts, the same text as without --out', async () => {
    const written = await runCli(['sdk', '--lang', 'typescript', 'examples/items/openapi.yaml', '--out', dir]);
    expect(written.stderr).toBe('');
    expect(written.code).toBe(0);
    expect(written.stdout).toMatch(/^wrote .*api\.ts \(\d+ lines\)\n$/);
    const printed = await runCli(['sdk', '--lang', 'typescript', 'examples/items/openapi.yaml']);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toBe(readFileSync(join(dir, 'api.ts'), 'utf8'));
    expect(printed.stdout).toMatch(/execute-api\.us-east-1\.amazonaws\.com\/dev"/);
  });

  it('--stage names the stage of the default base URL', async () => {
    const printed = await runCli(['sdk', '--lang', 'typescript', 'examples/items/openapi.yaml', '--stage', 'prod']);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/execute-api\.us-east-1\.amazonaws\.com\/prod"/);
  });

  it("an HTTP API's $default stage: the client calls the API's root URL", async () => {
    const printed = await runCli([
      'sdk',
      '--lang',
      'typescript',
      'examples/items-http-api/openapi.yaml',
      '--stage',
      '$default',
    ]);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/baseUrl: string =\s+"https:\/\/[a-z0-9]+\.execute-api\.us-east-1\.amazonaws\.com"/);
    expect(printed.stdout).toMatch(/^ {2}itemsIdGet = \(/m);
  });

  it("an unknown --lang is one line naming API Gateway's own SDK platforms, exit 2", async () => {
    const result = await runCli(['sdk', '--lang', 'python', 'examples/items/openapi.yaml']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/--lang "python".*typescript.*java, javascript, android, objectivec, swift, ruby/);
  });

  it('a missing definition file is one clear error, exit 2', async () => {
    const result = await runCli(['sdk', '--lang', 'typescript', 'examples/items/nope.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^apigw-lab: error: definition file not found: examples\/items\/nope\.yaml\n$/);
  });

  it('a WebSocket API is refused in one line, exit 2', async () => {
    const result = await runCli(['sdk', '--api-type', 'websocket', 'examples/items/openapi.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/WebSocket API has no OpenAPI export/);
  });

  it('--help prints the usage, and the main help lists the command', async () => {
    const help = await runCli(['sdk', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: apigw-lab sdk --lang typescript/);
    const main = await runCli(['--help']);
    expect(main.stdout).toMatch(/apigw-lab sdk --lang typescript/);
  });
});

/** The generated client as a module: the CLI's api.ts, types stripped by sucrase, imported from a file. */
type Client = {
  Api: new (config: { baseUrl: string; customFetch: typeof fetch; baseApiParams: { format: 'json' } }) => Record<
    string,
    (...args: unknown[]) => Promise<{ status: number; data: unknown }>
  > & {
    request(params: { path: string; method: string }): Promise<{ status: number; data: unknown }>;
  };
};

describe("the generated client against apigw-lab serve (real HTTP): the items example's documented exchanges", () => {
  let cli: RunningCli;
  let api: InstanceType<Client['Api']>;
  const sent: string[] = [];
  beforeAll(async () => {
    const printed = await runCli(['sdk', '--lang', 'typescript', 'examples/items/openapi.yaml']);
    const js = transform(printed.stdout, { transforms: ['typescript'], disableESTransforms: true }).code;
    const file = join(dir, 'api.mjs');
    writeFileSync(file, js);
    const { Api } = (await import(pathToFileURL(file).href)) as Client;
    cli = await startCli(
      ['examples/items/openapi.yaml', '--function', 'items_handler=examples/items/items_handler.ts'],
      60_000,
    );
    const customFetch: typeof fetch = (input, init) => {
      sent.push(`${init?.method ?? 'GET'} ${String(input)}`);
      return fetch(input, init);
    };
    api = new Api({ baseUrl: cli.invokeUrl, customFetch, baseApiParams: { format: 'json' } });
  }, SLOW);
  afterAll(async () => {
    await cli?.stop();
  });

  /** The client's answer, or the error response it throws for a status that is not ok. */
  const settle = (call: Promise<{ status: number; data: unknown; error?: unknown }>) =>
    call.then(
      (r) => ({ status: r.status, data: r.data }),
      (r: { status: number; error: unknown }) => ({ status: r.status, data: r.error }),
    );

  it('itemsGet() → GET /items', async () => {
    expect(await settle(api.itemsGet!())).toEqual(documented('get-items'));
    expect(sent.at(-1)).toBe(`GET ${cli.invokeUrl}/items`);
  });

  it('itemsPost(body) → POST /items', async () => {
    const body = JSON.parse(exchange('post-items').request.body!) as unknown;
    expect(await settle(api.itemsPost!(body))).toEqual(documented('post-items'));
  });

  it("itemsIdGet('1') → GET /items/1", async () => {
    expect(await settle(api.itemsIdGet!('1'))).toEqual(documented('get-item'));
  });

  it("itemsIdGet('999') → the documented 404, thrown as the client throws a response that is not ok", async () => {
    expect(await settle(api.itemsIdGet!('999'))).toEqual(documented('get-missing-item'));
  });

  it("request({ path: '/orders' }) → API Gateway's own 403 for a resource the API does not have", async () => {
    expect(await settle(api.request({ path: '/orders', method: 'GET' }))).toEqual(documented('undefined-route'));
  });
});
