import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every HTML page of the built site (dist/), as URL paths: the e2e suite checks them all. */
export function builtPages(dist = 'dist'): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) {
        if (name !== 'pagefind' && name !== '_astro' && name !== 'pyodide' && name !== 'webcontainer') walk(full);
      } else if (name === 'index.html') {
        const rel = relative(dist, dir).split(sep).join('/');
        pages.push(rel ? `/${rel}/` : '/');
      }
    }
  };
  walk(dist);
  return pages.sort();
}

/** Whether a built page holds at least one live sandbox (read from its HTML, so tests are made only where there is something to run). */
export function hasSandboxes(path: string, dist = 'dist'): boolean {
  return readFileSync(join(dist, path, 'index.html'), 'utf8').includes('<apigw-sandbox');
}
