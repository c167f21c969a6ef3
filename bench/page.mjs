// apigw-lab page benchmark: `npm run bench:page`. Measures the sandbox on the built site (dist/)
// in headless Chromium: time to the first result after a page load, Run → result, Pyodide's load
// (in the background) and the first Python Run after 5 s on the page, and the JavaScript the page loads
// before any interaction. Builds the site only if dist/ is missing.
// The machine may be shared and noisy: figures are medians over several runs.
// Exits non-zero only when something crashes (or the whole run overruns its time budget);
// a missed target prints MISS.
//
//   node bench/page.mjs [--loads 7] [--runs 30] [--page /walkthrough/items/] [--dir dist] [--budget 240]
//
// --dir serves another build (an A/B comparison: build, copy dist/ aside, change, build again).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const LOADS = Math.max(5, Number(arg('loads', 7)));
const RUNS = Math.max(30, Number(arg('runs', 30)));
const PAGE = arg('page', '/walkthrough/items/');
const DIR = arg('dir', 'dist');
const LANDING = '/';
const BUDGET_MS = Number(arg('budget', 240)) * 1000; // the whole run, build included (< 4 minutes; --budget SECONDS)
const TARGETS = { firstResultMs: 300, tsRunMs: 20, pyRunMs: 50, jsKb: 60, firstPythonMs: 1000 };
const PYTHON_LOADS = 3;
const READ_MS = 5_000; // the reader reads for 5 s before pressing Run

const started = performance.now();
const elapsed = () => performance.now() - started;
const fmtMs = (ms) =>
  ms === null || ms === undefined || Number.isNaN(ms)
    ? 'n/a'
    : ms < 10
      ? `${ms.toFixed(1)} ms`
      : `${Math.round(ms)} ms`;
const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const verdict = (ok) => (ok ? 'PASS' : 'MISS');

let server = null;
let browser = null;
async function cleanup() {
  try {
    await browser?.close();
  } catch {
    // already gone
  }
  browser = null;
  if (server && server.exitCode === null) server.kill('SIGTERM');
  server = null;
}
const watchdog = setTimeout(async () => {
  console.error(`bench:page: over its ${BUDGET_MS / 1000} s budget, stopping`);
  await cleanup();
  process.exit(2);
}, BUDGET_MS);
watchdog.unref();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await cleanup();
    process.exit(130);
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function startServer(port) {
  const child = spawn(
    process.execPath,
    [join(root, 'scripts/serve.mjs'), '--port', String(port), '--host', '127.0.0.1', '--dir', DIR],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`scripts/serve.mjs exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error('scripts/serve.mjs did not answer within 15 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, base };
}

// ---- in-page helpers ---------------------------------------------------------------------------

/**
 * Installed before the page's own scripts: as soon as <apigw-sandbox> is defined and the first
 * sandbox is set up (`element.ready`: it may be defined before its HTML is parsed), selects
 * TypeScript in it and clicks its Run button; records performance.now() (ms since navigation
 * start) when that sandbox reports its result.
 */
function firstResultProbe() {
  const w = window;
  w.__bench = { defined: null, ready: null, clicked: null, done: null, status: null, runtime: null, roundTripMs: null };
  const firstSandbox = () =>
    new Promise((resolve) => {
      const found = document.querySelector('apigw-sandbox');
      if (found) return resolve(found);
      const observer = new MutationObserver(() => {
        const el = document.querySelector('apigw-sandbox');
        if (el) {
          observer.disconnect();
          resolve(el);
        }
      });
      observer.observe(document, { childList: true, subtree: true });
    });
  customElements.whenDefined('apigw-sandbox').then(async () => {
    w.__bench.defined = performance.now();
    const el = await firstSandbox();
    await (el.ready ?? Promise.resolve());
    w.__bench.ready = performance.now();
    el.setLanguage('typescript');
    const finish = () => {
      const status = el.dataset.status;
      if (status !== 'done' && status !== 'error') return false;
      w.__bench.done = performance.now();
      w.__bench.status = status;
      w.__bench.runtime = el.dataset.runtime ?? null;
      w.__bench.roundTripMs = el.lastOutcome?.roundTripMs ?? null;
      return true;
    };
    const observer = new MutationObserver(() => finish() && observer.disconnect());
    observer.observe(el, { attributes: true, attributeFilter: ['data-status'] });
    w.__bench.clicked = performance.now();
    el.querySelector('[data-run]').click();
  });
}

async function firstResult(base, path, runs) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    try {
      await context.addInitScript(firstResultProbe);
      const page = await context.newPage();
      await page.goto(`${base}${path}?runtime=worker`, { waitUntil: 'commit' });
      await page.waitForFunction(() => window.__bench?.done !== null && window.__bench?.done !== undefined, null, {
        timeout: 30_000,
        polling: 20,
      });
      const r = await page.evaluate(() => window.__bench);
      if (r.status !== 'done') throw new Error(`first run on ${path} ended with data-status=${r.status}`);
      out.push(r);
    } finally {
      await context.close();
    }
  }
  return out;
}

/** Run → result, clicking Run and waiting for data-status=done, `n` times; returns ms per run. */
async function runTimes(page, n) {
  return page.evaluate(async (n) => {
    const el = document.querySelector('apigw-sandbox');
    const button = el.querySelector('[data-run]');
    const once = () =>
      new Promise((resolve, reject) => {
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          const s = el.dataset.status;
          if (s === 'done') {
            observer.disconnect();
            resolve(performance.now() - t0);
          } else if (s === 'error') {
            observer.disconnect();
            reject(new Error(`run ended with data-status=error: ${el.querySelector('[data-state]')?.textContent}`));
          }
        });
        observer.observe(el, { attributes: true, attributeFilter: ['data-status'] });
        button.click();
      });
    const times = [];
    for (let i = 0; i < n; i++) {
      times.push(await once());
      await new Promise((r) => setTimeout(r, 5));
    }
    return times;
  }, n);
}

async function warmRuns(base) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${base}${PAGE}?runtime=worker`, { waitUntil: 'load' });
    await page.waitForFunction(() => customElements.get('apigw-sandbox') !== undefined, null, { timeout: 30_000 });
    // Pyodide loads in the background once the page is idle: Run → result is measured after that, as before
    // (a build without the preload, --dir, never marks it: measured 3 s after the load then).
    await page.waitForFunction(
      () =>
        performance.getEntriesByName('apigw:python-ready').length > 0 ||
        (performance.getEntriesByName('apigw:python-preload').length === 0 && performance.now() > 3_000),
      null,
      { timeout: 60_000, polling: 100 },
    );
    await page.evaluate(() => document.querySelector('apigw-sandbox').setLanguage('typescript'));
    const tsCold = (await runTimes(page, 1))[0];
    await runTimes(page, 3); // warm-up
    const ts = await runTimes(page, RUNS);
    await page.evaluate(() => document.querySelector('apigw-sandbox').setLanguage('python'));
    const pyFirst = (await runTimes(page, 1))[0];
    await runTimes(page, 3);
    const py = await runTimes(page, RUNS);
    const runtime = await page.evaluate(() => document.querySelector('apigw-sandbox').dataset.runtime);
    return { tsCold, ts, pyFirst, py, runtime };
  } finally {
    await context.close();
  }
}

/**
 * The reader's first Python Run: load the page, read for 5 s without touching it, then click Run on
 * the first sandbox showing Python; ms from the click to its result. Also Pyodide's background load
 * (python-preload.ts's marks: preload started → Python ready).
 */
async function firstPythonRun(base, path, loads) {
  const out = [];
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${base}${path}?runtime=worker`, { waitUntil: 'load' });
      await page.waitForTimeout(READ_MS);
      const r = await page.evaluate(
        () =>
          new Promise((resolve, reject) => {
            const el = [...document.querySelectorAll('apigw-sandbox')].find((e) => e.dataset.language === 'python');
            if (!el) return reject(new Error('no sandbox shows Python'));
            const state = el.dataset.python ?? null;
            const t0 = performance.now();
            const observer = new MutationObserver(() => {
              const s = el.dataset.status;
              if (s !== 'done' && s !== 'error') return;
              observer.disconnect();
              const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
              const preload = mark('apigw:python-preload');
              const ready = mark('apigw:python-ready');
              resolve({
                ms: performance.now() - t0,
                status: s,
                state,
                preloadMs: preload !== null && ready !== null ? ready - preload : null,
                preloadAt: preload,
              });
            });
            observer.observe(el, { attributes: true, attributeFilter: ['data-status'] });
            el.querySelector('[data-run]').click();
          }),
      );
      if (r.status !== 'done') throw new Error(`first Python run on ${path} ended with data-status=${r.status}`);
      out.push(r);
    } finally {
      await context.close();
    }
  }
  return out;
}

/**
 * JS the page loads before any interaction: every script response, each gzipped here, split into the
 * page's own (parsed and run on the main thread: the budget) and the workers' (the emulator's
 * workers and Pyodide, which start in the background and run off the main thread: info). The page's
 * own are the scripts its target requests itself (the HTML parser, its scripts' imports); a worker's
 * script and everything a worker loads are the others.
 */
async function jsBeforeInteraction(base, path) {
  const context = await browser.newContext();
  const scripts = new Map();
  const mainThread = new Set();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    cdp.on('Network.requestWillBeSent', (e) => {
      if (e.type === 'Script' && e.initiator.type !== 'other') mainThread.add(e.request.url);
    });
    const pending = [];
    page.on('response', (response) => {
      const url = response.url();
      const type = response.request().resourceType();
      const ct = response.headers()['content-type'] ?? '';
      if (type !== 'script' && !/javascript/.test(ct) && !/\.m?js(\?|$)/.test(url)) return;
      pending.push(
        response.body().then(
          (body) => scripts.set(url, { raw: body.length, gz: gzipSync(body).length }),
          () => undefined,
        ),
      );
    });
    await page.goto(`${base}${path}`, { waitUntil: 'networkidle', timeout: 30_000 });
    await page.waitForTimeout(500);
    await Promise.all(pending);
  } finally {
    await context.close();
  }
  const list = [...scripts]
    .map(([url, s]) => ({ url: new URL(url).pathname, page: mainThread.has(url), ...s }))
    .sort((a, b) => b.gz - a.gz);
  const sum = (xs, key) => xs.reduce((a, s) => a + s[key], 0);
  const own = list.filter((s) => s.page);
  const workers = list.filter((s) => !s.page);
  return { list, raw: sum(own, 'raw'), gz: sum(own, 'gz'), workersGz: sum(workers, 'gz') };
}

// ---- main ---------------------------------------------------------------------------------------

async function main() {
  if (DIR === 'dist' && !existsSync(join(root, 'dist/index.html'))) {
    console.log('dist/ is missing: building the site (npm run build)…');
    const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`npm run build failed (${r.status ?? r.signal})`);
  }
  const port = await freePort();
  const s = await startServer(port);
  server = s.child;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  console.log(
    `apigw-lab page bench: ${s.base}${PAGE} (${DIR}), Chromium ${browser.version()}, node ${process.version}`,
  );

  // A throw-away load first: the server's and the OS's caches are warm for every measured load.
  await firstResult(s.base, PAGE, 1);

  const a = await firstResult(s.base, PAGE, LOADS);
  const e = await firstResult(s.base, LANDING, LOADS);
  const b = await warmRuns(s.base);
  const f = await firstPythonRun(s.base, PAGE, PYTHON_LOADS);
  const d = await jsBeforeInteraction(s.base, PAGE);

  const aMed = median(a.map((r) => r.done));
  const aDefined = median(a.map((r) => r.defined));
  const aReady = median(a.map((r) => r.ready));
  const aClickToDone = median(a.map((r) => r.done - r.clicked));
  const eMed = median(e.map((r) => r.done));
  const tsMed = median(b.ts);
  const pyMed = median(b.py);
  const pyodideMs = median(f.map((r) => r.preloadMs));
  const fMed = median(f.map((r) => r.ms));
  const jsKb = d.gz / 1024;

  console.log(`\n(a) ${PAGE}: navigation start → first TypeScript result (Worker runtime), ${LOADS} fresh loads`);
  console.log(`    loads (ms): ${a.map((r) => Math.round(r.done)).join(', ')}`);
  console.log(`    median: element defined at ${fmtMs(aDefined)}, Run clicked → result ${fmtMs(aClickToDone)}`);
  console.log(`(e) ${LANDING}: loads (ms): ${e.map((r) => Math.round(r.done)).join(', ')}`);
  console.log(
    `(b) Run → result (${RUNS} runs each, ${b.runtime} runtime): TypeScript first run on a loaded page ${fmtMs(b.tsCold)}`,
  );
  console.log(
    `(c) Pyodide's background load (preload start → Python ready): ${f.map((r) => fmtMs(r.preloadMs)).join(', ')}; started at ${f.map((r) => fmtMs(r.preloadAt)).join(', ')} after navigation`,
  );
  console.log(
    `(f) first Python Run → result after ${READ_MS / 1000} s on ${PAGE}: ${f.map((r) => `${fmtMs(r.ms)} (Python ${r.state} at the click)`).join(', ')}`,
  );
  console.log(`(d) scripts loaded before any interaction (gzip -6 each):`);
  for (const sc of d.list)
    console.log(
      `    ${String((sc.gz / 1024).toFixed(1)).padStart(6)} KB gz ${String((sc.raw / 1024).toFixed(1)).padStart(7)} KB raw  ${sc.page ? 'page  ' : 'worker'}  ${sc.url}`,
    );

  const rows = [
    ['(a) first result, ' + PAGE, fmtMs(aMed), `≤ ${TARGETS.firstResultMs} ms`, verdict(aMed <= TARGETS.firstResultMs)],
    ['    of which: page → sandbox defined', fmtMs(aDefined), '—', 'info'],
    ['    page → first sandbox set up', fmtMs(aReady), '—', 'info'],
    ['    of which: Run clicked → result', fmtMs(aClickToDone), '—', 'info'],
    ['(b) Run → result p50, TypeScript', fmtMs(tsMed), `≤ ${TARGETS.tsRunMs} ms`, verdict(tsMed <= TARGETS.tsRunMs)],
    ['(b) Run → result p50, Python', fmtMs(pyMed), `≤ ${TARGETS.pyRunMs} ms`, verdict(pyMed <= TARGETS.pyRunMs)],
    ['(c) Pyodide load (in the background)', fmtMs(pyodideMs), '—', 'info'],
    [
      '(d) JS before interaction (gzip)',
      `${jsKb.toFixed(1)} KB`,
      `≤ ${TARGETS.jsKb} KB`,
      verdict(jsKb <= TARGETS.jsKb),
    ],
    ['    and in the workers, in the background', `${(d.workersGz / 1024).toFixed(1)} KB`, '—', 'info'],
    ['(e) first result, ' + LANDING, fmtMs(eMed), '—', 'info'],
    [
      'first Python Run → result, after 5 s on the page',
      fmtMs(fMed),
      `< ${TARGETS.firstPythonMs} ms`,
      verdict(fMed < TARGETS.firstPythonMs),
    ],
  ];
  const w = [0, 1, 2, 3].map((i) =>
    Math.max(...rows.map((r) => r[i].length), ['measure', 'median', 'target', 'verdict'][i].length),
  );
  const line = (r) => `| ${r.map((c, i) => c.padEnd(w[i])).join(' | ')} |`;
  console.log(`\n${line(['measure', 'median', 'target', 'verdict'])}`);
  console.log(`|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
  console.log(`\n(${(elapsed() / 1000).toFixed(1)} s)`);
}

try {
  await main();
  await cleanup();
  process.exit(0);
} catch (error) {
  console.error(`bench:page crashed: ${error instanceof Error ? error.stack : error}`);
  await cleanup();
  process.exit(1);
}
