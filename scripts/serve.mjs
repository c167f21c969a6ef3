#!/usr/bin/env node
// Serves the built site (dist/) on localhost with the headers of public/_headers (cross-origin
// isolation: COOP same-origin, COEP require-corp, CORP same-origin). Plain Node (20 or newer), no
// dependencies: `npm start` builds then runs this; the e2e suite runs it directly.
//
//   node scripts/serve.mjs [--port 4321] [--host 127.0.0.1] [--dir dist]
//
// Also exports the tiny `_headers` parser astro.config.mjs uses for the dev server.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.whl': 'application/zip',
  '.tar': 'application/x-tar',
  '.gz': 'application/gzip',
  '.data': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.py': 'text/x-python; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  // Pagefind's index files
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

/**
 * Parses a Netlify/Cloudflare `_headers` file: a URL pattern on its own line, then indented
 * `Name: value` lines. `*` in a pattern matches any run of characters. Comments start with `#`.
 * @param {string} text
 * @returns {Array<{ pattern: string, headers: Array<[string, string]> }>}
 */
export function parseHeadersFile(text) {
  /** @type {Array<{ pattern: string, headers: Array<[string, string]> }>} */
  const rules = [];
  for (const raw of text.split(/\r?\n/)) {
    if (!raw.trim() || raw.trim().startsWith('#')) continue;
    if (!/^\s/.test(raw)) {
      rules.push({ pattern: raw.trim(), headers: [] });
      continue;
    }
    const colon = raw.indexOf(':');
    const rule = rules.at(-1);
    if (colon > 0 && rule) rule.headers.push([raw.slice(0, colon).trim(), raw.slice(colon + 1).trim()]);
  }
  return rules;
}

/**
 * The headers every rule matching `pathname` sets, in file order (a later rule wins per name).
 * @param {ReturnType<typeof parseHeadersFile>} rules
 * @param {string} pathname
 * @returns {Record<string, string>}
 */
export function headersFor(rules, pathname) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const { pattern, headers } of rules) {
    const re = new RegExp(
      `^${pattern
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    if (re.test(pathname)) for (const [k, v] of headers) out[k] = v;
  }
  return out;
}

/** The `/*` headers of public/_headers: what every response of the dev server carries. */
export function siteWideHeaders() {
  return headersFor(parseHeadersFile(readFileSync(join(root, 'public', '_headers'), 'utf8')), '/');
}

function parseArgs(argv) {
  const opts = { port: Number(process.env.PORT ?? 4321), host: process.env.HOST ?? '127.0.0.1', dir: 'dist' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--port' || flag === '-p') opts.port = Number(value());
    else if (flag === '--host') opts.host = value();
    else if (flag === '--dir') opts.dir = value();
    else if (flag === '--help' || flag === '-h') {
      console.log('usage: node scripts/serve.mjs [--port 4321] [--host 127.0.0.1] [--dir dist]');
      process.exit(0);
    } else {
      console.error(`unknown argument: ${argv[i]}`);
      process.exit(2);
    }
  }
  return opts;
}

/** @param {{ port: number, host: string, dir: string }} opts */
export function serve({ port, host, dir }) {
  const base = resolve(root, dir);
  if (!existsSync(join(base, 'index.html'))) {
    console.error(`No site in ${base}: run \`npm run build\` first (or \`npm start\`, which builds and serves).`);
    process.exit(1);
  }
  const headersPath = [join(base, '_headers'), join(root, 'public', '_headers')].find((p) => existsSync(p));
  const rules = headersPath ? parseHeadersFile(readFileSync(headersPath, 'utf8')) : [];

  /** Resolves a URL path to a file under `base`, or undefined. */
  const resolveFile = (pathname) => {
    const file = normalize(join(base, pathname));
    if (file !== base && !file.startsWith(base + sep)) return undefined; // no escaping dist/
    if (!existsSync(file)) return undefined;
    const stat = statSync(file);
    if (stat.isFile()) return { file, stat };
    const index = join(file, 'index.html');
    if (stat.isDirectory() && existsSync(index)) return { file: index, stat: statSync(index), dir: true };
    return undefined;
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      pathname = '\0';
    }
    const send = (status, headers, body) => {
      res.writeHead(status, { ...headersFor(rules, url.pathname), ...headers });
      if (req.method === 'HEAD' || body === undefined) return res.end();
      if (typeof body === 'string' || Buffer.isBuffer(body)) return res.end(body);
      body.pipe(res);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }, 'Method Not Allowed\n');
    }
    // Not served: `_headers` (host config) and dotfiles such as the build's `.site-files.json`.
    const hidden =
      pathname.includes('\0') || pathname.split('/').some((seg) => seg === '_headers' || seg.startsWith('.'));
    const found = hidden ? undefined : resolveFile(pathname);
    if (found?.dir && !url.pathname.endsWith('/')) {
      return send(301, { Location: `${url.pathname}/${url.search}` });
    }
    if (!found) {
      const notFound = join(base, '404.html');
      if (existsSync(notFound)) {
        return send(
          404,
          { 'Content-Type': MIME_TYPES['.html'], 'Content-Length': statSync(notFound).size },
          createReadStream(notFound),
        );
      }
      return send(404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Not Found\n');
    }
    const type = MIME_TYPES[extname(found.file).toLowerCase()] ?? 'application/octet-stream';
    send(
      200,
      { 'Content-Type': type, 'Content-Length': found.stat.size, 'Last-Modified': found.stat.mtime.toUTCString() },
      createReadStream(found.file),
    );
  });

  server.listen(port, host, () => {
    const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
    console.log(`API Gateway Lab: serving ${dir}/ at http://${shown}:${port}/`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return server;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  serve(parseArgs(process.argv.slice(2)));
}
