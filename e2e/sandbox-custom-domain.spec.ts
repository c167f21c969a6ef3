import { expect, test, type Locator } from '@playwright/test';
import { runAndWait } from './sandbox-run.js';

// The custom domain name sandbox of core concepts: the items API behind api.example.com, base path v1 → dev
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html).
const PAGE = '/chapters/core-concepts/';
type Outcome = {
  response: { status: number; body: string };
  event: { path: string; resource: string; headers: Record<string, string>; requestContext: { domainName: string } };
};

const run = (sandbox: Locator) => runAndWait<Outcome>(sandbox);

test.beforeEach(async ({ page }) => {
  await page.goto(PAGE);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
});

test("the custom domain's URL gets the handler's 404, the stage's invoke URL its 200 with the items, and back", async ({
  page,
}) => {
  const sandbox = page.locator('apigw-sandbox[data-example="custom-domain"][data-exchange="get-items-v1"]');
  await sandbox.scrollIntoViewIfNeeded();
  const ways = sandbox.getByRole('radiogroup', { name: 'Send the request to' });
  const viaDomain = ways.getByRole('radio', { name: 'Custom domain https://api.example.com/v1' });
  const viaStage = ways.getByRole('radio', {
    name: 'Stage invoke URL https://xxxxxxx.execute-api.us-east-1.amazonaws.com/dev',
  });
  await expect(viaDomain).toBeChecked();
  await sandbox.getByRole('radio', { name: 'TypeScript' }).check();

  await viaStage.check();
  const request = sandbox.getByRole('region', { name: 'API request' });
  await expect(request).toContainText('xxxxxxx.execute-api.us-east-1.amazonaws.com');
  const direct = await run(sandbox);
  expect([direct.response.status, direct.event.path, direct.event.headers.Host]).toEqual([
    200,
    '/items',
    'xxxxxxx.execute-api.us-east-1.amazonaws.com',
  ]);
  expect(JSON.parse(direct.response.body).items).toHaveLength(2);
  await expect(sandbox.getByRole('region', { name: 'API response' })).toContainText('200');
  await expect(sandbox.locator('[data-compare]')).toContainText("The data documented above is the custom domain's");

  // Back by keyboard: the arrow keys move the checked radio within the group.
  await viaStage.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(viaDomain).toBeChecked();
  await expect(request).toContainText('api.example.com');
  const mapped = await run(sandbox);
  expect([
    mapped.response.status,
    mapped.event.path,
    mapped.event.resource,
    mapped.event.requestContext.domainName,
  ]).toEqual([404, '/v1/items', '/items', 'api.example.com']);
  expect(JSON.parse(mapped.response.body)).toEqual({ message: 'Resource not found' });
  await expect(sandbox.locator('[data-compare]')).toContainText('Same as documented');
});
