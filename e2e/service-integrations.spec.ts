/**
 * The AWS services panel (issue #14) on the integrations page, as a reader uses it, elements found by role: its module
 * is fetched only after the first Run; two Runs of the SQS sandbox leave two messages in the queue with the bodies sent,
 * and Consume receives and deletes them (the queue is then empty); the Kinesis sandbox shows the record in its shard
 * with the data decoded; the Step Functions sandbox shows the execution reaching SUCCEEDED with its steps, in
 * TypeScript and in Python; axe finds no serious violation in the open panels in either theme, and on a 390 px wide
 * phone the panel does not widen the page.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { runAndWait } from './sandbox-run.js';

const PAGE = '/chapters/integrations/';
/** A string only the service panel's code holds. */
const PANEL_MARK = 'data-consume-summary';

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('apigw-e2e-started')) {
      localStorage.clear();
      sessionStorage.setItem('apigw-e2e-started', '1');
    }
  });
});

async function sandboxOf(page: Page, example: string, exchange: string): Promise<Locator> {
  const sandbox = page.locator(`apigw-sandbox[data-example="${example}"][data-exchange="${exchange}"]`);
  await sandbox.scrollIntoViewIfNeeded();
  await expect(sandbox).toHaveAttribute('data-ready', '');
  return sandbox;
}

/** The texts of one column (by its header) of a table. */
async function column(table: Locator, name: string): Promise<string[]> {
  const headers = (await table.getByRole('columnheader').allTextContents()).map((h) => h.trim());
  const index = headers.indexOf(name);
  expect(index, `${name} in ${headers.join(', ')}`).toBeGreaterThanOrEqual(0);
  const out: string[] = [];
  for (const row of await table.locator('tbody tr').all())
    out.push(((await row.locator('th, td').nth(index).textContent()) ?? '').trim());
  return out;
}

test('SQS: two Runs put two messages on the queue, Consume receives and deletes them; the panel loads on first use', async ({
  page,
}) => {
  const scripts: string[] = [];
  page.on('response', async (response) => {
    if (response.url().endsWith('.js')) scripts.push(await response.text().catch(() => ''));
  });
  await page.goto(PAGE);
  const sandbox = await sandboxOf(page, 'sqs-send-message', 'send-message');
  const panel = sandbox.getByRole('region', { name: 'AWS services' });
  await expect(panel.getByRole('status')).toHaveText('Not run yet: press Run.');
  expect(
    scripts.some((s) => s.includes(PANEL_MARK)),
    'the service panel fetched before a Run',
  ).toBe(false);

  const bodyField = sandbox.getByRole('textbox', { name: 'Body' });
  const first = await bodyField.inputValue();
  await runAndWait(sandbox);
  const second = '{"orderId": "o-1002", "item": "Mouse + pad", "quantity": 2}';
  await bodyField.fill(second);
  await runAndWait(sandbox);
  expect(
    scripts.some((s) => s.includes(PANEL_MARK)),
    'the service panel fetched once a Run reached the service',
  ).toBe(true);

  // The call: the service, the action, the role, and SQS's wire answer.
  await expect(panel).toContainText('SendMessage');
  await expect(panel).toContainText('arn:aws:iam::123456789012:role/apigateway-sqs');
  await expect(panel.getByRole('group', { name: /The service's answer/ })).toContainText('HTTP/1.1 200');
  await expect(sandbox.getByRole('region', { name: 'Integration request' })).toContainText(
    'POST https://sqs.us-east-1.amazonaws.com/123456789012/orders',
  );

  const queue = panel.getByRole('table', { name: 'Messages in orders (2 messages)' });
  await expect(queue).toBeVisible();
  expect(await column(queue, 'Body')).toEqual([first, second]);
  expect(await column(queue, 'State')).toEqual(['visible', 'visible']);

  await panel.getByRole('button', { name: 'Consume orders' }).click();
  await expect(panel.getByRole('status')).toHaveText('Consumed orders: received 2 messages and deleted 2.', {
    timeout: 30_000,
  });
  const received = panel.getByRole('table', { name: 'Received from orders' });
  expect((await column(received, 'Body')).sort()).toEqual([first, second].sort());
  await expect(panel.getByText('No messages: the queue is empty.')).toBeVisible();
  await expect(panel.getByRole('table', { name: /^Messages in orders/ })).toHaveCount(0);

  // The open panel, in both themes: no serious accessibility violation (contrast included).
  for (const theme of ['dark', 'light']) {
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    const results = await new AxeBuilder({ page })
      .include('apigw-sandbox[data-example="sqs-send-message"] [data-services]')
      .analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${theme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
});

test('Kinesis: the record is in its shard, with its sequence number, partition key and decoded data', async ({
  page,
}) => {
  await page.goto(PAGE);
  const sandbox = await sandboxOf(page, 'kinesis-put-record', 'put-record');
  const body = JSON.parse(await sandbox.getByRole('textbox', { name: 'Body' }).inputValue()) as {
    Data: unknown;
    PartitionKey: string;
  };
  const outcome = await runAndWait<{ response: { body: string } }>(sandbox);
  const answer = JSON.parse(outcome.response.body) as { SequenceNumber: string; ShardId: string };
  const panel = sandbox.getByRole('region', { name: 'AWS services' });
  const shard = panel.getByRole('table', { name: `Shard ${answer.ShardId} of clicks (1 record)` });
  await expect(shard).toBeVisible();
  expect(await column(shard, 'Sequence number')).toEqual([answer.SequenceNumber]);
  expect(await column(shard, 'Partition key')).toEqual([body.PartitionKey]);
  // $input.json('$.Data') base64-encoded by the template: the stream holds the JSON text, decoded here.
  expect(await column(shard, 'Data (decoded)')).toEqual([JSON.stringify(body.Data)]);
});

test('Step Functions: the execution reaches SUCCEEDED through its steps, in TypeScript and in Python', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto(PAGE);
  const sandbox = await sandboxOf(page, 'stepfunctions-start-execution', 'start-in-stock');
  const panel = sandbox.getByRole('region', { name: 'AWS services' });
  for (const language of ['TypeScript', 'Python']) {
    await sandbox.getByRole('radiogroup', { name: 'Language' }).getByRole('radio', { name: language }).check();
    const outcome = await runAndWait<{ response: { body: string } }>(sandbox);
    const { executionArn } = JSON.parse(outcome.response.body) as { executionArn: string };
    const name = executionArn.slice(executionArn.lastIndexOf(':') + 1);
    const steps = panel.getByRole('table', { name: `Steps of execution ${name} (OrderFlow)` });
    await expect(steps).toBeVisible();
    await expect(panel.getByText(new RegExp(`^${name}: SUCCEEDED`))).toBeVisible();
    const events = await column(steps, 'Event');
    const states = await column(steps, 'State');
    expect(events[0], language).toBe('ExecutionStarted');
    expect(events.at(-1), language).toBe('ExecutionSucceeded');
    for (const state of ['ReadOrder', 'CheckStock', 'InStock?', 'WaitForPacking', 'Shipped'])
      expect(states, `${language}: ${state} entered`).toContain(state);
    expect(states).not.toContain('OutOfStock');
    // The Task's output is what check_stock returned in this language.
    const outputs = await column(steps, 'Output');
    expect(outputs.join('\n'), language).toMatch(/"available": ?true/);
  }
});

test('on a 390 px wide phone, the open panel does not widen the page', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(PAGE);
  // Long unbroken values: the execution's JSON output, ARNs, message ids.
  const sandbox = await sandboxOf(page, 'stepfunctions-start-execution', 'start-in-stock');
  await sandbox.getByRole('radiogroup', { name: 'Language' }).getByRole('radio', { name: 'TypeScript' }).check();
  await runAndWait(sandbox);
  const panel = sandbox.getByRole('region', { name: 'AWS services' });
  await expect(panel.getByRole('table', { name: /^Steps of execution/ })).toBeVisible();
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    viewport: document.documentElement.clientWidth,
  }));
  expect(widths.page).toBeLessThanOrEqual(widths.viewport);
  // Nothing in the panel reaches past the screen's right edge (tables and the wire answer scroll in their own boxes).
  const past = await panel.evaluate((section) => {
    const right = document.documentElement.clientWidth;
    return [...section.querySelectorAll('*')]
      .filter((el) => !el.closest('.sb-svc-table-wrap, pre') && el.getBoundingClientRect().right > right + 1)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.textContent?.slice(0, 40)}`);
  });
  expect(past).toEqual([]);
});
