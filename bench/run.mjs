// apigw-lab benchmark: `npm run bench` (builds lib/ first). Prints figures and ratios in one run;
// the machine may be shared and noisy, so what counts is the ratios within this run.
// Exits non-zero only when something crashes; a missed target prints MISS.
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { benchCore } from './core.mjs';
import { benchHttp } from './http.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const CORE_TARGET_US = 20;
const HTTP_TARGET_RATIO = 0.5;
const fmt = (n, digits = 1) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const verdict = (ok) => (ok ? 'PASS' : 'MISS');

const started = performance.now();
console.log(`apigw-lab bench: node ${process.version}, ${process.platform}/${process.arch}`);

// (1) The core, in process.
console.log('\n(1) core in process: RestGateway.handle with a trivial invoker (best of 5 rounds, µs per request)');
const core = await benchCore(root);
const { direct, request, handle, full, traffic, sqs } = core.best;
const added = handle - direct - request;
console.log(
  `  trivial invoker called directly  ${fmt(direct, 2).padStart(8)} µs   ${fmt(1e6 / direct, 0).padStart(10)} req/s`,
);
console.log(
  `  new Request (adapter's input)    ${fmt(request, 2).padStart(8)} µs   ${fmt(1e6 / request, 0).padStart(10)} req/s`,
);
console.log(
  `  new Request + RestGateway.handle ${fmt(handle, 2).padStart(8)} µs   ${fmt(1e6 / handle, 0).padStart(10)} req/s`,
);
console.log(
  `  ... + take the body (as adapter) ${fmt(full, 2).padStart(8)} µs   ${fmt(1e6 / full, 0).padStart(10)} req/s`,
);
console.log(
  `  ... on a guarded stage (issue #12) ${fmt(traffic, 2).padStart(8)} µs   ${fmt(1e6 / traffic, 0).padStart(10)} req/s`,
);
console.log(
  `  ... to the embedded SQS (issue #14) ${fmt(sqs, 2).padStart(8)} µs   ${fmt(1e6 / sqs, 0).padStart(10)} req/s`,
);
console.log(`  µs the gateway adds per request (handle - request - direct): ${fmt(added, 2)} µs`);
console.log(
  `  throttle + web ACL (5 rules) + metrics + JSON access log: +${fmt(traffic - full, 2)} µs (${fmt((traffic / full) * 100, 0)} % of full)`,
);
console.log(
  `  SQS SendMessage (templates both ways + embedded queue) vs a Lambda proxy request: ${fmt(sqs / full, 2)}× (+${fmt(sqs - full, 2)} µs)`,
);
console.log(`  µs added incl. Request and body (full - direct):             ${fmt(full - direct, 2)} µs`);
console.log(`  target: gateway adds < ${CORE_TARGET_US} µs per request: ${verdict(added < CORE_TARGET_US)}`);

// (2) The CLI over HTTP against a bare node:http server.
if (!existsSync(join(root, 'lib/cli.mjs'))) {
  console.error('lib/cli.mjs is missing: run npm run build:node (npm run bench does)');
  process.exit(1);
}
const connections = 10;
const durationS = 5;
console.log(
  `\n(2) over HTTP on loopback: autocannon, ${connections} connections, ${durationS} s per run, 2 s warm-up each`,
);
const http = await benchHttp(root, { connections, durationS });
console.log(
  `  bare node:http server    ${http.runs.bare.map((r) => fmt(r, 0)).join(', ')} req/s -> mean ${fmt(http.bare, 0)} req/s`,
);
console.log(
  `  apigw-lab serve (CLI)    ${http.runs.cli.map((r) => fmt(r, 0)).join(', ')} req/s -> mean ${fmt(http.cli, 0)} req/s`,
);
const ratio = http.cli / http.bare;
console.log(
  `  ratio CLI / bare: ${fmt(ratio * 100, 1)} %  (per request: CLI ${fmt(1e6 / http.cli, 1)} µs, bare ${fmt(1e6 / http.bare, 1)} µs)`,
);
if (http.problems.length) console.log(`  note: ${http.problems.join('; ')}`);
console.log(`  target: CLI >= ${HTTP_TARGET_RATIO * 100} % of bare node:http: ${verdict(ratio >= HTTP_TARGET_RATIO)}`);

console.log(
  `\nsummary: core adds ${fmt(added, 2)} µs/request [${verdict(added < CORE_TARGET_US)}]; CLI at ${fmt(ratio * 100, 1)} % of bare node:http [${verdict(ratio >= HTTP_TARGET_RATIO)}]; ${fmt((performance.now() - started) / 1000, 1)} s`,
);
