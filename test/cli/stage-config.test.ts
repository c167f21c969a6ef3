import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, startCli, type RunningCli } from './helpers.js';

const V1 = `${FIXTURES}/stages/v1.yaml`;

/**
 * The stage configs, written to a temporary directory (not under test/fixtures, whose JSON files are API definitions):
 * `throttled.json` is get-stage's output for prod, with GET /version at a burst of 2.
 */
const CONFIGS = mkdtempSync(join(tmpdir(), 'apigw-lab-stage-config-'));
const FILES: Record<string, unknown> = {
  'throttled.json': {
    deploymentId: 'abc123',
    stageName: 'prod',
    cacheClusterEnabled: false,
    cacheClusterStatus: 'NOT_AVAILABLE',
    methodSettings: {
      '*/*': {
        metricsEnabled: false,
        dataTraceEnabled: false,
        throttlingBurstLimit: 5000,
        throttlingRateLimit: 10000.0,
        cachingEnabled: false,
        cacheTtlInSeconds: 300,
        cacheDataEncrypted: false,
        requireAuthorizationForCacheControl: true,
        unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
      },
      '~1version/GET': { throttlingBurstLimit: 2, throttlingRateLimit: 0.01 },
    },
    variables: { color: 'green' },
    tracingEnabled: false,
    createdDate: '2026-12-04T01:00:00+00:00',
    lastUpdatedDate: '2026-12-04T01:00:00+00:00',
  },
  'bad-rate.json': { stageName: 'prod', methodSettings: { '~1version/GET': { throttlingRateLimit: 'fast' } } },
  'unknown-field.json': { stageName: 'prod', methodSetting: {} },
  'bad-cache.json': { stageName: 'prod', cacheClusterEnabled: true, cacheClusterSize: '2.0' },
};
for (const [name, content] of Object.entries(FILES)) writeFileSync(join(CONFIGS, name), JSON.stringify(content));

// https://docs.aws.amazon.com/apigateway/latest/api/API_Stage.html (get-stage's output) and
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
describe('apigw-lab serve --stage-config FILE (the JSON aws apigateway get-stage prints)', () => {
  let cli: RunningCli;

  beforeAll(async () => {
    cli = await startCli([V1, '--stage', 'prod', '--stage-config', `${CONFIGS}/throttled.json`]);
  }, 30_000);

  afterAll(async () => {
    await cli?.stop();
  });

  it("applies the stage's variables and its method's throttle: the burst of 2 passes, then 429 Too Many Requests", async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 3; i++) {
      last = await fetch(`${cli.invokeUrl}/version`);
      statuses.push(last.status);
      if (i === 0) expect(await last.json()).toEqual({ version: 'v1', stage: 'prod', color: 'green' });
      else await last.text();
    }
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe('apigw-lab serve --stage-config: bad files get a one-line error naming the field', () => {
  it('a mistyped throttlingRateLimit', async () => {
    const { code, stderr } = await runCli([
      'serve',
      V1,
      '--stage',
      'prod',
      '--stage-config',
      `${CONFIGS}/bad-rate.json`,
    ]);
    expect(code).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('methodSettings["~1version/GET"].throttlingRateLimit: expected a number (got "fast")');
  });

  it('a cache cluster size AWS does not offer', async () => {
    const { code, stderr } = await runCli([
      'serve',
      V1,
      '--stage',
      'prod',
      '--stage-config',
      `${CONFIGS}/bad-cache.json`,
    ]);
    expect(code).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('cacheClusterSize must be one of 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237 (it is "2.0")');
  });

  it('an unknown field', async () => {
    const { code, stderr } = await runCli([
      'serve',
      V1,
      '--stage',
      'prod',
      '--stage-config',
      `${CONFIGS}/unknown-field.json`,
    ]);
    expect(code).not.toBe(0);
    expect(stderr).toContain('unknown field "methodSetting"');
  });

  it('a stage that is not served', async () => {
    const { code, stderr } = await runCli(['serve', V1, '--stage-config', `${CONFIGS}/throttled.json`]);
    expect(code).not.toBe(0);
    expect(stderr).toContain('stage "prod" is not served (stages: dev; see --stage)');
  });
});
