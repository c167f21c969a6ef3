import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

const PAGE = '/chapters/key-features/';

/** An exchange of the items example, as documented (the TypeScript handler's response). */
function documented(file: string): { method: string; path: string; status: number; body: unknown } {
  const x = JSON.parse(readFileSync(`examples/items/exchanges/${file}`, 'utf8')) as {
    request: { method: string; path: string };
    response: { typescript: { status: number; body: string } };
  };
  return {
    ...x.request,
    status: x.response.typescript.status,
    body: JSON.parse(x.response.typescript.body) as unknown,
  };
}
const INVOKE_URL = (JSON.parse(readFileSync('examples/items/example.json', 'utf8')) as { invokeUrl: string }).invokeUrl;

const widget = (page: Page) => page.locator('apigw-client-sdk[data-example="items"]');

test.beforeEach(async ({ page }) => {
  await page.goto(PAGE);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
});

test('the SDK section shows the erratum with the platforms API Gateway generates', async ({ page }) => {
  const section = page.locator('.sl-markdown-content');
  const erratum = section.getByRole('complementary').filter({ hasText: 'Erratum: which SDKs API Gateway generates' });
  await expect(erratum).toContainText('no Python, no .NET');
  for (const sdkType of ['java', 'javascript', 'android', 'objectivec', 'swift', 'ruby'])
    await expect(erratum.getByText(sdkType, { exact: true })).toBeVisible();
});

test('the generated client is shown on demand', async ({ page }) => {
  const sdk = widget(page);
  const summary = sdk.getByText(/^The generated client: api\.ts \(\d+ lines\)$/);
  const source = sdk.locator('.apigw-client-sdk-source pre');
  await expect(source).toBeHidden();
  await summary.click();
  await expect(source).toBeVisible();
  await expect(source).toContainText('export class Api<');
  await expect(source).toContainText('itemsIdGet = (');
});

test('Run the client: each request the client sends and the documented response, then what the code returned', async ({
  page,
}) => {
  const sdk = widget(page);
  await sdk.getByRole('button', { name: 'Run the client' }).click();
  await expect(sdk).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await expect(sdk.getByRole('status')).toHaveText('The client sent 4 requests.');

  const expected = ['1-get-items.json', '2-post-items.json', '3-get-item.json', '4-get-missing-item.json'].map(
    documented,
  );
  const items = sdk.getByRole('list', { name: 'Requests the client sent' }).getByRole('listitem');
  await expect(items).toHaveCount(expected.length);
  for (const [i, x] of expected.entries()) {
    const item = items.nth(i);
    await expect(item).toContainText(`${x.method} ${INVOKE_URL}${x.path} → ${x.status}`);
    const body = await item.getByRole('group', { name: 'Response body' }).textContent();
    expect(JSON.parse(body ?? '')).toEqual(x.body);
  }
  const returned = sdk.getByRole('region', { name: 'What the code returned' });
  expect(JSON.parse((await returned.locator('pre').textContent()) ?? '')).toEqual({
    items: expected[0]!.body,
    created: expected[1]!.body,
    one: expected[2]!.body,
    missing: [404, expected[3]!.body],
  });
});

test('edited code runs, is kept across a reload, and Reset brings the original back', async ({ page }) => {
  const sdk = widget(page);
  const code = sdk.getByRole('textbox', { name: 'Code that uses the client (TypeScript)' });
  await code.click();
  // CodeMirror replaces the textarea on first focus (its content is a textbox of the same name).
  await expect(code).toHaveAttribute('contenteditable', 'true');
  await code.fill(
    "const api = new Api({ customFetch, baseApiParams: { format: 'json' } });\n" +
      "const r = await api.request({ path: '/orders', method: 'GET' }).catch((response) => response);\n" +
      'return [r.status, r.error];',
  );
  await sdk.getByRole('button', { name: 'Run the client' }).click();
  await expect(sdk).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  const undefinedRoute = documented('5-undefined-route.json');
  await expect(sdk.getByRole('listitem')).toContainText(`GET ${INVOKE_URL}/orders → 403`);
  expect(
    JSON.parse((await sdk.getByRole('region', { name: 'What the code returned' }).locator('pre').textContent()) ?? ''),
  ).toEqual([403, undefinedRoute.body]);

  await page.reload();
  const again = widget(page);
  const textarea = again.getByRole('textbox', { name: 'Code that uses the client (TypeScript)' });
  await expect(textarea).toHaveValue(/\/orders/);
  await again.getByRole('button', { name: 'Reset the code' }).click();
  await expect(textarea).toHaveValue(/api\.itemsIdGet\('999'\)/);
});

test('a syntax error in the code is one line naming its line and column', async ({ page }) => {
  const sdk = widget(page);
  await sdk.getByRole('textbox', { name: 'Code that uses the client (TypeScript)' }).fill('const a = ;\nreturn a;');
  await sdk.getByRole('button', { name: 'Run the client' }).click();
  await expect(sdk).toHaveAttribute('data-status', 'error', { timeout: 90_000 });
  await expect(sdk.getByRole('region', { name: 'What the code threw' })).toContainText(
    /SyntaxError: .*\(1:11\) in usage\.ts/,
  );
});
