import { expect, type Locator } from '@playwright/test';

/** Clicks the sandbox's Run, waits for a successful run and returns its (new) outcome. */
export async function runAndWait<Outcome>(sandbox: Locator): Promise<Outcome> {
  const before = await sandbox.evaluate((el) => (el as HTMLElement & { lastOutcome?: unknown }).lastOutcome ?? null);
  await sandbox.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(sandbox).toHaveAttribute('data-status', /done|error/, { timeout: 90_000 });
  await expect(sandbox, String(await sandbox.locator('[data-state]').textContent())).toHaveAttribute(
    'data-status',
    'done',
  );
  const outcome = await sandbox.evaluate((el) => (el as HTMLElement & { lastOutcome?: unknown }).lastOutcome);
  expect(outcome, 'a new outcome').not.toEqual(before);
  return outcome as Outcome;
}
