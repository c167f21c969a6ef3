/**
 * Replaces every ```mermaid block with its two pre-rendered SVGs (light and dark), inline.
 *
 * The SVGs are made ahead of time by `npm run diagrams` (scripts/render-diagrams.mjs) and committed
 * under src/diagrams/, so the build needs no browser and pages ship no Mermaid JavaScript. A block
 * without its SVGs fails the build, naming the file and line and the command to run.
 *
 * A Sätteri mdast plugin: Astro 7's default Markdown processor (Starlight and Expressive Code plug
 * into the same one). It runs before Expressive Code, which only sees the code blocks that remain.
 *
 * Fence meta (not part of the diagram id, so editing it needs no re-render):
 *   ```mermaid label="What the diagram shows" caption="Text shown under it"
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MdastPluginDefinition } from 'satteri';
import {
  DIAGRAM_THEMES,
  DIAGRAMS_DIR,
  diagramFileName,
  diagramId,
  labelSvg,
  mermaidAccTitle,
  type DiagramThemeName,
} from './mermaid-source.js';

export interface MermaidDiagramsOptions {
  /** The repository root (absolute path); the SVGs are read from `<root>/src/diagrams/`. */
  root: string;
}

export class MissingDiagramError extends Error {
  override name = 'MissingDiagramError';
}

const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `label="…" caption='…'` → { label, caption } */
export function parseMeta(meta: string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!meta) return out;
  for (const m of meta.matchAll(/([A-Za-z][\w-]*)=(?:"([^"]*)"|'([^']*)'|(\S+))/g)) {
    out[m[1]!] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return out;
}

export function figureHtml(
  id: string,
  svgs: Record<DiagramThemeName, string>,
  label: string,
  caption: string | undefined,
): string {
  const parts = DIAGRAM_THEMES.map(
    ({ name }) =>
      `<div class="mermaid-diagram__svg mermaid-diagram__svg--${name}">${labelSvg(svgs[name], label)}</div>`,
  );
  const figcaption = caption ? `<figcaption>${escapeText(caption)}</figcaption>` : '';
  return `<figure class="mermaid-diagram not-content" data-diagram="${id}">${parts.join('')}${figcaption}</figure>`;
}

export function mermaidDiagrams({ root }: MermaidDiagramsOptions): MdastPluginDefinition {
  const dir = join(root, DIAGRAMS_DIR);
  return {
    name: 'api-gateway-lab-mermaid-diagrams',
    options: { position: true },
    code(node, ctx) {
      if (node.lang !== 'mermaid') return;
      const id = diagramId(node.value);
      const files = Object.fromEntries(
        DIAGRAM_THEMES.map(({ name }) => [name, join(dir, diagramFileName(id, name))]),
      ) as Record<DiagramThemeName, string>;
      const missing = DIAGRAM_THEMES.filter(({ name }) => !existsSync(files[name])).map(({ name }) => name);
      if (missing.length > 0) {
        const where = ctx.fileURL ? relative(root, fileURLToPath(ctx.fileURL)) : 'a Markdown file';
        const line = node.position ? `:${node.position.start.line}` : '';
        throw new MissingDiagramError(
          `The mermaid diagram at ${where}${line} has not been rendered ` +
            `(missing ${missing.map((t) => `${DIAGRAMS_DIR}/${diagramFileName(id, t)}`).join(', ')}). ` +
            'Run `npm run diagrams` and commit src/diagrams/.',
        );
      }
      const svgs = Object.fromEntries(
        DIAGRAM_THEMES.map(({ name }) => [name, readFileSync(files[name], 'utf8').trim()]),
      ) as Record<DiagramThemeName, string>;
      const meta = parseMeta(node.meta);
      const label = meta['label'] ?? meta['alt'] ?? mermaidAccTitle(node.value) ?? 'Diagram';
      const html = figureHtml(id, svgs, label, meta['caption']);
      if (ctx.sourceFormat === 'mdx') {
        // MDX has no raw-HTML node: Astro's <Fragment set:html> puts the markup in the page as is.
        return {
          type: 'mdxJsxFlowElement',
          name: 'Fragment',
          attributes: [{ type: 'mdxJsxAttribute', name: 'set:html', value: html }],
          children: [],
        };
      }
      return { type: 'html', value: html };
    },
  };
}
