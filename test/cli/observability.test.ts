import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, startCli, type RunningCli } from './helpers.js';

/**
 * The CLI's observability: --access-log-format, --execution-log, a stage config's accessLogSettings.format,
 * GET /__apigw-lab/metrics and the summary table on exit.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-access-logging.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html
 */

const V1 = `${FIXTURES}/stages/v1.yaml`;
const CONFIGS = mkdtempSync(join(tmpdir(), 'apigw-lab-observability-'));
writeFileSync(
  join(CONFIGS, 'logged.json'),
  JSON.stringify({
    stageName: 'dev',
    methodSettings: { '*/*': { loggingLevel: 'ERROR' }, '~1version/GET': { loggingLevel: 'INFO' } },
    accessLogSettings: {
      format: 'custom $context.requestId $context.status $context.stage $context.resourcePath',
      destinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:access',
    },
  }),
);
writeFileSync(
  join(CONFIGS, 'no-request-id.json'),
  JSON.stringify({ accessLogSettings: { format: '$context.status' } }),
);

interface Snapshot {
  namespace: string;
  series: Array<{ dimensions: Record<string, string>; total: { metrics: Record<string, { Sum: number }> } }>;
}

describe('apigw-lab serve --access-log-format json --execution-log INFO', () => {
  let cli: RunningCli;
  let origin: string;

  beforeAll(async () => {
    cli = await startCli([V1, '--access-log-format', 'json', '--execution-log', 'INFO']);
    origin = new URL(cli.invokeUrl).origin;
  }, 30_000);

  afterAll(async () => {
    await cli?.stop();
  });

  it("writes the execution log's lines, then the access log line in the console's JSON preset", async () => {
    const res = await fetch(`${cli.invokeUrl}/version?x=1`);
    expect(res.status).toBe(200);
    const requestId = res.headers.get('x-amzn-requestid')!;
    const access = await cli.waitForLine(new RegExp(`^\\{ "requestId":"${requestId}"`));
    expect(JSON.parse(access)).toMatchObject({
      requestId,
      ip: '127.0.0.1',
      caller: '-',
      httpMethod: 'GET',
      resourcePath: '/version',
      status: '200',
    });
    const lines = cli
      .stdout()
      .split('\n')
      .filter((l) => l.startsWith(`(${requestId}) `));
    expect(lines[0]).toMatch(/^\(\S+\) Extended Request Id: \S+$/);
    expect(lines).toContain(`(${requestId}) HTTP Method: GET, Resource Path: /version`);
    expect(lines).toContain(`(${requestId}) Method request query string: {x=1}`);
    expect(lines.at(-1)).toBe(`(${requestId}) Method completed with status: 200`);
    // The execution log comes before the request's access log line.
    const out = cli.stdout();
    expect(out.indexOf(lines.at(-1)!)).toBeLessThan(out.indexOf(access));
  });

  it('GET /__apigw-lab/metrics: CloudWatch metrics per stage and method', async () => {
    for (let i = 0; i < 3; i++) await (await fetch(`${cli.invokeUrl}/version`)).text();
    await (await fetch(`${cli.invokeUrl}/nowhere`)).text();
    const res = await fetch(`${origin}/__apigw-lab/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/json/);
    const snapshot = (await res.json()) as Snapshot;
    expect(snapshot.namespace).toBe('AWS/ApiGateway');
    const method = snapshot.series.find((s) => s.dimensions.Resource === '/version')!;
    expect(method.dimensions).toEqual({ ApiName: 'stages-api', Stage: 'dev', Method: 'GET', Resource: '/version' });
    const stage = snapshot.series.find((s) => s.dimensions.Resource === undefined)!;
    // The 403 for /nowhere counts at the stage, not at a method.
    expect(stage.total.metrics['4XXError']!.Sum).toBe(method.total.metrics['4XXError']!.Sum + 1);
    expect(stage.total.metrics.Count!.Sum).toBe(method.total.metrics.Count!.Sum + 1);
    expect(method.total.metrics.Count!.Sum).toBeGreaterThanOrEqual(3);
    // The metrics route is the emulator's: it is not logged as a request.
    expect(cli.stdout()).not.toContain('__apigw-lab');
  });

  it('prints the summary table on stderr when stopped', async () => {
    const { code } = await cli.stop('SIGINT');
    expect(code).toBe(0);
    const table = cli.stderr().slice(cli.stderr().indexOf('apigw-lab: requests served'));
    const rows = table.split('\n');
    expect(rows[1]).toMatch(/^Stage\s+Method\s+Count\s+4XX\s+5XX\s+p50 ms\s+p99 ms\s+Cache hits$/);
    expect(rows[2]).toMatch(/^dev\s+\(all\)\s+(\d+)\s+1\s+0\s+\d+\s+\d+\s+-$/);
    expect(rows[3]).toMatch(/^dev\s+GET \/version\s+\d+\s+0\s+0\s+\d+\s+\d+\s+-$/);
  });
});

describe("a stage config's accessLogSettings.format", () => {
  let cli: RunningCli;

  beforeAll(async () => {
    cli = await startCli([V1, '--stage-config', `${CONFIGS}/logged.json`]);
  }, 30_000);

  afterAll(async () => {
    await cli?.stop();
  });

  it('is the access log format when no --access-log-format is given', async () => {
    const res = await fetch(`${cli.invokeUrl}/version`);
    const requestId = res.headers.get('x-amzn-requestid')!;
    expect(await cli.waitForLine(new RegExp(`^custom ${requestId}`))).toBe(`custom ${requestId} 200 dev /version`);
  });

  it("its methodSettings' loggingLevel sets the execution log per method: INFO for GET /version, ERROR elsewhere", async () => {
    const info = await fetch(`${cli.invokeUrl}/version`);
    const infoId = info.headers.get('x-amzn-requestid')!;
    await cli.waitForLine(new RegExp(`^custom ${infoId}`));
    expect(cli.stdout()).toContain(`(${infoId}) Successfully completed execution`);
    const error = await fetch(`${cli.invokeUrl}/version`, { method: 'DELETE' });
    expect(error.status).toBe(403);
    const errorId = error.headers.get('x-amzn-requestid')!;
    await cli.waitForLine(new RegExp(`^custom ${errorId}`));
    const lines = cli
      .stdout()
      .split('\n')
      .filter((l) => l.startsWith(`(${errorId}) `));
    expect(lines.at(-1)).toBe(`(${errorId}) Gateway response type: MISSING_AUTHENTICATION_TOKEN with status code: 403`);
    expect(lines.some((l) => l.includes('Extended Request Id'))).toBe(false);
  });
});

describe('bad observability flags', () => {
  it('a format without $context.requestId or extendedRequestId is refused, as API Gateway refuses it', async () => {
    const { code, stderr } = await runCli(['serve', V1, '--access-log-format', '$context.status', '--port', '0']);
    expect(code).not.toBe(0);
    expect(stderr).toContain('must include $context.requestId or $context.extendedRequestId');
    const fromConfig = await runCli(['serve', V1, '--stage-config', `${CONFIGS}/no-request-id.json`, '--port', '0']);
    expect(fromConfig.code).not.toBe(0);
    expect(fromConfig.stderr).toContain('accessLogSettings.format "$context.status"');
  });

  it('a stage config loggingLevel other than OFF, ERROR, INFO is refused, naming the key', async () => {
    writeFileSync(
      join(CONFIGS, 'bad-level.json'),
      JSON.stringify({ methodSettings: { '*/*': { loggingLevel: 'DEBUG' } } }),
    );
    const { code, stderr } = await runCli(['serve', V1, '--stage-config', `${CONFIGS}/bad-level.json`, '--port', '0']);
    expect(code).not.toBe(0);
    expect(stderr).toContain('methodSettings["*/*"].loggingLevel: expected OFF, ERROR or INFO');
  });

  it('--execution-log takes INFO, ERROR or OFF', async () => {
    const { code, stderr } = await runCli(['serve', V1, '--execution-log', 'DEBUG']);
    expect(code).toBe(2);
    expect(stderr).toContain('--execution-log "DEBUG": expected INFO, ERROR or OFF');
  });

  it('warns about variables the emulator does not know', async () => {
    const cli = await startCli([V1, '--access-log-format', '$context.requestId $context.noSuchVariable']);
    try {
      expect(cli.stderr()).toContain('$context.noSuchVariable is not known to the emulator and will print "-"');
    } finally {
      await cli.stop();
    }
  });
});
