/**
 * The pricing calculator on the Pricing chapter (issue #15), as a reader uses it, elements found by role: AWS's
 * worked examples typed in (and loaded from the list) give the totals AWS's pricing page documents; switching API
 * types swaps the fields and the bill; the chart (uPlot, not in the page's eager scripts) draws; the reader's entries
 * survive a reload; a bad entry gets one line naming the field; nothing overflows a 390 px phone; axe finds no serious
 * violation in the light and dark themes; without JavaScript the rates table is there.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const PATH = '/chapters/pricing/';
/** A string only uPlot's code holds (its legend's class name). */
const UPLOT_MARK = 'u-legend';

/** The page's uncaught errors during each test: none expected. */
let pageErrors: string[] = [];

test.beforeEach(async ({ page }) => {
  pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('apigw-e2e-started')) {
      localStorage.clear();
      sessionStorage.setItem('apigw-e2e-started', '1');
    }
  });
});

test.afterEach(() => {
  expect(pageErrors, 'uncaught errors in the page').toEqual([]);
});

async function open(page: Page): Promise<Locator> {
  await page.goto(PATH);
  const calc = page.locator('apigw-pricing');
  await expect(calc).toHaveAttribute('data-ready', '');
  return calc;
}

const form = (calc: Locator) => calc.getByRole('form', { name: 'Pricing calculator' });
const totalRow = (calc: Locator) =>
  calc.getByRole('table', { name: /^Monthly estimate/ }).getByRole('row', { name: /Total for the month/ });

test("AWS's 15-billion-call REST example typed in gives the page's $41,502.94, its tiers itemised", async ({
  page,
}) => {
  const calc = await open(page);
  const f = form(calc);
  await f.getByRole('radio', { name: 'REST API' }).check();
  await f.getByRole('textbox', { name: 'Requests per month' }).fill('15,000,000,000');
  await f.getByRole('textbox', { name: 'Average request size (KB)' }).fill('0');
  await f.getByRole('textbox', { name: 'Average response size (KB)' }).fill('4');
  await expect(calc.getByRole('status')).toHaveText('REST API: $41,502.94 a month');
  await expect(totalRow(calc).getByRole('cell')).toHaveText('$41,502.94');
  const bill = calc.getByRole('table', { name: 'Monthly estimate, REST API' });
  for (const [what, cost] of [
    ['REST API requests, first 333 million', '$1,165.50'],
    ['REST API requests, next 667 million', '$1,867.60'],
    ['REST API requests, next 19 billion', '$33,320.00'],
    ['Data transfer out to the internet', '$5,149.84'],
  ] as Array<[string, string]>)
    await expect(
      bill
        .getByRole('row', { name: new RegExp(`^${what}`) })
        .getByRole('cell')
        .last(),
    ).toHaveText(cost);
  // The same volume on the other types.
  const comparison = calc.getByRole('table', { name: /The same workload on each API type: 15,000,000,000 calls/ });
  await expect(comparison.getByRole('row')).toHaveCount(4);
  // EC2's tiers instead of the examples' flat rate: $4,824.63 of data transfer.
  await f.getByRole('combobox', { name: 'Data transfer pricing' }).selectOption('tiered');
  await expect(calc.getByRole('status')).toHaveText('REST API: $41,177.73 a month');
  // The entries survive a reload.
  await page.reload();
  await expect(calc).toHaveAttribute('data-ready', '');
  await expect(form(calc).getByRole('textbox', { name: 'Requests per month' })).toHaveValue('15,000,000,000');
  await expect(calc.getByRole('status')).toHaveText('REST API: $41,177.73 a month');
});

test("every worked example loaded from the list gives AWS's documented total", async ({ page }) => {
  const calc = await open(page);
  const list = form(calc).getByRole('combobox', { name: "Load one of AWS's worked examples" });
  const options = (await list.getByRole('option').allTextContents()).filter((o) => /\(\$[\d,.]+\)$/.test(o));
  expect(options).toHaveLength(7);
  for (const option of options) {
    await list.selectOption({ label: option });
    const documented = /\((\$[\d,.]+)\)$/.exec(option)![1]!;
    await expect(totalRow(calc).getByRole('cell'), option).toHaveText(documented);
  }
});

test('switching API types swaps the fields and the bill; a bad entry gets one line naming the field', async ({
  page,
}) => {
  const calc = await open(page);
  const f = form(calc);
  await expect(calc.getByRole('status')).toHaveText('REST API: $18.79 a month');
  await expect(f.getByRole('combobox', { name: 'Cache size' })).toBeVisible();

  await f.getByRole('radio', { name: 'HTTP API' }).check();
  await expect(calc.getByRole('status')).toHaveText('HTTP API: $6.29 a month');
  await expect(f.getByRole('combobox', { name: 'Cache size' })).toBeHidden();
  await expect(f.getByRole('textbox', { name: 'Messages per month (sent and received)' })).toBeHidden();
  // 512 KB metering: a 600 KB request counts twice.
  await f.getByRole('textbox', { name: 'Average request size (KB)' }).fill('600');
  await expect(calc.getByRole('status')).toHaveText('HTTP API: $11.29 a month');
  await expect(calc.getByText('metered in 512 KB increments: each request counts 2 times')).toBeVisible();

  await f.getByRole('radio', { name: 'WebSocket API' }).check();
  await expect(f.getByRole('textbox', { name: 'Requests per month' })).toBeHidden();
  await f.getByRole('textbox', { name: 'Messages per month (sent and received)' }).fill('18000000');
  await f.getByRole('textbox', { name: 'Average message size (KB)' }).fill('3');
  await f.getByRole('textbox', { name: 'Connection minutes per month' }).fill('21600000');
  await expect(calc.getByRole('status')).toHaveText('WebSocket API: $23.40 a month');
  const comparison = calc.getByRole('table', { name: /The same workload on each API type/ });
  await expect(
    comparison
      .getByRole('row', { name: /WebSocket API \(selected\)/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('$23.40');

  await f.getByRole('textbox', { name: 'Average message size (KB)' }).fill('129');
  await expect(calc.getByRole('alert')).toHaveText('A WebSocket message is at most 128 KB (got 129 KB)');
  await f.getByRole('textbox', { name: 'Average message size (KB)' }).fill('3');
  await expect(calc.getByRole('alert')).toBeHidden();

  // The usage-plan erratum beside its $0.00 line.
  await f.getByRole('radio', { name: 'REST API' }).check();
  await f.getByRole('textbox', { name: 'Usage plans with API keys' }).fill('2');
  const plans = calc
    .getByRole('table', { name: 'Monthly estimate, REST API' })
    .getByRole('row', { name: /^Usage plans and API keys/ });
  await expect(plans.getByRole('cell').last()).toHaveText('$0.00');
  await expect(plans).toContainText('There is no charge for usage plans or API keys');
  await expect(plans).toContainText('errata #24');
});

test('uPlot is fetched only when the chart comes into view, and the chart draws three lines', async ({ page }) => {
  // The built page's own scripts do not hold uPlot.
  const html = readFileSync(join('dist', PATH, 'index.html'), 'utf8');
  for (const m of html.matchAll(/<script type="module" src="([^"]+)"/g))
    expect(readFileSync(join('dist', m[1]!), 'utf8').includes(UPLOT_MARK), `${m[1]} holds uPlot`).toBe(false);
  const scripts: string[] = [];
  page.on('response', async (response) => {
    if (response.url().endsWith('.js')) scripts.push(await response.text().catch(() => ''));
  });
  const calc = await open(page);
  expect(scripts.some((s) => s.includes(UPLOT_MARK))).toBe(false);
  const figure = calc.getByRole('figure', { name: /Monthly cost against calls per month/ });
  await figure.scrollIntoViewIfNeeded();
  const canvas = figure.locator('canvas');
  await expect(canvas).toHaveCount(1);
  await expect.poll(() => scripts.some((s) => s.includes(UPLOT_MARK)), 'uPlot fetched once in view').toBe(true);
  await expect(figure.getByRole('img', { name: /Monthly cost against calls per month/ })).toBeVisible();
  const legend = await figure.locator('.u-legend .u-label').allTextContents();
  expect(legend).toEqual(expect.arrayContaining(['REST API', 'HTTP API', 'WebSocket API']));
  await expect
    .poll(() =>
      canvas.evaluate((c: HTMLCanvasElement) => {
        const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
        return n;
      }),
    )
    .toBeGreaterThan(500);
});

test('fits a 390 px phone and has no serious axe violation in the light and dark themes', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const calc = await open(page);
  await calc.getByRole('figure', { name: /Monthly cost/ }).scrollIntoViewIfNeeded();
  await expect(calc.locator('canvas')).toHaveCount(1);
  for (const api of ['REST API', 'HTTP API', 'WebSocket API']) {
    await form(calc).getByRole('radio', { name: api }).check();
    const widths = await page.evaluate(() => ({
      doc: document.documentElement.scrollWidth,
      view: window.innerWidth,
      calc: document.querySelector('apigw-pricing')!.getBoundingClientRect().right,
    }));
    expect(widths.doc, `${api}: page wider than the phone`).toBeLessThanOrEqual(widths.view);
    expect(widths.calc).toBeLessThanOrEqual(widths.view);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    const results = await new AxeBuilder({ page }).include('apigw-pricing').analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${theme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the rates table is there, with its read date, and the live form is not', async ({ page }) => {
    await page.goto(PATH);
    const rates = page.getByRole('table', { name: 'API Gateway prices, US East (N. Virginia), read 2026-12-04' });
    await expect(rates).toBeVisible();
    await expect(rates.getByRole('row', { name: /first 333 million requests a month/ })).toContainText('$3.50');
    await expect(page.getByRole('form', { name: 'Pricing calculator' })).toBeHidden();
  });
});
