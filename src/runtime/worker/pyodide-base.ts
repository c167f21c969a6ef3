/** The absolute URL of the site's Pyodide assets (copied to public/pyodide/ by scripts/copy-pyodide.mjs). */
export function defaultPyodideBase(): string {
  const base = (import.meta as ImportMeta & { env?: { BASE_URL?: string } }).env?.BASE_URL ?? '/';
  return new URL(`${base.replace(/\/?$/, '/')}pyodide/`, location.href).href;
}
