import { expect, test, type Page } from '@playwright/test';

const PAGE = '/chapters/securing-your-api/';

/** The exercise on the page, found by its heading. */
const exerciseOf = (page: Page) => page.locator('apigw-exercise[data-exercise="alice-reads"]');

type Result = { title: string; pass: boolean; expected: number; actual: number | null };
const resultsOf = (page: Page) =>
  exerciseOf(page).evaluate((el) => (el as HTMLElement & { lastResults: unknown }).lastResults as Result[]);

test.beforeEach(async ({ page }) => {
  await page.goto(PAGE);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
});

for (const language of ['Python', 'TypeScript'] as const) {
  test(`the starter code (${language}) fails a check, the solution passes them all, and the edit is kept`, async ({
    page,
  }) => {
    const exercise = exerciseOf(page);
    await exercise.getByRole('radio', { name: language }).check();
    const code = exercise.getByRole('textbox', { name: `Authorizer code (${language})` });

    await exercise.getByRole('button', { name: 'Check' }).click();
    await expect(exercise).toHaveAttribute('data-status', 'failed', { timeout: 90_000 });
    const starter = await resultsOf(page);
    expect(starter.find((r) => r.title === 'alice cannot create an item')).toMatchObject({ pass: false, actual: 201 });
    expect(starter.find((r) => r.title === 'an unknown token gets 401')).toMatchObject({ pass: true, actual: 401 });
    await expect(exercise.getByRole('status')).toContainText(/\d of 6 checks pass/);
    await expect(exercise.getByRole('list', { name: 'Check results' })).toContainText(
      'Fail: alice cannot create an item',
    );

    // The hint and a solution are one click away.
    await exercise.getByText('Hint', { exact: true }).click();
    await expect(exercise).toContainText('methodArn');
    await exercise.getByText('A solution', { exact: true }).click();
    const solution = (await exercise.getByLabel(`A solution (${language})`).textContent()) ?? '';
    expect(solution).toContain('Deny');

    await code.click();
    // CodeMirror replaces the textarea on first focus (its content is a textbox of the same name).
    await expect(code).toHaveAttribute('contenteditable', 'true');
    await code.fill(solution);
    await exercise.getByRole('button', { name: 'Check' }).click();
    await expect(exercise).toHaveAttribute('data-status', 'passed', { timeout: 90_000 });
    expect((await resultsOf(page)).every((r) => r.pass)).toBe(true);
    await expect(exercise.getByRole('status')).toContainText('All 6 checks pass');

    // The reader's code survives a reload; Reset brings the starter back.
    await page.reload();
    const again = exerciseOf(page);
    await again.getByRole('radio', { name: language }).check();
    await expect(again.getByRole('textbox', { name: `Authorizer code (${language})` })).toHaveValue(/Deny/);
    await again.getByRole('button', { name: 'Reset to the starter code' }).click();
    await expect(again.getByRole('textbox', { name: `Authorizer code (${language})` })).toHaveValue(
      /Today everyone who has a token may do everything/,
    );
  });
}

test('code that throws or does not parse is reported per check, and the page keeps working', async ({ page }) => {
  const exercise = exerciseOf(page);
  await exercise.getByRole('radio', { name: 'TypeScript' }).check();
  const code = exercise.getByRole('textbox', { name: 'Authorizer code (TypeScript)' });
  await code.click();
  await expect(code).toHaveAttribute('contenteditable', 'true');
  await code.fill('export const handler = async () => { throw new Error("boom"); };');
  await exercise.getByRole('button', { name: 'Check' }).click();
  await expect(exercise).toHaveAttribute('data-status', 'failed', { timeout: 90_000 });
  // An authorizer that fails (not with "Unauthorized") makes API Gateway answer 500.
  const results = await resultsOf(page);
  expect(results.find((r) => r.title === 'alice reads the items')).toMatchObject({ pass: false, actual: 500 });

  // Code that does not parse: every check fails, with an answer or a reason, and Check works again once it is fixed.
  await code.fill('export const handler = async (event => {');
  await exercise.getByRole('button', { name: 'Check' }).click();
  await expect(exercise).toHaveAttribute('data-status', /failed|error/, { timeout: 90_000 });
  await expect(exercise.getByRole('status')).not.toContainText('All 6');
  await exercise.getByRole('button', { name: 'Reset to the starter code' }).click();
  await exercise.getByRole('button', { name: 'Check' }).click();
  await expect(exercise).toHaveAttribute('data-status', 'failed', { timeout: 90_000 });
  expect((await resultsOf(page)).filter((r) => r.pass)).not.toEqual([]);
});

test.describe('the burst exercise (Advanced considerations: a stage config, not code)', () => {
  const BURST_PAGE = '/chapters/advanced-topics/';
  const burstExercise = (page: Page) => page.locator('apigw-exercise[data-exercise="burst-50"]');
  const burstResults = (page: Page) =>
    burstExercise(page).evaluate(
      (el) => (el as HTMLElement & { lastResults: unknown }).lastResults as Array<Result & { kind: string }>,
    );

  test.beforeEach(async ({ page }) => {
    await page.goto(BURST_PAGE);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
  });

  test('the starter config lets the whole burst through; a wrong burst limit fails; the solution passes', async ({
    page,
  }) => {
    const exercise = burstExercise(page);
    const config = exercise.getByRole('textbox', { name: 'Stage config (stage.json)' });
    await exercise.scrollIntoViewIfNeeded();
    await exercise.getByRole('button', { name: 'Check' }).click();
    await expect(exercise).toHaveAttribute('data-status', 'failed', { timeout: 90_000 });
    const starter = await burstResults(page);
    expect(starter.find((r) => r.title.startsWith('a burst of 50'))).toMatchObject({
      kind: 'throttled',
      pass: false,
      expected: 10,
      actual: 0,
    });
    await expect(exercise.getByRole('list', { name: 'Check results' })).toContainText('expected 10 throttled, got 0');

    // A wrong stage config: a bucket of 45 throttles 5 of the 50.
    const starterText = await config.inputValue();
    const wrong = starterText.replace('"throttlingBurstLimit": 100', '"throttlingBurstLimit": 45');
    expect(wrong).not.toBe(starterText);
    await config.click();
    const editor = exercise.getByRole('textbox', { name: 'Stage config (stage.json)' });
    await expect(editor).toHaveAttribute('contenteditable', 'true');
    await editor.fill(wrong);
    await exercise.getByRole('button', { name: 'Check' }).click();
    await expect(exercise).toHaveAttribute('data-status', 'failed', { timeout: 90_000 });
    expect((await burstResults(page)).find((r) => r.title.startsWith('a burst of 50'))).toMatchObject({
      pass: false,
      actual: 5,
    });
    await expect(exercise.getByRole('list', { name: 'Check results' })).toContainText('45 × 200, 5 × 429');

    // The solution shown under "A solution": a bucket of 40.
    await exercise.getByText('A solution', { exact: true }).click();
    const solution = (await exercise.getByLabel('A solution (stage.json)').textContent()) ?? '';
    expect(solution).toContain('"throttlingBurstLimit": 40');
    await editor.fill(solution);
    await exercise.getByRole('button', { name: 'Check' }).click();
    await expect(exercise).toHaveAttribute('data-status', 'passed', { timeout: 90_000 });
    expect((await burstResults(page)).every((r) => r.pass)).toBe(true);
    await expect(exercise.getByRole('status')).toContainText('All 3 checks pass');

    // The edit survives a reload; Reset brings the starter config back.
    await page.reload();
    const again = burstExercise(page);
    await expect(again.getByRole('textbox', { name: 'Stage config (stage.json)' })).toHaveValue(
      /"throttlingBurstLimit": 40/,
    );
    await again.getByRole('button', { name: 'Reset to the starter config' }).click();
    await expect(again.getByRole('textbox', { name: 'Stage config (stage.json)' })).toHaveValue(
      /"throttlingBurstLimit": 100/,
    );
  });

  test('a stage config that is not JSON is reported, and the page keeps working', async ({ page }) => {
    const exercise = burstExercise(page);
    const config = exercise.getByRole('textbox', { name: 'Stage config (stage.json)' });
    await config.click();
    const editor = exercise.getByRole('textbox', { name: 'Stage config (stage.json)' });
    await expect(editor).toHaveAttribute('contenteditable', 'true');
    await editor.fill('{ "methodSettings": ');
    await exercise.getByRole('button', { name: 'Check' }).click();
    await expect(exercise).toHaveAttribute('data-status', /failed|error/, { timeout: 90_000 });
    await expect(exercise.getByRole('status')).not.toContainText('All 3');
    await exercise.getByRole('button', { name: 'Reset to the starter config' }).click();
    await exercise.getByRole('button', { name: 'Check' }).click();
    await expect(exercise).toHaveAttribute('data-status', 'failed', { timeout: 90_000 });
    expect((await burstResults(page)).filter((r) => r.pass)).not.toEqual([]);
  });
});
