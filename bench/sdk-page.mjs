// apigw-lab "Generate the client" bench, on the built site (`npm run build` first): the lazy payload of the page's
// generator (its Worker's chunks and the formatter's wasm, raw and gzip), the page's eager JavaScript (the module
// scripts of key-features and of a sandbox page with what they import statically, compared with --baseline DIST, a
// build of the commit before), and, in headless Chromium, the time from landing on key-features to the first
// generated client (cold: nothing cached) and of a second Generate (warm), medians over fresh browser contexts.
// Usage: node bench/sdk-page.mjs [--loads 3] [--port 4403] [--baseline .tmp/base/dist]
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const LOADS = Math.max(1, Number(arg('loads', 3)));
const PORT = Number(arg('port', 4403));
const baseline = arg('baseline', '');
const dist = join(root, 'dist');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
const kb = (bytes) => `${(bytes / 1e3).toFixed(1)} kB`;

/** A chunk and every chunk it imports (statically, or with dynamic too), by file name under dir/_astro. */
function chunkGraph(dir, entries, { dynamic }) {
  const seen = new Set();
  const q = '["\'`]';
  const pattern = new RegExp(
    dynamic
      ? `(?:from\\s*|import\\s*\\(?\\s*)${q}\\./([\\w.-]+\\.js)${q}|${q}/_astro/([\\w.-]+\\.wasm)${q}`
      : `(?:from\\s*|import\\s*)${q}\\./([\\w.-]+\\.js)${q}`,
    'g',
  );
  const visit = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    if (!name.endsWith('.js')) return;
    const text = readFileSync(join(dir, '_astro', name), 'utf8');
    for (const m of text.matchAll(pattern)) visit(m[1] ?? m[2]);
  };
  for (const e of entries) visit(e);
  return [...seen].filter((name) => existsSync(join(dir, '_astro', name)));
}

/** The page's eager JavaScript: its module scripts and their static imports, in bytes and gzip bytes. */
function eager(dir, page) {
  const html = readFileSync(join(dir, page, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<script[^>]*type="module"[^>]*src="\/_astro\/([^"]+)"/g)].map((m) => m[1]);
  const files = chunkGraph(dir, entries, { dynamic: false });
  return sizes(dir, files);
}

function sizes(dir, files) {
  let raw = 0;
  let gzip = 0;
  for (const name of files) {
    const bytes = readFileSync(join(dir, '_astro', name));
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  return { files, raw, gzip };
}

// 1. The lazy payload: the Worker's chunk graph (dynamic imports and the wasm included).
const workerChunk = readdirSync(join(dist, '_astro')).find((n) => /^sdk-worker-.*\.js$/.test(n));
if (!workerChunk) throw new Error('dist/_astro has no sdk-worker chunk: run npm run build first');
const lazy = sizes(dist, chunkGraph(dist, [workerChunk], { dynamic: true }));
console.log(`lazy payload of Generate: ${lazy.files.length} files, ${mb(lazy.raw)} raw, ${mb(lazy.gzip)} gzip`);
for (const name of lazy.files) {
  const one = sizes(dist, [name]);
  console.log(`  ${name}: ${mb(one.raw)} raw, ${mb(one.gzip)} gzip`);
}

// 2. The eager JavaScript of the page with the client and of a sandbox page, against the baseline build.
for (const page of ['chapters/key-features', 'walkthrough/items']) {
  const now = eager(dist, page);
  let line = `eager JS of /${page}/: ${now.files.length} files, ${kb(now.raw)} raw, ${kb(now.gzip)} gzip`;
  if (baseline) {
    const before = eager(baseline, page);
    line += `; baseline ${before.files.length} files, ${kb(before.raw)} raw, ${kb(before.gzip)} gzip (${now.gzip - before.gzip >= 0 ? '+' : ''}${now.gzip - before.gzip} B gzip)`;
  }
  console.log(line);
}

// 3. Landing → first generated client (cold), then a second Generate (warm), in Chromium.
const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', String(PORT)], { cwd: root, stdio: 'ignore' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-quic'],
});
try {
  for (let i = 0; i < 50; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const cold = [];
  const warm = [];
  for (let load = 0; load < LOADS; load++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${PORT}/chapters/key-features/`);
    const sdk = page.locator('apigw-client-sdk[data-example="items"]');
    const generate = async () => {
      const t0 = await page.evaluate(() => performance.now());
      await sdk.getByRole('button', { name: 'Generate the client' }).click();
      await page.waitForFunction(
        () => ['done', 'error'].includes(document.querySelector('apigw-client-sdk')?.dataset.generate ?? ''),
        null,
        { timeout: 300_000, polling: 20 },
      );
      const state = await sdk.getAttribute('data-generate');
      if (state !== 'done') throw new Error(`Generate: ${await sdk.locator('[data-generate-status]').textContent()}`);
      const t1 = await page.evaluate(() => performance.now());
      await page.evaluate(() => (document.querySelector('apigw-client-sdk').dataset.generate = ''));
      return { fromLanding: t1, took: t1 - t0 };
    };
    const first = await generate();
    const second = await generate();
    cold.push(first.fromLanding);
    warm.push(second.took);
    console.log(
      `load ${load + 1}: first client ${Math.round(first.fromLanding)} ms after landing (Generate itself ${Math.round(first.took)} ms); second Generate ${Math.round(second.took)} ms`,
    );
    await context.close();
  }
  const c = median(cold);
  const w = median(warm);
  console.log(
    `median over ${LOADS} fresh contexts: landing → first client ${Math.round(c)} ms (cold), second Generate ${Math.round(w)} ms (warm), cold/warm ${(c / w).toFixed(1)}×`,
  );
} finally {
  await browser.close();
  server.kill();
}
