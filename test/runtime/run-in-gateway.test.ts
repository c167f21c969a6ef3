import { describe, expect, it } from 'vitest';
import type { LambdaInvoker } from '../../src/emulator/index.js';
import { compareExchange, formatMismatches } from '../../src/examples/compare.js';
import { loadExample } from '../../src/examples/load-node.js';
import { invokeJsHandler, type JsHandler } from '../../src/lambda/js-handler.js';
import { apiFromDefinition, requestOf, runInGateway } from '../../src/runtime/run-in-gateway.js';
import type { SandboxRun } from '../../src/runtime/types.js';
import { handler as itemsHandler } from '../../examples/items/items_handler.js';

const example = loadExample('examples/items');
const { manifest } = example;
const fn = manifest.functions.items_handler!.typescript;

/** The run a sandbox sends for an exchange, in TypeScript. */
function runOf(request: SandboxRun['request'], overrides: Partial<SandboxRun> = {}): SandboxRun {
  return {
    language: 'typescript',
    handlerSource: example.sources.items_handler!.typescript,
    definition: example.definition,
    apiId: manifest.apiId,
    ...(manifest.endpointType ? { endpointType: manifest.endpointType } : {}),
    stage: manifest.stage,
    invokeUrl: manifest.invokeUrl,
    functionName: 'items_handler',
    handlerName: fn.handler,
    moduleName: 'items_handler',
    request,
    ...overrides,
  };
}

const jsInvoker: LambdaInvoker = (inv) =>
  invokeJsHandler(itemsHandler as unknown as JsHandler, inv.event, inv.context, { signal: inv.signal });

describe('runInGateway with the TypeScript items handler', () => {
  it.each(example.exchanges.map((x) => [x.id, x] as const))(
    '%s matches the documented exchange',
    async (_id, exchange) => {
      const outcome = await runInGateway(runOf(exchange.request), jsInvoker, { runtime: 'worker' });
      const documented = {
        event: exchange.event,
        result: exchange.result.typescript,
        response: exchange.response.typescript,
      };
      const mismatches = compareExchange(documented, outcome, manifest.volatile);
      expect(mismatches, formatMismatches(mismatches)).toEqual([]);
      expect(outcome.runtime).toBe('worker');
      expect(outcome.response.statusText).toBe(
        exchange.response.typescript.status === 200 ? 'OK' : outcome.response.statusText,
      );
      if (exchange.event === null) {
        // The gateway answered by itself (GET /orders: no resource).
        expect([outcome.resultKind, outcome.logs, outcome.timings.integrationMs]).toEqual([null, [], null]);
        return;
      }
      expect(outcome.resultKind).toBe('result');
      expect(outcome.logs.join('\n')).toContain('Received event');
      expect(outcome.errorDetail).toBeNull();
      expect(outcome.timings.integrationMs).toBeGreaterThanOrEqual(0);
    },
  );

  it('applies the timeout override: a handler that never settles gets the 504, and the invoker is told to stop', async () => {
    let aborted = false;
    const hanging: LambdaInvoker = (inv) =>
      new Promise((resolve) =>
        inv.signal.addEventListener('abort', () => {
          aborted = true;
          resolve({ kind: 'error', error: { errorType: 'Sandbox.Timedout', errorMessage: 'stopped' }, logs: [] });
        }),
      );
    const outcome = await runInGateway(runOf(example.exchanges[0]!.request, { timeoutMs: 60 }), hanging, {
      runtime: 'worker',
    });
    expect(outcome.response.status).toBe(504);
    expect(outcome.response.statusText).toBe('Gateway Timeout');
    expect(outcome.response.body).toContain('Endpoint request timed out');
    expect(outcome.resultKind).toBe('timeout');
    expect(outcome.result).toBeNull();
    expect(outcome.errorDetail).toContain('(60 ms)');
    expect(aborted).toBe(true);
  });

  it('reports a function error as the 502 with the error payload as the result', async () => {
    const failing: LambdaInvoker = (inv) =>
      invokeJsHandler(
        () => {
          throw new TypeError('boom');
        },
        inv.event,
        inv.context,
      );
    const outcome = await runInGateway(runOf(example.exchanges[0]!.request), failing, { runtime: 'worker' });
    expect(outcome.response.status).toBe(502);
    expect(outcome.resultKind).toBe('error');
    expect(outcome.result).toMatchObject({ errorType: 'TypeError', errorMessage: 'boom' });
  });

  it('answers by itself (no event, no result) for a path no resource matches', async () => {
    let called = false;
    const outcome = await runInGateway(
      runOf({ method: 'GET', path: '/nope', headers: [], body: null }),
      async () => {
        called = true;
        return { kind: 'result', payload: null, logs: [] };
      },
      { runtime: 'webcontainer' },
    );
    expect(called).toBe(false);
    expect(outcome.runtime).toBe('webcontainer');
    expect(outcome.response.status).toBe(403);
    expect(outcome.event).toBeNull();
    expect(outcome.resultKind).toBeNull();
  });

  it('keeps the wire case and order of response headers and the raw request headers in the event', async () => {
    const outcome = await runInGateway(
      runOf({
        method: 'GET',
        path: '/items/1',
        headers: [
          ['accept', 'text/plain'],
          ['X-Custom', 'a'],
        ],
        body: null,
      }),
      jsInvoker,
      { runtime: 'worker' },
    );
    expect(outcome.response.headers.map(([n]) => n).slice(0, 3)).toEqual(['Date', 'Content-Type', 'Content-Length']);
    expect((outcome.event as { headers: Record<string, string> }).headers).toMatchObject({
      accept: 'text/plain',
      'X-Custom': 'a',
    });
  });

  it('drops a GET body (the Fetch API carries none) and rejects an invalid header with a readable error', () => {
    expect(requestOf(runOf({ method: 'GET', path: '/items', headers: [], body: 'x' })).body).toBeNull();
    expect(() => requestOf(runOf({ method: 'GET', path: '/items', headers: [['Bad Name', 'x']], body: null }))).toThrow(
      /Invalid header "Bad Name: x"/,
    );
  });

  it('returns a fresh model per call (the timeout override does not leak into the cache)', () => {
    const a = apiFromDefinition(example.definition, manifest.apiId, 100);
    const b = apiFromDefinition(example.definition, manifest.apiId);
    expect(a.resources.flatMap((r) => Object.values(r.methods).map((m) => m!.integration.timeoutMs))).toContain(100);
    expect(b.resources.flatMap((r) => Object.values(r.methods).map((m) => m!.integration.timeoutMs))).not.toContain(
      100,
    );
  });
});
