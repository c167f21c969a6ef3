import { execFileSync } from 'node:child_process';
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
  await expect(sdk.getByRole('status', { name: 'Run status' })).toHaveText('The client sent 4 requests.');

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

const DEFINITION = 'The API definition (OpenAPI)';
const CLI_CLIENT = execFileSync(
  'node',
  ['bin/apigw-lab.mjs', 'sdk', '--lang', 'typescript', 'examples/items/openapi.yaml'],
  {
    encoding: 'utf8',
  },
);

/** The items definition with a DELETE on /items/{id}, to the same Lambda function (its handler answers 405). */
function withDelete(yaml: string): string {
  const integration = `      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:items_handler/invocations
`;
  const marker = '  /items/{id}:\n';
  const at = yaml.indexOf(marker) + marker.length;
  const op = `    delete:
      summary: Delete an item
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: string
      responses:
        '200':
          description: Deleted
${integration}`;
  return yaml.slice(0, at) + op + yaml.slice(at);
}

const ITEMS_YAML = readFileSync('examples/items/openapi.yaml', 'utf8');

test.describe('Generate the client', () => {
  // The first Generate downloads the generator (its formatter's wasm is 37.5 MB uncompressed here).
  test.describe.configure({ timeout: 300_000 });

  test('Generate the client from the unedited definition: the same text as the CLI and the build-time client', async ({
    page,
  }) => {
    const sdk = widget(page);
    // The build-time client, as the page holds it (Expressive Code shows it).
    const before = (JSON.parse((await sdk.locator('script[data-config]').textContent()) ?? '{}') as { client: string })
      .client;
    await sdk.getByRole('button', { name: 'Generate the client' }).click();
    await expect(sdk.getByRole('status', { name: 'Generator status' })).toContainText(
      /Loading the generator|Generating/,
    );
    await expect(sdk).toHaveAttribute('data-generate', 'done', { timeout: 180_000 });
    const generated = await sdk.getByRole('group', { name: 'api.ts, generated in this page' }).textContent();
    expect(generated).toBe(before);
    // The CLI's: the same text, but for the API id in the invoke URL (the CLI's own id; the page's is the example's).
    const host = /https:\/\/\w+\.execute-api\./g;
    expect(generated?.replace(host, 'ID')).toBe(CLI_CLIENT.replace(host, 'ID'));
    expect(generated).toContain(INVOKE_URL);
    test.info().annotations.push({
      type: 'generate',
      description: (await sdk.getByRole('status', { name: 'Generator status' }).textContent()) ?? '',
    });
    await expect(sdk.getByRole('status', { name: 'Generator status' })).toContainText(
      /^Generated api\.ts from your definition: 5 methods, \d+ lines, in \d+\.\d s \(the generator loaded in \d+\.\d s\)/,
    );
  });

  test('an edited definition: Generate shows the new method, Run calls it on the API the definition describes', async ({
    page,
  }) => {
    const sdk = widget(page);
    await sdk.getByRole('textbox', { name: DEFINITION }).fill(withDelete(ITEMS_YAML));
    await sdk.getByRole('button', { name: 'Generate the client' }).click();
    await expect(sdk).toHaveAttribute('data-generate', 'done', { timeout: 180_000 });
    await expect(sdk.getByText(/^The generated client: api\.ts \(\d+ lines\)$/)).toBeVisible();
    await expect(sdk.getByRole('group', { name: 'api.ts, generated in this page' })).toContainText('itemsIdDelete = (');
    await expect(sdk.locator('[data-methods]')).toContainText('itemsIdDelete');

    await sdk
      .getByRole('textbox', { name: 'Code that uses the client (TypeScript)' })
      .fill(
        "const api = new Api({ customFetch, baseApiParams: { format: 'json' } });\n" +
          "const r = await api.itemsIdDelete('1').catch((response) => response);\n" +
          'return [r.status, r.error];',
      );
    await sdk.getByRole('button', { name: 'Run the client' }).click();
    await expect(sdk).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
    // The route exists now: the handler answers (405, its own body), not API Gateway's 403 for an unknown route.
    await expect(sdk.getByRole('listitem')).toContainText(`DELETE ${INVOKE_URL}/items/1 → 405`);
    expect(
      JSON.parse(
        (await sdk.getByRole('region', { name: 'What the code returned' }).locator('pre').textContent()) ?? '',
      ),
    ).toEqual([405, {}]);

    // The edited definition is kept across a reload; Reset brings the documented definition and client back.
    await page.reload();
    const again = widget(page);
    await expect(again.getByRole('textbox', { name: DEFINITION })).toHaveValue(/delete:/);
    await again.getByRole('button', { name: 'Reset the definition' }).click();
    await expect(again.getByRole('textbox', { name: DEFINITION })).toHaveValue(ITEMS_YAML);
  });

  test('a definition that does not parse, or that API Gateway would not import: one line, the edits and the client kept', async ({
    page,
  }) => {
    const sdk = widget(page);
    const status = sdk.getByRole('status', { name: 'Generator status' });
    const broken = ITEMS_YAML.replace('paths:', 'paths: [');
    await sdk.getByRole('textbox', { name: DEFINITION }).fill(broken);
    await sdk.getByRole('button', { name: 'Generate the client' }).click();
    await expect(sdk).toHaveAttribute('data-generate', 'error', { timeout: 60_000 });
    await expect(status).toHaveText(/^Your definition was not used: .+\. The previous client is kept\.$/);
    // CodeMirror has replaced the text area (focused by the fill): the edit is in it.
    await expect(sdk.getByRole('textbox', { name: DEFINITION })).toContainText('paths: [');

    await sdk
      .getByRole('textbox', { name: DEFINITION })
      .fill(
        'openapi: 3.0.1\ninfo: {title: x, version: "1"}\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-integration: {type: nope}\n',
      );
    await sdk.getByRole('button', { name: 'Generate the client' }).click();
    await expect(status).toHaveText(/^Your definition was not used: .*nope.*\. The previous client is kept\.$/, {
      timeout: 60_000,
    });

    // The previous (build-time) client still runs.
    await sdk.getByRole('button', { name: 'Run the client' }).click();
    await expect(sdk).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
    await expect(sdk.getByRole('status', { name: 'Run status' })).toHaveText('The client sent 4 requests.');
    await page.reload();
    await expect(widget(page).getByRole('textbox', { name: DEFINITION })).toHaveValue(/type: nope/);
  });

  test('Reset while Generate is still loading: the edited client does not come back when the generator answers', async ({
    page,
  }) => {
    const sdk = widget(page);
    // Hold the generator's wasm until Reset was pressed.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let wasmServed = false;
    // The context's routes reach the Worker's requests too.
    await page.context().route(/\.wasm$/, async (route) => {
      await held;
      await route.continue();
      wasmServed = true;
    });
    await sdk.getByRole('textbox', { name: DEFINITION }).fill(withDelete(ITEMS_YAML));
    await sdk.getByRole('button', { name: 'Generate the client' }).click();
    await expect(sdk).toHaveAttribute('data-generate', 'loading');
    await sdk.getByRole('button', { name: 'Reset the definition' }).click();
    await expect(sdk).toHaveAttribute('data-generate', 'reset');
    release();
    await expect.poll(() => wasmServed, { timeout: 60_000 }).toBe(true);
    // The generator now runs on the edited text (a second or two): its client is dropped, the documented one stays.
    await page.waitForTimeout(8_000);
    await expect(sdk).toHaveAttribute('data-generate', 'reset');
    await expect(sdk.getByRole('status', { name: 'Generator status' })).toHaveText(
      'The documented definition and its client are back.',
    );
    await expect(sdk.getByRole('textbox', { name: DEFINITION })).toContainText('title: ItemsAPI');
    expect(await sdk.locator('.apigw-client-sdk-source').textContent()).not.toContain('itemsIdDelete');
  });

  test('at 390 px the definition panel fits, and its buttons work from the keyboard', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const sdk = widget(page);
    const panel = sdk.getByRole('region', { name: 'Generate the client from your definition' });
    await expect(panel).toBeVisible();
    const overflow = await panel.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await sdk.getByRole('textbox', { name: DEFINITION }).fill('openapi: 3.0.1\n');
    await sdk.getByRole('button', { name: 'Reset the definition' }).focus();
    await page.keyboard.press('Enter');
    await expect(sdk.getByRole('status', { name: 'Generator status' })).toHaveText(
      'The documented definition and its client are back.',
    );
    await expect(sdk.getByRole('textbox', { name: DEFINITION })).toContainText('title: ItemsAPI');
  });
});
