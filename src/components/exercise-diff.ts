/**
 * The reader's edits against the starter, as a unified diff (the `diff` package): loaded only when the reader opens
 * "Your changes". Each line is a <span> marked added, removed or context, so the page can colour it.
 */
import { createTwoFilesPatch } from 'diff';

/** The unified diff of `edited` against `original` (3 lines of context), without the `===` and `Index:` header. */
export function unifiedDiff(original: string, edited: string, name: string): string {
  const withEol = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);
  const patch = createTwoFilesPatch(
    `${name} (starter)`,
    `${name} (yours)`,
    withEol(original),
    withEol(edited),
    '',
    '',
    {
      context: 3,
    },
  );
  return patch
    .split('\n')
    .filter((line) => !line.startsWith('====') && !line.startsWith('Index:'))
    .join('\n')
    .trimEnd();
}

/** Writes the diff of `edited` against `original` into `pre`, one span per line; says so when nothing changed. */
export function renderDiff(pre: HTMLElement, original: string, edited: string, name: string): void {
  if (original === edited || `${original}\n` === edited || original === `${edited}\n`) {
    pre.textContent = 'No changes yet: this is the starter.';
    return;
  }
  const lines = unifiedDiff(original, edited, name).split('\n');
  pre.replaceChildren(
    ...lines.map((line) => {
      const span = document.createElement('span');
      const kind = line.startsWith('+++') || line.startsWith('---') || line.startsWith('@@') ? 'meta' : line[0];
      span.className =
        kind === '+'
          ? 'apigw-diff-added'
          : kind === '-'
            ? 'apigw-diff-removed'
            : kind === 'meta'
              ? 'apigw-diff-meta'
              : '';
      span.textContent = `${line}\n`;
      return span;
    }),
  );
}
