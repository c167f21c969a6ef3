/**
 * The pieces of the chat's management-API bridge (src/runtime/websocket/): the wire form of a handler's request (with
 * the Content-Length a browser's Request leaves to the network, which SigV4 signs), the fetch that routes the
 * management endpoint's requests to the gateway, and the rewrite of a handler's SDK imports to the lazily loaded chunk.
 */
import { describe, expect, it } from 'vitest';
import { routingFetch } from '../../src/runtime/websocket/management-fetch.js';
import { fromBase64, wireRequestOf, type WireRequest } from '../../src/runtime/websocket/management-wire.js';
import { reexportModuleOf, resolveHandlerPackages } from '../../src/runtime/websocket/handler-modules.js';

const ENDPOINT = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/production';

describe('the wire form of a request', () => {
  it('adds Content-Length for a body, as the network does (a fetch Request has none)', async () => {
    const request = new Request(`${ENDPOINT}/@connections/abc%3D`, { method: 'POST', body: 'héllo' });
    expect(request.headers.has('content-length')).toBe(false);
    const wire = await wireRequestOf(request);
    expect(wire.headers).toContainEqual(['content-length', '6']);
    expect(new TextDecoder().decode(fromBase64(wire.bodyBase64))).toBe('héllo');
  });

  it('adds none to a GET', async () => {
    const wire = await wireRequestOf(new Request(`${ENDPOINT}/@connections/abc`));
    expect(wire.headers.some(([name]) => name === 'content-length')).toBe(false);
  });
});

describe('routingFetch', () => {
  it("sends the management endpoint's requests to the gateway, others to the original fetch", async () => {
    const forwarded: WireRequest[] = [];
    const original: typeof fetch = async (input) => new Response(`original ${String(input)}`);
    const routed = routingFetch(
      original,
      () => ENDPOINT,
      async (wire) => {
        forwarded.push(wire);
        return { status: 410, headers: { 'content-type': 'application/json' }, bodyBase64: btoa('{"message":"Gone"}') };
      },
    );
    const gone = await routed(new Request(`${ENDPOINT}/@connections/x`, { method: 'DELETE' }));
    expect(gone.status).toBe(410);
    expect(await gone.json()).toEqual({ message: 'Gone' });
    expect(forwarded.map((w) => [w.method, w.url])).toEqual([['DELETE', `${ENDPOINT}/@connections/x`]]);
    expect(await (await routed('https://example.com/x')).text()).toBe('original https://example.com/x');
    expect(forwarded).toHaveLength(1);
  });
});

describe("a handler's imports of the SDK", () => {
  const name = '@aws-sdk/client-apigatewaymanagementapi';
  const packages = { [name]: async () => ({ Client: class {}, GoneException: class {}, 'not-an-identifier': 1 }) };

  it('are pointed at a module re-exporting the loaded chunk (static, re-export and dynamic forms)', async () => {
    const code = [
      `import { Client, GoneException } from '${name}';`,
      `export { Client as C } from "${name}";`,
      `const lazy = () => import('${name}');`,
      `import { other } from '@aws-sdk/client-s3';`,
    ].join('\n');
    const modules: string[] = [];
    const out = await resolveHandlerPackages(
      code,
      (moduleCode) => {
        modules.push(moduleCode);
        return 'blob:module-1';
      },
      packages,
    );
    expect(out.split('\n')).toEqual([
      `import { Client, GoneException } from 'blob:module-1';`,
      `export { Client as C } from "blob:module-1";`,
      `const lazy = () => import('blob:module-1');`,
      `import { other } from '@aws-sdk/client-s3';`,
    ]);
    expect(modules).toHaveLength(1);
  });

  it('the re-exporting module names every identifier export', () => {
    expect(reexportModuleOf(name, ['Client', 'default', 'not-an-identifier']).split('\n')).toEqual([
      `const m = globalThis["__apigwLabHandlerPackages"]["${name}"];`,
      'export default m.default ?? m;',
      'export const Client = m["Client"];',
    ]);
  });
});
