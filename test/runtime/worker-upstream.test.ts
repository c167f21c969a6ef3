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
import {
  serveUpstream,
  serveWith,
  serviceLoader,
  upstreamFetch,
  type UpstreamSpec,
} from '../../src/runtime/worker/upstream.js';
import { actualOf } from '../examples/example-runner.js';

const example = loadExample('examples/http-proxy');
const { manifest } = example;
const spec: UpstreamSpec = { host: manifest.upstream!.host, source: example.upstreamSource! };
const dataUrl = async (code: string) =>
  (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as Record<string, unknown>;
const inWorker = (upstream: UpstreamSpec | undefined) =>
  upstreamFetch(upstream, (request) => serveUpstream(upstream!, request, transpileTypeScript, dataUrl));
const noFunction: LambdaInvoker = async () => ({
  kind: 'error',
  error: { errorType: 'ResourceNotFoundException', errorMessage: 'Function not found' },
  logs: [],
});

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

describe("the Worker runtime's upstream (examples/http-proxy)", () => {
  it.each(example.exchanges.map((x) => [x.id, x] as const))(
    '%s matches the documented exchange',
    async (_id, exchange) => {
      const outcome = await runInGateway(runOf(exchange.request), noFunction, {
        runtime: 'worker',
        fetch: inWorker(spec),
      });
      const documented = {
        integrationRequest: exchange.integrationRequest,
        event: exchange.event,
        result: exchange.result.typescript,
        response: exchange.response.typescript,
      };
      const mismatches = compareExchange(documented, actualOf(outcome), manifest.volatile);
      expect(mismatches, formatMismatches(mismatches)).toEqual([]);
    },
  );

  it('fails requests for any other host with a network error: the gateway answers as for an integration failure', async () => {
    const outcome = await runInGateway(
      runOf({ method: 'GET', path: '/orders/7', headers: [], body: null }, { upstream: 'example.com' }),
      noFunction,
      { runtime: 'worker', fetch: inWorker(spec) },
    );
    expect([outcome.response.status, outcome.response.body]).toEqual([504, '{"message": "Internal server error"}']);
    expect(outcome.errorDetail).toMatch(
      /example\.com is unreachable from the sandbox \(the page has no internet; only the example's service at 127\.0\.0\.1:8080 answers\)/,
    );
  });

  it('without an upstream, every host is unreachable', async () => {
    await expect(inWorker(undefined)('http://127.0.0.1:8080/orders/7')).rejects.toThrow(/unreachable from the sandbox/);
  });
});

describe('serviceLoader (the upstream module, in both runtimes)', () => {
  const ok = { default: { fetch: () => new Response('ok') } };

  it('loads the module at the first call and keeps it', async () => {
    let loads = 0;
    const service = serviceLoader(async () => (loads++, ok));
    expect(await service()).toBe(ok.default);
    expect(await service()).toBe(ok.default);
    expect(loads).toBe(1);
  });

  it('loads again at the next call when a load failed (a top-level throw, no fetch method)', async () => {
    const results: Array<() => Record<string, unknown>> = [
      () => {
        throw new Error('transient');
      },
      () => ({ default: {} }),
      () => ok,
    ];
    const service = serviceLoader(async () => results.shift()!());
    await expect(service()).rejects.toThrow('transient');
    await expect(service()).rejects.toThrow('the upstream module has no default export with a fetch(request) method');
    expect(await service()).toBe(ok.default);
  });
});

describe('serveWith', () => {
  it('gives the service a Fetch Request with every header, and reads its Response out', async () => {
    const service = {
      fetch: async (request: Request) =>
        new Response(`${request.method} ${request.url} ${request.headers.get('user-agent')} ${await request.text()}`, {
          status: 201,
          statusText: 'Made',
          headers: { 'X-A': '1' },
        }),
    };
    const answer = await serveWith(service, {
      method: 'POST',
      url: 'http://127.0.0.1:8080/o',
      headers: [['User-Agent', 'curl/8']],
      body: new TextEncoder().encode('hi'),
    });
    expect({ ...answer, body: new TextDecoder().decode(answer.body) }).toEqual({
      status: 201,
      statusText: 'Made',
      headers: [
        ['content-type', 'text/plain;charset=UTF-8'],
        ['x-a', '1'],
      ],
      body: 'POST http://127.0.0.1:8080/o curl/8 hi',
    });
  });
});
