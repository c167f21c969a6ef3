/**
 * The Traffic panel's numbers (issue #12), from the MetricsRecorder's per-second series: what the charts draw and the
 * table (their text alternative) lists, second by second, with the totals over the run. Pure.
 */
import { nearestRank, type PerSecondSeries } from '../emulator/observability/index.js';

/** Per second since the first request's second: requests by status, latency percentiles, cache hits and misses. */
export interface TrafficSeries {
  seconds: number[];
  /** 2xx answers. */
  ok: number[];
  /** 4xx answers other than 429. */
  clientErrors: number[];
  /** 429 answers (throttled). */
  throttled: number[];
  serverErrors: number[];
  p50: Array<number | null>;
  p90: Array<number | null>;
  p99: Array<number | null>;
  cacheHits: number[];
  cacheMisses: number[];
}

/** The run's totals: requests by status, latency percentiles over every request, cache hits and misses. */
export interface TrafficTotals {
  requests: number;
  ok: number;
  clientErrors: number;
  throttled: number;
  serverErrors: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  cacheHits: number;
  cacheMisses: number;
}

/** The chart's series from the recorder's (seconds counted from the first). */
export function trafficSeriesOf(perSecond: PerSecondSeries): TrafficSeries {
  const first = perSecond.t[0] ?? 0;
  const throttled = perSecond.byStatus['429'] ?? perSecond.t.map(() => 0);
  return {
    seconds: perSecond.t.map((t) => t - first),
    ok: [...perSecond['2xx']],
    clientErrors: perSecond['4xx'].map((n, i) => n - throttled[i]!),
    throttled: [...throttled],
    serverErrors: [...perSecond['5xx']],
    p50: [...perSecond.p50],
    p90: [...perSecond.p90],
    p99: [...perSecond.p99],
    cacheHits: [...perSecond.cacheHits],
    cacheMisses: [...perSecond.cacheMisses],
  };
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** The totals of a series, the percentiles over every request's latency (`latencies`, ms). */
export function trafficTotalsOf(series: TrafficSeries, latencies: readonly number[], requests: number): TrafficTotals {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length ? nearestRank(sorted, p) : null);
  return {
    requests,
    ok: sum(series.ok),
    clientErrors: sum(series.clientErrors),
    throttled: sum(series.throttled),
    serverErrors: sum(series.serverErrors),
    p50: at(50),
    p90: at(90),
    p99: at(99),
    cacheHits: sum(series.cacheHits),
    cacheMisses: sum(series.cacheMisses),
  };
}

/** The table's columns, in order (the header cells' text). */
export const TRAFFIC_COLUMNS = [
  'Second',
  '2xx',
  '4xx (not 429)',
  '429',
  '5xx',
  'p50 ms',
  'p90 ms',
  'p99 ms',
  'Cache hits',
  'Cache misses',
] as const;

const ms = (value: number | null) => (value === null ? '–' : value.toFixed(1));

/** The table's rows as text cells: one per second, then the totals (`Total`). */
export function trafficTableRows(series: TrafficSeries, totals: TrafficTotals): string[][] {
  const rows = series.seconds.map((second, i) => [
    String(second),
    String(series.ok[i]),
    String(series.clientErrors[i]),
    String(series.throttled[i]),
    String(series.serverErrors[i]),
    ms(series.p50[i]!),
    ms(series.p90[i]!),
    ms(series.p99[i]!),
    String(series.cacheHits[i]),
    String(series.cacheMisses[i]),
  ]);
  rows.push([
    'Total',
    String(totals.ok),
    String(totals.clientErrors),
    String(totals.throttled),
    String(totals.serverErrors),
    ms(totals.p50),
    ms(totals.p90),
    ms(totals.p99),
    String(totals.cacheHits),
    String(totals.cacheMisses),
  ]);
  return rows;
}
