import { expect, test, type Locator } from '@playwright/test';
import { runAndWait } from './sandbox-run.js';

const PAGE = '/chapters/core-concepts/';
type Outcome = {
  response: { status: number; body: string };
  event: Record<string, unknown>;
  integrationRequest?: { body: string };
};

const run = (sandbox: Locator) => runAndWait<Outcome>(sandbox);

/** The sandbox of one exchange of the mapping-template example. */
const sandboxOf = (page: import('@playwright/test').Page, exchange: string) =>
  page.locator(`apigw-sandbox[data-example="mapping-template"][data-exchange="${exchange}"]`);

/**
 * The Definition tab's editor: a textarea until the reader first clicks it, then CodeMirror (its `.cm-content` is a
 * contenteditable textbox with the same accessible name). `fill()` works on both; reading goes through toContainText
 * on the editor, or the element's `definitionSource` for the whole text (CodeMirror renders only the visible lines).
 */
async function openDefinition(sandbox: Locator): Promise<Locator> {
  await sandbox.getByRole('tab', { name: /Definition/ }).click();
  const definition = sandbox.getByRole('textbox', { name: /API definition/ });
  await definition.click();
  await expect(definition, 'CodeMirror replaced the textarea').toHaveAttribute('contenteditable', 'true');
  return definition;
}

const definitionSource = (sandbox: Locator) =>
  sandbox.evaluate((el) => (el as HTMLElement & { definitionSource: string }).definitionSource);

test.beforeEach(async ({ page }) => {
  await page.goto(PAGE);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
});

test('the edited request template is what runs, is kept across a reload, and Reset restores the documented one', async ({
  page,
}) => {
  const sandbox = sandboxOf(page, 'get-item');
  const definition = await openDefinition(sandbox);
  await expect(definition).toContainText('openapi:');
  const original = await definitionSource(sandbox);
  await definition.fill(
    original.replace('"stage": "$context.stage",', '"stage": "$context.stage", "verb": "$context.httpMethod",'),
  );
  await expect(definition).toContainText('"verb": "$context.httpMethod"');
  let outcome = await run(sandbox);
  expect(outcome.event.verb).toBe('GET');
  await expect(sandbox.getByRole('region', { name: 'Integration request' })).toContainText('"verb": "GET"');
  await expect(sandbox).toHaveAttribute('data-status', 'done');
  await expect(sandbox.locator('[data-compare]')).toContainText('You edited openapi.yaml');

  await page.waitForTimeout(300); // the edit is saved on a short debounce
  await page.reload();
  const again = sandboxOf(page, 'get-item');
  const restored = await openDefinition(again);
  await expect(restored).toContainText('openapi: 3.0.1');
  expect(await definitionSource(again)).toContain('"verb": "$context.httpMethod"');

  await again.getByRole('button', { name: 'Reset' }).click();
  await expect.poll(() => definitionSource(again)).toBe(original);
  await expect(restored).toContainText('openapi: 3.0.1');
  outcome = await run(again);
  expect(outcome.event).not.toHaveProperty('verb');
  await expect(again.locator('[data-compare]')).toContainText('Same as documented');
});

test('an edited selectionPattern that no longer matches turns the function error into a 200', async ({ page }) => {
  const sandbox = sandboxOf(page, 'get-missing-item');
  const definition = await openDefinition(sandbox);
  await definition.fill((await definitionSource(sandbox)).replace("'Not found:.*'", "'Missing:.*'"));
  const outcome = await run(sandbox);
  expect(outcome.response.status).toBe(200);
});

test('a definition that is not valid YAML is reported in the sandbox, and the edit is kept', async ({ page }) => {
  const sandbox = sandboxOf(page, 'get-item');
  const definition = await openDefinition(sandbox);
  const broken = `${await definitionSource(sandbox)}\n  bad: "unterminated\n`;
  await definition.fill(broken);
  await sandbox.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(sandbox).toHaveAttribute('data-status', 'error');
  await expect(sandbox.getByRole('status')).toContainText('openapi.yaml is not valid YAML');
  await expect(definition).toBeVisible();
  await expect(definition).toContainText('bad: "unterminated');
  expect(await definitionSource(sandbox)).toBe(broken);
  // Fixed, it runs again.
  await sandbox.getByRole('button', { name: 'Reset' }).click();
  const outcome = await run(sandbox);
  expect(outcome.response.status).toBe(200);
});

test('the stage switch runs the request on prod, with its stage variables', async ({ page }) => {
  const sandbox = sandboxOf(page, 'get-item');
  await sandbox.getByRole('textbox', { name: 'Path' }).fill('/items/2');
  await sandbox.getByRole('radio', { name: 'prod' }).check();
  await expect(sandbox.getByRole('region', { name: 'API request' })).toContainText('/prod/items/2');
  const prod = await run(sandbox);
  expect(prod.response.status).toBe(404);
  expect(prod.event).toMatchObject({ stage: 'prod', table: 'items-prod' });
  await sandbox.getByRole('radio', { name: 'dev' }).check();
  const dev = await run(sandbox);
  expect(dev.response.status).toBe(200);
  expect(JSON.parse(dev.response.body).servedFrom).toBe('items-dev');
});

test('an edited definition is deployed to dev only: dev shows the change, prod keeps the original deployment', async ({
  page,
}) => {
  const sandbox = sandboxOf(page, 'get-item');
  const definition = await openDefinition(sandbox);
  await definition.fill(
    (await definitionSource(sandbox)).replace(
      '"stage": "$context.stage",',
      '"stage": "$context.stage", "verb": "$context.httpMethod",',
    ),
  );
  const dev = await run(sandbox);
  expect(dev.event).toMatchObject({ stage: 'dev', verb: 'GET' });
  await expect(sandbox.locator('[data-compare]')).toContainText('the dev stage now serves a new deployment');

  await sandbox.getByRole('radio', { name: 'prod' }).check();
  const prod = await run(sandbox);
  expect(prod.event).toMatchObject({ stage: 'prod', table: 'items-prod' });
  expect(prod.event).not.toHaveProperty('verb');
  await expect(sandbox.locator('[data-compare]')).toContainText('still serves the original deployment');

  await sandbox.getByRole('radio', { name: 'dev' }).check();
  expect((await run(sandbox)).event).toMatchObject({ stage: 'dev', verb: 'GET' });
});

test('a MOCK integration shows its integration request, and no Lambda event or result', async ({ page }) => {
  const sandbox = page.locator('apigw-sandbox[data-example="mock-cors"][data-exchange="preflight"]');
  const outcome = await run(sandbox);
  expect(outcome.response.status).toBe(200);
  expect(outcome.event).toBeNull();
  expect(outcome.integrationRequest?.body).toBe('{"statusCode": 200}');
  await expect(sandbox.locator('[data-panel="event"]')).toContainText('No event: a MOCK integration calls no function');
  await expect(sandbox.locator('[data-panel="result"]')).toContainText('No result');
  await expect(sandbox.locator('[data-compare]')).toContainText('Same as documented');
});

test('the definition editor highlights YAML, Tab indents in it, and Escape then Tab leaves it', async ({ page }) => {
  const sandbox = sandboxOf(page, 'get-item');
  const definition = await openDefinition(sandbox);
  // Highlighted: the keys are tokens of their own.
  await expect(definition.locator('span', { hasText: /^openapi$/ }).first()).toBeVisible();
  // The editor takes the focus from the textarea it replaced: wait for it before typing.
  await definition.focus();
  await expect(definition).toBeFocused();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Tab');
  await expect.poll(() => definitionSource(sandbox)).toMatch(/^ {2}openapi:/);
  await expect(definition).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(definition).not.toBeFocused();
  expect(await page.evaluate(() => document.activeElement?.closest('.cm-editor') ?? null)).toBeNull();
  // Shift+Tab comes back to the editor (it is in the tab order once it replaced the textarea).
  await page.keyboard.press('Shift+Tab');
  await expect(definition).toBeFocused();
});

test('if the editor cannot load, the definition textarea keeps working', async ({ page }) => {
  await page.route(/\/_astro\/editor\.[^/]*\.js$/, (route) => route.abort());
  await page.reload();
  const sandbox = sandboxOf(page, 'get-item');
  await sandbox.getByRole('tab', { name: /Definition/ }).click();
  const definition = sandbox.getByRole('textbox', { name: /API definition/ });
  await definition.click();
  await definition.fill(
    (await definition.inputValue()).replace(
      '"stage": "$context.stage",',
      '"stage": "$context.stage", "verb": "$context.httpMethod",',
    ),
  );
  await expect(definition).not.toHaveAttribute('contenteditable', 'true');
  const outcome = await run(sandbox);
  expect(outcome.event.verb).toBe('GET');
});
