import { describe, expect, it } from 'vitest';
import { MetricsRecorder, nearestRank } from '../../../src/emulator/observability/index.js';
import { RestGateway, importOpenApi, type GatewayTrace } from '../../../src/emulator/index.js';
import { ok, openApi, URL_BASE } from '../helpers.js';
import { httpApiDoc, httpGatewayFor, req } from '../http-api/helpers.js';

/**
 * Metrics as CloudWatch names them.
 * REST: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html
 * HTTP: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html
 */

const T0 = Date.UTC(2026, 11, 4, 9, 0, 0);

/** A REST gateway on a clock the test sets; `/items` answers the status in `?status=`, `/cached` is cached. */
function restSetup() {
  let now = T0;
  const gateway = new RestGateway({
    invoke: async (inv) => {
      const event = inv.event as { queryStringParameters?: Record<string, string> | null };
      return ok({ statusCode: Number(event.queryStringParameters?.status ?? 200), body: 'x' });
    },
    now: () => now,
  });
  const doc = { ...openApi({ '/items': ['GET'], '/cached': ['GET'] }), info: { title: 'Shop', version: '1' } };
  const deployment = gateway.deploy(importOpenApi(doc, { apiId: 'abc123defg' }));
  gateway.putStage({
    name: 'dev',
    deploymentId: deployment.id,
    cacheClusterEnabled: true,
    cacheClusterSize: '0.5',
    methodSettings: { '~1cached/GET': { cachingEnabled: true } },
  });
  const send = async (path: string) => {
    const result = await gateway.handle(new Request(`${URL_BASE}/dev${path}`));
    await result.response.text();
    return result.trace;
  };
  return { send, at: (ms: number) => void (now = T0 + ms) };
}

/** A trace with a given status and latency (for statistics that need exact values). */
function fake(status: number, totalMs: number, epochMs = T0, integrationMs: number | null = null): GatewayTrace {
  return {
    requestId: 'r',
    extendedRequestId: 'e',
    stage: 'dev',
    resourcePath: '/items',
    httpMethod: 'GET',
    integration: null,
    gatewayResponseType: null,
    errorDetail: null,
    responseHeaders: [],
    status,
    responseLength: 0,
    requestTime: '',
    requestTimeEpoch: epochMs,
    sourceIp: '127.0.0.1',
    protocol: 'HTTP/1.1',
    timings: { totalMs, integrationMs },
    apiType: 'REST',
    apiId: 'abc123defg',
    apiName: 'Shop',
  };
}

describe('MetricsRecorder (REST)', () => {
  it('per stage and per method: Count, 4XXError, 5XXError with CloudWatch dimensions', async () => {
    const { send } = restSetup();
    const recorder = new MetricsRecorder();
    // The last one matches no resource: a 403 counted at the stage only.
    const traces = [
      await send('/items'),
      await send('/items?status=404'),
      await send('/items?status=503'),
      await send('/nowhere'),
    ];
    for (const trace of traces) recorder.record(trace);
    const { series, namespace } = recorder.snapshot();
    expect(namespace).toBe('AWS/ApiGateway');
    const stage = series.find((s) => Object.keys(s.dimensions).length === 2)!;
    expect(stage.dimensions).toEqual({ ApiName: 'Shop', Stage: 'dev' });
    expect(stage.total.metrics.Count!.Sum).toBe(4);
    expect(stage.total.metrics['4XXError']).toMatchObject({ Sum: 2, SampleCount: 4, Average: 0.5 });
    expect(stage.total.metrics['5XXError']).toMatchObject({ Sum: 1, SampleCount: 4, Average: 0.25 });
    const method = series.find((s) => s.dimensions.Resource === '/items')!;
    expect(method.dimensions).toEqual({ ApiName: 'Shop', Stage: 'dev', Method: 'GET', Resource: '/items' });
    expect(method.total.metrics.Count!.Sum).toBe(3);
    expect(method.total.metrics.IntegrationLatency!.SampleCount).toBe(3);
    expect(method.minutes).toHaveLength(1);
    expect(method.minutes[0]!.timestamp).toBe('2026-12-04T09:00:00.000Z');
  });

  it('CacheHitCount and CacheMissCount for a cached method only', async () => {
    const { send } = restSetup();
    const recorder = new MetricsRecorder();
    for (const path of ['/cached', '/cached', '/cached', '/items']) recorder.record(await send(path));
    const { series } = recorder.snapshot();
    const cached = series.find((s) => s.dimensions.Resource === '/cached')!;
    expect(cached.total.metrics.CacheHitCount).toMatchObject({ Sum: 2, SampleCount: 3 });
    expect(cached.total.metrics.CacheMissCount).toMatchObject({ Sum: 1, SampleCount: 3 });
    // A hit does not reach the integration: IntegrationLatency has the miss only.
    expect(cached.total.metrics.IntegrationLatency!.SampleCount).toBe(1);
    const plain = series.find((s) => s.dimensions.Resource === '/items')!;
    expect(plain.total.metrics.CacheHitCount).toBeUndefined();
  });

  it('one period per minute', async () => {
    const { send, at } = restSetup();
    const recorder = new MetricsRecorder();
    recorder.record(await send('/items'));
    at(61_000);
    recorder.record(await send('/items'));
    recorder.record(await send('/items'));
    const method = recorder.snapshot().series.find((s) => s.dimensions.Resource === '/items')!;
    expect(method.minutes.map((m) => [m.timestamp, m.metrics.Count!.Sum])).toEqual([
      ['2026-12-04T09:00:00.000Z', 1],
      ['2026-12-04T09:01:00.000Z', 2],
    ]);
    expect(method.total.metrics.Count!.Sum).toBe(3);
  });

  it('Latency statistics: Sum, Average, Minimum, Maximum and nearest-rank percentiles', () => {
    const recorder = new MetricsRecorder();
    for (let ms = 1; ms <= 100; ms++) recorder.record(fake(200, ms));
    const latency = recorder.snapshot().series[0]!.total.metrics.Latency!;
    expect(latency).toEqual({
      Sum: 5050,
      Average: 50.5,
      SampleCount: 100,
      Minimum: 1,
      Maximum: 100,
      p50: 50,
      p90: 90,
      p99: 99,
    });
  });

  it('beyond 10,000 points a period keeps a uniform sample: counts, sums and extremes stay exact', () => {
    const recorder = new MetricsRecorder();
    for (let i = 1; i <= 30_000; i++) recorder.record(fake(200, i % 1000));
    const latency = recorder.snapshot().series[0]!.total.metrics.Latency!;
    expect(latency.SampleCount).toBe(30_000);
    expect(latency.Minimum).toBe(0);
    expect(latency.Maximum).toBe(999);
    expect(latency.Sum).toBe(30 * 499_500);
    // Uniform over 0..999: the sampled median is near 500.
    expect(Math.abs(latency.p50! - 500)).toBeLessThan(50);
  });

  it('minutes older than the retention are dropped', () => {
    const recorder = new MetricsRecorder({ retentionMinutes: 2 });
    recorder.record(fake(200, 1, T0));
    recorder.record(fake(200, 1, T0 + 60_000));
    recorder.record(fake(200, 1, T0 + 120_000));
    const minutes = recorder.snapshot().series[0]!.minutes.map((m) => m.timestamp);
    expect(minutes).toEqual(['2026-12-04T09:01:00.000Z', '2026-12-04T09:02:00.000Z']);
  });

  it('requests no stage served are not recorded', () => {
    const recorder = new MetricsRecorder();
    recorder.record({ ...fake(403, 1), stage: null, resourcePath: null });
    expect(recorder.snapshot().series).toEqual([]);
  });
});

describe('MetricsRecorder (HTTP APIs)', () => {
  it('4xx, 5xx, DataProcessed with ApiId, Stage and Route dimensions', async () => {
    const { gateway } = httpGatewayFor(httpApiDoc(['POST /items']), () => ok({ statusCode: 500, body: '12345' }));
    const recorder = new MetricsRecorder();
    const first = await gateway.handle(req('/items', { method: 'POST', body: 'abc' }));
    recorder.record(first.trace);
    recorder.record((await gateway.handle(req('/other'))).trace); // 404 at the stage
    const { series } = recorder.snapshot();
    const route = series.find((s) => s.dimensions.Route)!;
    expect(route.apiType).toBe('HTTP');
    expect(route.dimensions).toEqual({ ApiId: 'abc123defg', Stage: '$default', Route: 'POST /items' });
    expect(route.total.metrics['5xx']).toMatchObject({ Sum: 1, SampleCount: 1 });
    expect(route.total.metrics.DataProcessed).toMatchObject({ Sum: 8 });
    expect(route.total.metrics['5XXError']).toBeUndefined();
    const stage = series.find((s) => !s.dimensions.Route)!;
    expect(stage.total.metrics['4xx']).toMatchObject({ Sum: 1, SampleCount: 2 });
  });
});

describe('MetricsRecorder.perSecond (the charts)', () => {
  it('counts per second by status class and status, with empty seconds as zeros', () => {
    const recorder = new MetricsRecorder();
    recorder.record(fake(200, 10, T0));
    recorder.record(fake(200, 20, T0 + 500));
    recorder.record(fake(429, 1, T0 + 900));
    recorder.record(fake(502, 5, T0 + 2_100));
    const s = recorder.perSecond();
    expect(s.t).toEqual([T0 / 1000, T0 / 1000 + 1, T0 / 1000 + 2]);
    expect(s.count).toEqual([3, 0, 1]);
    expect(s['2xx']).toEqual([2, 0, 0]);
    expect(s['4xx']).toEqual([1, 0, 0]);
    expect(s['5xx']).toEqual([0, 0, 1]);
    expect(s.byStatus).toEqual({ '200': [2, 0, 0], '429': [1, 0, 0], '502': [0, 0, 1] });
    expect(s.p50).toEqual([10, null, 5]);
    expect(s.p99).toEqual([20, null, 5]);
  });

  it('cache hits and misses per second', async () => {
    const { send } = restSetup();
    const recorder = new MetricsRecorder();
    for (let i = 0; i < 3; i++) recorder.record(await send('/cached'));
    const s = recorder.perSecond();
    expect(s.cacheHits).toEqual([2]);
    expect(s.cacheMisses).toEqual([1]);
  });

  it('nearestRank: the smallest value with at least p% at or below it', () => {
    expect(nearestRank([1, 2, 3, 4], 50)).toBe(2);
    expect(nearestRank([1, 2, 3, 4], 51)).toBe(3);
    expect(nearestRank([7], 99)).toBe(7);
    expect(nearestRank([], 50)).toBeNaN();
  });
});
