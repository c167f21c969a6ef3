/**
 * The sandbox's access-control side (issue #11), through the page as a reader uses it, elements found by role: the
 * function switch (the handler and the Lambda authorizer, each edited and kept), the Authorizer panel with its
 * decision and the cache hit on the second Run, an edit that makes the authorizer deny (403), the API keys with their
 * usage plan (a quota spent by pressing Run), and, where the site has them, "Sign in as" and "Sign this request".
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtPages } from './site-pages.js';
import { runAndWait } from './sandbox-run.js';

interface Outcome {
  response: { status: number };
  authorizer?: { decision: string; cached: boolean; event: unknown };
  sentRequest?: { headers: Array<[string, string]> };
  signing?: { canonicalRequest: string; stringToSign: string; signature: string };
}

const CHAPTER = '/chapters/securing-your-api/';

/** The first built page whose HTML has `marker`, or undefined. */
const pageWith = (marker: RegExp): string | undefined =>
  builtPages().find((p) => marker.test(readFileSync(join('dist', p, 'index.html'), 'utf8')));

async function sandboxOf(page: Page, example: string, exchange: string): Promise<Locator> {
  const sandbox = page.locator(`apigw-sandbox[data-example="${example}"][data-exchange="${exchange}"]`);
  await sandbox.scrollIntoViewIfNeeded();
  await expect(sandbox).toHaveAttribute('data-ready', '');
  return sandbox;
}

/** The first sandbox that has an element matching `selector` as the page was rendered, ready. */
async function sandboxWith(page: Page, selector: string): Promise<Locator> {
  const first = page
    .locator('apigw-sandbox')
    .filter({ has: page.locator(selector) })
    .first();
  const example = await first.getAttribute('data-example');
  const exchange = await first.getAttribute('data-exchange');
  return sandboxOf(page, example!, exchange!);
}

/** Selects TypeScript (no Pyodide to wait for). */
async function typescript(sandbox: Locator): Promise<void> {
  await sandbox.getByRole('radiogroup', { name: 'Language' }).getByRole('radio', { name: 'TypeScript' }).check();
}

test.beforeEach(async ({ page }) => {
  // Each test starts without a reader's stored edits.
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('apigw-e2e-started')) {
      localStorage.clear();
      sessionStorage.setItem('apigw-e2e-started', '1');
    }
  });
});

test('the authorizer is edited beside the handler, its call shown in a panel, its cache hit on the second Run', async ({
  page,
}) => {
  await page.goto(CHAPTER);
  const sandbox = await sandboxOf(page, 'authorizer-token', 'allowed');
  await typescript(sandbox);
  const functions = sandbox.getByRole('radiogroup', { name: 'Function' });
  await expect(functions.getByRole('radio', { name: 'Handler' })).toBeChecked();

  // The first Run calls the authorizer; the second finds its answer in the cache.
  const first = await runAndWait<Outcome>(sandbox);
  expect(first.response.status).toBe(200);
  expect(first.authorizer).toMatchObject({ decision: 'allow', cached: false });
  const panel = sandbox.getByRole('region', { name: 'Authorizer' });
  await expect(panel).toContainText('Lambda authorizer, TOKEN');
  await expect(panel).toContainText('Allow: the request goes on to the integration');
  await expect(panel).toContainText('"authorizationToken": "Bearer alice-token"');
  await expect(panel.getByText('Cache hit', { exact: true })).toHaveCount(0);
  const second = await runAndWait<Outcome>(sandbox);
  expect(second.authorizer).toMatchObject({ decision: 'allow', cached: true, event: null });
  await expect(panel.getByText('Cache hit', { exact: true })).toBeVisible();
  await expect(sandbox.getByText(/^Cache hit: this run's authorizer answer came from the cache/)).toBeVisible();

  // The function switch, by keyboard: the editor shows the authorizer.
  await functions.getByRole('radio', { name: 'Handler' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(functions.getByRole('radio', { name: 'Authorizer (auth)' })).toBeChecked();
  await expect(sandbox.getByRole('tab', { name: /^Authorizer auth\.ts/ })).toBeVisible();
  const code = sandbox.getByRole('textbox', { name: 'Authorizer code (TypeScript)' });
  await expect(code).toBeVisible();

  // Edited to deny everyone: a new deployment, the function called again, 403.
  const source = await sandbox.evaluate((el) => (el as HTMLElement & { handlerSource: string }).handlerSource);
  expect(source).toContain("const effect = user === 'bob' ? 'Deny' : 'Allow';");
  const denying = source.replace("const effect = user === 'bob' ? 'Deny' : 'Allow';", "const effect = 'Deny';");
  await code.click();
  await expect(code, 'CodeMirror replaced the textarea').toHaveAttribute('contenteditable', 'true');
  await code.fill(denying);
  await expect(code).toContainText("const effect = 'Deny';");
  const denied = await runAndWait<Outcome>(sandbox);
  expect(denied.response.status).toBe(403);
  expect(denied.authorizer).toMatchObject({ decision: 'deny', cached: false });
  await expect(panel).toContainText('Deny: the gateway answers 403');
  await expect(sandbox.getByRole('region', { name: 'API response' })).toContainText(
    'User is not authorized to access this resource with an explicit deny',
  );

  // Every edit is kept, per function and language, across switches and a reload.
  await functions.getByRole('radio', { name: 'Handler' }).check();
  await expect(sandbox.getByRole('tab', { name: /^Handler items_handler\.ts/ })).toBeVisible();
  await sandbox.getByRole('radiogroup', { name: 'Language' }).getByRole('radio', { name: 'Python' }).check();
  await functions.getByRole('radio', { name: 'Authorizer (auth)' }).check();
  await expect(sandbox.getByRole('tab', { name: /^Authorizer auth\.py/ })).toBeVisible();
  expect(await sandbox.evaluate((el) => (el as HTMLElement & { handlerSource: string }).handlerSource)).toContain(
    'def lambda_handler',
  );
  await typescript(sandbox);
  const kept = () => sandbox.evaluate((el) => (el as HTMLElement & { handlerSource: string }).handlerSource);
  expect(await kept()).toContain("const effect = 'Deny';");
  await page.waitForTimeout(300);
  await page.reload();
  const again = await sandboxOf(page, 'authorizer-token', 'allowed');
  await again.getByRole('radiogroup', { name: 'Function' }).getByRole('radio', { name: 'Authorizer (auth)' }).check();
  expect(await again.evaluate((el) => (el as HTMLElement & { handlerSource: string }).handlerSource)).toContain(
    "const effect = 'Deny';",
  );
  // Reset brings the documented authorizer back.
  await again.getByRole('button', { name: 'Reset' }).click();
  expect(await again.evaluate((el) => (el as HTMLElement & { handlerSource: string }).handlerSource)).toContain(
    "const effect = user === 'bob' ? 'Deny' : 'Allow';",
  );
});

test("the documented exchange's earlier call fills the cache: the cached exchange matches on its first Run", async ({
  page,
}) => {
  await page.goto(CHAPTER);
  const sandbox = await sandboxOf(page, 'authorizer-token', 'cached');
  await typescript(sandbox);
  const outcome = await runAndWait<Outcome>(sandbox);
  expect(outcome.authorizer).toMatchObject({ cached: true });
  await expect(sandbox.getByRole('region', { name: 'API request' })).toContainText(
    "sent after 1 earlier request (the documented exchange's)",
  );
  await expect(sandbox.getByText('✓ Same as documented above')).toBeVisible();
});

test('API keys and their usage plan are shown by the request; pressing Run spends the quota (429)', async ({
  page,
}) => {
  await page.goto(CHAPTER);
  const sandbox = await sandboxOf(page, 'api-key', 'with-key');
  const keys = sandbox.getByRole('list', { name: /API keys/ });
  await expect(keys.getByRole('listitem')).toContainText([
    /alice-key-0123456789abcdef usage plan free: .*3 requests per day/,
  ]);
  await typescript(sandbox);
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) statuses.push((await runAndWait<Outcome>(sandbox)).response.status);
  expect(statuses).toEqual([200, 200, 200, 429]);
  await expect(sandbox.getByRole('region', { name: 'API response' })).toContainText('Limit Exceeded');
});

test('Copy as curl serves the authorizer function and the API keys', async ({ page }) => {
  await page.goto(CHAPTER);
  const sandbox = await sandboxOf(page, 'authorizer-token', 'allowed');
  await sandbox.getByText('The curl and apigw-lab serve commands').click();
  await expect(sandbox.getByRole('group', { name: /serve the example/ })).toContainText(
    '--function auth=examples/authorizer-token/auth.py',
  );
  const keys = await sandboxOf(page, 'api-key', 'with-key');
  await keys.getByText('The curl and apigw-lab serve commands').click();
  await expect(keys.getByRole('group', { name: /serve the example/ })).toContainText(
    '--usage-plan free:rate=10,burst=5,quota=3/DAY --api-key alice-key-0123456789abcdef=free',
  );
});

test('on a phone, the access controls fit the sandbox', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(CHAPTER);
  for (const [example, exchange] of [
    ['authorizer-token', 'allowed'],
    ['api-key', 'with-key'],
  ] as const) {
    const sandbox = await sandboxOf(page, example, exchange);
    const overflow = await sandbox.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow, `${example}/${exchange} scrolls sideways`).toBeLessThanOrEqual(0);
  }
  // The sign-in and signing choices (long access keys and secrets), where the site has them.
  const signing = pageWith(/data-sign-(in|with)/);
  if (signing) {
    await page.goto(signing);
    const sandbox = await sandboxWith(page, 'input[data-sign-in], input[data-sign-with]');
    const overflow = await sandbox.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow, `${signing}: a sandbox with sign-in or signing scrolls sideways`).toBeLessThanOrEqual(0);
  }
});

test('Sign in as: another user, the token in the request as sent', async ({ page }) => {
  const path = pageWith(/<input[^>]*value="[^"]+"[^>]*checked[^>]*data-sign-in/);
  test.skip(!path, 'no sandbox on the site signs in its documented request yet');
  await page.goto(path!);
  // A sandbox whose documented request is signed in (its user preselected).
  const sandbox = await sandboxWith(page, 'input[data-sign-in]:checked:not([value=""])');
  await typescript(sandbox);
  const users = sandbox.getByRole('radiogroup', { name: /^Sign in as/ });
  const radios = users.getByRole('radio');
  expect(await radios.count()).toBeGreaterThanOrEqual(2);
  // Someone other than the documented user (or the first user when nobody is preselected).
  const checked = await users.getByRole('radio', { checked: true }).getAttribute('value');
  const other = (await radios.evaluateAll((rs) => rs.map((r) => (r as HTMLInputElement).value))).find(
    (v) => v && v !== checked,
  )!;
  await users.locator(`input[value="${other}"]`).check();
  const outcome = await runAndWait<Outcome>(sandbox);
  const authorization = outcome.sentRequest?.headers.find(([k]) => /^authorization$/i.test(k))?.[1];
  expect(authorization, 'the token is in the request as sent').toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
  await expect(sandbox.getByRole('region', { name: 'API request' })).toContainText(`signed in as ${other}`);
  await expect(sandbox.getByRole('region', { name: 'API request' })).toContainText(authorization!);
  // Nobody: no token.
  await users.getByRole('radio', { name: /^nobody/ }).check();
  const anonymous = await runAndWait<Outcome>(sandbox);
  expect(anonymous.response.status).toBe(401);
});

test('Sign this request: the canonical request and the string to sign', async ({ page }) => {
  const path = pageWith(/<input[^>]*value="[^"]+"[^>]*checked[^>]*data-sign-with/);
  test.skip(!path, 'no sandbox on the site signs its documented request yet');
  await page.goto(path!);
  // A sandbox whose documented request is signed (its access key preselected).
  const sandbox = await sandboxWith(page, 'input[data-sign-with]:checked:not([value=""])');
  await typescript(sandbox);
  const signing = sandbox.getByRole('radiogroup', { name: /^Sign this request/ });
  await expect(signing.getByRole('radio', { name: "Don't sign" })).not.toBeChecked();
  const outcome = await runAndWait<Outcome>(sandbox);
  expect(outcome.signing?.canonicalRequest).toBeTruthy();
  const panel = sandbox.getByRole('region', { name: 'Signature (SigV4)' });
  await expect(panel).toContainText('Canonical request');
  await expect(panel).toContainText(outcome.signing!.stringToSign.split('\n')[0]!);
  await expect(panel).toContainText(outcome.signing!.signature);
  await sandbox.getByText('The curl and apigw-lab serve commands').click();
  await expect(sandbox.getByRole('group', { name: /send this request/ })).toContainText(
    '--aws-sigv4 aws:amz:us-east-1:execute-api --user',
  );
  // Unsigned: IAM refuses it.
  await signing.getByRole('radio', { name: "Don't sign" }).check();
  const unsigned = await runAndWait<Outcome>(sandbox);
  expect(unsigned.response.status).toBe(403);
  expect(unsigned.signing).toBeUndefined();
  await expect(sandbox.getByRole('region', { name: 'Signature (SigV4)' })).toBeHidden();
});

for (const theme of ['light', 'dark'] as const) {
  test(`${theme} theme: the Authorizer panel with its cache hit, and the Signature panel, have no serious axe violation`, async ({
    page,
  }) => {
    await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    await page.goto(CHAPTER);
    const sandbox = await sandboxOf(page, 'authorizer-token', 'allowed');
    await typescript(sandbox);
    await runAndWait(sandbox);
    await runAndWait(sandbox);
    await expect(
      sandbox.getByRole('region', { name: 'Authorizer' }).getByText('Cache hit', { exact: true }),
    ).toBeVisible();
    const selectors = ['apigw-sandbox[data-example="authorizer-token"][data-exchange="allowed"]'];
    const signing = pageWith(/<input[^>]*value="[^"]+"[^>]*checked[^>]*data-sign-with/);
    const check = async () => {
      const results = await new AxeBuilder({ page }).include(selectors).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    };
    await check();
    if (signing) {
      await page.goto(signing);
      const signed = await sandboxWith(page, 'input[data-sign-with]:checked:not([value=""])');
      await typescript(signed);
      await runAndWait(signed);
      await expect(signed.getByRole('region', { name: 'Signature (SigV4)' })).toBeVisible();
      selectors[0] = `apigw-sandbox[data-exchange="${await signed.getAttribute('data-exchange')}"]`;
      await check();
    }
  });
}
