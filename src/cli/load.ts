import { CliError, firstLine } from './errors.js';
import type { Output } from './serve.js';

export const LOAD_USAGE = `Usage: apigw-lab load URL --rate R --duration S [options]

Sends R requests per second to URL for S seconds, each at its time whether or not the earlier ones have
been answered (open loop, as clients on the Internet do), then prints how many answers had each status,
per second (the second the request was sent in) and in total. For watching a throttled stage turn 200s
into 429s:
  apigw-lab load http://127.0.0.1:3000/dev/items --rate 20 --duration 5

Options:
      --rate R                       requests per second (more than 0, at most 10000; may be fractional)
      --duration S                   seconds to send for (more than 0, at most 3600; may be fractional)
  -X, --method METHOD                the HTTP method (default GET)
  -H, --header "NAME: VALUE"         a header to send with every request (repeatable)
      --data BODY                    the body to send with every request
      --max-in-flight N              requests awaiting their answer at most (default 256): a request due while
                                     N are in flight is not sent, and counted as "not sent"
      --timeout MS                   how long to wait for an answer (default 30000); no answer by then is an
                                     "error", like a refused connection
  -h, --help                         show this help
`;

const HINT = 'run "apigw-lab load --help" for usage';
const fail = (message: string) => new CliError(message, { hint: HINT });

export const MAX_RATE = 10_000;
export const MAX_DURATION_S = 3600;

export interface LoadOptions {
  url: string;
  /** Requests per second. */
  rate: number;
  /** Seconds to send for. */
  duration: number;
  method: string;
  headers: Array<[string, string]>;
  body: string | undefined;
  maxInFlight: number;
  timeoutMs: number;
}

const VALUE_FLAGS: Record<string, string> = {
  '--rate': '--rate',
  '--duration': '--duration',
  '-X': '--method',
  '--method': '--method',
  '--request': '--method',
  '-H': '--header',
  '--header': '--header',
  '--data': '--data',
  '--max-in-flight': '--max-in-flight',
  '--timeout': '--timeout',
};

/** A number flag's value, in (min, max]. */
function numberOf(flag: string, value: string, what: string, min: number, max: number): number {
  const n = /^\d+(\.\d+)?$|^\.\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!(n > min && n <= max)) throw fail(`${flag} "${value}": expected ${what}`);
  return n;
}

/** Parses `apigw-lab load`'s arguments; null for --help. Throws a CliError naming the bad flag. */
export function parseLoadArgs(argv: readonly string[]): LoadOptions | null {
  let url: string | undefined;
  let rate: number | undefined;
  let duration: number | undefined;
  const options: Omit<LoadOptions, 'url' | 'rate' | 'duration'> = {
    method: 'GET',
    headers: [],
    body: undefined,
    maxInFlight: 256,
    timeoutMs: 30_000,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return null;
    if (!arg.startsWith('-')) {
      if (url !== undefined) throw fail(`one URL expected, got "${url}" and "${arg}"`);
      url = arg;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const spelled = eq > 0 ? arg.slice(0, eq) : arg;
    const flag = VALUE_FLAGS[spelled];
    if (!flag) throw fail(`unknown option "${spelled}"`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw fail(`${spelled} needs a value`);
    switch (flag) {
      case '--rate':
        rate = numberOf(spelled, value, `requests per second, more than 0 and at most ${MAX_RATE}`, 0, MAX_RATE);
        break;
      case '--duration':
        duration = numberOf(spelled, value, `seconds, more than 0 and at most ${MAX_DURATION_S}`, 0, MAX_DURATION_S);
        break;
      case '--method':
        if (!/^[A-Za-z]+$/.test(value)) throw fail(`${spelled} "${value}": expected an HTTP method such as GET`);
        options.method = value.toUpperCase();
        break;
      case '--header': {
        const colon = value.indexOf(':');
        const name = value.slice(0, colon).trim();
        if (colon <= 0 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
          throw fail(`${spelled} "${value}": expected "NAME: VALUE"`);
        options.headers.push([name, value.slice(colon + 1).trim()]);
        break;
      }
      case '--data':
        options.body = value;
        break;
      case '--max-in-flight': {
        const n = /^\d+$/.test(value) ? Number(value) : NaN;
        if (!(n >= 1 && n <= 10_000)) throw fail(`${spelled} "${value}": expected a whole number from 1 to 10000`);
        options.maxInFlight = n;
        break;
      }
      case '--timeout': {
        const n = /^\d+$/.test(value) ? Number(value) : NaN;
        if (!(n >= 1 && n <= 600_000)) throw fail(`${spelled} "${value}": expected milliseconds, from 1 to 600000`);
        options.timeoutMs = n;
        break;
      }
    }
  }
  if (url === undefined) throw fail('missing the URL to send requests to (e.g. http://127.0.0.1:3000/dev/items)');
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
    throw fail(`"${url}" is not an http(s) URL`);
  if (rate === undefined) throw fail('--rate R is required (requests per second)');
  if (duration === undefined) throw fail('--duration S is required (seconds)');
  if ((options.method === 'GET' || options.method === 'HEAD') && options.body !== undefined)
    throw fail(`--data: a ${options.method} request has no body (add --method POST)`);
  return { url, rate, duration, ...options };
}

/** What happened to one request: its status, `error` (no answer), or `not sent` (too many in flight). */
export type Outcome = number | 'error' | 'not sent';

/** The counts of a run: per second (1-based, the second each request was due in), and the first error seen. */
export interface LoadReport {
  /** Requests due in the run. */
  requests: number;
  /** `seconds[k]`: outcome → count, for requests due in second k + 1. */
  seconds: Map<Outcome, number>[];
  /** The first failure's message, for a warning. */
  firstError: string | undefined;
  /** Answer times in milliseconds, of the requests that got an answer. */
  latencies: number[];
}

/** What `runLoad` sends with and times by (injectable for tests). */
export interface LoadDeps {
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  /** Milliseconds, monotonic. */
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

const DEFAULT_DEPS: LoadDeps = {
  fetch: (url, init) => globalThis.fetch(url, init),
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** How many requests a run sends: one every 1/rate seconds from 0, while before the duration's end. */
export function requestCount(rate: number, duration: number): number {
  return Math.max(1, Math.ceil(rate * duration - 1e-9));
}

/**
 * Sends the requests on schedule (request i at i/rate seconds, whether or not earlier ones have been answered) and
 * counts their outcomes per second. Never throws for a failed request: it is counted as `error`.
 */
export async function runLoad(options: LoadOptions, deps: LoadDeps = DEFAULT_DEPS): Promise<LoadReport> {
  const count = requestCount(options.rate, options.duration);
  const seconds: Map<Outcome, number>[] = [];
  for (let s = 0; s < Math.ceil(options.duration - 1e-9); s++) seconds.push(new Map());
  const report: LoadReport = { requests: count, seconds, firstError: undefined, latencies: [] };
  const add = (second: number, outcome: Outcome) => {
    const row = seconds[second]!;
    row.set(outcome, (row.get(outcome) ?? 0) + 1);
  };
  const headers = options.headers;
  let inFlight = 0;
  const pending: Promise<void>[] = [];
  const send = async (second: number) => {
    inFlight++;
    const sent = deps.now();
    try {
      const response = await deps.fetch(options.url, {
        method: options.method,
        headers,
        body: options.body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      await response.arrayBuffer();
      report.latencies.push(deps.now() - sent);
      add(second, response.status);
    } catch (error) {
      report.firstError ??= describeFailure(error, options.timeoutMs);
      add(second, 'error');
    } finally {
      inFlight--;
    }
  };
  const start = deps.now();
  for (let i = 0; i < count; i++) {
    const dueMs = (i * 1000) / options.rate;
    const wait = start + dueMs - deps.now();
    if (wait >= 1) await deps.sleep(wait);
    const second = Math.min(Math.floor(dueMs / 1000), seconds.length - 1);
    if (inFlight >= options.maxInFlight) add(second, 'not sent');
    else pending.push(send(second));
  }
  await Promise.all(pending);
  return report;
}

/** A failed request's reason, in one line (`connect ECONNREFUSED 127.0.0.1:9`, `no answer within 30000 ms`). */
function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: unknown }).cause;
  return firstLine(cause instanceof Error ? cause : error);
}

const OUTCOME_ORDER = (a: Outcome, b: Outcome) => {
  const rank = (o: Outcome) => (typeof o === 'number' ? o : o === 'error' ? 1000 : 1001);
  return rank(a) - rank(b);
};

/** The per-second table: one column per status (then `error`, `not sent`), a `total` column and a `total` row. */
export function formatLoadTable(report: LoadReport): string {
  const outcomes = [...new Set(report.seconds.flatMap((row) => [...row.keys()]))].sort(OUTCOME_ORDER);
  const header = ['second', ...outcomes.map(String), 'total'];
  const sum = (row: Map<Outcome, number>) => [...row.values()].reduce((a, b) => a + b, 0);
  const rows = report.seconds.map((row, s) => [
    String(s + 1),
    ...outcomes.map((o) => String(row.get(o) ?? 0)),
    String(sum(row)),
  ]);
  const totals = outcomes.map((o) => report.seconds.reduce((n, row) => n + (row.get(o) ?? 0), 0));
  rows.push(['total', ...totals.map(String), String(totals.reduce((a, b) => a + b, 0))]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padStart(widths[c]!)).join('  ');
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

/** The answer times' percentiles, in one line. */
function latencyLine(latencies: number[]): string {
  if (!latencies.length) return '';
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  return `latency: p50 ${ms(at(50))}, p90 ${ms(at(90))}, p99 ${ms(at(99))}, max ${ms(sorted.at(-1)!)}\n`;
}

/** Runs `apigw-lab load` and prints its table. */
export async function runLoadCommand(options: LoadOptions, output: Output, deps?: LoadDeps): Promise<void> {
  const { method, url, rate, duration } = options;
  const count = requestCount(rate, duration);
  output.out(`${method} ${url}: ${rate} requests per second for ${duration} s (${count} requests)\n`);
  const report = await runLoad(options, deps);
  output.out(formatLoadTable(report));
  output.out(latencyLine(report.latencies));
  if (report.firstError !== undefined) {
    const failed = report.seconds.reduce((n, row) => n + (row.get('error') ?? 0), 0);
    output.err(`apigw-lab: warning: ${failed} of ${count} requests got no answer (${report.firstError})\n`);
  }
}
