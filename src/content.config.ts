/**
 * The site's one content collection: Starlight's `docs`, read from `content/` at the repository
 * root (not src/content/docs/). Files whose names start with `_` are skipped, as in Starlight.
 * `starlight({ markdown: { processedDirs: ['./content'] } })` in astro.config.mjs makes Starlight's
 * Markdown transforms (asides, heading anchors) run on these files too.
 */
// `astro/content/config` is what `astro:content` re-exports; importing it directly keeps
// `npm run typecheck` (plain tsc, no Astro virtual-module types) working.
import { defineCollection } from 'astro/content/config';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

export const collections = {
  docs: defineCollection({
    loader: glob({ base: './content', pattern: '**/[^_]*.{md,mdx}' }),
    schema: docsSchema(),
  }),
};
