// Part (1) of bench/run.mjs: the core's cost per request, in process.
// Bundles src/emulator/index.ts with esbuild into a temporary module and times, in alternating rounds:
//   direct:  a trivial invoker called directly (what the handler costs by itself)
//   request: building the web Request the HTTP adapter builds (an input to handle, not part of it)
//   handle:  new Request + RestGateway.handle with the same invoker
//   full:    handle + taking the response body as the HTTP adapter does
//   traffic: full, on a stage with what issue #12 adds to every request: a method throttle (limits too high to
//            trip), examples/waf-block's web ACL, the CloudWatch metrics recorded and a JSON access log line formatted
//   sqs:     full, for examples/sqs-send-message's POST /orders: the request template builds SQS's query-protocol
//            form, the embedded SQS (issue #14) stores the message and answers, the response template reads its id
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { parse } from 'yaml';

export async function loadCore(root, entry = 'src/emulator/index.ts') {
  const dir = await mkdtemp(join(tmpdir(), 'apigw-lab-bench-'));
  const outfile = join(dir, 'core.mjs');
  try {
    await build({
      entryPoints: [join(root, entry)],
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
    core.parseWebAcl(
      JSON.parse(await readFile(join(root, 'examples/waf-block/web-acl.json'), 'utf8')),
      {},
      {
        searchStringEncoding: 'base64',
      },
    ),
  );
  const metrics = new core.MetricsRecorder();
  const accessLog = core.ACCESS_LOG_PRESETS.json;

  // examples/sqs-send-message on a gateway whose AWS integrations reach the embedded services (its services.json).
  const awsServices = await loadCore(root, 'src/emulator/aws-services/index.ts');
  const sqsDir = join(root, 'examples/sqs-send-message');
  const embedded = new awsServices.EmbeddedAwsServices({
    region: 'us-east-1',
    accountId: '123456789012',
    now: Date.now,
  });
  embedded.apply(awsServices.parseServicesFile(await readFile(join(sqsDir, 'services.json'), 'utf8')));
  const queued = new core.RestGateway({ invoke: trivialInvoker, awsServices: embedded });
  queued.putStage({
    name: 'dev',
    deploymentId: queued.deploy(core.importOpenApi(parse(await readFile(join(sqsDir, 'openapi.yaml'), 'utf8')))).id,
  });
  const sqsUrl = 'http://127.0.0.1:3000/dev/orders';
  const sqsInit = () => ({
    method: 'POST',
    headers: [...rawHeaders, ['Content-Type', 'application/json']],
    body: '{"item": "book", "quantity": 1}',
  });

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

  const sqsCheck = await queued.handle(new Request(sqsUrl, sqsInit()), handleOpts);
  const sqsBody = await sqsCheck.response.text();
  if (sqsCheck.trace.status !== 200 || !/"messageId": "[0-9a-f-]{36}"/.test(sqsBody)) {
    throw new Error(`core bench: expected 200 with a messageId from SQS, got ${sqsCheck.trace.status} ${sqsBody}`);
  }
  let sent = 0;

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
    sqs: async () => {
      const result = await queued.handle(new Request(sqsUrl, sqsInit()), handleOpts);
      if (result.body === undefined) await result.response.arrayBuffer();
      // Keep the queue small, as a consumer would: the bench times sending, not a queue of millions.
      if (++sent % 10_000 === 0) await purge();
    },
  };
  /** PurgeQueue on the embedded queue, by a query-protocol wire request as API Gateway would send it. */
  async function purge() {
    await embedded.call({
      service: 'sqs',
      region: 'us-east-1',
      method: 'POST',
      path: '/123456789012/orders',
      headers: [['Content-Type', 'application/x-www-form-urlencoded']],
      body: new TextEncoder().encode('Action=PurgeQueue'),
    });
  }
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
