// @ts-check
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { satteri } from '@astrojs/markdown-satteri';
import { mermaidDiagrams } from './src/plugins/mermaid-diagrams.ts';
import { siteWideHeaders } from './scripts/serve.mjs';
import { sdkGeneratorPlugin } from './src/sdk/browser/vite-plugin.ts';

const root = dirname(fileURLToPath(import.meta.url));

/**
 * COOP/COEP/CORP and friends, from public/_headers (the one place they are written): the dev
 * server sends them too, so what authors see is what `npm start` and static hosts serve.
 */
const headers = siteWideHeaders();

export default defineConfig({
  // The deployed origin, if known (SITE_URL=https://… npm run build): enables canonical URLs and the sitemap.
  ...(process.env.SITE_URL ? { site: process.env.SITE_URL } : {}),
  outDir: './dist',
  server: { port: 4321, headers },
  vite: {
    // Vite serves the dev server's modules and assets itself: the same headers there.
    // Builds write to dist/ and lib/ while authors run the dev server: not a reason to reload.
    server: { headers, watch: { ignored: ['**/dist/**', '**/lib/**', '**/.tmp/**'] } },
    preview: { headers },
    // The sandbox's workers are module workers: as ES modules they can load the template engine,
    // the schema validator and sucrase only when a run needs them.
    // The client generator's Worker (sdk-worker.ts) bundles swagger-typescript-api with browser shims of its Node
    // imports (src/sdk/browser/vite-plugin.ts); the other workers are left as they are.
    worker: { format: 'es', plugins: () => [sdkGeneratorPlugin(/sdk-worker\.ts(\?|$)/)] },
    // Found late by the dev server's scan otherwise, which reloads the worker once ("Outdated Optimize Dep").
    optimizeDeps: { include: ['yaml', 'sucrase'] },
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
      // The search button's shortcut hint is drawn by CSS, so its visible label is in its name (WCAG 2.5.3).
      // The sidebar: Starlight's, with a mark beside each chapter whose exercises the reader passed (✓) or not yet (○).
      components: {
        Search: './src/components/starlight/Search.astro',
        Head: './src/components/starlight/Head.astro',
        Sidebar: './src/components/starlight/Sidebar.astro',
      },
      // The docs collection lives in content/ (see src/content.config.ts): let Starlight's
      // Markdown transforms (asides, heading anchor links) run there.
      markdown: { processedDirs: ['./content'] },
      lastUpdated: false,
      pagination: true,
      // The order a course would use, which differs from the guide's numbering in one place: core concepts (§5:
      // resources, methods, stages, deployments) come before the integrations (§4) because the integrations, and the
      // walkthrough's console steps (Create resource, Create method, Deploy API), are described in their terms. The
      // walkthrough (§6) comes after both, and before the advanced topics, pricing and conclusion. Each label keeps
      // the guide's section number; prev/next links follow this list. A new chapter must be added here.
      sidebar: [
        { label: 'Start here', items: [{ label: 'Welcome', link: '/' }] },
        {
          label: 'The guide, chapter by chapter',
          items: [
            { label: '§1 What is AWS API Gateway?', slug: 'chapters/what-is-api-gateway' },
            { label: '§2 Key features', slug: 'chapters/key-features' },
            { label: '§2 Securing your API', slug: 'chapters/securing-your-api' },
            { label: '§3 Types of endpoints', slug: 'chapters/endpoint-types' },
            { label: '§5 Core concepts', slug: 'chapters/core-concepts' },
            { label: '§4 Integrations', slug: 'chapters/integrations' },
            { label: '§6 The items walkthrough', slug: 'walkthrough/items' },
            { label: '§7 Advanced considerations', slug: 'chapters/advanced-topics' },
            { label: '§8 Pricing', slug: 'chapters/pricing' },
            { label: '§9 Conclusion', slug: 'chapters/conclusion' },
          ],
        },
      ],
    }),
    ,
  ],
});
