import { readFileSync } from 'node:fs';
import { loadPyodide } from 'pyodide';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LambdaInvoker } from '../../../src/emulator/index.js';
import { HttpApiGateway, importHttpApi } from '../../../src/emulator/http-api/index.js';
import { invokeJsHandler, type JsHandler } from '../../../src/lambda/js-handler.js';
import { createPythonHandler } from '../../../src/lambda/python-handler.js';
import { handler as itemsHandlerV1 } from '../../../examples/items/items_handler.js';
import { itemsHandlerV2, itemsHttpApi } from './items-fixture.js';
import { headersOf, URL_BASE } from './helpers.js';

/** The items API as an HTTP API on its $default stage. */
function itemsGateway(version: '1.0' | '2.0', invoke: LambdaInvoker) {
  const gateway = new HttpApiGateway({ invoke });
  const deployment = gateway.deploy(importHttpApi(itemsHttpApi(version), { apiId: 'abc123defg' }));
  gateway.putStage({ name: '$default', deploymentId: deployment.id });
  return gateway;
}

const js =
  (fn: unknown): LambdaInvoker =>
  (inv) =>
    invokeJsHandler(fn as JsHandler, inv.event, inv.context);
const ITEMS = {
  items: [
    { id: '1', name: 'Laptop', description: 'Powerful computing device' },
    { id: '2', name: 'Mouse', description: 'Ergonomic computer mouse' },
  ],
};

describe('the items API as an HTTP API (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html)', () => {
  it('answers GET /items under payload 2.0 with the TS handler logic ported to 2.0 (requestContext.http.method, rawPath)', async () => {
    const gateway = itemsGateway('2.0', js(itemsHandlerV2));
    const { response, trace } = await gateway.handle(new Request(`${URL_BASE}/items`));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(ITEMS);
    expect(trace.resourcePath).toBe('GET /items');
    expect(headersOf(trace.responseHeaders)).toMatchObject({
      'Content-Type': 'application/json',
      'Access-Control-Allow-Origin': '*',
    });
    const item = await gateway.handle(new Request(`${URL_BASE}/items/2`));
    expect(await item.response.json()).toEqual(ITEMS.items[1]);
  });

  it('answers GET /items under payload 1.0 with the unchanged TS handler (it reads event.path and event.httpMethod)', async () => {
    const gateway = itemsGateway('1.0', js(itemsHandlerV1));
    const { response } = await gateway.handle(new Request(`${URL_BASE}/items`));
    expect([response.status, await response.json()]).toEqual([200, ITEMS]);
  });

  it('fails the unchanged TS handler under payload 2.0: event.path is undefined, so 500 {"message":"Internal Server Error"}', async () => {
    const gateway = itemsGateway('2.0', js(itemsHandlerV1));
    const { response, trace } = await gateway.handle(new Request(`${URL_BASE}/items`));
    expect([response.status, await response.text()]).toEqual([500, '{"message":"Internal Server Error"}']);
    expect(trace.integration?.outcome).toMatchObject({ kind: 'error', error: { errorType: 'TypeError' } });
  });

  describe("erratum 21: the guide's Python handler reads event['httpMethod'], which payload 2.0 does not have", () => {
    let python: LambdaInvoker;
    beforeAll(async () => {
      const pyodide = await loadPyodide();
      const fn = createPythonHandler(pyodide, readFileSync('examples/items/items_handler.py', 'utf8'), 'items_handler');
      python = (inv) => fn.invoke(inv.event, inv.context);
    }, 60_000);

    it('gives 500 {"message":"Internal Server Error"} under 2.0 (KeyError: \'httpMethod\')', async () => {
      const { response, trace } = await itemsGateway('2.0', python).handle(new Request(`${URL_BASE}/items`));
      expect([response.status, await response.text()]).toEqual([500, '{"message":"Internal Server Error"}']);
      expect(trace.integration?.outcome).toMatchObject({
        kind: 'error',
        error: { errorType: 'KeyError', errorMessage: "'httpMethod'" },
      });
    });

    it('works under 1.0', async () => {
      const { response } = await itemsGateway('1.0', python).handle(new Request(`${URL_BASE}/items`));
      expect([response.status, await response.json()]).toEqual([200, ITEMS]);
    });
  });
});
