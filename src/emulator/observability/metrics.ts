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
 * `IntegrationLatency` and `DataProcessed`, by nearest rank (the smallest value with at least p% of the points at or
 * below it) over the period's data points: exactly up to 10,000 points per metric and period, over a uniform sample
 * of 10,000 beyond (reservoir sampling, so memory stays bounded under load). CloudWatch estimates percentiles from its
 * own summaries, so its values can differ slightly.
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

/** Data points kept per metric and period for percentiles; beyond it, a uniform sample of them (reservoir). */
export const MAX_POINTS = 10_000;

/** Keeps `value`, the `seen`-th point, in `points`: all of the first MAX_POINTS, then each with MAX_POINTS/seen chance. */
function keep(points: number[], value: number, seen: number): void {
  if (points.length < MAX_POINTS) points.push(value);
  else {
    const slot = Math.floor(Math.random() * seen);
    if (slot < MAX_POINTS) points[slot] = value;
  }
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
    if (this.points) keep(this.points, value, this.count);
  }

  merge(other: Accumulator): void {
    this.sum += other.sum;
    this.count += other.count;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
    if (this.points && other.points) {
      let seen = this.count - other.count;
      for (const p of other.points) keep(this.points, p, ++seen);
    }
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
    const stage = trace.stage;
    if (stage === null) return;
    const apiType = trace.apiType ?? 'REST';
    const epoch = trace.requestTimeEpoch;
    const minute = epoch - (epoch % MINUTE);
    const api = apiType === 'REST' ? (trace.apiName ?? trace.apiId ?? '') : (trace.apiId ?? '');
    const stageKey = `${apiType}\u0000${api}\u0000${stage}`;
    addPoints(
      this.#cell(stageKey, apiType, minute, () => stageDimensions(apiType, api, stage)),
      trace,
      apiType,
    );
    const resource = trace.resourcePath;
    if (resource !== null) {
      const method = apiType === 'REST' ? trace.httpMethod : '';
      const cell = this.#cell(`${stageKey}\u0000${method}\u0000${resource}`, apiType, minute, () =>
        apiType === 'REST'
          ? { ...stageDimensions(apiType, api, stage), Method: method, Resource: resource }
          : { ...stageDimensions(apiType, api, stage), Route: resource },
      );
      addPoints(cell, trace, apiType);
    }
    this.#addSecond(trace);
    if (minute > this.#latestMinute) {
      this.#latestMinute = minute;
      this.#prune();
    }
  }

  /** The series' cell for `minute`, made on first use (the dimensions too). */
  #cell(key: string, apiType: 'REST' | 'HTTP', minute: number, dimensions: () => Record<string, string>): Cell {
    let series = this.#series.get(key);
    if (!series) {
      series = { apiType, dimensions: dimensions(), minutes: new Map() };
      this.#series.set(key, series);
    }
    let cell = series.minutes.get(minute);
    if (!cell) {
      cell = new Map();
      series.minutes.set(minute, cell);
    }
    return cell;
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
    keep(cell.latencies, trace.timings.totalMs, cell.count);
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

const stageDimensions = (apiType: 'REST' | 'HTTP', api: string, stage: string): Record<string, string> =>
  apiType === 'REST' ? { ApiName: api, Stage: stage } : { ApiId: api, Stage: stage };

/** Adds a data point to a cell's metric. */
function add(cell: Cell, name: string, value: number): void {
  let acc = cell.get(name);
  if (!acc) {
    acc = new Accumulator(WITH_PERCENTILES.has(name));
    cell.set(name, acc);
  }
  acc.add(value);
}

/** One request's data points. */
function addPoints(cell: Cell, trace: GatewayTrace, apiType: 'REST' | 'HTTP'): void {
  const status = trace.status;
  add(cell, 'Count', 1);
  add(cell, apiType === 'REST' ? '4XXError' : '4xx', status >= 400 && status < 500 ? 1 : 0);
  add(cell, apiType === 'REST' ? '5XXError' : '5xx', status >= 500 ? 1 : 0);
  add(cell, 'Latency', trace.timings.totalMs);
  if (trace.timings.integrationMs !== null) add(cell, 'IntegrationLatency', trace.timings.integrationMs);
  if (apiType === 'REST' && trace.cache) {
    const hit = trace.cache.status === 'hit' ? 1 : 0;
    add(cell, 'CacheHitCount', hit);
    add(cell, 'CacheMissCount', 1 - hit);
  }
  if (apiType === 'HTTP') add(cell, 'DataProcessed', (trace.request?.body?.length ?? 0) + trace.responseLength);
}

function statisticsOf(cell: Cell): Record<string, MetricStatistics> {
  const out: Record<string, MetricStatistics> = {};
  for (const [name, acc] of cell) out[name] = acc.statistics();
  return out;
}
