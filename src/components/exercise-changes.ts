/**
 * "Your changes": a <details data-changes> in an exercise shows the reader's code diffed against the starter. The
 * diff code (exercise-diff.ts and the `diff` package) loads when the disclosure first opens; while it is open, each
 * edit redraws it (`refresh`).
 */
export interface ChangesView {
  /** Redraws the diff if the disclosure is open. */
  refresh(): void;
}

/** Wires the disclosure in `root`: `starter()` and `code()` give the two texts, `name` the file's name. */
export function wireChanges(
  root: HTMLElement,
  starter: () => string,
  code: () => string,
  name: () => string,
): ChangesView {
  const details = root.querySelector<HTMLDetailsElement>('details[data-changes]');
  const pre = details?.querySelector<HTMLElement>('[data-diff]');
  const refresh = () => {
    if (!details?.open || !pre) return;
    import('./exercise-diff.js')
      .then(({ renderDiff }) => renderDiff(pre, starter(), code(), name()))
      .catch((error: unknown) => {
        pre.textContent = `The diff could not load: ${error instanceof Error ? error.message : String(error)}`;
      });
  };
  details?.addEventListener('toggle', refresh);
  return { refresh };
}
