// Part (1) of bench/run.mjs: the core's cost per request, in process.
// Bundles src/emulator/index.ts with esbuild into a temporary module and times, in alternating rounds:
//   direct:  a trivial invoker called directly (what the handler costs by itself)
//   request: building the web Request the HTTP adapter builds (an input to handle, not part of it)
//   handle:  new Request + RestGateway.handle with the same invoker
//   full:    handle + taking the response body as the HTTP adapter does
//   traffic: full, on a stage with what issue #12 adds to every request: a method throttle (limits too high to
//            trip), examples/waf-block's web ACL, the CloudWatch metrics recorded and a JSON access log line formatted
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { parse } from 'yaml';

export async function loadCore(root) {
  const dir = await mkdtemp(join(tmpdir(), 'apigw-lab-bench-'));
  const outfile = join(dir, 'core.mjs');
  try {
    await build({
      entryPoints: [join(root, 'src/emulator/index.ts')],
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      // The core's packages (velocityjs and its `debug`, ajv) name their entry points in package.json fields,
      // which the neutral platform does not read by default; `browser` first, as a Worker bundle resolves them.
      mainFields: ['browser', 'module', 'main'],
      conditions: ['browser'],
      target: 'node20',
      logLevel: 'error',
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const trivialInvoker = async () => ({ kind: 'result', payload: { statusCode: 200, body: 'ok' }, logs: [] });

/** Runs `step` back to back for about `ms` milliseconds; returns µs per call. */
async function timeLoop(step, ms) {
  const end = performance.now() + ms;
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now < end) {
    for (let i = 0; i < 200; i++) await step();
    n += 200;
    now = performance.now();
  }
  return ((now - start) * 1000) / n;
}

export async function benchCore(root, { roundMs = 400, rounds = 5 } = {}) {
  const core = await loadCore(root);
  const doc = parse(await readFile(join(root, 'bench/fixture/api.yaml'), 'utf8'));
  const api = core.importOpenApi(doc);
  const gateway = new core.RestGateway({ invoke: trivialInvoker });
  const deployment = gateway.deploy(api);
  gateway.putStage({ name: 'dev', deploymentId: deployment.id });

  // The same API on a stage with throttling, a web ACL, metrics and an access log (issue #12's per-request work).
  const guarded = new core.RestGateway({ invoke: trivialInvoker });
  guarded.putStage({
    name: 'dev',
    deploymentId: guarded.deploy(api).id,
    methodSettings: { '*/*': { throttlingRateLimit: 1e9, throttlingBurstLimit: 1e9 } },
  });
  guarded.associateWebAcl(
    'dev',
    core.parseWebAcl(JSON.parse(await readFile(join(root, 'examples/waf-block/web-acl.json'), 'utf8'))),
  );
  const metrics = new core.MetricsRecorder();
  const accessLog = core.ACCESS_LOG_PRESETS.json;

  const url = 'http://127.0.0.1:3000/dev/items';
  const rawHeaders = [
    ['Host', '127.0.0.1:3000'],
    ['User-Agent', 'bench'],
    ['Accept', '*/*'],
  ];
  const handleOpts = { rawHeaders, sourceIp: '127.0.0.1', protocol: 'HTTP/1.1' };
  const invocation = {
    functionName: 'bench_handler',
    event: {},
    context: {},
    signal: new AbortController().signal,
  };

  // Check once that the gateway really reaches the invoker.
  const check = await gateway.handle(new Request(url, { headers: rawHeaders }), handleOpts);
  const checkBody = await check.response.text();
  if (check.trace.status !== 200 || checkBody !== 'ok') {
    throw new Error(`core bench: expected 200 "ok", got ${check.trace.status} ${JSON.stringify(checkBody)}`);
  }
  const guardedCheck = await guarded.handle(new Request(url, { headers: rawHeaders }), handleOpts);
  if (guardedCheck.trace.status !== 200 || guardedCheck.trace.waf?.action !== 'ALLOW') {
    throw new Error(
      `core bench: expected 200 allowed by the web ACL, got ${guardedCheck.trace.status} ${JSON.stringify(guardedCheck.trace.waf)}`,
    );
  }

  const variants = {
    direct: () => trivialInvoker(invocation),
    request: async () => new Request(url, { headers: rawHeaders }),
    handle: () => gateway.handle(new Request(url, { headers: rawHeaders }), handleOpts),
    full: async () => {
      // As the HTTP adapter takes the body: the bytes when the gateway gives them, else the Response's.
      const result = await gateway.handle(new Request(url, { headers: rawHeaders }), handleOpts);
      if (result.body === undefined) await result.response.arrayBuffer();
    },
    traffic: async () => {
      const result = await guarded.handle(new Request(url, { headers: rawHeaders }), handleOpts);
      if (result.body === undefined) await result.response.arrayBuffer();
      metrics.record(result.trace);
      core.formatAccessLog(accessLog, result.trace);
    },
  };
  // Warm up (JIT), then alternate rounds so drift on a shared machine hits every variant alike.
  for (const step of Object.values(variants)) await timeLoop(step, 200);
  const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, step] of Object.entries(variants)) samples[name].push(await timeLoop(step, roundMs));
  }
  // The best round of each: the one least disturbed by other work on the machine.
  const best = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, Math.min(...v)]));
  return { samples, best };
}
