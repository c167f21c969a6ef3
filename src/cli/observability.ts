import type { ApiType } from '../emulator/api-type.js';
import { accessLogPreset, unknownAccessLogVariables, type MetricsSnapshot } from '../emulator/observability/index.js';
import { CliError } from './errors.js';

/** Where the CLI serves the metrics snapshot (the emulator's own routes are under `/__apigw-lab/`). */
export const METRICS_PATH = '/__apigw-lab/metrics';

/**
 * The access log template for `--access-log-format VALUE` or a stage config's `accessLogSettings.format` (`where`
 * names it in messages): a preset name (clf, json, xml, csv: the console's, for the API type) or a `$context`
 * template, which must name `$context.requestId` or `$context.extendedRequestId` as API Gateway requires
 * (set-up-access-logging.html). Returns the template and a warning for variables the emulator prints as `-`.
 */
export function resolveAccessLogFormat(
  value: string,
  apiType: ApiType,
  where: string,
): { format: string; warning: string | null } {
  const format = accessLogPreset(value.toLowerCase(), apiType) ?? value;
  if (!format.includes('$context.requestId') && !format.includes('$context.extendedRequestId')) {
    throw new CliError(
      `${where} "${value}": the access log format must include $context.requestId or $context.extendedRequestId (or be clf, json, xml or csv)`,
    );
  }
  if (/[\r\n]/.test(format)) throw new CliError(`${where}: the access log format must be one line`);
  const unknown = unknownAccessLogVariables(format);
  const warning = unknown.length
    ? `${where}: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not known to the emulator and will print "-"`
    : null;
  return { format, warning };
}

export type ExecutionLogLevel = 'INFO' | 'ERROR' | 'OFF';

/** A stage's execution log levels from its get-stage `methodSettings` (`loggingLevel`), by `*` or `/path METHOD`. */
export interface StageLogLevels {
  /** The stage-wide key's level (the key star, slash, star); undefined without one. */
  stage: ExecutionLogLevel | undefined;
  /** Per method: `{resourcePath} {METHOD}` (`/items/{id} GET`) → level. */
  methods: Map<string, ExecutionLogLevel>;
}

/**
 * The `loggingLevel`s of a get-stage document's `methodSettings` (the stage-wide key and `~1path/METHOD` keys, `~1`
 * standing for `/`), or null when it names none. Throws a CliError naming a bad value.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_MethodSetting.html
 */
export function stageLogLevels(
  methodSettings: Record<string, unknown> | undefined,
  where: string,
): StageLogLevels | null {
  if (!methodSettings) return null;
  const levels: StageLogLevels = { stage: undefined, methods: new Map() };
  let any = false;
  for (const [key, setting] of Object.entries(methodSettings)) {
    const level = (setting as { loggingLevel?: unknown } | null)?.loggingLevel;
    if (level === undefined) continue;
    if (level !== 'INFO' && level !== 'ERROR' && level !== 'OFF')
      throw new CliError(`${where}: methodSettings["${key}"].loggingLevel: expected OFF, ERROR or INFO`);
    any = true;
    if (key === '*/*') {
      levels.stage = level;
      continue;
    }
    const slash = key.lastIndexOf('/');
    const path = key.slice(0, slash).replace(/~1/g, '/').replace(/~0/g, '~');
    levels.methods.set(`${path} ${key.slice(slash + 1)}`, level);
  }
  return any ? levels : null;
}

/** The level for a request to `resourcePath` and `method`: the method's own, else the stage's, else OFF. */
export function logLevelFor(levels: StageLogLevels, resourcePath: string | null, method: string): ExecutionLogLevel {
  const own = resourcePath === null ? undefined : levels.methods.get(`${resourcePath} ${method}`);
  return own ?? levels.methods.get(`${resourcePath} *`) ?? levels.stage ?? 'OFF';
}

/**
 * The table printed when the server stops: per stage, and per method (REST) or route (HTTP API), the requests served,
 * 4XX and 5XX answers, latency p50 and p99 (ms) and cache hits, over the metrics kept (the last hour). Empty when no
 * request reached a stage.
 */
export function summaryTable(snapshot: MetricsSnapshot): string {
  const rows: string[][] = [];
  const series = [...snapshot.series].sort((a, b) => {
    const stage = a.dimensions.Stage!.localeCompare(b.dimensions.Stage!);
    if (stage) return stage;
    return methodOf(a.dimensions).localeCompare(methodOf(b.dimensions));
  });
  if (!series.length) return '';
  const http = series[0]!.apiType === 'HTTP';
  for (const s of series) {
    const m = s.total.metrics;
    const hits = m.CacheHitCount;
    rows.push([
      s.dimensions.Stage!,
      methodOf(s.dimensions) || '(all)',
      String(m.Count?.Sum ?? 0),
      String(m['4XXError']?.Sum ?? m['4xx']?.Sum ?? 0),
      String(m['5XXError']?.Sum ?? m['5xx']?.Sum ?? 0),
      ms(m.Latency?.p50),
      ms(m.Latency?.p99),
      hits ? `${hits.Sum}/${hits.SampleCount}` : '-',
    ]);
  }
  const header = ['Stage', http ? 'Route' : 'Method', 'Count', '4XX', '5XX', 'p50 ms', 'p99 ms', 'Cache hits'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const numeric = (i: number) => i >= 2 && i <= 6;
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return ['apigw-lab: requests served', line(header), ...rows.map(line), ''].join('\n');
}

/** `GET /items/{id}` (REST) or the route key (HTTP); '' for a stage's own series. */
function methodOf(dimensions: Record<string, string>): string {
  if (dimensions.Route !== undefined) return dimensions.Route;
  return dimensions.Method !== undefined ? `${dimensions.Method} ${dimensions.Resource}` : '';
}

const ms = (value: number | undefined) => (value === undefined ? '-' : String(Math.round(value)));
