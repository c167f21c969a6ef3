/**
 * The container server's worker threads under real Node (the server bundle, started as a Lambda or upstream thread):
 * a failure on the way to an answer is reported, and the thread recovers as the Worker runtime's handler worker does.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createThreadInvoker, type ThreadInvoker } from '../../src/runtime/webcontainer/server/thread-invoker.js';
import { createUpstreamHost, type UpstreamHost } from '../../src/runtime/webcontainer/server/upstream-host.js';
import { bundleWebContainerServer } from '../../scripts/build-webcontainer.mjs';
import { invocation } from '../lambda/helpers.js';

let dir: string;
let threadModule: URL;
const open: Array<ThreadInvoker | UpstreamHost> = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apigw-lab-wc-threads-'));
  await writeFile(join(dir, 'emulator.mjs'), (await bundleWebContainerServer({ write: false }))!);
  threadModule = pathToFileURL(join(dir, 'emulator.mjs'));
}, 60_000);

afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A module file in the folder, by its source. */
async function moduleFile(name: string, source: string): Promise<string> {
  await writeFile(join(dir, name), source);
  return pathToFileURL(join(dir, name)).href;
}

async function invokerFor(name: string, source: string): Promise<ThreadInvoker> {
  const invoker = createThreadInvoker({
    threadModule,
    moduleUrl: await moduleFile(name, source),
    moduleName: 'handler',
    handlerName: 'handler',
    functionName: 'fn',
  });
  open.push(invoker);
  return invoker;
}

describe('a Lambda thread', () => {
  it('reports a result JSON cannot represent as the runtime does (TypeError: Wrong arguments), and stays warm', async () => {
    const invoker = await invokerFor(
      'fn-result.mjs',
      'let calls = 0;\nexport const handler = async (event) => { calls += 1; return event.fn ? () => calls : calls; };\n',
    );
    const first = await invoker.invoke(invocation('fn', { fn: true }));
    expect(first).toMatchObject({ kind: 'error', error: { errorType: 'TypeError', errorMessage: 'Wrong arguments' } });
    expect(first.logs.join('\n')).toMatch(/Invoke Error/);
    // The same environment serves the next invocation: the module's state is still there.
    expect(await invoker.invoke(invocation('fn', {}))).toMatchObject({ kind: 'result', payload: 2 });
  });

  it('answers with an error outcome when its outcome cannot be sent, and stays warm', async () => {
    // An Error whose name is a function: the payload's errorType cannot cross to the server (structured clone).
    const invoker = await invokerFor(
      'odd-error.mjs',
      [
        'let calls = 0;',
        'class Odd extends Error { get name() { return () => "Odd"; } }',
        'export const handler = async (event) => { calls += 1; if (event.odd) throw new Odd("odd"); return calls; };',
      ].join('\n'),
    );
    const first = await invoker.invoke(invocation('fn', { odd: true }));
    expect(first).toMatchObject({ kind: 'error', error: { errorType: 'DataCloneError' } });
    expect(first.logs.join('\n')).toMatch(/Invoke Error/);
    expect(await invoker.invoke(invocation('fn', {}))).toMatchObject({ kind: 'result', payload: 2 });
  });
});

describe('an upstream thread', () => {
  it('imports the service again at the next request when its module failed to load', async () => {
    // The service's top level throws at its first evaluation only (a marker file remembers it, whichever thread runs it).
    const marker = join(dir, 'upstream-loaded-once');
    const moduleUrl = await moduleFile(
      'flaky-upstream.mjs',
      [
        "import { existsSync, writeFileSync } from 'node:fs';",
        `const marker = ${JSON.stringify(marker)};`,
        "if (!existsSync(marker)) { writeFileSync(marker, ''); throw new Error('transient start-up failure'); }",
        "export default { fetch: (request) => new Response('up: ' + new URL(request.url).pathname, { status: 200 }) };",
      ].join('\n'),
    );
    const host = createUpstreamHost({ host: '127.0.0.1:8080', threadModule, moduleUrl });
    open.push(host);
    await expect(host.fetch('http://127.0.0.1:8080/first')).rejects.toThrow(/transient start-up failure/);
    const second = await host.fetch('http://127.0.0.1:8080/second');
    expect([second.status, await second.text()]).toEqual([200, 'up: /second']);
  });

  it('reports a module without a fetch method, at every request', async () => {
    const host = createUpstreamHost({
      host: '127.0.0.1:8080',
      threadModule,
      moduleUrl: await moduleFile('no-fetch.mjs', 'export default {};\n'),
    });
    open.push(host);
    for (let i = 0; i < 2; i++) {
      await expect(host.fetch('http://127.0.0.1:8080/')).rejects.toThrow(
        /the upstream module has no default export with a fetch\(request\) method/,
      );
    }
  });
});
