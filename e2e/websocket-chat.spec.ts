/**
 * The chat sandbox on "Types of API Gateway endpoints" (issue #13), in the real page (in-page Worker runtime): three
 * clients replay examples/websocket-chat/session.json through the UI and every frame each receives is compared with
 * the documented ones; an edited handler is deployed on the next Connect; the whisper exercise's Check fails with the
 * starter code and passes with the solution. Elements are found by their roles and accessible names.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';

const PAGE = '/chapters/endpoint-types/';

interface Step {
  client: string;
  connect?: { query?: string; expectStatus?: number };
  send?: string;
  disconnect?: Record<string, never>;
  expect?: Array<{ client: string; data: string }>;
}
const session = JSON.parse(readFileSync('examples/websocket-chat/session.json', 'utf8')) as {
  clients: string[];
  steps: Step[];
};

const chatOf = (page: Page) => page.locator('apigw-chat[data-example="websocket-chat"]');
const clientOf = (page: Page, client: string) => chatOf(page).getByRole('region', { name: client, exact: true });

/** Waits until the chat has done everything asked of it and frames had time to arrive. */
const idle = (page: Page) =>
  chatOf(page).evaluate(async (el) => {
    const c = await (el as HTMLElement & { controller(): Promise<{ idle(): Promise<void> }> }).controller();
    await c.idle();
  });

/** The frames `client` has received so far, as text. */
const receivedBy = (page: Page, client: string) =>
  clientOf(page, client)
    .getByRole('list', { name: `${client}'s frames` })
    .locator('li[data-direction="received"] code')
    .allTextContents();

async function setHandler(chat: Locator, label: RegExp, source: string): Promise<void> {
  const code = chat.getByRole('textbox', { name: label });
  await code.click();
  // CodeMirror replaces the textarea on first focus (its content is a textbox of the same name).
  await expect(code).toHaveAttribute('contenteditable', 'true');
  await code.fill(source);
}

test.beforeEach(async ({ page }) => {
  await page.goto(PAGE);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
});

for (const language of ['TypeScript', 'Python'] as const) {
  test(`three clients replay session.json (${language}): every client receives exactly the documented frames`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const chat = chatOf(page);
    await chat.scrollIntoViewIfNeeded();
    await chat.getByRole('radio', { name: language }).check();
    for (const [i, step] of session.steps.entries()) {
      const before = Object.fromEntries(
        await Promise.all(session.clients.map(async (c) => [c, (await receivedBy(page, c)).length] as const)),
      );
      const client = clientOf(page, step.client);
      if (step.connect) {
        await client
          .getByRole('textbox', { name: `Query string of ${step.client}'s connection` })
          .fill(step.connect.query ?? '');
        await client.getByRole('button', { name: `Connect ${step.client}`, exact: true }).click();
      } else if (step.send !== undefined) {
        await client.getByRole('textbox', { name: `Message from ${step.client}` }).fill(step.send);
        await client.getByRole('button', { name: `Send ${step.client}'s message` }).click();
      } else {
        await client.getByRole('button', { name: `Disconnect ${step.client}` }).click();
      }
      await idle(page);
      await expect(chat.getByRole('alert')).toBeHidden();
      await expect(chat).toHaveAttribute('data-runtime', 'worker');
      if (step.connect?.expectStatus !== undefined) {
        await expect(client.getByText(`refused: ${step.connect.expectStatus}`)).toBeVisible();
      } else if (step.connect) {
        await expect(client.getByRole('button', { name: `Disconnect ${step.client}` })).toBeEnabled();
      }
      const received: Array<{ client: string; data: string }> = [];
      for (const c of session.clients)
        for (const data of (await receivedBy(page, c)).slice(before[c])) received.push({ client: c, data });
      const key = (f: { client: string; data: string }) => `${f.client} ${f.data}`;
      expect(received.map(key).sort(), `step ${i} (${step.client})`).toEqual((step.expect ?? []).map(key).sort());
    }
    // Each Lambda invocation is listed, and the sequence diagram (as a list) shows the @connections calls.
    const invocations = chat.getByRole('list', { name: 'Lambda invocations' });
    await expect(invocations).toContainText('sendmessage: statusCode 200');
    await expect(invocations).toContainText('$connect: statusCode 400');
    await chat.getByText('The diagram as a list', { exact: true }).click();
    const flow = chat.getByRole('list', { name: 'What flowed, in order' });
    await expect(flow).toContainText('bob → API Gateway: {"action":"sendmessage","message":"hi"}');
    await expect(flow).toContainText('Lambda → API Gateway: POST');
    await expect(chat.getByRole('img', { name: /^Sequence diagram: \d+ arrows/ })).toBeVisible();
    // Full of frames, invocations (one opened) and arrows, the chat has no serious or critical axe violation.
    await invocations
      .getByText(/^sendmessage: statusCode 200/)
      .first()
      .click();
    const results = await new AxeBuilder({ page })
      .include('apigw-chat')
      .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
      .analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}

test('an edited handler is deployed on the next Connect, and kept after a reload until Reset', async ({ page }) => {
  const chat = chatOf(page);
  await chat.scrollIntoViewIfNeeded();
  await chat.getByRole('radio', { name: 'TypeScript' }).check();
  const source = readFileSync('examples/websocket-chat/chat_handler.ts', 'utf8');
  const edited = source.replace("message: String(message ?? '')", "message: String(message ?? '').toUpperCase()");
  expect(edited).not.toBe(source);
  await setHandler(chat, /^Handler code \(chat_handler\.ts/, edited);
  for (const c of ['alice', 'bob'])
    await clientOf(page, c)
      .getByRole('button', { name: `Connect ${c}`, exact: true })
      .click();
  await clientOf(page, 'bob').getByRole('button', { name: "Send bob's message" }).click();
  await idle(page);
  expect(await receivedBy(page, 'alice')).toEqual(['{"from":"bob","message":"HI"}']);

  await page.reload();
  const again = chatOf(page);
  await again.scrollIntoViewIfNeeded();
  await again.getByRole('radio', { name: 'TypeScript' }).check();
  await expect(again.getByRole('textbox', { name: /^Handler code \(chat_handler\.ts/ })).toHaveValue(/toUpperCase/);
  await again.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(again.getByRole('textbox', { name: /^Handler code \(chat_handler\.ts/ })).not.toHaveValue(/toUpperCase/);
});

test('TypeScript picked before the chat has loaded: the TypeScript handler is what connects', async ({ page }) => {
  // Hold the controller's chunk back so the reader's click on the radio comes first (as on a slow machine).
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_astro/chat-controller.*.js', async (route) => {
    await held;
    await route.continue();
  });
  await page.reload();
  const chat = chatOf(page);
  await chat.scrollIntoViewIfNeeded();
  await chat.getByRole('radio', { name: 'TypeScript' }).check();
  release();
  await expect(chat.getByRole('textbox', { name: /^Handler code \(chat_handler\.ts/ })).toHaveValue(
    readFileSync('examples/websocket-chat/chat_handler.ts', 'utf8'),
  );
  await clientOf(page, 'alice').getByRole('button', { name: 'Connect alice', exact: true }).click();
  await idle(page);
  await expect(clientOf(page, 'alice').getByRole('button', { name: 'Disconnect alice' })).toBeEnabled();
});

test('with short timeouts, API Gateway closes a quiet connection after 20 seconds (1001 Going away)', async ({
  page,
}) => {
  const chat = chatOf(page);
  await chat.scrollIntoViewIfNeeded();
  await chat.getByRole('radio', { name: 'TypeScript' }).check();
  await chat.getByRole('switch', { name: 'Short timeouts' }).check();
  await clientOf(page, 'alice').getByRole('button', { name: 'Connect alice', exact: true }).click();
  await idle(page);
  await expect(clientOf(page, 'alice').getByRole('button', { name: 'Disconnect alice' })).toBeEnabled();
  const connectedAt = Date.now();
  await expect(clientOf(page, 'alice').getByText('closed: 1001 Going away')).toBeVisible({ timeout: 40_000 });
  expect(Date.now() - connectedAt).toBeGreaterThan(15_000);
  await expect(chat.getByRole('list', { name: 'Lambda invocations' })).toContainText('$disconnect: statusCode 200');
});

test('the whisper exercise: Check fails with the starter code and passes with the solution', async ({ page }) => {
  test.setTimeout(180_000);
  const exercise = page.locator('apigw-chat-exercise[data-exercise="whisper"]');
  await exercise.scrollIntoViewIfNeeded();
  await exercise.getByRole('radio', { name: 'TypeScript' }).check();
  await exercise.getByRole('button', { name: 'Check' }).click();
  await expect(exercise).toHaveAttribute('data-status', 'failed', { timeout: 90_000 });
  await expect(exercise.getByRole('list', { name: 'Check results' })).toContainText(
    "Fail: bob, and only bob, hears alice's whisper",
  );
  await expect(exercise.getByRole('status')).toContainText(/\d of 4 checks pass/);

  await exercise.getByText('Hint', { exact: true }).click();
  await expect(exercise).toContainText('PostToConnectionCommand');
  await exercise.getByText('A solution', { exact: true }).click();
  const solution = (await exercise.getByLabel('A solution (TypeScript)').textContent()) ?? '';
  expect(solution).toContain("routeKey === 'whisper'");
  await setHandler(exercise, /^Handler code \(chat_handler\.ts/, solution);
  await exercise.getByRole('button', { name: 'Check' }).click();
  await expect(exercise).toHaveAttribute('data-status', 'passed', { timeout: 90_000 });
  await expect(exercise.getByRole('status')).toContainText('All 4 checks pass');
});
