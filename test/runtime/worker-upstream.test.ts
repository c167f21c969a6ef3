/**
 * The Worker runtime's path to an example's HTTP service (src/runtime/worker/upstream.ts), without the workers: the
 * gateway's fetch sends requests for the service's host across (here, a direct call) to serveUpstream, which imports
 * the TypeScript module transpiled as handlers are; other hosts fail as an unreachable network does.
 */
import { describe, expect, it } from 'vitest';
import type { LambdaInvoker } from '../../src/emulator/index.js';
import { compareExchange, formatMismatches } from '../../src/examples/compare.js';
import { loadExample } from '../../src/examples/load-node.js';
import { runInGateway } from '../../src/runtime/run-in-gateway.js';
import type { SandboxRun } from '../../src/runtime/types.js';
import { transpileTypeScript } from '../../src/runtime/worker/transpile.js';
import { serveUpstream, upstreamFetch, type UpstreamSpec } from '../../src/runtime/worker/upstream.js';
import { actualOf } from '../examples/example-runner.js';

const example = loadExample('examples/http-proxy');
const { manifest } = example;
const spec: UpstreamSpec = { host: manifest.upstream!.host, source: example.upstreamSource! };
const dataUrl = async (code: string) => (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as Record<string, unknown>;
const inWorker = (upstream: UpstreamSpec | undefined) => upstreamFetch(upstream, (request) => serveUpstream(upstream!, request, transpileTypeScript, dataUrl));
const noFunction: LambdaInvoker = async () => ({ kind: 'error', error: { errorType: 'ResourceNotFoundException', errorMessage: 'Function not found' }, logs: [] });

function runOf(request: SandboxRun['request'], stageVariables = manifest.stages![manifest.stage]!): SandboxRun {
  return {
    language: 'typescript',
    handlerSource: '',
    definition: example.definition,
    apiId: manifest.apiId,
    ...(manifest.endpointType ? { endpointType: manifest.endpointType } : {}),
    stage: manifest.stage,
    stageVariables,
    invokeUrl: manifest.invokeUrl,
    functionName: '',
    handlerName: '',
    moduleName: '',
    upstream: spec,
    request,
  };
}

describe('the Worker runtime\'s upstream (examples/http-proxy)', () => {
  it.each(example.exchanges.map((x) => [x.id, x] as const))('%s matches the documented exchange', async (_id, exchange) => {
    const outcome = await runInGateway(runOf(exchange.request), noFunction, { runtime: 'worker', fetch: inWorker(spec) });
    const documented = { integrationRequest: exchange.integrationRequest, event: exchange.event, result: exchange.result.typescript, response: exchange.response.typescript };
    const mismatches = compareExchange(documented, actualOf(outcome), manifest.volatile);
    expect(mismatches, formatMismatches(mismatches)).toEqual([]);
  });

  it('fails requests for any other host with a network error: the gateway answers as for an integration failure', async () => {
    const outcome = await runInGateway(runOf({ method: 'GET', path: '/orders/7', headers: [], body: null }, { upstream: 'example.com' }), noFunction, { runtime: 'worker', fetch: inWorker(spec) });
    expect([outcome.response.status, outcome.response.body]).toEqual([504, '{"message": "Internal server error"}']);
    expect(outcome.errorDetail).toMatch(/example\.com is unreachable from the sandbox \(the page has no internet; only the example's service at 127\.0\.0\.1:8080 answers\)/);
  });

  it('without an upstream, every host is unreachable', async () => {
    await expect(inWorker(undefined)('http://127.0.0.1:8080/orders/7')).rejects.toThrow(/unreachable from the sandbox/);
  });
});
