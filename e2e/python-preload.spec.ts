import { expect, test, type Locator, type Page } from '@playwright/test';
import { runAndWait } from './sandbox-run.js';

/**
 * Pyodide loads in the background before the reader's first Python Run (src/components/python-preload.ts): when a
 * sandbox showing Python comes near the viewport, or once the page is idle; its status line says how it goes.
 */
const PAGE = '/walkthrough/items/?runtime=worker';
const LOADING = /Loading Python \(Pyodide\)… \d+ %/;

/** Keeps every text the sandbox's status line shows (el.__statusTexts). */
async function recordStatus(sandbox: Locator): Promise<void> {
  await sandbox.evaluate((el) => {
    const status = el.querySelector('[role="status"]')!;
    const texts: string[] = [status.textContent ?? ''];
    (el as HTMLElement & { __statusTexts?: string[] }).__statusTexts = texts;
    new MutationObserver(() => texts.push(status.textContent ?? '')).observe(status, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
}

const statusTexts = (sandbox: Locator): Promise<string[]> =>
  sandbox.evaluate((el) => (el as HTMLElement & { __statusTexts?: string[] }).__statusTexts ?? []);

/** A reader who asked to save data: no preload when idle, only when a Python sandbox nears the viewport. */
async function saveData(page: Page): Promise<void> {
  await page.addInitScript(() =>
    Object.defineProperty(navigator, 'connection', { value: { saveData: true }, configurable: true }),
  );
}

test('a Python sandbox coming into view loads Pyodide and its status says so, by percent, until Python is ready', async ({
  page,
}) => {
  await saveData(page);
  await page.goto(PAGE);
  const sandbox = page.locator('apigw-sandbox[data-language="python"]').first();
  const status = sandbox.getByRole('status');
  await expect(status).toContainText('starts on the first Run');
  // Nothing loads Pyodide while the sandbox is far down the page (the page's other sandboxes are just as far).
  await page.waitForTimeout(1_500);
  expect(await page.evaluate(() => performance.getEntriesByName('apigw:python-preload').length)).toBe(0);

  await recordStatus(sandbox);
  await sandbox.scrollIntoViewIfNeeded();
  await expect(status).toContainText('Python ready', { timeout: 90_000 });
  const texts = await statusTexts(sandbox);
  expect(
    texts.some((t) => LOADING.test(t)),
    `the status said the percentage loaded: ${JSON.stringify(texts)}`,
  ).toBe(true);
  // The percentages only go up.
  const percents = texts
    .map((t) => LOADING.exec(t)?.[0])
    .filter(Boolean)
    .map((t) => Number(/(\d+) %/.exec(t!)![1]));
  expect(percents).toEqual([...percents].sort((a, b) => a - b));
  await expect(sandbox.getByRole('progressbar')).toBeHidden();

  const outcome = await runAndWait<{ language: string; response: { status: number } }>(sandbox);
  expect(outcome.language).toBe('python');
  expect(outcome.response.status).toBe(200);
  await expect(status).toContainText(/ran in/);
});

test('Pyodide loads by itself once the page is idle, and a TypeScript run meanwhile is not held up', async ({
  page,
}) => {
  await page.goto(PAGE);
  const sandboxes = page.locator('apigw-sandbox');
  const python = sandboxes.first();
  await expect(python).toHaveAttribute('data-language', 'python');
  // Another sandbox in TypeScript runs while Pyodide loads in the Python handler worker.
  const typescript = sandboxes.nth(1);
  await typescript.getByRole('radio', { name: 'TypeScript' }).click();
  await expect(python).toHaveAttribute('data-python', /downloading|starting/, { timeout: 30_000 });
  const outcome = await runAndWait<{ language: string; response: { status: number } }>(typescript);
  expect(outcome.language).toBe('typescript');
  expect(outcome.response.status).toBeGreaterThanOrEqual(200);
  expect(
    await python.getAttribute('data-python'),
    'the TypeScript run answered before Pyodide finished loading',
  ).not.toBe('ready');

  // No interaction with the Python sandbox: Pyodide still gets ready, and its status says so once it is on screen.
  await expect(python).toHaveAttribute('data-python', 'ready', { timeout: 90_000 });
  await python.scrollIntoViewIfNeeded();
  await expect(python.getByRole('status')).toContainText('Python ready');
});
