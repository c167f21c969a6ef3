import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { pageHasSandbox } from '../../src/components/page-has-sandbox.js';

describe('pageHasSandbox (whether a page head loads the sandbox module)', () => {
  it('sees a <Sandbox> and an <Exchange> that keeps its sandbox', () => {
    expect(pageHasSandbox('Text\n\n<Sandbox example="items" exchange="get-items" />\n')).toBe(true);
    expect(pageHasSandbox('<Exchange example="items" exchange="get-items" level={4} />')).toBe(true);
    expect(pageHasSandbox('<Exchange example="items" exchange="get-items" sandbox={true} />')).toBe(true);
  });

  it('sees none in a page without them, or whose exchanges all turn their sandbox off', () => {
    expect(pageHasSandbox(undefined)).toBe(false);
    expect(pageHasSandbox('# Pricing\n\nNo live example here. An <ExchangeRate> is not an exchange.')).toBe(false);
    expect(pageHasSandbox('<Exchange example="items" exchange="get-items" sandbox={false} />')).toBe(false);
    expect(
      pageHasSandbox('<Exchange example="a" exchange="b" sandbox={false} />\n<Exchange example="a" exchange="c" />'),
    ).toBe(true);
  });

  it('agrees with the pages of the site that have sandboxes', () => {
    const page = (path: string) => readFileSync(new URL(`../../content/${path}`, import.meta.url), 'utf8');
    expect(pageHasSandbox(page('walkthrough/items.mdx'))).toBe(true);
    expect(pageHasSandbox(page('index.mdx'))).toBe(true);
    expect(pageHasSandbox(page('chapters/pricing.mdx'))).toBe(false);
  });
});
