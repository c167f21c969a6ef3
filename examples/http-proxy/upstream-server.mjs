#!/usr/bin/env node
/**
 * Serves upstream.ts on node:http, for `apigw-lab serve`: the HTTP service the API's integrations call.
 *
 *   node examples/http-proxy/upstream-server.mjs [--port 8080] [--host 127.0.0.1]
 *
 * The TypeScript module is loaded with Node's type stripping (Node 22.18+/23.6+), or, on older Node, with esbuild
 * (a dev dependency of this repository). Prints "Upstream listening on http://HOST:PORT" when ready (--port 0 picks
 * a free port).
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const port = Number(option('--port', process.env.PORT ?? '8080'));
const host = option('--host', '127.0.0.1');

/** The upstream module: imported as TypeScript where Node strips types, else transpiled with esbuild. */
async function loadUpstream() {
  const file = fileURLToPath(new URL('./upstream.ts', import.meta.url));
  try {
    return (await import(pathToFileURL(file).href)).default;
  } catch (error) {
    const { transform } = await import('esbuild').catch(() => {
      throw error;
    });
    const { code } = await transform(readFileSync(file, 'utf8'), { loader: 'ts', format: 'esm' });
    return (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)).default;
  }
}

const upstream = await loadUpstream();

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    try {
      const body = chunks.length ? Buffer.concat(chunks) : null;
      const headers = new Headers();
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
      const hasBody = body !== null && req.method !== 'GET' && req.method !== 'HEAD';
      const request = new Request(`http://${req.headers.host ?? `${host}:${port}`}${req.url}`, { method: req.method, headers, body: hasBody ? body : null });
      const response = await upstream.fetch(request);
      const out = Buffer.from(await response.arrayBuffer());
      const list = [];
      response.headers.forEach((value, name) => list.push([name, value]));
      if (!response.headers.has('content-length')) list.push(['content-length', String(out.length)]);
      res.writeHead(response.status, list.flat());
      res.end(out);
    } catch (error) {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: String(error) }));
    }
  });
});

server.listen(port, host, () => {
  const address = server.address();
  console.log(`Upstream listening on http://${host}:${typeof address === 'object' && address ? address.port : port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
