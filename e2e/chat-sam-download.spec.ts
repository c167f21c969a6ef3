/**
 * "Download SAM project" of the WebSocket chat (issue #15): the chat's button, found by role, downloads
 * `websocket-chat-sam.zip` holding template.yaml with the raw AWS::ApiGatewayV2 resources built from the reader's
 * EDITED api.json, and the EDITED handler in the shown language; the exporter is loaded on the click only.
 */
import { expect, test, type Locator } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';

const PAGE = '/chapters/endpoint-types/';

test.beforeEach(async ({ page }) => {
  await page.goto(PAGE);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
});

/** Types into a file's editor (the text area, or CodeMirror once it has replaced it on focus). */
async function fill(chat: Locator, name: RegExp, text: string): Promise<void> {
  const box = chat.getByRole('textbox', { name });
  await box.click();
  await expect(box).toHaveAttribute('contenteditable', 'true');
  await box.fill(text);
}

for (const language of ['Python', 'TypeScript'] as const) {
  test(`the zip holds template.yaml (V2 resources of the edited api.json) and the edited ${language} handler`, async ({
    page,
  }) => {
    const exporterRequests: string[] = [];
    page.on('request', (r) => /sam-download/.test(r.url()) && exporterRequests.push(r.url()));
    const chat = page.locator('apigw-chat[data-example="websocket-chat"]');
    await chat.scrollIntoViewIfNeeded();
    await chat.getByRole('radiogroup', { name: 'Language' }).getByRole('radio', { name: language }).check();

    const file = language === 'Python' ? 'chat_handler.py' : 'chat_handler.ts';
    const original = readFileSync(`examples/websocket-chat/${file}`, 'utf8');
    const comment = language === 'Python' ? '# edited in the page' : '// edited in the page';
    await fill(
      chat,
      /Handler code/,
      `${comment}\n${original.replace('to talk to everyone else', 'to talk to the room')}`,
    );
    await chat.getByRole('tab', { name: /Definition/ }).click();
    const definition = readFileSync('examples/websocket-chat/api.json', 'utf8');
    await fill(chat, /API definition/, definition.replace('"RouteKey": "sendmessage"', '"RouteKey": "shout"'));

    expect(exporterRequests, 'the exporter is not loaded before the click').toEqual([]);
    const button = chat.getByRole('button', { name: 'Download SAM project' });
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe('websocket-chat-sam.zip');
    expect(exporterRequests.length).toBe(1);
    await expect(chat.getByText('Downloaded websocket-chat-sam.zip')).toBeVisible();

    const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    const read = (name: string) => strFromU8(files[`websocket-chat-sam/${name}`]!);
    const handler = read(`src/chat_handler/${file}`);
    expect(handler.startsWith(`${comment}\n`)).toBe(true);
    expect(handler).toContain('to talk to the room');
    if (language === 'TypeScript') expect(read('src/chat_handler/chat_handler.mjs')).toContain('to talk to the room');
    expect(read('samconfig.toml')).toContain('stack_name = "websocket-chat"');
    const template = read('template.yaml');
    expect(template).toContain('Type: AWS::ApiGatewayV2::Api');
    expect(template).toContain('ProtocolType: WEBSOCKET');
    expect(template).toContain('Type: AWS::ApiGatewayV2::Route');
    expect(template).toContain('RouteKey: shout');
    expect(template).not.toContain('RouteKey: sendmessage');
    expect(template).toContain("Target: !Join ['/', [integrations, !Ref ChatHandlerIntegration]]");
    expect(template).toContain('StageName: production');
    expect(template).toContain('Action: execute-api:ManageConnections');
    expect(template).toContain(
      language === 'Python' ? 'Runtime: python3.13' : 'Handler: chat_handler.handler\n      Runtime: nodejs22.x',
    );
    expect(template).toContain('wss://${ChatApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${Stage}');

    // The edits are kept: downloading changes nothing in the chat (the editor's text, and the copy kept for a reload).
    const kept = await chat.evaluate(async (el) => {
      type Files = { functions: Array<{ source: string }>; definition: string };
      const c = await (el as HTMLElement & { controller(): Promise<{ samProject(): Files }> }).controller();
      return c.samProject();
    });
    expect(kept.functions[0]!.source.startsWith(`${comment}\n`)).toBe(true);
    expect(kept.definition).toContain('"RouteKey": "shout"');
    const key = `apigw-lab:chat:websocket-chat:${language.toLowerCase()}`;
    expect(await page.evaluate((k) => localStorage.getItem(k), key)).toContain(comment);
  });
}

test('an api.json that is not a WebSocket definition: a one-line message, no download, the edit kept', async ({
  page,
}) => {
  const chat = page.locator('apigw-chat[data-example="websocket-chat"]');
  await chat.scrollIntoViewIfNeeded();
  await chat.getByRole('tab', { name: /Definition/ }).click();
  await fill(chat, /API definition/, '{"Api": {"Name": "x"}}');
  let downloaded = false;
  page.on('download', () => (downloaded = true));
  await chat.getByRole('button', { name: 'Download SAM project' }).click();
  await expect(chat.getByText(/^Could not export: api\.json is not a WebSocket API definition: /)).toBeVisible();
  expect(downloaded).toBe(false);
  await expect(chat.getByRole('textbox', { name: /API definition/ })).toHaveText('{"Api": {"Name": "x"}}');
});
