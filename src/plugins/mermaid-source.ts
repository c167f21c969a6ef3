/**
 * What the diagram renderer (scripts/render-diagrams.mjs) and the build (mermaid-diagrams.ts) agree on:
 * how a ```mermaid block's source becomes the name of its pre-rendered SVG files.
 *
 * Erasable TypeScript only (no enums, no parameter properties): Node 24 runs this file as is.
 */
import { createHash } from 'node:crypto';

/** Where the rendered SVGs live, relative to the repository root. Committed to git. */
export const DIAGRAMS_DIR = 'src/diagrams';

/** The two renderings of every diagram, with the Mermaid theme each uses. */
export const DIAGRAM_THEMES = [
  { name: 'light', mermaidTheme: 'default' },
  { name: 'dark', mermaidTheme: 'dark' },
] as const;

export type DiagramThemeName = (typeof DIAGRAM_THEMES)[number]['name'];

/** Line endings and surrounding blank space don't change a diagram, so they don't change its id. */
export function normalizeMermaidSource(source: string): string {
  return source.replace(/\r\n?/g, '\n').trim();
}

/** The first 12 hex digits of the SHA-256 of the normalized source. */
export function diagramId(source: string): string {
  return createHash('sha256').update(normalizeMermaidSource(source), 'utf8').digest('hex').slice(0, 12);
}

export function diagramFileName(id: string, theme: DiagramThemeName): string {
  return `${id}.${theme}.svg`;
}

/** The diagram's `accTitle:` line, if the author wrote one: the best accessible name there is. */
export function mermaidAccTitle(source: string): string | undefined {
  const match = /^\s*accTitle\s*:\s*(.+?)\s*$/m.exec(source);
  return match?.[1];
}

export const escapeAttr = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Makes a Mermaid SVG an accessible image: role="img" with the given name. Mermaid's own
 * `aria-roledescription` ("flowchart-v2") and `aria-labelledby` would override or garble it.
 */
export function labelSvg(svg: string, label: string): string {
  return svg.replace(/<svg\b([^>]*)>/, (_tag, attrs: string) => {
    const kept = attrs.replace(/\s(?:role|aria-label|aria-labelledby|aria-roledescription)="[^"]*"/g, '').trimEnd();
    return `<svg${kept} role="img" aria-label="${escapeAttr(label)}">`;
  });
}
