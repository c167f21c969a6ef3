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

/** Every exchange file of every example (examples/NAME/exchanges/*.json), as "example/exchange-id". */
export function documentedExchanges(examples = 'examples'): string[] {
  const names: string[] = [];
  for (const example of readdirSync(examples)) {
    const dir = join(examples, example, 'exchanges');
    if (!statSync(join(examples, example)).isDirectory()) continue;
    let files: string[];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    } catch {
      continue;
    }
    for (const file of files) {
      const { id } = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { id: string };
      names.push(`${example}/${id}`);
    }
  }
  return names.sort();
}

/** The exchanges the built pages show (`<Exchange>`'s data-example/data-exchange), as "example/exchange-id" → pages. */
export function shownExchanges(dist = 'dist'): Map<string, string[]> {
  const shown = new Map<string, string[]>();
  for (const page of builtPages(dist)) {
    const html = readFileSync(join(dist, page, 'index.html'), 'utf8');
    for (const m of html.matchAll(
      /class="apigw-exchange[^"]*"[^>]*?data-example="([^"]+)"[^>]*?data-exchange="([^"]+)"/g,
    )) {
      const key = `${m[1]}/${m[2]}`;
      shown.set(key, [...(shown.get(key) ?? []), page]);
    }
  }
  return shown;
}
