import { describe, expect, it } from 'vitest';
import type { LambdaInvoker } from '../../src/emulator/index.js';
import { loadExample } from '../../src/examples/load-node.js';
import { invokeJsHandler, type JsHandler } from '../../src/lambda/js-handler.js';
import { runInGateway } from '../../src/runtime/run-in-gateway.js';
import type { RunRequest, SandboxRun } from '../../src/runtime/types.js';
import { clientSdkData } from '../../src/components/client-sdk-data.js';
import { createEmulatorFetch, runRequestOf, type ClientExchange } from '../../src/components/client-sdk-fetch.js';
import { clientModule, compileClient } from '../../src/components/client-sdk-module.js';
import { handler as itemsHandler } from '../../examples/items/items_handler.js';

const example = loadExample('examples/items');
const exchange = (id: string) => example.exchanges.find((x) => x.id === id)!;
const body = (id: string) => JSON.parse(exchange(id).response.typescript.body) as unknown;

const jsInvoker: LambdaInvoker = (inv) =>
  invokeJsHandler(itemsHandler as unknown as JsHandler, inv.event, inv.context, { signal: inv.signal });

/** What "Run the client" does, in Node: the page's module text imported from a data: URL, requests to the emulator. */
async function runInPageWay(usage?: string) {
  const { config } = await clientSdkData('items');
  const text = clientModule(compileClient(config.client, config.fileName), usage ?? config.usage);
  const module = (await import(`data:text/javascript;base64,${Buffer.from(text).toString('base64')}`)) as {
    default: (f: typeof fetch) => Promise<unknown>;
  };
  const exchanges: ClientExchange[] = [];
  const customFetch = createEmulatorFetch({
    invokeUrl: config.run.invokeUrl,
    send: (request: RunRequest) =>
      runInGateway({ ...config.run, request } as SandboxRun, jsInvoker, { runtime: 'worker' }),
    onExchange: (x) => exchanges.push(x),
  });
  return { value: await module.default(customFetch), exchanges, config };
}

describe('<ClientSdk example="items">: the page\'s client and usage code, run the page\'s way against the emulator', () => {
  it("the client is generated from the example's export: its default URL is the example's invoke URL", async () => {
    const { config, methods } = await clientSdkData('items');
    expect(methods).toEqual(['itemsGet', 'itemsPost', 'itemsOptions', 'itemsIdGet', 'itemsIdOptions']);
    expect(config.client).toContain(`"${example.manifest.invokeUrl}"`);
  });

  it('the usage code shown first answers the documented exchanges 1 to 4', async () => {
    const { value, exchanges, config } = await runInPageWay();
    expect(exchanges.map((x) => [x.method, x.url, x.status])).toEqual([
      ['GET', `${config.run.invokeUrl}/items`, 200],
      ['POST', `${config.run.invokeUrl}/items`, 201],
      ['GET', `${config.run.invokeUrl}/items/1`, 200],
      ['GET', `${config.run.invokeUrl}/items/999`, 404],
    ]);
    expect(exchanges.map((x) => JSON.parse(x.body) as unknown)).toEqual(
      ['get-items', 'post-items', 'get-item', 'get-missing-item'].map(body),
    );
    expect(value).toEqual({
      items: body('get-items'),
      created: body('post-items'),
      one: body('get-item'),
      missing: [404, body('get-missing-item')],
    });
  });

  it('a syntax error in the usage code names its line and column as the reader sees them', async () => {
    await expect(runInPageWay('const a = 1;\nconst b = ;\nreturn a;')).rejects.toThrow(/\(2:11\) in usage\.ts/);
  });
});

describe('runRequestOf', () => {
  const invokeUrl = 'https://xxxxxxx.execute-api.us-east-1.amazonaws.com/dev';
  it('keeps the path after the stage, the query, the headers as written and a text body', () => {
    expect(
      runRequestOf(
        `${invokeUrl}/items?x=1`,
        { method: 'post', headers: { 'Content-Type': 'application/json' }, body: '{}' },
        invokeUrl,
      ),
    ).toEqual({ method: 'POST', path: '/items?x=1', headers: [['Content-Type', 'application/json']], body: '{}' });
    expect(runRequestOf(invokeUrl, undefined, invokeUrl)).toEqual({
      method: 'GET',
      path: '/',
      headers: [],
      body: null,
    });
  });
  it('refuses a URL the in-page emulator does not serve, as fetch does (TypeError)', () => {
    expect(() => runRequestOf('https://example.com/items', {}, invokeUrl)).toThrow(TypeError);
    expect(() => runRequestOf(`${invokeUrl}x/items`, {}, invokeUrl)).toThrow(/serves https:\/\/xxxxxxx/);
  });
});
