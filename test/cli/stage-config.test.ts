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
  // `aws apigatewayv2 get-stage --api-id … --stage-name prod` for an HTTP API: GET /items at a burst of 2, every other
  // route at the stage's default (burst 4).
  'http-throttled.json': {
    AccessLogSettings: { Format: '$context.requestId $context.routeKey $context.status' },
    ApiGatewayManaged: false,
    AutoDeploy: false,
    CreatedDate: '2026-12-04T01:00:00+00:00',
    DefaultRouteSettings: { DetailedMetricsEnabled: false, ThrottlingBurstLimit: 4, ThrottlingRateLimit: 0.01 },
    DeploymentId: 'dep123',
    LastUpdatedDate: '2026-12-04T01:00:00+00:00',
    RouteSettings: {
      'GET /items': { DetailedMetricsEnabled: false, ThrottlingBurstLimit: 2, ThrottlingRateLimit: 0.01 },
    },
    StageName: 'prod',
    StageVariables: { color: 'blue' },
    Tags: {},
  },
  'http-bad-route.json': { StageName: 'prod', RouteSettings: { 'GET /nope': { ThrottlingBurstLimit: 1 } } },
  'http-bad-rate.json': { StageName: 'prod', DefaultRouteSettings: { ThrottlingRateLimit: 'fast' } },
  'http-unknown-field.json': { StageName: 'prod', RouteSetting: {} },
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

const HTTP_API = `${FIXTURES}/http-api/throttled.yaml`;

// https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-stages-stagename.html (get-stage's output)
// and https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html
describe('apigw-lab serve --stage-config FILE for an HTTP API (the JSON aws apigatewayv2 get-stage prints)', () => {
  let cli: RunningCli;

  beforeAll(async () => {
    cli = await startCli([HTTP_API, '--stage', 'prod', '--stage-config', `${CONFIGS}/http-throttled.json`]);
  }, 30_000);

  afterAll(async () => {
    await cli?.stop();
  });

  it('applies StageVariables, and RouteSettings over DefaultRouteSettings: 429 {"message":"Too Many Requests"}', async () => {
    const get: number[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${cli.invokeUrl}/items`);
      get.push(response.status);
      if (i === 0)
        expect(await response.json()).toEqual({
          routeKey: 'GET /items',
          stage: 'prod',
          stageVariables: { color: 'blue' },
        });
      else if (i === 2) expect(await response.text()).toBe('{"message":"Too Many Requests"}');
      else await response.text();
    }
    expect(get).toEqual([200, 200, 429]);
    const post: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`${cli.invokeUrl}/items`, { method: 'POST' });
      post.push(response.status);
      await response.text();
    }
    expect(post).toEqual([200, 200, 200, 200, 429]);
  });
});

describe('apigw-lab serve --stage-config for an HTTP API: bad files get a one-line error naming the field', () => {
  const cases: [string, string, string][] = [
    [
      'a route the API does not have',
      'http-bad-route.json',
      'RouteSettings["GET /nope"]: the API has no route "GET /nope" (its routes: GET /items, POST /items)',
    ],
    [
      'a mistyped ThrottlingRateLimit',
      'http-bad-rate.json',
      'DefaultRouteSettings.ThrottlingRateLimit: expected a number (got "fast")',
    ],
    [
      'an unknown field',
      'http-unknown-field.json',
      `unknown field "RouteSetting" (not a field of aws apigatewayv2 get-stage's output)`,
    ],
  ];
  for (const [what, file, message] of cases) {
    it(what, async () => {
      const { code, stderr } = await runCli([
        'serve',
        HTTP_API,
        '--stage',
        'prod',
        '--stage-config',
        `${CONFIGS}/${file}`,
      ]);
      expect(code).toBe(2);
      expect(stderr.trim().split('\n')[0]).toContain(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    });
  }

  it("an HTTP API's route settings on a REST API", async () => {
    const { code, stderr } = await runCli([
      'serve',
      V1,
      '--stage',
      'prod',
      '--stage-config',
      `${CONFIGS}/http-throttled.json`,
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      "DefaultRouteSettings and RouteSettings are an HTTP API's stage settings (see --api-type)",
    );
  });
});
