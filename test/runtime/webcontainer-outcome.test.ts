/**
 * The container server reports a run as the Worker runtime does: for every exchange of the examples with a TypeScript
 * function, the outcome of /__sandbox/run's path (the tree's sandbox.json and definitions → deploySandbox →
 * serveSandboxRequest, in-process here) equals runInGateway's for the same run, but for what is new each request
 * (the example's volatile fields, timings).
 */
import { describe, expect, it } from 'vitest';
import { compareExchange, formatMismatches } from '../../src/examples/compare.js';
import { loadExample } from '../../src/examples/load-node.js';
import type { Example } from '../../src/examples/types.js';
import { runInGateway } from '../../src/runtime/run-in-gateway.js';
import type { RunOutcome, SandboxRun } from '../../src/runtime/types.js';
import { webContainerFiles } from '../../src/runtime/webcontainer/file-tree.js';
import { FILES, type SandboxConfig } from '../../src/runtime/webcontainer/protocol.js';
import { deploySandbox, stagesOf } from '../../src/runtime/webcontainer/server/sandbox-gateway.js';
import { serveSandboxRequest } from '../../src/runtime/webcontainer/server/sandbox-request.js';
import { actualOf, invokerOf, runOf } from '../examples/example-runner.js';

const noNetwork: typeof fetch = async () => {
  throw new TypeError('fetch failed: no network in this test');
};

/** What the container's server does with the run: the tree's files, then its gateway. */
async function inContainer(run: SandboxRun, invoke: Parameters<typeof deploySandbox>[2]['invoke']): Promise<RunOutcome> {
  const tree = webContainerFiles({ ...run, emulatorBundle: '' });
  const text = (name: string) => {
    const node = tree[name]!;
    if (!('file' in node) || !('contents' in node.file)) throw new Error(`${name} is not a file`);
    return String(node.file.contents);
  };
  const config = JSON.parse(text(FILES.config)) as SandboxConfig;
  const definitions = new Map(stagesOf(config).map((s) => [s.definitionFile, text(s.definitionFile)]));
  const deployment = deploySandbox(config, definitions, { invoke, fetch: noNetwork });
  if (deployment.problem) throw deployment.problem.error;
  return (await serveSandboxRequest(deployment.gateway, config, run.request)).outcome;
}

/** The Lambda request id an error detail names is new each request. */
const detail = (text: string | null) => text?.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<request id>') ?? null;

const examples = ['items', 'items-http-api', 'mapping-template', 'mock-cors', 'request-validation'].map((name) => [name, loadExample(`examples/${name}`)] as [string, Example]);

describe('the container server reports a run as runInGateway does', () => {
  it.each(examples.flatMap(([name, example]) => example.exchanges.map((x) => [`${name} ${x.id}`, name, example, x] as const)))(
    '%s',
    async (_label, name, example, exchange) => {
      const invoke = await invokerOf(example, `examples/${name}`, 'typescript');
      const run = runOf(example, 'typescript', exchange.request);
      const worker = await runInGateway(run, invoke, { runtime: 'webcontainer', fetch: noNetwork });
      const container = await inContainer(run, invoke);
      const expected = actualOf(worker) as Parameters<typeof compareExchange>[0];
      expect(formatMismatches(compareExchange(expected, actualOf(container), example.manifest.volatile))).toBe('');
      expect(Object.keys(container).sort()).toEqual(Object.keys(worker).sort());
      const { runtime, resultKind, errorDetail, response } = container;
      expect({ runtime, resultKind, errorDetail: detail(errorDetail), statusText: response.statusText, logs: container.logs.length }).toEqual({
        runtime: worker.runtime,
        resultKind: worker.resultKind,
        errorDetail: detail(worker.errorDetail),
        statusText: worker.response.statusText,
        logs: worker.logs.length,
      });
    },
  );
});
