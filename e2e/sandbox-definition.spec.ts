import { expect, test, type Locator } from '@playwright/test';

const PAGE = '/chapters/core-concepts/';
type Outcome = { response: { status: number; body: string }; event: Record<string, unknown>; integrationRequest?: { body: string } };

async function runAndWait(sandbox: Locator): Promise<Outcome> {
  const before = await sandbox.evaluate((el) => (el as HTMLElement & { lastOutcome?: unknown }).lastOutcome ?? null);
  await sandbox.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(sandbox).toHaveAttribute('data-status', /done|error/, { timeout: 90_000 });
  await expect(sandbox, String(await sandbox.locator('[data-state]').textContent())).toHaveAttribute('data-status', 'done');
  const outcome = await sandbox.evaluate((el) => (el as HTMLElement & { lastOutcome?: unknown }).lastOutcome);
  expect(outcome, 'a new outcome').not.toEqual(before);
  return outcome as Outcome;
}

/** The sandbox of one exchange of the mapping-template example. */
const sandboxOf = (page: import('@playwright/test').Page, exchange: string) =>
  page.locator(`apigw-sandbox[data-example="mapping-template"][data-exchange="${exchange}"]`);

test.beforeEach(async ({ page }) => {
  await page.goto(PAGE);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
});

test('the edited request template is what runs, is kept across a reload, and Reset restores the documented one', async ({ page }) => {
  const sandbox = sandboxOf(page, 'get-item');
  await sandbox.getByRole('tab', { name: /Definition/ }).click();
  const definition = sandbox.getByRole('textbox', { name: /API definition/ });
  await expect(definition).toBeVisible();
  const original = await definition.inputValue();
  await definition.fill(original.replace('"stage": "$context.stage",', '"stage": "$context.stage", "verb": "$context.httpMethod",'));
  let outcome = await runAndWait(sandbox);
  expect(outcome.event.verb).toBe('GET');
  await expect(sandbox.getByRole('region', { name: 'Integration request' })).toContainText('"verb": "GET"');
  await expect(sandbox).toHaveAttribute('data-status', 'done');
  await expect(sandbox.locator('[data-compare]')).toContainText('You edited openapi.yaml');

  await page.waitForTimeout(300); // the edit is saved on a short debounce
  await page.reload();
  const again = sandboxOf(page, 'get-item');
  await again.getByRole('tab', { name: /Definition/ }).click();
  await expect(again.getByRole('textbox', { name: /API definition/ })).toHaveValue(/"verb": "\$context.httpMethod"/);

  await again.getByRole('button', { name: 'Reset' }).click();
  await expect(again.getByRole('textbox', { name: /API definition/ })).toHaveValue(original);
  outcome = await runAndWait(again);
  expect(outcome.event).not.toHaveProperty('verb');
  await expect(again.locator('[data-compare]')).toContainText('Same as documented');
});

test('an edited selectionPattern that no longer matches turns the function error into a 200', async ({ page }) => {
  const sandbox = sandboxOf(page, 'get-missing-item');
  await sandbox.getByRole('tab', { name: /Definition/ }).click();
  const definition = sandbox.getByRole('textbox', { name: /API definition/ });
  await definition.fill((await definition.inputValue()).replace("'Not found:.*'", "'Missing:.*'"));
  const outcome = await runAndWait(sandbox);
  expect(outcome.response.status).toBe(200);
});

test('a definition that is not valid YAML is reported in the sandbox, and the edit is kept', async ({ page }) => {
  const sandbox = sandboxOf(page, 'get-item');
  await sandbox.getByRole('tab', { name: /Definition/ }).click();
  const definition = sandbox.getByRole('textbox', { name: /API definition/ });
  const broken = `${await definition.inputValue()}\n  bad: "unterminated\n`;
  await definition.fill(broken);
  await sandbox.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(sandbox).toHaveAttribute('data-status', 'error');
  await expect(sandbox.getByRole('status')).toContainText('openapi.yaml is not valid YAML');
  await expect(definition).toHaveValue(broken);
  // Fixed, it runs again.
  await sandbox.getByRole('button', { name: 'Reset' }).click();
  const outcome = await runAndWait(sandbox);
  expect(outcome.response.status).toBe(200);
});

test('the stage switch runs the request on prod, with its stage variables', async ({ page }) => {
  const sandbox = sandboxOf(page, 'get-item');
  await sandbox.getByRole('textbox', { name: 'Path' }).fill('/items/2');
  await sandbox.getByRole('radio', { name: 'prod' }).check();
  await expect(sandbox.getByRole('region', { name: 'API request' })).toContainText('/prod/items/2');
  const prod = await runAndWait(sandbox);
  expect(prod.response.status).toBe(404);
  expect(prod.event).toMatchObject({ stage: 'prod', table: 'items-prod' });
  await sandbox.getByRole('radio', { name: 'dev' }).check();
  const dev = await runAndWait(sandbox);
  expect(dev.response.status).toBe(200);
  expect(JSON.parse(dev.response.body).servedFrom).toBe('items-dev');
});

test('an edited definition is deployed to dev only: dev shows the change, prod keeps the original deployment', async ({ page }) => {
  const sandbox = sandboxOf(page, 'get-item');
  await sandbox.getByRole('tab', { name: /Definition/ }).click();
  const definition = sandbox.getByRole('textbox', { name: /API definition/ });
  await definition.fill((await definition.inputValue()).replace('"stage": "$context.stage",', '"stage": "$context.stage", "verb": "$context.httpMethod",'));
  const dev = await runAndWait(sandbox);
  expect(dev.event).toMatchObject({ stage: 'dev', verb: 'GET' });
  await expect(sandbox.locator('[data-compare]')).toContainText('the dev stage now serves a new deployment');

  await sandbox.getByRole('radio', { name: 'prod' }).check();
  const prod = await runAndWait(sandbox);
  expect(prod.event).toMatchObject({ stage: 'prod', table: 'items-prod' });
  expect(prod.event).not.toHaveProperty('verb');
  await expect(sandbox.locator('[data-compare]')).toContainText('still serves the original deployment');

  await sandbox.getByRole('radio', { name: 'dev' }).check();
  expect((await runAndWait(sandbox)).event).toMatchObject({ stage: 'dev', verb: 'GET' });
});

test('a MOCK integration shows its integration request, and no Lambda event or result', async ({ page }) => {
  const sandbox = page.locator('apigw-sandbox[data-example="mock-cors"][data-exchange="preflight"]');
  const outcome = await runAndWait(sandbox);
  expect(outcome.response.status).toBe(200);
  expect(outcome.event).toBeNull();
  expect(outcome.integrationRequest?.body).toBe('{"statusCode": 200}');
  await expect(sandbox.locator('[data-panel="event"]')).toContainText('No event: a MOCK integration calls no function');
  await expect(sandbox.locator('[data-panel="result"]')).toContainText('No result');
  await expect(sandbox.locator('[data-compare]')).toContainText('Same as documented');
});
