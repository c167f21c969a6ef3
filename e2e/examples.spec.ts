import { expect, test, type Locator, type Page } from '@playwright/test';
import { accessLogLineOf } from '../src/examples/access-log.js';
import { compareExchange, formatMismatches, type AuthorizerCall } from '../src/examples/compare.js';
import type { AuthorizerTrace, GatewayTrace } from '../src/emulator/shared/trace.js';
import { DECISIONS } from '../src/components/access-render.js';
import type { DocumentedIntegrationRequest, DocumentedResponse, VolatileField } from '../src/examples/types.js';
import { builtPages, hasSandboxes } from './site-pages.js';

/** The documented data a sandbox embeds (`<script type="application/json" data-documented>`). */
interface Documented {
  volatile: VolatileField[];
  languages: Record<
    string,
    {
      request: unknown;
      /** The method's authorizer call, its function's answer in this language (issue #11). */
      authorizer?: AuthorizerCall;
      integrationRequest?: DocumentedIntegrationRequest;
      event: unknown;
      result: unknown;
      response: DocumentedResponse;
      /** The access log line the stage writes (issue #12), computed from the run's trace to compare. */
      accessLog?: string;
    }
  >;
}

const LANGUAGE_NAMES: Record<string, string> = { python: 'Python', typescript: 'TypeScript' };

/** Reads one sandbox's documented data. */
async function documentedOf(sandbox: Locator): Promise<Documented> {
  return JSON.parse((await sandbox.locator('script[data-documented]').textContent()) ?? '{}') as Documented;
}

/** The stage config a sandbox runs with (its data-config's `stageConfig`). */
async function stageConfigOf(sandbox: Locator): Promise<string | undefined> {
  const config = JSON.parse((await sandbox.locator('script[data-config]').textContent()) ?? '{}') as {
    stageConfig?: string;
  };
  return config.stageConfig;
}

/** Runs a sandbox in the chosen language and returns what ran. */
async function run(page: Page, sandbox: Locator, language: string) {
  await sandbox
    .getByRole('radio', { name: LANGUAGE_NAMES[language] })
    .or(sandbox.getByRole('tab', { name: LANGUAGE_NAMES[language] }))
    .first()
    .click();
  const before = await sandbox.evaluate((el) => (el as HTMLElement & { lastOutcome?: unknown }).lastOutcome ?? null);
  await sandbox.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(sandbox).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  const outcome = await sandbox.evaluate((el) => (el as HTMLElement & { lastOutcome?: unknown }).lastOutcome);
  expect(outcome, 'a new outcome after Run').not.toBe(before);
  return outcome as {
    language: string;
    runtime: string;
    authorizer?: AuthorizerTrace;
    integrationRequest?: DocumentedIntegrationRequest;
    event: unknown;
    result: unknown;
    response: DocumentedResponse;
    trace?: GatewayTrace;
  };
}

for (const path of builtPages()) {
  test.describe(`page ${path}`, () => {
    // Made only for pages that have sandboxes; the other checks below run on every page.
    if (hasSandboxes(path))
      test('every documented example runs in the page and matches what the page documents', async ({ page }) => {
        await page.goto(path);
        const sandboxes = page.locator('apigw-sandbox');
        const count = await sandboxes.count();
        expect(count, 'the built HTML has sandboxes, so the page must show them').toBeGreaterThan(0);
        const failures: string[] = [];
        for (let i = 0; i < count; i++) {
          const sandbox = sandboxes.nth(i);
          await sandbox.scrollIntoViewIfNeeded();
          const name = `${await sandbox.getAttribute('data-example')}/${await sandbox.getAttribute('data-exchange')}`;
          const documented = await documentedOf(sandbox);
          for (const language of Object.keys(documented.languages)) {
            const doc = documented.languages[language]!;
            const outcome = await run(page, sandbox, language);
            expect(outcome.language).toBe(language);
            // A documented access log line (issue #12) is compared with the line the run's trace gives.
            const stageConfig = doc.accessLog === undefined ? undefined : await stageConfigOf(sandbox);
            const accessLog = accessLogLineOf(stageConfig, outcome.trace);
            const mismatches = compareExchange(doc, { ...outcome, accessLog }, documented.volatile);
            if (mismatches.length) failures.push(`${path} ${name} [${language}]\n${formatMismatches(mismatches)}`);
            // The panels show what ran: the status line of the response panel names the status.
            await expect(sandbox.getByRole('region', { name: 'API response' })).toContainText(
              `${outcome.response.status}`,
            );
            // A documented authorizer call is compared above (with lastOutcome.authorizer) and shown in its own panel.
            if (doc.authorizer) {
              expect(outcome.authorizer, `${name} [${language}]: the run called the authorizer`).toBeDefined();
              const panel = sandbox.getByRole('region', { name: 'Authorizer' });
              await expect(panel).toContainText(DECISIONS[doc.authorizer.decision]);
              await expect(panel.getByText('Cache hit', { exact: true })).toHaveCount(doc.authorizer.cached ? 1 : 0);
            }
            // A documented integration request (non-proxy integrations) is compared above and shown in its own panel.
            if (doc.integrationRequest) {
              await expect(sandbox.getByRole('region', { name: 'Integration request' })).toContainText(
                doc.integrationRequest.type,
              );
            }
          }
        }
        expect(failures, failures.join('\n\n')).toEqual([]);
      });

    test('documented Content-Length equals the byte length of the documented body (none on a 204)', async ({
      page,
    }) => {
      await page.goto(path);
      const sandboxes = page.locator('apigw-sandbox');
      for (let i = 0; i < (await sandboxes.count()); i++) {
        const documented = await documentedOf(sandboxes.nth(i));
        for (const [language, doc] of Object.entries(documented.languages)) {
          const length = doc.response.headers.find(([n]) => n.toLowerCase() === 'content-length')?.[1];
          // A 204 has neither a Content-Length nor a body (RFC 9110 §8.6): an HTTP API's CORS preflight answer.
          if (doc.response.status === 204) {
            expect(length, `${path} sandbox ${i} [${language}] a 204 has no Content-Length`).toBeUndefined();
            expect(doc.response.body).toBe('');
            continue;
          }
          expect(length, `${path} sandbox ${i} [${language}] documents a Content-Length`).toBeDefined();
          expect(Number(length), `${path} sandbox ${i} [${language}] Content-Length`).toBe(
            new TextEncoder().encode(doc.response.body).length,
          );
        }
      }
    });

    test('is cross-origin isolated, has no console errors, and every Mermaid diagram is an SVG', async ({ page }) => {
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(String(e)));
      const response = await page.goto(path);
      expect(response?.headers()['cross-origin-opener-policy']).toBe('same-origin');
      expect(response?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
      await page.waitForLoadState('networkidle');
      // No diagram source may be left unrendered.
      await expect(page.locator('pre.mermaid, code.language-mermaid, pre[data-language="mermaid"]')).toHaveCount(0);
      const diagrams = page.locator('figure.mermaid-diagram');
      for (let i = 0; i < (await diagrams.count()); i++) {
        await expect(diagrams.nth(i).locator('svg').first()).toBeAttached();
      }
      expect(errors).toEqual([]);
    });
  });
}
