import type { GatewayTrace } from '../shared/trace.js';

/**
 * CloudWatch metrics of API Gateway (namespace `AWS/ApiGateway`), computed from traces:
 * - REST APIs (api-gateway-metrics-and-dimensions.html): `Count`, `4XXError`, `5XXError`, `Latency`,
 *   `IntegrationLatency`, `CacheHitCount`, `CacheMissCount`; dimensions `ApiName`, `Stage` (and, per method,
 *   `Method`, `Resource`).
 * - HTTP APIs (http-api-metrics.html): `Count`, `4xx`, `5xx`, `Latency`, `IntegrationLatency`, `DataProcessed`;
 *   dimensions `ApiId`, `Stage` (and, per route, `Route`).
 * Every request is one data point of each metric it has, as API Gateway publishes them: `Count` 1, the error metrics
 * 1 or 0 (so their Average is the error rate), `Latency` the time the gateway took (ms), `IntegrationLatency` the
 * backend's time (requests that reached one), the cache metrics 1 or 0 for requests to a cached method,
 * `DataProcessed` the request and response payload bytes.
 *
 * Statistics: Sum, Average, SampleCount, Minimum, Maximum for every metric; p50, p90 and p99 for `Latency`,
 * `IntegrationLatency` and `DataProcessed`, computed exactly over the period's data points by nearest rank (the
 * smallest value with at least p% of the points at or below it). CloudWatch estimates percentiles from its own
 * summaries, so on small samples its values can differ slightly.
 */
export interface MetricsOptions {
  /** Minutes of per-minute data kept (older minutes are dropped as new requests arrive); default 60. */
  retentionMinutes?: number;
  /** Seconds of per-second data kept for charts; default 900. */
  retentionSeconds?: number;
}

/** One metric's statistics over a period. */
export interface MetricStatistics {
  Sum: number;
  Average: number;
  SampleCount: number;
  Minimum: number;
  Maximum: number;
  p50?: number;
  p90?: number;
  p99?: number;
}

/** One series' data for one minute (or the whole retained window, in `total`). */
export interface MetricsPeriod {
  /** The minute's start, ISO 8601 (absent in `total`). */
  timestamp?: string;
  metrics: Record<string, MetricStatistics>;
}

/** A series: its dimensions as CloudWatch names them, its minutes and the total over them. */
export interface MetricsSeries {
  apiType: 'REST' | 'HTTP';
  /** REST: `{ApiName, Stage}` or `{ApiName, Stage, Method, Resource}`; HTTP: `{ApiId, Stage}` or `{ApiId, Stage, Route}`. */
  dimensions: Record<string, string>;
  minutes: MetricsPeriod[];
  total: MetricsPeriod;
}

/** What {@link MetricsRecorder.snapshot} returns (the CLI serves it as JSON at `/__apigw-lab/metrics`). */
export interface MetricsSnapshot {
  namespace: 'AWS/ApiGateway';
  periodSeconds: 60;
  percentiles: string;
  series: MetricsSeries[];
}

/** Per-second series for charts, column by column (uPlot's data layout): every second from the first to the last. */
export interface PerSecondSeries {
  /** Seconds since the epoch. */
  t: number[];
  count: number[];
  /** Requests per second by status class. */
  '2xx': number[];
  '3xx': number[];
  '4xx': number[];
  '5xx': number[];
  /** Requests per second by exact status (`"200"`, `"429"`, …). */
  byStatus: Record<string, number[]>;
  /** Latency percentiles of the second's requests (ms); null for a second without requests. */
  p50: Array<number | null>;
  p90: Array<number | null>;
  p99: Array<number | null>;
  cacheHits: number[];
  cacheMisses: number[];
}

const PERCENTILES = [50, 90, 99] as const;
const WITH_PERCENTILES = new Set(['Latency', 'IntegrationLatency', 'DataProcessed']);

/** The value at percentile `p` of ascending `sorted` values, by nearest rank. */
export function nearestRank(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** A metric's data points in one period: running statistics, and the points themselves when percentiles are due. */
class Accumulator {
  sum = 0;
  count = 0;
  min = Infinity;
  max = -Infinity;
  readonly points: number[] | null;

  constructor(keepPoints: boolean) {
    this.points = keepPoints ? [] : null;
  }

  add(value: number): void {
    this.sum += value;
    this.count++;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    this.points?.push(value);
  }

  merge(other: Accumulator): void {
    this.sum += other.sum;
    this.count += other.count;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
    if (this.points && other.points) for (const p of other.points) this.points.push(p);
  }

  statistics(): MetricStatistics {
    const stats: MetricStatistics = {
      Sum: this.sum,
      Average: this.count ? this.sum / this.count : 0,
      SampleCount: this.count,
      Minimum: this.count ? this.min : 0,
      Maximum: this.count ? this.max : 0,
    };
    if (this.points) {
      const sorted = Float64Array.from(this.points).sort();
      const values = Array.from(sorted);
      for (const p of PERCENTILES) stats[`p${p}`] = values.length ? nearestRank(values, p) : 0;
    }
    return stats;
  }
}

/** One series' metrics in one minute. */
type Cell = Map<string, Accumulator>;

interface SeriesState {
  apiType: 'REST' | 'HTTP';
  dimensions: Record<string, string>;
  /** Minute start (epoch ms) → metrics. */
  minutes: Map<number, Cell>;
}

interface SecondCell {
  count: number;
  classes: [number, number, number, number];
  byStatus: Map<number, number>;
  latencies: number[];
  cacheHits: number;
  cacheMisses: number;
}

const MINUTE = 60_000;

/** Records traces as API Gateway's CloudWatch metrics (see {@link MetricsOptions} for what and how). */
export class MetricsRecorder {
  readonly #series = new Map<string, SeriesState>();
  readonly #seconds = new Map<number, SecondCell>();
  readonly #retentionMinutes: number;
  readonly #retentionSeconds: number;
  #latestMinute = 0;
  #latestSecond = 0;

  constructor(options: MetricsOptions = {}) {
    this.#retentionMinutes = options.retentionMinutes ?? 60;
    this.#retentionSeconds = options.retentionSeconds ?? 900;
  }

  /** Adds one request. Requests no stage served (no API to name) are left out, as CloudWatch has no series for them. */
  record(trace: GatewayTrace): void {
    if (trace.stage === null) return;
    const apiType = trace.apiType ?? 'REST';
    const epoch = trace.requestTimeEpoch;
    const minute = epoch - (epoch % MINUTE);
    const points = dataPoints(trace, apiType);
    const stageDims: Record<string, string> =
      apiType === 'REST'
        ? { ApiName: trace.apiName ?? trace.apiId ?? '', Stage: trace.stage }
        : { ApiId: trace.apiId ?? '', Stage: trace.stage };
    this.#add(apiType, stageDims, minute, points);
    if (trace.resourcePath !== null) {
      const methodDims: Record<string, string> =
        apiType === 'REST'
          ? { ...stageDims, Method: trace.httpMethod, Resource: trace.resourcePath }
          : { ...stageDims, Route: trace.resourcePath };
      this.#add(apiType, methodDims, minute, points);
    }
    this.#addSecond(trace);
    if (minute > this.#latestMinute) {
      this.#latestMinute = minute;
      this.#prune();
    }
  }

  #add(apiType: 'REST' | 'HTTP', dimensions: Record<string, string>, minute: number, points: DataPoints): void {
    const key = `${apiType}\u0000${Object.values(dimensions).join('\u0000')}`;
    let series = this.#series.get(key);
    if (!series) {
      series = { apiType, dimensions, minutes: new Map() };
      this.#series.set(key, series);
    }
    let cell = series.minutes.get(minute);
    if (!cell) {
      cell = new Map();
      series.minutes.set(minute, cell);
    }
    for (let i = 0; i < points.length; i += 2) {
      const name = points[i] as string;
      let acc = cell.get(name);
      if (!acc) {
        acc = new Accumulator(WITH_PERCENTILES.has(name));
        cell.set(name, acc);
      }
      acc.add(points[i + 1] as number);
    }
  }

  #addSecond(trace: GatewayTrace): void {
    const second = Math.floor(trace.requestTimeEpoch / 1000);
    let cell = this.#seconds.get(second);
    if (!cell) {
      cell = { count: 0, classes: [0, 0, 0, 0], byStatus: new Map(), latencies: [], cacheHits: 0, cacheMisses: 0 };
      this.#seconds.set(second, cell);
      if (second > this.#latestSecond) {
        this.#latestSecond = second;
        for (const s of this.#seconds.keys()) if (s <= second - this.#retentionSeconds) this.#seconds.delete(s);
      }
    }
    cell.count++;
    const statusClass = Math.floor(trace.status / 100) - 2;
    if (statusClass >= 0 && statusClass <= 3) cell.classes[statusClass]!++;
    cell.byStatus.set(trace.status, (cell.byStatus.get(trace.status) ?? 0) + 1);
    cell.latencies.push(trace.timings.totalMs);
    if (trace.cache?.status === 'hit') cell.cacheHits++;
    else if (trace.cache) cell.cacheMisses++;
  }

  #prune(): void {
    const oldest = this.#latestMinute - (this.#retentionMinutes - 1) * MINUTE;
    for (const series of this.#series.values())
      for (const minute of series.minutes.keys()) if (minute < oldest) series.minutes.delete(minute);
  }

  /** Every series with its minutes (oldest first) and its total over the retained minutes. */
  snapshot(): MetricsSnapshot {
    const series: MetricsSeries[] = [];
    for (const state of this.#series.values()) {
      const minutes = [...state.minutes.entries()].sort((a, b) => a[0] - b[0]);
      if (!minutes.length) continue;
      const total: Cell = new Map();
      for (const [, cell] of minutes) {
        for (const [name, acc] of cell) {
          let sum = total.get(name);
          if (!sum) {
            sum = new Accumulator(acc.points !== null);
            total.set(name, sum);
          }
          sum.merge(acc);
        }
      }
      series.push({
        apiType: state.apiType,
        dimensions: { ...state.dimensions },
        minutes: minutes.map(([minute, cell]) => ({
          timestamp: new Date(minute).toISOString(),
          metrics: statisticsOf(cell),
        })),
        total: { metrics: statisticsOf(total) },
      });
    }
    return {
      namespace: 'AWS/ApiGateway',
      periodSeconds: 60,
      percentiles: 'nearest rank over every data point of the period',
      series,
    };
  }

  /**
   * Requests per second (all stages) from the first recorded second to the last, seconds without requests as zeros:
   * by status class and exact status, latency percentiles (nearest rank), cache hits and misses.
   */
  perSecond(): PerSecondSeries {
    const out: PerSecondSeries = {
      t: [],
      count: [],
      '2xx': [],
      '3xx': [],
      '4xx': [],
      '5xx': [],
      byStatus: {},
      p50: [],
      p90: [],
      p99: [],
      cacheHits: [],
      cacheMisses: [],
    };
    if (!this.#seconds.size) return out;
    const keys = [...this.#seconds.keys()];
    const first = Math.min(...keys);
    const last = Math.max(...keys);
    const statuses = new Set<number>();
    for (const cell of this.#seconds.values()) for (const status of cell.byStatus.keys()) statuses.add(status);
    for (const status of [...statuses].sort((a, b) => a - b)) out.byStatus[String(status)] = [];
    for (let second = first; second <= last; second++) {
      const cell = this.#seconds.get(second);
      out.t.push(second);
      out.count.push(cell?.count ?? 0);
      out['2xx'].push(cell?.classes[0] ?? 0);
      out['3xx'].push(cell?.classes[1] ?? 0);
      out['4xx'].push(cell?.classes[2] ?? 0);
      out['5xx'].push(cell?.classes[3] ?? 0);
      for (const status of statuses) out.byStatus[String(status)]!.push(cell?.byStatus.get(status) ?? 0);
      const sorted = cell ? Array.from(Float64Array.from(cell.latencies).sort()) : [];
      out.p50.push(sorted.length ? nearestRank(sorted, 50) : null);
      out.p90.push(sorted.length ? nearestRank(sorted, 90) : null);
      out.p99.push(sorted.length ? nearestRank(sorted, 99) : null);
      out.cacheHits.push(cell?.cacheHits ?? 0);
      out.cacheMisses.push(cell?.cacheMisses ?? 0);
    }
    return out;
  }

  /** Forgets everything recorded. */
  reset(): void {
    this.#series.clear();
    this.#seconds.clear();
    this.#latestMinute = 0;
    this.#latestSecond = 0;
  }
}

/** Alternating metric names and values: one request's data points. */
type DataPoints = Array<string | number>;

function dataPoints(trace: GatewayTrace, apiType: 'REST' | 'HTTP'): DataPoints {
  const is4xx = trace.status >= 400 && trace.status < 500 ? 1 : 0;
  const is5xx = trace.status >= 500 ? 1 : 0;
  const points: DataPoints = [
    'Count',
    1,
    apiType === 'REST' ? '4XXError' : '4xx',
    is4xx,
    apiType === 'REST' ? '5XXError' : '5xx',
    is5xx,
    'Latency',
    trace.timings.totalMs,
  ];
  if (trace.timings.integrationMs !== null) points.push('IntegrationLatency', trace.timings.integrationMs);
  if (apiType === 'REST' && trace.cache) {
    const hit = trace.cache.status === 'hit' ? 1 : 0;
    points.push('CacheHitCount', hit, 'CacheMissCount', 1 - hit);
  }
  if (apiType === 'HTTP') points.push('DataProcessed', (trace.request?.body?.length ?? 0) + trace.responseLength);
  return points;
}

function statisticsOf(cell: Cell): Record<string, MetricStatistics> {
  const out: Record<string, MetricStatistics> = {};
  for (const [name, acc] of cell) out[name] = acc.statistics();
  return out;
}
