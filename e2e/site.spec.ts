import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { builtPages, documentedExchanges, shownExchanges } from './site-pages.js';

test('every exchange of every example (examples/*/exchanges/*.json) is shown on some page', () => {
  const shown = shownExchanges();
  const documented = documentedExchanges();
  expect(documented.length, 'examples/ has exchanges').toBeGreaterThan(0);
  expect(
    documented.filter((name) => !shown.has(name)),
    'exchanges no page shows',
  ).toEqual([]);
});

test('the conclusion links every chapter and walkthrough', () => {
  const conclusion = builtPages().find((p) => /conclusion/.test(p));
  expect(conclusion, 'a conclusion page').toBeDefined();
  const html = readFileSync(join('dist', conclusion!, 'index.html'), 'utf8');
  // The page's own text, without the sidebar and the prev/next links.
  const main = html.slice(html.indexOf('sl-markdown-content'), html.indexOf('pagination-links'));
  const chapters = builtPages().filter((p) => /^\/(chapters|walkthrough)\//.test(p) && p !== conclusion);
  expect(
    chapters.filter((p) => !main.includes(`href="${p}"`)),
    'chapters the conclusion does not link',
  ).toEqual([]);
});

const walkthrough = () => builtPages().find((p) => /items/.test(p) && p !== '/') ?? '/';

test('search finds the items walkthrough for "items"', async ({ page }) => {
  await page.goto('/');
  await page
    .getByRole('button', { name: /search/i })
    .first()
    .click();
  await page
    .getByRole('searchbox')
    .or(page.getByRole('textbox', { name: /search/i }))
    .first()
    .fill('items');
  const result = page
    .locator(`a[href*="${walkthrough().replace(/\/$/, '')}"]`)
    .filter({ hasText: /items/i })
    .first();
  await expect(result).toBeVisible({ timeout: 30_000 });
});

test('with WebContainers unreachable, the first result comes from the Worker runtime without waiting for the boot', async ({
  page,
}) => {
  await page.goto(walkthrough());
  const sandbox = page.locator('apigw-sandbox').first();
  await sandbox
    .getByRole('radio', { name: 'TypeScript' })
    .or(sandbox.getByRole('tab', { name: 'TypeScript' }))
    .first()
    .click();
  const started = Date.now();
  await sandbox.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(sandbox).toHaveAttribute('data-status', 'done', { timeout: 15_000 });
  // WebContainer.boot() never settles here: a result within 15 s proves the page did not wait for it.
  expect(Date.now() - started).toBeLessThan(15_000);
  await expect(sandbox).toHaveAttribute('data-runtime', 'worker');
  await expect(sandbox).toContainText(/Web Worker/);
});

test('Ctrl+Enter runs, edits persist across reloads, Reset restores the original', async ({ page }) => {
  await page.goto(walkthrough());
  const sandbox = page.locator('apigw-sandbox').first();
  await sandbox
    .getByRole('radio', { name: 'TypeScript' })
    .or(sandbox.getByRole('tab', { name: 'TypeScript' }))
    .first()
    .click();
  const path = sandbox.getByRole('textbox', { name: /path/i });
  await path.fill('/items/2');
  await path.press('Control+Enter');
  await expect(sandbox).toHaveAttribute('data-status', 'done');
  await expect(sandbox.getByRole('region', { name: 'API response' })).toContainText('Mouse');
  await page.reload();
  const again = page.locator('apigw-sandbox').first();
  await expect(again.getByRole('textbox', { name: /path/i })).toHaveValue('/items/2');
  await again.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(again.getByRole('textbox', { name: /path/i })).not.toHaveValue('/items/2');
});

test('a handler that never returns gets the gateway timeout and the page stays responsive', async ({ page }) => {
  await page.goto(walkthrough());
  const sandbox = page.locator('apigw-sandbox').first();
  await sandbox
    .getByRole('radio', { name: 'TypeScript' })
    .or(sandbox.getByRole('tab', { name: 'TypeScript' }))
    .first()
    .click();
  await sandbox.evaluate((el) => {
    const s = el as HTMLElement & { setHandlerSource?: (src: string) => void };
    s.setHandlerSource?.('export async function handler() { for (;;) {} }');
  });
  await sandbox.getByRole('spinbutton', { name: /timeout/i }).fill('500');
  await sandbox.getByRole('button', { name: 'Run', exact: true }).click();
  // The main thread is free while the handler spins.
  expect(await page.evaluate(() => 1 + 1)).toBe(2);
  await expect(sandbox).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  const response = sandbox.getByRole('region', { name: 'API response' });
  await expect(response).toContainText('504');
  await expect(response).toContainText('Endpoint request timed out');
  await sandbox.getByRole('button', { name: 'Reset', exact: true }).click();
});

test("the http-proxy sandbox's code tab holds the HTTP service, not a handler", async ({ page }) => {
  await page.goto('/chapters/integrations/');
  const sandbox = page.locator('apigw-sandbox[data-example="http-proxy"]').first();
  await expect(sandbox.getByRole('tab', { name: 'Service upstream.ts' })).toBeVisible();
  await expect(sandbox.getByRole('tab', { name: /Handler/ })).toHaveCount(0);
  const code = sandbox.getByRole('textbox', { name: 'HTTP service code (TypeScript)' });
  await code.click();
  // The CodeMirror editor that replaces the textarea keeps the name.
  await expect(code).toHaveAttribute('contenteditable', 'true');
  await expect(code).toContainText('The HTTP service behind the API');
});

test('the first Run runs the handler as edited, though the worker readied the documented one ahead (warm), also mid-load', async ({
  page,
}) => {
  for (const waitUntil of ['commit', 'load'] as const) {
    await page.goto(walkthrough(), { waitUntil });
    const sandbox = page.locator('apigw-sandbox').first();
    // As soon as the sandbox is set up (the page may still be loading), edit its TypeScript handler, then Run.
    await sandbox.evaluate(async (el) => {
      const s = el as HTMLElement & {
        ready: Promise<void>;
        setLanguage: (l: string) => void;
        setHandlerSource: (src: string) => void;
      };
      await s.ready;
      s.setLanguage('typescript');
      s.setHandlerSource(
        `export const handler = async () => ({ statusCode: 200, body: 'edited before the first run' });\n`,
      );
    });
    await sandbox.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(sandbox).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
    await expect(sandbox.getByRole('region', { name: 'API response' })).toContainText('edited before the first run');
    await sandbox.getByRole('button', { name: 'Reset', exact: true }).click();
  }
});

test("Enter in a field of the request runs it (the form's implicit submission clicks Run)", async ({ page }) => {
  await page.goto(walkthrough());
  const sandbox = page.locator('apigw-sandbox').first();
  // TypeScript, so that the run does not wait for Pyodide's download (20 s and more on a busy machine).
  await sandbox.evaluate(async (el) => {
    const s = el as HTMLElement & { ready: Promise<void>; setLanguage: (l: string) => void };
    await s.ready;
    s.setLanguage('typescript');
  });
  await sandbox.getByRole('textbox', { name: /^Path/ }).press('Enter');
  await expect(sandbox).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
});

test('an edited TypeScript handler is transpiled in the page (sucrase, loaded on the first edit); a syntax error is Runtime.UserCodeSyntaxError', async ({
  page,
}) => {
  await page.goto(walkthrough());
  const sandbox = page.locator('apigw-sandbox').first();
  await sandbox
    .getByRole('radio', { name: 'TypeScript' })
    .or(sandbox.getByRole('tab', { name: 'TypeScript' }))
    .first()
    .click();
  const setSource = (source: string) =>
    sandbox.evaluate(
      (el, src) => (el as HTMLElement & { setHandlerSource: (s: string) => void }).setHandlerSource(src),
      source,
    );
  await setSource(
    "interface Reply { statusCode: number; body: string }\nexport const handler = async (): Promise<Reply> => ({ statusCode: 200, body: 'typed' as string });\n",
  );
  await sandbox.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(sandbox).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  await expect(sandbox.getByRole('region', { name: 'API response' })).toContainText('typed');
  await setSource('export const handler = async ( => 1;\n');
  await sandbox.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(sandbox.getByRole('region', { name: 'Lambda result' })).toContainText('Runtime.UserCodeSyntaxError', {
    timeout: 20_000,
  });
  await expect(sandbox.getByRole('region', { name: 'API response' })).toContainText('502');
  await sandbox.getByRole('button', { name: 'Reset', exact: true }).click();
});
