/**
 * axe-core on every page of the built site, in Starlight's light and dark themes: no `serious` or `critical`
 * violation (colour contrast, scrollable regions reachable by keyboard, accessible names, …). The walkthrough is
 * also checked after its sandboxes ran, when the output panels hold long JSON and the comparison appears.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';
import { builtPages, hasSandboxes } from './site-pages.js';
import { runAndWait } from './sandbox-run.js';

const THEMES = ['light', 'dark'] as const;
type Theme = (typeof THEMES)[number];

/** Every page of the site: each built index.html, and the 404 page the server answers unknown paths with. */
const PAGES = [...builtPages(), '/404.html'];
const WALKTHROUGH = builtPages().find((p) => /walkthrough\/items/.test(p));

/** Opens `path` in `theme`, chosen as a reader's choice is (Starlight reads localStorage before painting). */
async function open(page: Page, path: string, theme: Theme): Promise<void> {
  await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
  await page.goto(path);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  // Custom elements defined, fonts loaded: colours and names are final.
  if (path !== '/404.html' && hasSandboxes(path))
    await page.waitForFunction(() => customElements.get('apigw-sandbox') !== undefined);
  await page.evaluate(() => document.fonts.ready);
}

/** The serious and critical violations, one readable block each: rule, impact, help, and every node's target. */
function seriousViolations(results: AxeResults): string[] {
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const nodes = v.nodes.map(
        (n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`,
      );
      return `${v.id} (${v.impact}, ${v.nodes.length} node${v.nodes.length === 1 ? '' : 's'}): ${v.help}\n  ${v.helpUrl}\n${nodes.join('\n')}`;
    });
}

async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  // label-content-name-mismatch (WCAG 2.5.3 Label in Name) ships disabled as experimental: turned on here.
  const results = await new AxeBuilder({ page })
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  const found = seriousViolations(results);
  expect(found.length, `${where}: ${found.length} serious or critical axe violation(s)\n\n${found.join('\n\n')}`).toBe(
    0,
  );
}

for (const theme of THEMES) {
  test.describe(`${theme} theme`, () => {
    for (const path of PAGES) {
      test(`${path} has no serious or critical axe violation`, async ({ page }) => {
        // axe walks the whole DOM: Securing your API's 28 sandboxes take it about 50 s on two cores, more when shared.
        test.slow();
        await open(page, path, theme);
        await expectNoSeriousViolations(page, `${path} (${theme})`);
      });
    }

    test(`the walkthrough after every sandbox ran has no serious or critical axe violation`, async ({ page }) => {
      expect(WALKTHROUGH, 'the items walkthrough is built').toBeDefined();
      await open(page, WALKTHROUGH!, theme);
      const sandboxes = page.locator('apigw-sandbox');
      const count = await sandboxes.count();
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i++) {
        const sandbox = sandboxes.nth(i);
        await sandbox.scrollIntoViewIfNeeded();
        await sandbox.getByRole('radio', { name: 'TypeScript' }).click();
        await runAndWait(sandbox);
      }
      // The panels are filled: every event panel holds the event's JSON.
      await expect(sandboxes.first().getByRole('region', { name: 'Lambda event' })).toContainText('"httpMethod"');
      // And "Copy as curl" shows its commands.
      await sandboxes.first().getByText('The curl and apigw-lab serve commands').click();
      await expect(sandboxes.first().locator('[data-curl-command]')).toContainText('curl -i');
      await expectNoSeriousViolations(page, `${WALKTHROUGH} after running its ${count} sandboxes (${theme})`);
    });
  });
}
