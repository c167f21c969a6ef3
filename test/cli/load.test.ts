import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/errors.js';
import { formatLoadTable, parseLoadArgs, requestCount, runLoad, type LoadOptions } from '../../src/cli/load.js';
import { FIXTURES, runCli, startCli, type RunningCli } from './helpers.js';

const HTTP_THROTTLING = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html';

/** parseLoadArgs' CliError message for `argv` (the test fails when it parses). */
function errorOf(argv: string[]): string {
  try {
    parseLoadArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return (error as CliError).message;
  }
  throw new Error(`${argv.join(' ')} parsed`);
}

describe('apigw-lab load: flags', () => {
  it('reads the URL, rate, duration, method, repeated headers and body', () => {
    expect(
      parseLoadArgs([
        'http://127.0.0.1:3000/dev/items',
        '--rate',
        '2.5',
        '--duration=4',
        '-X',
        'post',
        '-H',
        'x-api-key: abc',
        '--header',
        'Content-Type:application/json',
        '--data',
        '{}',
        '--max-in-flight',
        '8',
      ]),
    ).toEqual({
      url: 'http://127.0.0.1:3000/dev/items',
      rate: 2.5,
      duration: 4,
      method: 'POST',
      headers: [
        ['x-api-key', 'abc'],
        ['Content-Type', 'application/json'],
      ],
      body: '{}',
      maxInFlight: 8,
      timeoutMs: 30_000,
    });
    expect(parseLoadArgs(['--help'])).toBeNull();
  });

  const bad: [string[], string][] = [
    [['http://h/x', '--duration', '1'], '--rate R is required (requests per second)'],
    [['http://h/x', '--rate', '1'], '--duration S is required (seconds)'],
    [['--rate', '1', '--duration', '1'], 'missing the URL to send requests to'],
    [['ftp://h/x', '--rate', '1', '--duration', '1'], '"ftp://h/x" is not an http(s) URL'],
    [
      ['http://h/x', '--rate', 'fast', '--duration', '1'],
      '--rate "fast": expected requests per second, more than 0 and at most 10000',
    ],
    [['http://h/x', '--rate', '0', '--duration', '1'], '--rate "0": expected requests per second'],
    [['http://h/x', '--rate', '20000', '--duration', '1'], '--rate "20000": expected requests per second'],
    [
      ['http://h/x', '--rate', '1', '--duration', '-1'],
      '--duration "-1": expected seconds, more than 0 and at most 3600',
    ],
    [
      ['http://h/x', '--rate', '1', '--duration', '3601'],
      '--duration "3601": expected seconds, more than 0 and at most 3600',
    ],
    [['http://h/x', '--rate', '1', '--duration', '1', '-H', 'no-colon'], '-H "no-colon": expected "NAME: VALUE"'],
    [['http://h/x', '--rate', '1', '--duration', '1', '--method', 'G T'], '--method "G T": expected an HTTP method'],
    [
      ['http://h/x', '--rate', '1', '--duration', '1', '--data', 'x'],
      '--data: a GET request has no body (add --method POST)',
    ],
    [
      ['http://h/x', '--rate', '1', '--duration', '1', '--max-in-flight', '0'],
      '--max-in-flight "0": expected a whole number',
    ],
    [['http://h/x', '--rate', '1', '--duration', '1', '--concurrency', '2'], 'unknown option "--concurrency"'],
    [['http://h/x', 'http://h/y'], 'one URL expected, got "http://h/x" and "http://h/y"'],
  ];
  for (const [argv, message] of bad) {
    it(`refuses ${argv.join(' ')} in one line`, () => {
      const got = errorOf(argv);
      expect(got).toContain(message);
      expect(got).not.toContain('\n');
    });
  }

  it('sends one request every 1/R seconds while before the end: R × S of them', () => {
    expect([requestCount(5, 2), requestCount(0.1, 30), requestCount(0.5, 3), requestCount(3, 0.1)]).toEqual([
      10, 3, 2, 1,
    ]);
  });
});

const options = (over: Partial<LoadOptions>): LoadOptions => ({
  url: 'http://load.test/items',
  rate: 10,
  duration: 1,
  method: 'GET',
  headers: [],
  body: undefined,
  maxInFlight: 256,
  timeoutMs: 30_000,
  ...over,
});

describe('apigw-lab load: open loop (requests start on schedule, answered or not)', () => {
  it('starts every request although none is answered until all have started', async () => {
    const started: number[] = [];
    let release!: () => void;
    const allStarted = new Promise<void>((resolve) => (release = resolve));
    const report = await runLoad(options({ rate: 20, duration: 0.5 }), {
      now: () => performance.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      fetch: async () => {
        started.push(performance.now());
        if (started.length === 10) release();
        await allStarted; // a closed-loop sender would wait here forever
        return new Response('ok', { status: 200 });
      },
    });
    expect(started).toHaveLength(10);
    expect(report.seconds.map((row) => Object.fromEntries(row))).toEqual([{ 200: 10 }]);
    // On schedule: the 10th request starts about 450 ms after the first (timers are late, never early).
    expect(started[9]! - started[0]!).toBeGreaterThanOrEqual(440);
  });

  it('counts statuses per second of sending, failures as "error" and requests over --max-in-flight as "not sent"', async () => {
    let clock = 0;
    let n = 0;
    const report = await runLoad(options({ rate: 4, duration: 2, maxInFlight: 1, timeoutMs: 1000 }), {
      now: () => clock,
      // A macrotask per wait, so that answers already given are counted before the next request is due.
      sleep: (ms) => new Promise((resolve) => setTimeout(() => resolve(void (clock += ms)), 0)),
      fetch: async (_url, init) => {
        n++;
        if (n === 1) return new Response('', { status: 429 });
        if (n === 2) throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:1') });
        // The third is never answered: it holds the one slot until --timeout aborts it (1 s of real time).
        return new Promise<Response>((_, reject) =>
          init.signal!.addEventListener('abort', () => reject(init.signal!.reason)),
        );
      },
    });
    expect(n).toBe(3);
    expect(report.seconds.map((row) => Object.fromEntries(row))).toEqual([
      { 429: 1, error: 2, 'not sent': 1 },
      { 'not sent': 4 },
    ]);
    expect(report.firstError).toBe('connect ECONNREFUSED 127.0.0.1:1');
    expect(formatLoadTable(report)).toBe(
      [
        'second  429  error  not sent  total',
        '     1    1      2         1      4',
        '     2    0      0         4      4',
        ' total    1      2         5      8',
        '',
      ].join('\n'),
    );
  });
});

const CONFIGS = mkdtempSync(join(tmpdir(), 'apigw-lab-load-'));
// aws apigatewayv2 get-stage's shape: GET /items at a burst of 2, refilled at 0.8 tokens per second.
writeFileSync(
  join(CONFIGS, 'burst-2.json'),
  JSON.stringify({
    StageName: '$default',
    RouteSettings: { 'GET /items': { ThrottlingBurstLimit: 2, ThrottlingRateLimit: 0.8 } },
  }),
);

/** The table's rows as { second: { status: count } }. */
function tableOf(stdout: string): Record<string, Record<string, number>> {
  const lines = stdout.trim().split('\n');
  const start = lines.findIndex((l) => l.trimStart().startsWith('second'));
  const header = lines[start]!.trim().split(/\s{2,}/);
  const rows: Record<string, Record<string, number>> = {};
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('latency:')) break;
    const cells = line.trim().split(/\s+/);
    rows[cells[0]!] = Object.fromEntries(header.slice(1).map((h, i) => [h, Number(cells[i + 1])]));
  }
  return rows;
}

describe(`apigw-lab load against a throttled apigw-lab serve (${HTTP_THROTTLING})`, () => {
  let cli: RunningCli;

  beforeAll(async () => {
    cli = await startCli([
      `${FIXTURES}/http-api/throttled.yaml`,
      '--stage',
      '$default',
      '--stage-config',
      `${CONFIGS}/burst-2.json`,
    ]);
  }, 30_000);

  afterAll(async () => {
    await cli?.stop();
  });

  it('5 requests per second for 2 s at burst 2, rate 0.8: 2 pass then 3 are throttled, then 1 passes and 4 are', async () => {
    // The bucket (2 tokens, +0.8 per second) passes the requests sent at 0 and 200 ms, is back to one token at 1250 ms
    // and passes the one sent at 1400 ms; the next token would come at 2500 ms, after the last request (1800 ms).
    // Exact counts hold while the server sees each request within 50 ms of its schedule relative to the first (the
    // nearest request to a refill is 1200 ms, 50 ms before it); a request late by more than that only moves the
    // third 200 within the second second, so the per-second counts stay the same unless requests are late by 450 ms.
    const { code, stdout, stderr } = await runCli(['load', `${cli.invokeUrl}/items`, '--rate', '5', '--duration', '2']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(`GET ${cli.invokeUrl}/items: 5 requests per second for 2 s (10 requests)`);
    expect(tableOf(stdout)).toEqual({
      '1': { '200': 2, '429': 3, total: 5 },
      '2': { '200': 1, '429': 4, total: 5 },
      total: { '200': 3, '429': 7, total: 10 },
    });
    expect(stdout).toMatch(/^latency: p50 [\d.]+ ms, p90 [\d.]+ ms, p99 [\d.]+ ms, max [\d.]+ ms$/m);
  });

  it('sends the method and headers given (POST /items has no throttle: all 200)', async () => {
    const { code, stdout } = await runCli([
      'load',
      `${cli.invokeUrl}/items`,
      '--rate',
      '10',
      '--duration',
      '0.5',
      '-X',
      'POST',
      '-H',
      'Content-Type: application/json',
      '--data',
      '{"a":1}',
    ]);
    expect(code).toBe(0);
    expect(tableOf(stdout).total).toEqual({ '200': 5, total: 5 });
  });

  it('--help prints the usage; a bad flag exits 2 with its one-line error and the hint', async () => {
    const help = await runCli(['load', '--help']);
    expect([help.code, help.stdout.split('\n')[0]]).toEqual([
      0,
      'Usage: apigw-lab load URL --rate R --duration S [options]',
    ]);
    const bad = await runCli(['load', `${cli.invokeUrl}/items`, '--rate', 'lots', '--duration', '1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'apigw-lab: error: --rate "lots": expected requests per second, more than 0 and at most 10000\n(run "apigw-lab load --help" for usage)\n',
    );
  });
});
