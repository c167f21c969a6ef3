/**
 * Which exercises each page holds, read at build time from the MDX (`<Exercise example="…" />`,
 * `<ChatExercise example="…" />`) and the examples' exercise.json ids: `{ "/chapters/pricing/": ["pricing-tiers"] }`.
 * The sidebar's progress marks (starlight/Sidebar.astro) are drawn from it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const EXERCISE_TAG = /<(?:Chat)?Exercise\s+example="([^"]+)"/g;

/** The exercises' ids on each page under `contentDir`, keyed by the page's path (`/walkthrough/items/`). */
export function exercisePages(root = process.cwd(), contentDir = join(root, 'content')): Record<string, string[]> {
  const pages: Record<string, string[]> = {};
  for (const file of mdxFiles(contentDir)) {
    const ids = [...readFileSync(file, 'utf8').matchAll(EXERCISE_TAG)].map((m) => exerciseId(root, m[1]!));
    if (!ids.length) continue;
    const slug = relative(contentDir, file)
      .replace(/\\/g, '/')
      .replace(/\.mdx?$/, '')
      .replace(/(^|\/)index$/, '');
    pages[slug ? `/${slug}/` : '/'] = ids;
  }
  return pages;
}

/** The id in examples/<name>/exercise.json; a missing file is a build error naming it. */
function exerciseId(root: string, example: string): string {
  const file = join(root, 'examples', example, 'exercise.json');
  if (!existsSync(file)) throw new Error(`${file}: no exercise.json for <Exercise example="${example}">`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { id: string }).id;
}

function mdxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return mdxFiles(path);
    return /\.mdx?$/.test(entry.name) && !entry.name.startsWith('_') ? [path] : [];
  });
}
