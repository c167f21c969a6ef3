// Diagnostic, not part of `npm run bench`: what the worker hand-off costs the main thread, without HTTP.
// `npm run build:node && node bench/host.mjs`. Ten clients in a closed loop call RestGateway.handleParts for the
// bench fixture, whose function runs (a) in the node function host's worker threads, as `apigw-lab serve` runs it,
// and (b) inline in this thread (no timeout guarantee: only to show what the hand-off adds). Prints requests per
// second, the main thread's CPU per request (process.threadCpuUsage) and the whole process's (all threads: workers,
// GC helpers), from the round with the least main-thread CPU.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const CLIENTS = 10;

/** Bundles the gateway and the function host from src/ (packages stay imports from node_modules). */
async function loadModules() {
  const dir = join(root, '.tmp', `bench-host-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, 'entry.ts');
  const outfile = join(dir, 'entry.mjs');
  try {
    await build({
      stdin: {
        contents: `export { RestGateway, importOpenApi } from '${join(root, 'src/emulator/index.ts')}';
export { createNodeFunctionHost } from '${join(root, 'src/node/function-host.ts')}';`,
        resolveDir: root,
        sourcefile: entry,
        loader: 'ts',
      },
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      packages: 'external',
      target: 'node20',
      logLevel: 'error',
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `rounds` rounds of `ms` each: the clients call `handle` back to back; returns the round with the least main-thread CPU per request. */
async function closedLoop(handle, { ms, rounds }) {
  let best = null;
  for (let r = 0; r < rounds; r++) {
    let n = 0;
    const end = performance.now() + ms;
    const cpu0 = process.threadCpuUsage();
    const all0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (performance.now() < end) {
          const result = await handle();
          if (result.trace.status !== 200)
            throw new Error(`bench/host: got ${result.trace.status} (${result.trace.errorDetail})`);
          n++;
        }
      }),
    );
    const cpu = process.threadCpuUsage(cpu0);
    const all = process.cpuUsage(all0);
    const seconds = (performance.now() - t0) / 1000;
    const round = {
      rps: n / seconds,
      mainUs: (cpu.user + cpu.system) / n,
      sysUs: cpu.system / n,
      allUs: (all.user + all.system) / n,
    };
    if (!best || round.mainUs < best.mainUs) best = round;
  }
  return best;
}

const { RestGateway, importOpenApi, createNodeFunctionHost } = await loadModules();
const api = importOpenApi(parse(readFileSync(join(root, 'bench/fixture/api.yaml'), 'utf8')));
const handlerPath = join(root, 'bench/fixture/bench_handler.mjs');
const parts = {
  method: 'GET',
  url: 'http://127.0.0.1:3000/dev/items',
  rawHeaders: [
    ['Host', '127.0.0.1:3000'],
    ['User-Agent', 'bench'],
    ['Accept', '*/*'],
  ],
  body: null,
  sourceIp: '127.0.0.1',
  protocol: 'HTTP/1.1',
};

function gatewayWith(invoke) {
  const gateway = new RestGateway({ invoke });
  gateway.putStage({ name: 'dev', deploymentId: gateway.deploy(api).id });
  return gateway;
}

const fmt = (n, digits = 1) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const line = (label, r) =>
  console.log(
    `  ${label.padEnd(34)} ${fmt(r.rps, 0).padStart(8)} req/s   main thread ${fmt(r.mainUs).padStart(6)} µs/request (sys ${fmt(r.sysUs)}), all threads ${fmt(r.allUs).padStart(6)} µs/request`,
  );

console.log(
  `bench/host: ${CLIENTS} clients in a closed loop on RestGateway.handleParts, no HTTP (node ${process.version})`,
);

// (a) As `apigw-lab serve` runs it: worker threads, two per function, prewarmed.
const host = createNodeFunctionHost(
  { bench_handler: { path: handlerPath } },
  { prewarm: true, maxWorkersPerFunction: 2, workerUrl: pathToFileURL(join(root, 'lib/handler-worker.mjs')) },
);
try {
  const gateway = gatewayWith(host.invoke);
  await closedLoop(() => gateway.handleParts(parts), { ms: 500, rounds: 1 });
  line('function host (worker threads)', await closedLoop(() => gateway.handleParts(parts), { ms: 2000, rounds: 3 }));
} finally {
  await host.close();
}

// (b) The same function called in this thread, its event and result through JSON as the host does.
const { handler } = await import(pathToFileURL(handlerPath).href);
const inline = gatewayWith(async ({ event, context }) => {
  const payload = await handler(JSON.parse(JSON.stringify(event)), context);
  const payloadJson = JSON.stringify(payload);
  return { kind: 'result', payload: JSON.parse(payloadJson), payloadJson, logs: [] };
});
await closedLoop(() => inline.handleParts(parts), { ms: 500, rounds: 1 });
line('inline (no worker, no guarantee)', await closedLoop(() => inline.handleParts(parts), { ms: 2000, rounds: 3 }));
