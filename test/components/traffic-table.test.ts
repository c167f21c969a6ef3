/**
 * The Traffic panel's numbers (traffic-table.ts) from real traces: examples/throttle-burst's stage (GET /items at 1
 * request per second, bursts of 3) served 8 requests in one instant and 2 a second later, recorded by the
 * MetricsRecorder as the panel records them; the series split 429s from other 4xx, and the totals equal the counts.
 */
import { describe, expect, it } from 'vitest';
import type { GatewayTrace, LambdaInvoker } from '../../src/emulator/index.js';
import { MetricsRecorder } from '../../src/emulator/observability/index.js';
import { loadExample } from '../../src/examples/load-node.js';
import { invokeJsHandler, type JsHandler } from '../../src/lambda/js-handler.js';
import { deployRun, serveRunRequest } from '../../src/runtime/run-in-gateway.js';
import { parseDefinition } from '../../src/runtime/run-in-gateway.js';
import { accessLogFormatOf } from '../../src/components/traffic-panel.js';
import { trafficSeriesOf, trafficTableRows, trafficTotalsOf } from '../../src/components/traffic-table.js';
import { handler as itemsHandler } from '../../examples/items/items_handler.js';
import { runOf } from '../examples/example-runner.js';

const example = loadExample('examples/throttle-burst');
const invoke: LambdaInvoker = (inv) => invokeJsHandler(itemsHandler as unknown as JsHandler, inv.event, inv.context);

async function traces(): Promise<GatewayTrace[]> {
  let now = Date.UTC(2026, 11, 4, 4, 0, 0);
  const run = {
    ...runOf(example, 'typescript', { method: 'GET', path: '/items', headers: [], body: null }),
    withTrace: true,
  };
  const { gateway } = deployRun(parseDefinition, run, { invoke, now: () => now });
  const out: GatewayTrace[] = [];
  const send = async (path: string) =>
    out.push((await serveRunRequest(gateway, run, { ...run.request, path }, { runtime: 'worker' })).trace!);
  for (let i = 0; i < 8; i++) await send('/items');
  await send('/nowhere'); // 403 Missing Authentication Token: a 4xx that is not a 429
  now += 1000; // one token back
  await send('/items');
  await send('/items');
  return out;
}

describe('the Traffic panel numbers', () => {
  it('count each second by status class (429 apart from other 4xx) and total them', async () => {
    const recorded = await traces();
    const recorder = new MetricsRecorder();
    for (const trace of recorded) recorder.record(trace);
    const series = trafficSeriesOf(recorder.perSecond());
    expect(series.seconds).toEqual([0, 1]);
    expect(series.ok).toEqual([3, 1]);
    expect(series.throttled).toEqual([5, 1]);
    expect(series.clientErrors).toEqual([1, 0]);
    const totals = trafficTotalsOf(
      series,
      recorded.map((t) => t.timings.totalMs),
      recorded.length,
    );
    expect(totals).toMatchObject({ requests: 11, ok: 4, throttled: 6, clientErrors: 1, serverErrors: 0 });
    expect(totals.throttled).toBe(recorded.filter((t) => t.status === 429).length);
    const rows = trafficTableRows(series, totals);
    expect(rows.at(-1)!.slice(0, 5)).toEqual(['Total', '4', '1', '6', '0']);
    expect(rows).toHaveLength(3);
  });

  it("use the stage's access log format when it has one, else the console's CLF preset", () => {
    expect(accessLogFormatOf({ stageConfig: '{"accessLogSettings":{"format":"$context.status"}}' }).format).toBe(
      '$context.status',
    );
    expect(accessLogFormatOf({ stageConfig: example.stageConfigSource }).format).toMatch(
      /^\$context\.identity\.sourceIp/,
    );
    expect(accessLogFormatOf({ stageConfig: '{' }).from).toMatch(/CLF/);
  });
});
