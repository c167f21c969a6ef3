import { expect, test, type Page } from '@playwright/test';

/**
 * Issue #15's exercises: a new one (the pricing chapter's, on the handler itself) fails with the starter and passes
 * with the solution; the sidebar's mark beside the chapter turns to "exercise done" when it passes and stays after a
 * reload; "Your changes" diffs the reader's edit against the starter.
 */
const PAGE = '/chapters/pricing/';
const exerciseOf = (page: Page) => page.locator('apigw-exercise[data-exercise="rest-request-cost"]');
const sidebarLink = (page: Page, name: RegExp) => page.locator('#starlight__sidebar').getByRole('link', { name });

type Result = { title: string; pass: boolean; actual: number | null; why?: string };
const resultsOf = (page: Page) =>
  exerciseOf(page).evaluate((el) => (el as HTMLElement & { lastResults: unknown }).lastResults as Result[]);

test.beforeEach(async ({ page }) => {
  await page.goto(PAGE);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
});

test('the starter fails, an edit shows in the diff, the solution passes and the sidebar marks the chapter done', async ({
  page,
}) => {
  const exercise = exerciseOf(page);
  await expect(sidebarLink(page, /§8 Pricing\s+exercise not done yet/)).toBeVisible();
  await expect(sidebarLink(page, /§2 Securing your API\s+exercise not done yet/)).toBeVisible();

  await exercise.getByRole('radio', { name: 'TypeScript' }).check();
  const code = exercise.getByRole('textbox', { name: 'Handler code (TypeScript)' });
  const starter = await code.inputValue();
  await exercise.getByRole('button', { name: 'Check' }).click();
  await expect(exercise).toHaveAttribute('data-status', 'failed', { timeout: 90_000 });
  const failed = await resultsOf(page);
  expect(failed.find((r) => r.title.startsWith('500 million'))).toMatchObject({
    pass: false,
    actual: 200,
    why: 'body.usd was "1750.00", expected "1633.10"',
  });
  expect(failed.find((r) => r.title.startsWith('10 million'))).toMatchObject({ pass: true });
  await expect(exercise.getByRole('list', { name: 'Check results' })).toContainText('body.usd was "1750.00"');
  // A Check that fails leaves the mark as it was.
  await expect(sidebarLink(page, /§8 Pricing\s+exercise not done yet/)).toBeVisible();

  // One line edited: "Your changes" shows it removed and added.
  const edited = starter.replace("// Today every request is charged at the first tier's rate.", '// My first edit.');
  expect(edited).not.toBe(starter);
  await code.click();
  await expect(code).toHaveAttribute('contenteditable', 'true');
  await code.fill(edited);
  await exercise.getByText('Your changes', { exact: true }).click();
  const diff = exercise.getByLabel('Your changes (diff against the starter)');
  await expect(diff).toContainText("-  // Today every request is charged at the first tier's rate.");
  await expect(diff).toContainText('+  // My first edit.');
  await expect(diff).toContainText('+++ cost_handler.ts (yours)');

  // The solution passes, and the sidebar's mark turns to done at once.
  await exercise.getByText('A solution', { exact: true }).click();
  const solution = (await exercise.getByLabel('A solution (TypeScript)').textContent()) ?? '';
  expect(solution).toContain('for (const [size, rate] of TIERS)');
  await code.fill(solution);
  await exercise.getByRole('button', { name: 'Check' }).click();
  await expect(exercise).toHaveAttribute('data-status', 'passed', { timeout: 90_000 });
  expect((await resultsOf(page)).every((r) => r.pass)).toBe(true);
  await expect(exercise.getByRole('status')).toContainText('All 5 checks pass');
  await expect(sidebarLink(page, /§8 Pricing\s+exercise done/)).toBeVisible();
  await expect(sidebarLink(page, /§2 Securing your API\s+exercise not done yet/)).toBeVisible();

  // It survives a reload, and shows on the other pages' sidebars too.
  await page.reload();
  await expect(sidebarLink(page, /§8 Pricing\s+exercise done/)).toBeVisible();
  await page.goto('/chapters/conclusion/');
  await expect(sidebarLink(page, /§8 Pricing\s+exercise done/)).toBeVisible();
  await expect(sidebarLink(page, /§9 Conclusion\s+exercise not done yet/)).toBeVisible();
});

test('the items walkthrough ends with its exercise: the starter answers DELETE 405, the Python solution passes', async ({
  page,
}) => {
  await page.goto('/walkthrough/items/');
  const exercise = page.locator('apigw-exercise[data-exercise="items-delete"]');
  await expect(page.getByRole('heading', { name: 'Exercise', exact: true })).toBeVisible();
  const code = exercise.getByRole('textbox', { name: 'Handler code (Python)' });
  await expect(code).toHaveValue(/def lambda_handler/);
  await exercise.getByRole('button', { name: 'Check' }).click();
  await expect(exercise).toHaveAttribute('data-status', 'failed', { timeout: 120_000 });
  await expect(exercise.getByRole('list', { name: 'Check results' })).toContainText(
    'Fail: DELETE /items/1 answers 204 with no body',
  );
  await exercise.getByText('A solution', { exact: true }).click();
  const solution = (await exercise.getByLabel('A solution (Python)').textContent()) ?? '';
  await code.click();
  await expect(code).toHaveAttribute('contenteditable', 'true');
  await code.fill(solution);
  await exercise.getByRole('button', { name: 'Check' }).click();
  await expect(exercise).toHaveAttribute('data-status', 'passed', { timeout: 120_000 });
  await expect(sidebarLink(page, /§6 The items walkthrough\s+exercise done/)).toBeVisible();
});

test('the chat exercise (endpoint types) diffs the edited handler against the starter too', async ({ page }) => {
  await page.goto('/chapters/endpoint-types/');
  const exercise = page.locator('apigw-chat-exercise[data-exercise="whisper"]');
  await exercise.scrollIntoViewIfNeeded();
  await exercise.getByRole('radio', { name: 'TypeScript' }).check();
  const code = exercise.getByRole('textbox', { name: /^Handler code \(chat_handler\.ts/ });
  const starter = await code.inputValue();
  await exercise.getByText('Your changes', { exact: true }).click();
  const diff = exercise.getByLabel('Your changes (diff against the starter)');
  await expect(diff).toHaveText('No changes yet: this is the starter.');
  await code.click();
  await expect(code).toHaveAttribute('contenteditable', 'true');
  await code.fill(`// whisper goes here\n${starter}`);
  await expect(diff).toContainText('+// whisper goes here');
  await expect(diff).toContainText('--- chat_handler.ts (starter)');
  // Reset brings the starter back, and the diff says so.
  await exercise.getByRole('button', { name: 'Reset to the starter code' }).click();
  await expect(diff).toHaveText('No changes yet: this is the starter.');
});

test('every chapter and the items walkthrough end with an Exercise section holding an exercise', async ({ page }) => {
  const links = await page
    .locator('#starlight__sidebar a[href*="/chapters/"], #starlight__sidebar a[href*="/walkthrough/"]')
    .all();
  const hrefs = await Promise.all(links.map((l) => l.getAttribute('href')));
  expect(hrefs.length).toBe(10);
  for (const href of hrefs) {
    await page.goto(href!);
    const headings = await page.locator('main h2').allTextContents();
    expect(headings.at(-1)?.trim(), href!).toMatch(/^Exercises?$/);
    await expect(page.locator('apigw-exercise, apigw-chat-exercise').first(), href!).toBeAttached();
    await expect(page.locator('#starlight__sidebar a[aria-current="page"]'), href!).toHaveAccessibleName(
      /exercise not done yet$/,
    );
  }
});
