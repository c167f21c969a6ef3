import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExample } from '../../src/examples/load-node.js';
import type { RunOutcome } from '../../src/runtime/types.js';
import { webContainerFiles } from '../../src/runtime/webcontainer/file-tree.js';
import { RELAY_PATH } from '../../src/runtime/webcontainer/protocol.js';
import { createRelay } from '../../src/runtime/webcontainer/relay.js';
import { relayPageHtml } from '../../src/runtime/webcontainer/server/relay-page.js';
import { bundleWebContainerServer } from '../../scripts/build-webcontainer.mjs';
import { rawRequest, startTreeServer, writeTree, type TreeServer } from './webcontainer-helpers.js';

/**
 * The relay, both halves: createRelay in a stand-in page window, and the relay page's script run
 * (in a vm context) as the hidden iframe would run it, fetching the real server.
 */

type Listener = (e: { data: unknown; origin: string; source: unknown }) => void;
const PAGE_ORIGIN = 'https://docs.example';

/** A page window whose iframes run the relay page's script against `serverOrigin`. */
function fakePage() {
  const pageListeners = new Set<Listener>();
  const frames: Array<{ src: string; removed: boolean; posted: Array<{ data: unknown; targetOrigin: string }> }> = [];
  const script = /<script>([\s\S]*)<\/script>/.exec(relayPageHtml())![1]!;
  const dispatch = (listeners: Set<Listener>, event: Parameters<Listener>[0]) =>
    setTimeout(() => listeners.forEach((l) => l(event)));

  const createIframe = () => {
    const frameListeners = new Set<Listener>();
    const record = { src: '', removed: false, posted: [] as Array<{ data: unknown; targetOrigin: string }> };
    frames.push(record);
    const iframe = {
      hidden: false,
      title: '',
      allow: '',
      set src(value: string) {
        record.src = value;
      },
      get src() {
        return record.src;
      },
      setAttribute() {},
      remove() {
        record.removed = true;
      },
      contentWindow: {
        postMessage(data: unknown, targetOrigin: string) {
          record.posted.push({ data, targetOrigin });
          if (targetOrigin === new URL(record.src).origin)
            dispatch(frameListeners, { data, origin: PAGE_ORIGIN, source: parentWindow });
        },
      },
    };
    // What the relay page sees as `parent`.
    const parentWindow = {
      postMessage(data: unknown, targetOrigin: string) {
        if (targetOrigin === PAGE_ORIGIN)
          dispatch(pageListeners, { data, origin: new URL(record.src).origin, source: iframe.contentWindow });
      },
    };
    const load = () => {
      const url = new URL(record.src);
      runInNewContext(script, {
        location: { hash: url.hash },
        parent: parentWindow,
        addEventListener: (_type: string, l: Listener) => frameListeners.add(l),
        fetch: (path: string, init: RequestInit) => fetch(new URL(path, url), init),
      });
    };
    return { iframe, load };
  };

  let pending: ReturnType<typeof createIframe> | null = null;
  const win = {
    location: { origin: PAGE_ORIGIN },
    addEventListener: (_type: string, l: Listener) => pageListeners.add(l),
    removeEventListener: (_type: string, l: Listener) => pageListeners.delete(l),
    document: {
      createElement: () => {
        pending = createIframe();
        return pending.iframe;
      },
      body: { append: () => pending?.load() },
    },
  };
  /** Posts a message to the page as if from another window. */
  const forge = (data: unknown, origin: string) => dispatch(pageListeners, { data, origin, source: null });
  return { win: win as unknown as Window, frames, forge };
}

let dir: string;
let server: TreeServer;
let serverUrl: string;

beforeAll(async () => {
  const example = loadExample('examples/items');
  const emulatorBundle = (await bundleWebContainerServer({ write: false }))!;
  dir = await mkdtemp(join(tmpdir(), 'apigw-lab-wc-relay-'));
  await writeTree(
    dir,
    webContainerFiles({
      emulatorBundle,
      language: 'typescript',
      handlerSource: example.sources['items_handler']!.typescript,
      definition: example.definition,
      apiId: example.manifest.apiId,
      ...(example.manifest.endpointType ? { endpointType: example.manifest.endpointType } : {}),
      stage: example.manifest.stage,
      invokeUrl: example.manifest.invokeUrl,
      functionName: 'items_handler',
      handlerName: 'handler',
    }),
  );
  server = await startTreeServer(dir);
  serverUrl = `http://127.0.0.1:${server.port}`;
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('the sandbox relay', () => {
  it('carries a run to /__sandbox/run and its outcome back', async () => {
    const { win, frames } = fakePage();
    const relay = createRelay(win);
    const body = JSON.stringify({ request: { method: 'GET', path: '/items/2', headers: [], body: null } });
    const reply = await relay.send(serverUrl, body, 5_000);
    expect(reply.status).toBe(200);
    const outcome = JSON.parse(reply.text) as RunOutcome;
    expect(JSON.parse(outcome.response.body)).toMatchObject({ id: '2', name: 'Mouse' });

    // One iframe, on the relay page, told the page's origin; runs are posted to the server's origin only.
    expect(frames).toHaveLength(1);
    expect(frames[0]!.src).toBe(`${serverUrl}${RELAY_PATH}#${encodeURIComponent(PAGE_ORIGIN)}`);
    expect(frames[0]!.posted.every((p) => p.targetOrigin === serverUrl)).toBe(true);

    // Later runs reuse the iframe; concurrent ones are told apart.
    const [a, b] = await Promise.all([
      relay.send(serverUrl, body, 5_000),
      relay.send(serverUrl, body.replace('/items/2', '/items/1'), 5_000),
    ]);
    expect(JSON.parse((JSON.parse(a.text) as RunOutcome).response.body)).toMatchObject({ id: '2' });
    expect(JSON.parse((JSON.parse(b.text) as RunOutcome).response.body)).toMatchObject({ id: '1' });
    expect(frames).toHaveLength(1);
    relay.dispose();
    expect(frames[0]!.removed).toBe(true);
  });

  it('ignores replies from other origins', async () => {
    const { win, forge } = fakePage();
    const relay = createRelay(win);
    await relay.send(
      serverUrl,
      JSON.stringify({ request: { method: 'GET', path: '/items', headers: [], body: null } }),
      5_000,
    );
    // Not a real run: a body the server refuses, and a forged reply that must not count.
    const refused = relay.send(serverUrl, '{}', 5_000);
    forge({ type: 'apigw-lab:reply', id: 2, status: 200, text: '{"forged":true}' }, 'https://evil.example');
    const reply = await refused;
    expect(reply.status).toBe(400);
    relay.dispose();
  });

  it('the relay page is served with the isolation headers an isolated page needs to embed it', async () => {
    const res = await rawRequest(`${serverUrl}${RELAY_PATH}`, { method: 'GET' });
    const header = (name: string) => res.headers.find(([n]) => n.toLowerCase() === name)?.[1];
    expect(header('content-type')).toMatch(/^text\/html/);
    expect(header('cross-origin-embedder-policy')).toBe('require-corp');
    expect(header('cross-origin-resource-policy')).toBe('cross-origin');
  });
});
