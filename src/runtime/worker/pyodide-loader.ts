/** Loads Pyodide from the site's own `/pyodide/` assets (no CDN), reporting download progress. */
import type { PyodideInterface } from 'pyodide';
import type { RuntimeProgress } from '../types.js';

type LoadPyodide = (options: {
  indexURL: string;
  fullStdLib?: boolean;
  checkAPIVersion?: boolean;
}) => Promise<PyodideInterface>;

/** The files Pyodide fetches as it starts (its JavaScript is imported, not fetched). */
const FETCHED_FILES = ['pyodide-lock.json', 'pyodide.asm.wasm', 'python_stdlib.zip'];

/**
 * How many bytes Pyodide will fetch, from HEAD requests (0 for a file that does not say): the percentage loaded is of
 * this from the start, rather than of the files started so far (the small lock file alone would read as 100 %).
 */
async function expectedBytes(base: string, fetcher: typeof fetch): Promise<number> {
  const sizes = await Promise.all(
    FETCHED_FILES.map(async (file) => {
      try {
        const response = await fetcher(`${base}${file}`, { method: 'HEAD' });
        return response.ok ? Number(response.headers.get('content-length') ?? 0) : 0;
      } catch {
        return 0;
      }
    }),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

/**
 * Counts the bytes of every fetch made while Pyodide loads (the wasm binary, the stdlib zip, the lock file), of
 * `expected` bytes in all; `settled` once they are all in (Pyodide then starts).
 */
function countingFetch(
  original: typeof fetch,
  expected: Promise<number>,
  report: (loaded: number, total: number) => void,
  settled: () => void,
): typeof fetch {
  let loaded = 0;
  let total = 0;
  let active = 0;
  return async (input, init) => {
    const [response, all] = await Promise.all([original(input, init), expected]);
    const length = Number(response.headers.get('content-length') ?? 0);
    if (!response.body || !response.ok) return response;
    total = Math.max(all, total + length);
    active++;
    report(loaded, total);
    const reader = response.body.getReader();
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          if (--active === 0 && loaded >= total) settled();
          return;
        }
        loaded += value.byteLength;
        if (loaded > total) total = loaded;
        report(loaded, total);
        controller.enqueue(value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
    return new Response(stream, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/**
 * `report` without the repeats: a download's progress once per whole percent (the files arrive in many small chunks,
 * and each report crosses two workers to the page).
 */
function throttled(report: (p: RuntimeProgress) => void): (p: RuntimeProgress) => void {
  let last = '';
  return (p) => {
    const key = p.total ? `${p.phase}:${Math.floor(((p.loaded ?? 0) / p.total) * 100)}` : p.phase;
    if (key === last) return;
    last = key;
    report(p);
  };
}

/** Loads Pyodide from `base` (`https://site/pyodide/`). */
export async function loadPyodideFrom(base: string, report: (p: RuntimeProgress) => void): Promise<PyodideInterface> {
  const onProgress = throttled(report);
  onProgress({ phase: 'Loading Python (Pyodide)' });
  const original = globalThis.fetch;
  const bound = original.bind(globalThis);
  globalThis.fetch = countingFetch(
    bound,
    expectedBytes(base, bound),
    (loaded, total) => onProgress({ phase: 'Downloading Python (Pyodide)', loaded, total }),
    () => onProgress({ phase: 'Starting Python (Pyodide)' }),
  );
  try {
    const { loadPyodide } = (await import(/* @vite-ignore */ `${base}pyodide.mjs`)) as { loadPyodide: LoadPyodide };
    const pyodide = await loadPyodide({ indexURL: base });
    onProgress({ phase: 'Python ready' });
    return pyodide;
  } finally {
    globalThis.fetch = original;
  }
}
