// apigw-lab chat bench: the chat sandbox's first message after landing, in headless Chromium, TypeScript and Python.
// A page built with Vite (the site's worker settings) loads createChatSandbox as the page's chat does: deploy the
// websocket-chat example as soon as the page lands, connect alice and bob, bob sends {"action":"sendmessage"} and
// the bench times alice's frame (from navigation start: the worker, the handler worker, the SDK chunk or Pyodide, the
// gateway and @connections all included). Then alice and bob exchange warm messages; the figures are medians over
// fresh browser contexts (nothing cached), reported with the ratio first / warm in the same run, and Python / TS.
// Run it under the shared lock: `flock /tmp/apigw-bench.lock node bench/chat-first-message.mjs [--loads 5]`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build } from 'vite';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const LOADS = Math.max(3, Number(arg('loads', 5)));
const WARM_MESSAGES = 15;
const work = join(root, '.tmp/bench-chat');
const out = join(work, 'dist');

const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (ms) => (Number.isFinite(ms) ? (ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`) : 'n/a');

/** The bench page: the chat sandbox started as the page lands (src/runtime/websocket/index.ts, the example's files). */
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>chat bench</title></head><body>
<script type="module">
import { createChatSandbox } from '../../src/runtime/websocket/index.ts';
import tsCode from 'virtual:chat-handler-compiled';
import definition from '../../examples/websocket-chat/api.json?raw';
import example from '../../examples/websocket-chat/example.json';
import tsSource from '../../examples/websocket-chat/chat_handler.ts?raw';
import pySource from '../../examples/websocket-chat/chat_handler.py?raw';
const language = new URL(location.href).searchParams.get('lang');
const fn = example.functions.chat_handler[language];
const frames = [];
const waitFor = (client, from) => new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('no frame for ' + client)), 20000);
  const check = () => {
    const f = frames.slice(from).find((e) => e.client === client);
    if (f) { clearTimeout(timer); resolve(f.t); } else setTimeout(check, 0);
  };
  check();
});
try {
  const chat = await createChatSandbox();
  window.benchEvents = [];
  chat.subscribe((e) => window.benchEvents.push(e.type === 'trace' ? { type: 'trace', client: e.client, kind: e.trace.kind, route: e.trace.routeKey, status: e.trace.status, error: e.trace.error, lambda: e.trace.lambda && { result: e.trace.lambda.result, error: e.trace.lambda.error, logs: e.trace.lambda.logs } } : e));
  chat.subscribe((e) => { if (e.type === 'frame' && e.direction === 'received') frames.push({ client: e.client, t: performance.now() }); });
  await chat.deploy({ definition, language, stage: example.stage,
    functions: { chat_handler: { file: fn.file, handler: fn.handler,
      ...(language === 'python' ? { source: pySource } : { source: tsSource, code: tsCode }) } } });
  const deployed = performance.now();
  await chat.connect('alice', { query: 'name=alice' });
  const connected = performance.now();
  await chat.connect('bob', { query: 'name=bob' });
  const from = frames.length;
  await chat.send('bob', JSON.stringify({ action: 'sendmessage', message: 'hi' }));
  const first = await waitFor('alice', from);
  const warm = [];
  for (let i = 0; i < ${WARM_MESSAGES}; i++) {
    const [sender, receiver] = i % 2 ? ['bob', 'alice'] : ['alice', 'bob'];
    const at = frames.length;
    const t = performance.now();
    await chat.send(sender, JSON.stringify({ action: 'sendmessage', message: 'm' + i }));
    warm.push((await waitFor(receiver, at)) - t);
  }
  window.benchResult = { first, warm, deployed, connected, isolated: crossOriginIsolated };
} catch (error) {
  window.benchResult = { error: String(error && error.stack || error) };
}
</script></body></html>`;

async function buildPage() {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'index.html'), PAGE);
  await build({
    root: work,
    configFile: false,
    logLevel: 'warn',
    worker: { format: 'es' },
    // The documented handler transpiled at build time, as the site's pages send it (Sandbox.astro's `compiled`).
    plugins: [
      {
        name: 'chat-handler-compiled',
        resolveId: (id) => (id === 'virtual:chat-handler-compiled' ? '\0chat-handler-compiled' : null),
        load: async (id) => {
          if (id !== '\0chat-handler-compiled') return null;
          // transpile.ts (TypeScript) through esbuild, so plain Node runs this script.
          const file = join(work, 'transpile.mjs');
          await esbuild({
            entryPoints: [join(root, 'src/runtime/worker/transpile.ts')],
            bundle: true,
            format: 'esm',
            platform: 'node',
            packages: 'external',
            outfile: file,
            logLevel: 'silent',
          });
          const { transpileTypeScript } = await import(pathToFileURL(file).href);
          const source = readFileSync(join(root, 'examples/websocket-chat/chat_handler.ts'), 'utf8');
          return `export default ${JSON.stringify(transpileTypeScript(source, '/var/task/chat_handler.ts'))};`;
        },
      },
    ],
    build: {
      outDir: out,
      emptyOutDir: true,
      reportCompressedSize: false,
      rollupOptions: { input: join(work, 'index.html') },
    },
  });
  const copied = spawnSync('node', ['scripts/copy-pyodide.mjs', '--out', join(out, 'pyodide')], { cwd: root });
  if (copied.status !== 0) throw new Error(`copy-pyodide failed: ${copied.stderr}`);
}

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function main() {
  await buildPage();
  const port = await freePort();
  const server = spawn('node', ['scripts/serve.mjs', '--port', String(port), '--dir', out], {
    cwd: root,
    stdio: 'ignore',
  });
  await new Promise((r) => setTimeout(r, 500));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const results = {};
  try {
    for (const lang of ['typescript', 'python']) {
      const firsts = [];
      const warms = [];
      const deploys = [];
      const connects = [];
      for (let i = 0; i < LOADS; i++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(`http://127.0.0.1:${port}/index.html?lang=${lang}`);
        await page.waitForFunction(() => window.benchResult, null, { timeout: 90_000 });
        const r = await page.evaluate(() => window.benchResult);
        if (r.error) console.error(JSON.stringify(await page.evaluate(() => window.benchEvents)).slice(0, 6000));
        await context.close();
        if (r.error) throw new Error(`${lang}: ${r.error}`);
        if (!r.isolated) throw new Error('the bench page is not cross-origin isolated');
        firsts.push(r.first);
        deploys.push(r.deployed);
        connects.push(r.connected);
        warms.push(median(r.warm));
      }
      results[lang] = { first: median(firsts), warm: median(warms) };
      console.log(
        `${lang.padEnd(10)} first message after landing ${fmt(results[lang].first)}  warm message ${fmt(results[lang].warm)}  ` +
          `first/warm ${(results[lang].first / results[lang].warm).toFixed(1)}  (medians of ${LOADS} loads; ` +
          `deployed at ${fmt(median(deploys))}, alice open at ${fmt(median(connects))})`,
      );
    }
    console.log(`python/typescript first message: ${(results.python.first / results.typescript.first).toFixed(2)}`);
  } finally {
    await browser.close();
    server.kill();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
