/**
 * "Download SAM project" (issue #15): the button of a sandbox, found by role, downloads `<example>-sam.zip` holding
 * template.yaml, samconfig.toml and the reader's EDITED handler and definition; the exporter is loaded on the click only.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';

const PAGE = '/walkthrough/items/';

test.beforeEach(async ({ page }) => {
  await page.goto(PAGE);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
});

test('the zip holds template.yaml, samconfig.toml and the edited TypeScript handler and definition', async ({
  page,
}) => {
  const exporterRequests: string[] = [];
  page.on('request', (r) => /sam-download/.test(r.url()) && exporterRequests.push(r.url()));
  const sandbox = page.locator('apigw-sandbox[data-example="items"][data-exchange="get-items"]');
  await sandbox.scrollIntoViewIfNeeded();
  await expect(sandbox).toHaveAttribute('data-ready', '');
  await sandbox.getByRole('radiogroup', { name: 'Language' }).getByRole('radio', { name: 'TypeScript' }).check();

  const code = sandbox.getByRole('textbox', { name: /Handler code/ });
  const original = await sandbox.evaluate((el) => (el as HTMLElement & { handlerSource: string }).handlerSource);
  await code.fill(`// edited in the page\n${original.replace("'Resource not found'", "'Nothing here'")}`);
  await sandbox.getByRole('tab', { name: /Definition/ }).click();
  const definition = sandbox.getByRole('textbox', { name: /API definition/ });
  const text = await sandbox.evaluate((el) => (el as HTMLElement & { definitionSource: string }).definitionSource);
  await definition.fill(text.replace('/items/{id}:', '/things/{id}:'));

  expect(exporterRequests, 'the exporter is not loaded before the click').toEqual([]);
  const button = sandbox.getByRole('button', { name: 'Download SAM project' });
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toBe('items-sam.zip');
  expect(exporterRequests.length).toBe(1);
  await expect(sandbox.getByText('Downloaded items-sam.zip')).toBeVisible();

  const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
  const names = Object.keys(files).sort();
  expect(names).toEqual(
    expect.arrayContaining([
      'items-sam/README.md',
      'items-sam/samconfig.toml',
      'items-sam/template.yaml',
      'items-sam/src/items_handler/items_handler.mjs',
      'items-sam/src/items_handler/items_handler.ts',
      'items-sam/src/items_handler/package.json',
    ]),
  );
  const read = (name: string) => strFromU8(files[`items-sam/${name}`]!);
  expect(read('src/items_handler/items_handler.ts').startsWith('// edited in the page\n')).toBe(true);
  // The module Lambda runs is compiled from the edit (sucrase drops the comment above the removed type import).
  expect(read('src/items_handler/items_handler.mjs')).toContain("'Nothing here'");
  expect(read('src/items_handler/items_handler.mjs')).not.toContain("'Resource not found'");
  expect(read('samconfig.toml')).toContain('stack_name = "items"');
  const template = read('template.yaml');
  expect(template).toContain('Type: AWS::Serverless::Api');
  expect(template).toContain('StageName: dev');
  expect(template).toContain('Handler: items_handler.handler');
  expect(template).toContain('Runtime: nodejs22.x');
  expect(template).toContain('/things/{id}:');
  expect(template).not.toContain('/items/{id}:');
  expect(template).toContain(
    'uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ItemsHandler.Arn}/invocations',
  );

  // The edits are kept: downloading changes nothing in the sandbox.
  expect(await sandbox.evaluate((el) => (el as HTMLElement & { handlerSource: string }).handlerSource)).toContain(
    '// edited in the page',
  );
});

test('a definition that does not import: a one-line message, no download, the edit kept', async ({ page }) => {
  const sandbox = page.locator('apigw-sandbox[data-example="items"][data-exchange="get-items"]');
  await sandbox.scrollIntoViewIfNeeded();
  await expect(sandbox).toHaveAttribute('data-ready', '');
  await sandbox.getByRole('tab', { name: /Definition/ }).click();
  await sandbox.getByRole('textbox', { name: /API definition/ }).fill('openapi: [');
  let downloaded = false;
  page.on('download', () => (downloaded = true));
  await sandbox.getByRole('button', { name: 'Download SAM project' }).click();
  await expect(sandbox.getByText(/^Could not export: openapi\.yaml is not valid YAML: /)).toBeVisible();
  expect(downloaded).toBe(false);
  expect(await sandbox.evaluate((el) => (el as HTMLElement & { definitionSource: string }).definitionSource)).toBe(
    'openapi: [',
  );
});

test('the API type the sandbox runs on is the one exported: the HTTP API example switched to REST gives AWS::Serverless::Api', async ({
  page,
}) => {
  await page.goto('/chapters/endpoint-types/');
  const sandbox = page.locator('apigw-sandbox[data-example="items-http-api"][data-exchange="get-items"]');
  await sandbox.scrollIntoViewIfNeeded();
  await expect(sandbox).toHaveAttribute('data-ready', '');
  const download = async () => {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      sandbox.getByRole('button', { name: 'Download SAM project' }).click(),
    ]);
    const files = unzipSync(new Uint8Array(readFileSync((await file.path())!)));
    return strFromU8(files['items-http-api-sam/template.yaml']!);
  };
  const http = await download();
  expect(http).toContain('Type: AWS::Serverless::HttpApi');
  expect(http).not.toContain('Type: AWS::Serverless::Api\n');

  await sandbox.getByRole('radiogroup', { name: 'API type' }).getByRole('radio', { name: 'REST API' }).check();
  const rest = await download();
  expect(rest).toContain('Type: AWS::Serverless::Api');
  expect(rest).not.toContain('AWS::Serverless::HttpApi');
  expect(rest).toContain('StageName: dev');
});
