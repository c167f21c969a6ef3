/**
 * Every chapter, and the items walkthrough, ends with an `## Exercise` section holding a checked exercise (issue #15),
 * and the sidebar's map of exercises (exercise-pages.ts) finds each one under the page's path.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exercisePages } from '../../src/components/exercise-pages.js';

const PAGES = [
  ...readdirSync('content/chapters')
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => `chapters/${f.replace(/\.mdx$/, '')}`),
  'walkthrough/items',
];

describe.each(PAGES)('%s', (page) => {
  const body = readFileSync(join('content', `${page}.mdx`), 'utf8');
  const last = body.slice(body.lastIndexOf('\n## '));

  it('ends with an Exercise section holding an exercise', () => {
    expect(last).toMatch(/^\n## Exercises?\n/);
    expect(last).toMatch(/<(Chat)?Exercise example="exercise-[a-z0-9-]+" \/>\s*$/);
  });

  it('is in the sidebar map of exercises with the exercise ids', () => {
    const example = /<(?:Chat)?Exercise example="([^"]+)"/.exec(last)![1]!;
    const { id } = JSON.parse(readFileSync(join('examples', example, 'exercise.json'), 'utf8')) as { id: string };
    expect(exercisePages()[`/${page}/`]).toContain(id);
  });
});

it('every exercise id is on one page only', () => {
  const ids = Object.values(exercisePages()).flat();
  expect(ids.length).toBeGreaterThanOrEqual(10);
  expect(new Set(ids).size).toBe(ids.length);
});

it('a page naming an example without exercise.json fails the build with the file named', () => {
  expect(() => exercisePages(process.cwd(), join(process.cwd(), 'test/fixtures/exercise-pages'))).toThrow(
    /examples\/exercise-nope\/exercise\.json: no exercise\.json/,
  );
});
