#!/usr/bin/env node
// Renders every ```mermaid block in content/**/*.{md,mdx} to src/diagrams/<id>.light.svg and
// <id>.dark.svg (Mermaid themes `default` and `dark`), where <id> is the first 12 hex digits of the
// SHA-256 of the block's source. The SVGs are committed; the site's build inlines them
// (src/plugins/mermaid-diagrams.ts) and so needs no browser and ships no Mermaid JavaScript.
//
//   npm run diagrams                 render what is missing, delete SVGs no block uses
//   npm run diagrams -- --force      re-render everything (e.g. after a Mermaid upgrade)
//   npm run diagrams -- --check      render nothing; exit 1 if an SVG is missing or unused (CI)
//
// Needs Node 24 (it imports src/plugins/mermaid-source.ts; npm scripts run node_modules/.bin/node),
// playwright-core and Chromium (/usr/bin/chromium, or set CHROMIUM_PATH).
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownToMdast, mdxToMdast } from 'satteri';
import {
  DIAGRAM_THEMES,
  DIAGRAMS_DIR,
  diagramFileName,
  diagramId,
  labelSvg,
  mermaidAccTitle,
  normalizeMermaidSource,
} from '../src/plugins/mermaid-source.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const contentDir = join(root, 'content');
const outDir = join(root, DIAGRAMS_DIR);
const args = new Set(process.argv.slice(2));
const force = args.has('--force');
const check = args.has('--check');

/** The font stack the diagrams are measured and drawn with: the site's own sans-serif stack. */
const FONT_FAMILY =
  "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', 'Noto Sans', 'Liberation Sans', Arial, sans-serif";

async function contentFiles(dir) {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.(md|mdx)$/.test(e.name))
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
}

/** Every mermaid code block, parsed the way the site's Markdown processor parses it. */
function mermaidBlocks(file, text) {
  const options = { features: { directive: true }, position: true };
  const tree = file.endsWith('.mdx') ? mdxToMdast(text, options) : markdownToMdast(text, options);
  const found = [];
  const walk = (node) => {
    if (node.type === 'code' && node.lang === 'mermaid') {
      found.push({ source: node.value, line: node.position?.start.line ?? 0 });
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(tree);
  return found;
}

const diagrams = new Map(); // id -> { source, places: [] }
for (const file of await contentFiles(contentDir)) {
  for (const { source, line } of mermaidBlocks(file, await readFile(file, 'utf8'))) {
    const id = diagramId(source);
    const place = `${relative(root, file)}:${line}`;
    const entry = diagrams.get(id) ?? { source: normalizeMermaidSource(source), places: [] };
    entry.places.push(place);
    diagrams.set(id, entry);
  }
}

await mkdir(outDir, { recursive: true });
const wanted = new Set([...diagrams.keys()].flatMap((id) => DIAGRAM_THEMES.map((t) => diagramFileName(id, t.name))));
const unused = (await readdir(outDir)).filter((f) => f.endsWith('.svg') && !wanted.has(f));
const todo = [...diagrams].filter(
  ([id]) => force || DIAGRAM_THEMES.some((t) => !existsSync(join(outDir, diagramFileName(id, t.name)))),
);

if (check) {
  for (const [id, { places }] of todo) console.error(`missing: ${id} (${places.join(', ')})`);
  for (const f of unused) console.error(`unused: ${DIAGRAMS_DIR}/${f}`);
  if (todo.length || unused.length) {
    console.error('Run `npm run diagrams` and commit src/diagrams/.');
    process.exit(1);
  }
  console.log(`${diagrams.size} diagram(s), all rendered.`);
  process.exit(0);
}

for (const f of unused) {
  await unlink(join(outDir, f));
  console.log(`deleted unused ${DIAGRAMS_DIR}/${f}`);
}

if (todo.length === 0) {
  console.log(`${diagrams.size} diagram(s), all rendered already (--force to re-render).`);
  process.exit(0);
}

const { chromium } = await import('playwright-core');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
  ],
});
let failed = 0;
try {
  const page = await browser.newPage();
  // No network: the page is about:blank with Mermaid's own bundle injected from node_modules.
  await page.route('**/*', (route) => route.abort());
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
  await page.addScriptTag({ path: join(root, 'node_modules/mermaid/dist/mermaid.min.js') });
  const { version } = JSON.parse(await readFile(join(root, 'node_modules/mermaid/package.json'), 'utf8'));
  for (const [id, { source, places }] of todo) {
    for (const theme of DIAGRAM_THEMES) {
      const result = await page.evaluate(
        async ({ source, svgId, mermaidTheme, fontFamily }) => {
          const { mermaid } = globalThis;
          mermaid.initialize({
            startOnLoad: false,
            securityLevel: 'strict',
            theme: mermaidTheme,
            fontFamily,
            themeVariables: { fontFamily },
            // Labels as HTML in <foreignObject> (Mermaid's default): they wrap and size correctly.
            // The figure carries `not-content`, so Starlight's Markdown styles don't reach them.
          });
          try {
            await mermaid.parse(source);
            const { svg } = await mermaid.render(svgId, source);
            return { svg };
          } catch (error) {
            document.querySelectorAll(`#${svgId}, #d${svgId}`).forEach((n) => n.remove());
            return { error: String(error?.message ?? error) };
          }
        },
        { source, svgId: `mermaid-${id}-${theme.name}`, mermaidTheme: theme.mermaidTheme, fontFamily: FONT_FAMILY },
      );
      if ('error' in result) {
        failed++;
        console.error(`${places.join(', ')}: Mermaid cannot render this diagram:\n${result.error}\n`);
        break;
      }
      const file = join(outDir, diagramFileName(id, theme.name));
      const svg = labelSvg(result.svg, mermaidAccTitle(source) ?? 'Diagram');
      await writeFile(file, `${svg}\n`);
      console.log(
        `rendered ${relative(root, file)} (${places.join(', ')}; mermaid ${version}, theme ${theme.mermaidTheme})`,
      );
    }
  }
} finally {
  await browser.close();
}
if (failed) process.exit(1);
