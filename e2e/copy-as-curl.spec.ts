/**
 * "Copy as curl" on the items walkthrough: the command the button copies, run by a shell against `apigw-lab serve`
 * started with the serve command the sandbox shows (on a free port), answers what the page documents; the reader's
 * edits are in it; without a clipboard the command is shown, selected.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect, test, type Locator } from '@playwright/test';
import type { DocumentedResponse } from '../src/examples/types.js';

const WALKTHROUGH = '/walkthrough/items/';

/** `npx apigw-lab …` as this checkout's CLI (lib/cli.mjs, built by `npm run build:node`), on port 0 (a free one). */
function serveHere(command: string): string {
  expect(command).toMatch(/^npx apigw-lab serve /);
  return `${command.replace(/^npx apigw-lab /, 'exec node bin/apigw-lab.mjs ')} --port 0`;
}

function startServe(command: string): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${command}: no Invoke URL within 60 s\n${out}`)), 60_000);
    const read = (d: string) => {
      out += d;
      const match = /^Invoke URL: http:\/\/127\.0\.0\.1:(\d+)/m.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]) });
      }
    };
    child.stdout.setEncoding('utf8').on('data', read);
    child.stderr.setEncoding('utf8').on('data', read);
    child.on('close', (code) => reject(new Error(`${command}: exited (${code})\n${out}`)));
  });
}

/** Runs a copied curl command (port 3000 → the server's) and returns `curl -i`'s status and body. */
function runCurl(command: string, port: number): Promise<{ status: number; body: string }> {
  const here = command.replace('http://127.0.0.1:3000/', `http://127.0.0.1:${port}/`);
  expect(command, 'the command targets apigw-lab serve on its default address').toContain('http://127.0.0.1:3000/');
  return new Promise((resolve, reject) => {
    execFile('sh', ['-c', here], { encoding: 'utf8' }, (error, stdout) => {
      if (error) return reject(error);
      resolve({
        status: Number(/^HTTP\/[\d.]+ (\d{3})/.exec(stdout)?.[1]),
        body: stdout.slice(stdout.indexOf('\r\n\r\n') + 4),
      });
    });
  });
}

async function documentedResponse(sandbox: Locator, language: string): Promise<DocumentedResponse> {
  const documented = JSON.parse((await sandbox.locator('script[data-documented]').textContent()) ?? '{}');
  return documented.languages[language].response as DocumentedResponse;
}

test.describe('Copy as curl', () => {
  test.beforeAll(() => {
    expect(existsSync('lib/cli.mjs'), 'the CLI is built (npm run build:node)').toBe(true);
  });

  test('the copied curl command, against the shown serve command, gets the documented status and body; edits are in it', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(WALKTHROUGH);
    const sandboxes = page.locator('apigw-sandbox[data-example="items"]');
    const count = await sandboxes.count();
    expect(count).toBeGreaterThan(0);
    const servers: ChildProcess[] = [];
    try {
      for (let i = 0; i < count; i++) {
        const sandbox = sandboxes.nth(i);
        await sandbox.scrollIntoViewIfNeeded();
        await sandbox.getByRole('radio', { name: 'TypeScript' }).click();
        await sandbox.getByRole('button', { name: 'Copy as curl' }).click();
        // A live region (not a second role=status: the sandbox's run status is the one) says it.
        await expect(sandbox.locator('[data-copy-status][aria-live="polite"]')).toHaveText('Copied');
        const curl = await page.evaluate(() => navigator.clipboard.readText());
        expect(curl).toMatch(/^curl -i /);
        await sandbox.getByText('The curl and apigw-lab serve commands').click();
        await expect(sandbox.getByRole('group', { name: /then send this request/ })).toHaveText(curl);
        const serve = (await sandbox.locator('[data-serve-command]').textContent()) ?? '';
        expect(serve).toContain('--function items_handler=examples/items/items_handler.ts');
        const server = await startServe(serveHere(serve));
        servers.push(server.child);
        const documented = await documentedResponse(sandbox, 'typescript');
        expect(await runCurl(curl, server.port), `${serve}\n${curl}`).toEqual({
          status: documented.status,
          body: documented.body,
        });
      }

      // The reader's edits: another item, a header with a single quote in it.
      const sandbox = sandboxes.first();
      await sandbox.getByRole('textbox', { name: /path/i }).fill('/items/2');
      await sandbox.getByRole('textbox', { name: /headers/i }).fill("Accept: application/json\nX-Note: it's mine");
      await sandbox.getByRole('button', { name: 'Copy as curl' }).click();
      const edited = await page.evaluate(() => navigator.clipboard.readText());
      expect(edited).toContain("/dev/items/2 -H 'Accept: application/json' -H 'X-Note: it'\\''s mine'");
      await expect(sandbox.getByRole('group', { name: /then send this request/ })).toHaveText(edited);
      const server = await startServe(serveHere((await sandbox.locator('[data-serve-command]').textContent()) ?? ''));
      servers.push(server.child);
      const { status, body } = await runCurl(edited, server.port);
      expect(status).toBe(200);
      expect(JSON.parse(body)).toMatchObject({ name: 'Mouse' });
      await sandbox.getByRole('button', { name: 'Reset', exact: true }).click();
    } finally {
      for (const child of servers) child.kill();
    }
  });

  test('without a clipboard, the command is shown and selected', async ({ page }) => {
    await page.addInitScript(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
    await page.goto(WALKTHROUGH);
    const sandbox = page.locator('apigw-sandbox').first();
    await sandbox.getByRole('button', { name: 'Copy as curl' }).click();
    await expect(sandbox.locator('[data-copy-status]')).toContainText('clipboard is not available');
    const shown = sandbox.getByRole('group', { name: /then send this request/ });
    await expect(shown).toBeVisible();
    await expect(shown).toHaveText(/^curl -i http:\/\/127\.0\.0\.1:3000\/dev\/items /);
    expect(await page.evaluate(() => window.getSelection()?.toString())).toMatch(/^curl -i /);
  });
});
