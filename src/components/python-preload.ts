/**
 * Pyodide for the page's Python sandboxes, loaded in the background before the reader's first Python Run: as soon as
 * a sandbox showing Python comes near the viewport, or once the page is idle after loading (not with Save-Data on).
 * One load per page, in the Worker runtime's Python handler worker (off the page's thread; TypeScript runs go on
 * meanwhile). Every sandbox shows the one shared state (`onPythonState`), whether the preload or a run started the load.
 */
import type { RuntimeProgress } from '../runtime/types.js';
import { prepareRuntime } from '../runtime/select-runtime.js';

export type PythonState =
  | { name: 'idle' }
  | { name: 'downloading'; percent: number }
  | { name: 'starting' }
  | { name: 'ready' }
  | { name: 'failed'; message: string };

let state: PythonState = { name: 'idle' };
const listeners = new Set<(state: PythonState) => void>();
let preload: Promise<void> | null = null;

export const pythonState = (): PythonState => state;

/** Calls `listener` with every change of the page's Python state; returns the unsubscriber. */
export function onPythonState(listener: (state: PythonState) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function set(next: PythonState): void {
  if (JSON.stringify(next) === JSON.stringify(state)) return;
  state = next;
  if (next.name === 'ready') performance.mark?.('apigw:python-ready');
  for (const listener of listeners) listener(next);
}

/** The percentage shown last in this load. */
let shown = 0;

/** Whether a runtime's progress report is about Python (Pyodide's phases, from pyodide-loader.ts). */
export const isPythonProgress = (p: RuntimeProgress): boolean => /python|pyodide/i.test(p.phase);

/**
 * Feeds the shared state with Pyodide's progress (the preload's, or a run's when Pyodide loads again after a timeout
 * ended its worker). The percentage never goes back while one load lasts.
 */
export function reportPythonProgress(p: RuntimeProgress): void {
  if (/ready/i.test(p.phase)) return set({ name: 'ready' });
  if (/^starting/i.test(p.phase)) return set({ name: 'starting' });
  // A new load (after a timeout ended the worker, or a failure) starts again from 0.
  if (state.name !== 'downloading' && state.name !== 'starting') shown = 0;
  shown = Math.max(shown, p.total && p.loaded !== undefined ? Math.min(99, Math.floor((p.loaded / p.total) * 100)) : 0);
  set({ name: 'downloading', percent: shown });
}
/** The state as the sandbox's status says it; null while nothing is loading. */
export function pythonStatusText(s: PythonState): string | null {
  switch (s.name) {
    case 'idle':
      return null;
    case 'downloading':
      return `Loading Python (Pyodide)… ${s.percent} %`;
    case 'starting':
      return 'Starting Python (Pyodide)…';
    case 'ready':
      return 'Python ready';
    case 'failed':
      return `Python could not load (${s.message}); Run tries again`;
  }
}

/** Starts loading Pyodide now (once; again after a failure). Resolves when Python is ready. */
export function preloadPython(): Promise<void> {
  if (preload) return preload;
  if (state.name === 'idle' || state.name === 'failed') {
    shown = 0;
    set({ name: 'downloading', percent: 0 });
  }
  performance.mark?.('apigw:python-preload');
  const started = prepareRuntime('python', (p) => isPythonProgress(p) && reportPythonProgress(p)).then(
    () => set({ name: 'ready' }),
    (error: unknown) => {
      preload = null;
      set({ name: 'failed', message: error instanceof Error ? error.message : String(error) });
    },
  );
  preload = started;
  return started;
}

/** Preloads Pyodide once the page has loaded (now if it has): a sandbox near the viewport asks for it. */
export function preloadPythonAfterLoad(): void {
  if (document.readyState === 'complete') void preloadPython();
  else window.addEventListener('load', () => void preloadPython(), { once: true });
}

let idleScheduled = false;

/**
 * Preloads Pyodide once the page has loaded and the browser is idle (at most 2 s after the load event), unless the
 * reader asked to save data (then only a Python sandbox near the viewport starts it).
 */
export function preloadPythonWhenIdle(): void {
  if (idleScheduled) return;
  idleScheduled = true;
  const connection = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection;
  if (connection?.saveData) return;
  const whenIdle = (): void => {
    const idle = (
      window as Window & { requestIdleCallback?: (cb: () => void, options?: { timeout: number }) => number }
    ).requestIdleCallback;
    if (idle) idle(() => void preloadPython(), { timeout: 2_000 });
    else setTimeout(() => void preloadPython(), 200);
  };
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
}
