/**
 * The container server reports a run as the Worker runtime does: for every exchange of every example with a TypeScript
 * function or an HTTP service (examples/*, found in the folder), and for a run on two stages (one with an edited
 * definition), the outcome of /__sandbox/run's path (the tree's sandbox.json and definitions → deploySandbox →
 * serveSandboxRequest, in-process here) equals runInGateway's for the same run, but for what is new each request (the
 * example's volatile fields, timings). An HTTP service answers through the Worker runtime's upstream code
 * (upstreamFetch, serveUpstream) on both sides.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LambdaInvoker } from '../../src/emulator/index.js';
import { authorizerCallOfTrace, compareExchange, formatMismatches } from '../../src/examples/compare.js';
import { loadExample } from '../../src/examples/load-node.js';
import type { Example, ExampleRequest } from '../../src/examples/types.js';
import { runInGateway } from '../../src/runtime/run-in-gateway.js';
import type { RunOutcome, SandboxRun } from '../../src/runtime/types.js';
import { webContainerFiles } from '../../src/runtime/webcontainer/file-tree.js';
import { FILES, type SandboxConfig } from '../../src/runtime/webcontainer/protocol.js';
import { deploySandboxWithAccess, stagesOf } from '../../src/runtime/webcontainer/server/sandbox-gateway.js';
import { serveSandboxRequest } from '../../src/runtime/webcontainer/server/sandbox-request.js';
import { transpileTypeScript } from '../../src/runtime/worker/transpile.js';
import { serveUpstream, upstreamFetch } from '../../src/runtime/worker/upstream.js';
import { actualOf, invokerOf, runOf } from '../examples/example-runner.js';

/** The gateway's fetch for a run: its HTTP service through the Worker runtime's code, or no network at all. */
function fetchOf(run: SandboxRun): typeof fetch {
  const load = async (code: string) =>
    (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as Record<string, unknown>;
  return upstreamFetch(run.upstream, (request) => serveUpstream(run.upstream!, request, transpileTypeScript, load));
}

/** An API without a function: any invocation is the one of a function that does not exist. */
const noFunction: LambdaInvoker = async (inv) => ({
  kind: 'error',
  error: { errorType: 'ResourceNotFoundException', errorMessage: `Function not found: ${inv.functionName}` },
  logs: [],
});

/** What the container's server does with the run: the tree's files, then its gateway. */
async function inContainer(run: SandboxRun, invoke: LambdaInvoker): Promise<RunOutcome> {
  const tree = webContainerFiles({ ...run, emulatorBundle: '' });
  const text = (name: string) => {
    const node = tree[name]!;
    if (!('file' in node) || !('contents' in node.file)) throw new Error(`${name} is not a file`);
    return String(node.file.contents);
  };
  const config = JSON.parse(text(FILES.config)) as SandboxConfig;
  const definitions = new Map(stagesOf(config).map((s) => [s.definitionFile, text(s.definitionFile)]));
  const deployment = await deploySandboxWithAccess(config, definitions, { invoke, fetch: fetchOf(run) });
  if (deployment.problem) throw deployment.problem.error;
  const served = await serveSandboxRequest(deployment.gateway, config, run.request);
  // The server's route returns the trace when the run asks for it (run-body.ts `withTrace`), as the Worker does.
  return run.withTrace ? { ...served.outcome, trace: served.trace } : served.outcome;
}

/** The Lambda request id an error detail names is new each request. */
const detail = (text: string | null) =>
  text?.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<request id>') ?? null;

/** Every example with a TypeScript function or an HTTP service, from the folder. */
const examples = readdirSync('examples', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join('examples', d.name, 'example.json')))
  .map((d) => [d.name, loadExample(`examples/${d.name}`)] as [string, Example])
  .filter(
    ([, example]) =>
      Object.values(example.manifest.functions).some((f) => f.typescript) || example.manifest.upstream !== undefined,
  )
  .sort(([a], [b]) => a.localeCompare(b));

/** Runs `run` both ways and expects the same outcome. */
async function expectSameOutcome(
  run: SandboxRun,
  invoke: LambdaInvoker,
  volatile: Example['manifest']['volatile'],
): Promise<void> {
  const worker = await runInGateway(run, invoke, { runtime: 'webcontainer', fetch: fetchOf(run) });
  const container = await inContainer(run, invoke);
  // The Worker's authorizer call, as an exchange documents it.
  const { authorizer, ...rest } = actualOf(worker);
  const expected = {
    ...rest,
    ...(authorizer ? { authorizer: authorizerCallOfTrace(authorizer) } : {}),
  } as Parameters<typeof compareExchange>[0];
  expect(formatMismatches(compareExchange(expected, actualOf(container), volatile))).toBe('');
  expect(Object.keys(container).sort()).toEqual(Object.keys(worker).sort());
  const { runtime, resultKind, errorDetail, response } = container;
  expect({
    runtime,
    resultKind,
    errorDetail: detail(errorDetail),
    statusText: response.statusText,
    logs: container.logs.length,
  }).toEqual({
    runtime: worker.runtime,
    resultKind: worker.resultKind,
    errorDetail: detail(worker.errorDetail),
    statusText: worker.response.statusText,
    logs: worker.logs.length,
  });
}

const invokerFor = (name: string, example: Example): Promise<LambdaInvoker> =>
  Object.keys(example.manifest.functions).length > 0
    ? invokerOf(example, `examples/${name}`, 'typescript')
    : Promise.resolve(noFunction);

describe('the container server reports a run as runInGateway does', () => {
  it('covers the examples the folder has', () => {
    expect(examples.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'binary-media-types',
        'content-handling',
        'custom-domain',
        'gateway-responses',
        'http-proxy',
        'items',
        'items-http-api',
        'mapping-template',
        'mock-cors',
        'request-validation',
      ]),
    );
  });

  it.each(
    examples.flatMap(([name, example]) => example.exchanges.map((x) => [`${name} ${x.id}`, name, example, x] as const)),
  )('%s', async (_label, name, example, exchange) => {
    const run = runOf(example, 'typescript', exchange.request);
    if (example.manifest.upstream) expect(run.upstream).toBeDefined();
    await expectSameOutcome(run, await invokerFor(name, example), example.manifest.volatile);
  });

  it.each(['dev', 'prod'])('mapping-template on two stages, dev serving an edited definition: %s', async (stage) => {
    const [, mapping] = examples.find(([name]) => name === 'mapping-template')!;
    const { manifest } = mapping;
    const edited = mapping.definition.replace('"servedFrom"', '"servedBy"');
    expect(edited).not.toBe(mapping.definition);
    const stages: SandboxRun['stages'] = [
      { name: 'dev', definition: edited, variables: manifest.stages!['dev']! },
      { name: 'prod', definition: mapping.definition, variables: manifest.stages!['prod']! },
    ];
    // The example documents its dev stage: its pattern for the integration request names the stage and its table.
    const volatile = manifest.volatile.map((v) =>
      v.path === 'integrationRequest.body' ? { ...v, pattern: v.pattern.replaceAll('dev', stage) } : v,
    );
    const invoke = await invokerFor('mapping-template', mapping);
    const requests: ExampleRequest[] = [
      ...mapping.exchanges.map((x) => x.request),
      { method: 'GET', path: '/items/1', headers: [['Accept', 'application/json']], body: null },
    ];
    for (const request of requests) {
      const run: SandboxRun = { ...runOf(mapping, 'typescript', request, stage), stages };
      await expectSameOutcome(run, invoke, volatile);
    }
    const served = await inContainer({ ...runOf(mapping, 'typescript', requests.at(-1)!, stage), stages }, invoke);
    expect(Object.keys(JSON.parse(served.response.body) as object)).toContain(
      stage === 'dev' ? 'servedBy' : 'servedFrom',
    );
  });
});
