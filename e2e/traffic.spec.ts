/**
 * The Traffic panel (issue #12), through the page as a reader uses it, elements found by role: uPlot is in none of
 * the built page's eager chunks and is fetched only once the panel runs; a burst at the throttled example
 * (examples/throttle-burst: 1 request per second, bursts of 3) draws the charts (canvases with pixels), and the
 * numbers of their text table equal the counts in the access log and the execution log shown below them. Then the
 * Stage tab: a refused edit gets a one-line error naming the field, and the edit is still there after a reload.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtPages } from './site-pages.js';

/** A string only uPlot's code holds (its legend's class name). */
const UPLOT_MARK = 'u-legend';

/** The first built page with a Traffic panel. */
const trafficPage = (): string => {
  const page = builtPages().find((p) => readFileSync(join('dist', p, 'index.html'), 'utf8').includes('data-traffic'));
  if (!page) throw new Error('no built page has a sandbox with a Traffic panel');
  return page;
};

/** The JavaScript files a built page loads at once: its module scripts and what they import statically, transitively. */
function eagerChunks(pagePath: string): string[] {
  const html = readFileSync(join('dist', pagePath, 'index.html'), 'utf8');
  const queue = [...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"|<script type="module" src="([^"]+)"/g)]
    .map((m) => m[1] ?? m[2]!)
    .concat([...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]!))
    // Inline module scripts' static imports.
    .concat([...html.matchAll(/import\s*(?:[\w{}*\s,$]+from\s*)?["'](\/_astro\/[^"']+)["']/g)].map((m) => m[1]!));
  const seen = new Set<string>();
  while (queue.length) {
    const url = queue.pop()!;
    if (seen.has(url) || !url.startsWith('/')) continue;
    seen.add(url);
    const text = readFileSync(join('dist', url), 'utf8');
    const dir = url.slice(0, url.lastIndexOf('/') + 1);
    // Static imports only (`import…from"./x.js"`, `import"./x.js"`), not `import("./x.js")`.
    for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+\.js)["']/g))
      queue.push(new URL(m[1]!, `http://x${dir}`).pathname);
  }
  return [...seen];
}

async function trafficSandbox(page: Page): Promise<Locator> {
  const sandbox = page
    .locator('apigw-sandbox[data-example="throttle-burst"]')
    .filter({ has: page.locator('[data-traffic]') })
    .first();
  await sandbox.scrollIntoViewIfNeeded();
  await expect(sandbox).toHaveAttribute('data-ready', '');
  await sandbox.getByRole('radiogroup', { name: 'Language' }).getByRole('radio', { name: 'TypeScript' }).check();
  return sandbox;
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('apigw-e2e-started')) {
      localStorage.clear();
      sessionStorage.setItem('apigw-e2e-started', '1');
    }
  });
});

test("uPlot is not in the page's eager chunks and loads when the panel runs; the charts draw the logs' numbers", async ({
  page,
}) => {
  const path = trafficPage();
  const eager = eagerChunks(path);
  expect(eager.length, 'the page loads scripts').toBeGreaterThan(0);
  expect(
    eager.some((c) => /traffic-/.test(c)),
    'the Traffic panel is not eager',
  ).toBe(false);
  for (const chunk of eager)
    expect(readFileSync(join('dist', chunk), 'utf8').includes(UPLOT_MARK), `${chunk} holds uPlot`).toBe(false);

  const scripts: string[] = [];
  page.on('response', async (response) => {
    if (response.url().endsWith('.js')) scripts.push(await response.text().catch(() => ''));
  });
  await page.goto(path);
  const sandbox = await trafficSandbox(page);
  expect(
    scripts.some((s) => s.includes(UPLOT_MARK)),
    'uPlot fetched before the panel ran',
  ).toBe(false);

  const traffic = sandbox.getByRole('region', { name: 'Traffic', exact: true });
  await traffic.getByRole('spinbutton', { name: 'Rate (requests/s)' }).fill('20');
  await traffic.getByRole('spinbutton', { name: 'Duration (s)' }).fill('2');
  await traffic.getByRole('button', { name: 'Start traffic' }).click();
  await expect(traffic.getByRole('status')).toHaveText(/^Done: 40 of 40 sent answered/, { timeout: 30_000 });
  expect(
    scripts.some((s) => s.includes(UPLOT_MARK)),
    'uPlot fetched once the panel ran',
  ).toBe(true);

  // Three charts, each a canvas with pixels drawn.
  const canvases = traffic.locator('canvas');
  await expect(canvases).toHaveCount(3);
  for (const canvas of await canvases.all()) {
    const painted = await canvas.evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return { width: c.width, height: c.height, n };
    });
    expect(painted.width).toBeGreaterThan(0);
    expect(painted.n, 'painted pixels').toBeGreaterThan(100);
  }

  // The table's totals against the logs.
  const table = traffic.getByRole('table', { name: /Traffic per second/ });
  const headers = await table.getByRole('columnheader').allTextContents();
  const total = await table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Total' }) });
  const cells = await total.getByRole('cell').allTextContents();
  const column = (name: string) => Number(cells[headers.indexOf(name) - 1]);
  const accessLines = (await traffic.getByRole('group', { name: 'Access log' }).textContent())!.trim().split('\n');
  const executionLines = (await traffic.getByRole('group', { name: 'Execution log (INFO)' }).textContent())!
    .trim()
    .split('\n');
  const accessWith = (status: number) => accessLines.filter((l) => new RegExp(`" ${status} `).test(l)).length;
  const completedWith = (status: number) =>
    executionLines.filter((l) => l.endsWith(`Method completed with status: ${status}`)).length;

  expect(accessLines).toHaveLength(40);
  expect(column('429')).toBe(accessWith(429));
  expect(column('429')).toBe(completedWith(429));
  expect(column('2xx')).toBe(accessWith(200));
  expect(column('2xx')).toBe(completedWith(200));
  // A burst of 3 and 1 token a second: most of 40 requests in 2 s are throttled, the first 3 are not.
  expect(column('2xx')).toBeGreaterThanOrEqual(3);
  expect(column('2xx')).toBeLessThanOrEqual(6);
  expect(column('2xx') + column('429')).toBe(40);
  // The panel with its charts, table and logs, in both themes: no serious accessibility violation (contrast included).
  for (const theme of ['dark', 'light']) {
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    const results = await new AxeBuilder({ page }).include('apigw-sandbox [data-traffic]').analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${theme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
  // The per-second rows add up to the total.
  const rows = await table.getByRole('row').all();
  let sum429 = 0;
  for (const row of rows.slice(1, -1)) sum429 += Number((await row.getByRole('cell').allTextContents())[2]);
  expect(sum429).toBe(column('429'));
});

test('the Stage tab: a refused edit gets a one-line error naming the field, and the edit is kept', async ({ page }) => {
  const path = trafficPage();
  await page.goto(path);
  const sandbox = await trafficSandbox(page);
  await sandbox.getByRole('tab', { name: /^Stage/ }).click();
  const editor = sandbox.getByRole('textbox', { name: /^Stage config/ });
  const text = await editor.inputValue();
  const bad = text.replace('"throttlingBurstLimit": 3', '"throttlingBurstLimit": "three"');
  expect(bad).not.toBe(text);
  await editor.fill(bad);
  await sandbox.getByRole('button', { name: 'Run', exact: true }).click();
  const alert = sandbox.getByRole('alert');
  await expect(alert).toHaveText(/^stage config: .*throttlingBurstLimit/, { timeout: 60_000 });
  expect((await alert.textContent())!.includes('\n')).toBe(false);
  await expect(editor).toHaveValue(bad);
  await page.reload();
  const again = await trafficSandbox(page);
  await again.getByRole('tab', { name: /^Stage/ }).click();
  await expect(again.getByRole('textbox', { name: /^Stage config/ })).toHaveValue(bad);
});
