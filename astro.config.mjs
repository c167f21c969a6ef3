// @ts-check
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { satteri } from '@astrojs/markdown-satteri';
import { mermaidDiagrams } from './src/plugins/mermaid-diagrams.ts';
import { siteWideHeaders } from './scripts/serve.mjs';

const root = dirname(fileURLToPath(import.meta.url));

/**
 * COOP/COEP/CORP and friends, from public/_headers (the one place they are written): the dev
 * server sends them too, so what authors see is what `npm start` and static hosts serve.
 */
const headers = siteWideHeaders();

/**
 * dist/ is shared: `npm run build:node` bundles the CLI there (dist/cli.mjs, used by
 * bin/apigw-lab.mjs). Astro would empty the whole folder before building the site, so instead this
 * records the files each site build writes (dist/.site-files.json) and deletes exactly those (plus
 * the site-only folders) before the next build.
 * @returns {import('astro').AstroIntegration}
 */
function siteOutputBookkeeping() {
  let outDir = '';
  /** @type {Set<string>} */
  let before = new Set();
  const manifest = () => join(outDir, '.site-files.json');
  const listFiles = () =>
    existsSync(outDir)
      ? readdirSync(outDir, { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => relative(outDir, join(e.parentPath, e.name)))
      : [];
  /** @param {string} dir */
  const removeEmptyDirs = (dir) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const sub = join(dir, e.name);
      removeEmptyDirs(sub);
      if (readdirSync(sub).length === 0) rmSync(sub, { recursive: true });
    }
  };
  return {
    name: 'apigw-lab:site-output',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
      },
      'astro:build:start': () => {
        if (existsSync(manifest())) {
          for (const file of JSON.parse(readFileSync(manifest(), 'utf8'))) rmSync(join(outDir, file), { force: true });
        }
        for (const dir of ['_astro', 'pagefind']) rmSync(join(outDir, dir), { recursive: true, force: true });
        removeEmptyDirs(outDir);
        before = new Set(listFiles());
      },
      'astro:build:done': () => {
        const written = listFiles().filter((f) => !before.has(f) && f !== '.site-files.json');
        writeFileSync(manifest(), `${JSON.stringify(written.sort(), null, 1)}\n`);
      },
    },
  };
}

export default defineConfig({
  // The deployed origin, if known (SITE_URL=https://… npm run build): enables canonical URLs and the sitemap.
  ...(process.env.SITE_URL ? { site: process.env.SITE_URL } : {}),
  outDir: './dist',
  server: { port: 4321, headers },
  vite: {
    // Vite serves the dev server's modules and assets itself: the same headers there.
    // Builds (the site's, the CLI's) write to dist/ while authors run the dev server: not a reason to reload.
    server: { headers, watch: { ignored: ['**/dist/**', '**/.tmp/**'] } },
    preview: { headers },
    build: { emptyOutDir: false },
  },
  markdown: {
    // Astro 7's default processor, with our ```mermaid → pre-rendered SVG step. Starlight and
    // Expressive Code add their own plugins to this same processor.
    processor: satteri({ mdastPlugins: [mermaidDiagrams({ root })] }),
  },
  integrations: [
    starlight({
      title: 'API Gateway Lab',
      description:
        'Learn AWS API Gateway by running it: every example on this site runs live in your browser on a TypeScript API Gateway emulator.',
      favicon: '/favicon.svg',
      customCss: ['./src/styles/custom.css'],
      // The docs collection lives in content/ (see src/content.config.ts): let Starlight's
      // Markdown transforms (asides, heading anchor links) run there.
      markdown: { processedDirs: ['./content'] },
      lastUpdated: false,
      pagination: true,
      sidebar: [
        { label: 'Start here', items: [{ label: 'Welcome', link: '/' }] },
        {
          label: 'Walkthroughs',
          items: [{ label: 'The items walkthrough', slug: 'walkthrough/items' }],
        },
        // Later chapters (Types of endpoints, Core concepts, …) go in content/chapters/ and appear
        // here by themselves, in `sidebar.order` order.
        ...(existsSync(join(root, 'content/chapters'))
          ? [{ label: 'Chapters', autogenerate: { directory: 'chapters' } }]
          : []),
      ],
    }),
    siteOutputBookkeeping(),
  ],
});
