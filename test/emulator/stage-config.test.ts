import { describe, expect, it } from 'vitest';
import {
  applyStageConfig,
  HttpApiGateway,
  importHttpApi,
  importOpenApi,
  parseStageConfig,
  RestGateway,
  StageConfigError,
} from '../../src/emulator/index.js';
import { httpApiDoc, ok, URL_BASE } from './http-api/helpers.js';

const V2_STAGE = 'https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-stages-stagename.html';
const HTTP_THROTTLING = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html';

/** What `aws apigatewayv2 get-stage --api-id … --stage-name prod` prints (every field of the Stage resource). */
const V2_DOCUMENT = {
  AccessLogSettings: {
    DestinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:http-api-logs',
    Format: '$context.requestId $context.status',
  },
  ApiGatewayManaged: false,
  AutoDeploy: true,
  ClientCertificateId: 'abc',
  CreatedDate: '2026-12-04T01:00:00+00:00',
  DefaultRouteSettings: { DetailedMetricsEnabled: false, ThrottlingBurstLimit: 5, ThrottlingRateLimit: 10.0 },
  DeploymentId: 'dep123',
  Description: 'production',
  LastDeploymentStatusMessage: 'Successfully deployed stage with deployment ID dep123',
  LastUpdatedDate: '2026-12-04T01:00:00+00:00',
  RouteSettings: { 'GET /items': { ThrottlingBurstLimit: 1, ThrottlingRateLimit: 1, DetailedMetricsEnabled: false } },
  StageName: 'prod',
  StageVariables: { color: 'green' },
  Tags: {},
};

describe(`parseStageConfig: the JSON aws apigatewayv2 get-stage prints for an HTTP API (${V2_STAGE})`, () => {
  it('reads StageName, StageVariables, AccessLogSettings, DefaultRouteSettings and RouteSettings; ignores the rest', () => {
    expect(parseStageConfig(V2_DOCUMENT)).toEqual({
      apiType: 'HTTP',
      stageName: 'prod',
      variables: { color: 'green' },
      methodSettings: undefined,
      cacheClusterEnabled: undefined,
      cacheClusterSize: undefined,
      accessLogSettings: {
        format: '$context.requestId $context.status',
        destinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:http-api-logs',
      },
      defaultRouteSettings: { detailedMetricsEnabled: false, throttlingBurstLimit: 5, throttlingRateLimit: 10 },
      routeSettings: {
        'GET /items': { throttlingBurstLimit: 1, throttlingRateLimit: 1, detailedMetricsEnabled: false },
      },
    });
  });

  it('reads the output the AWS CLI reference shows for "aws apigatewayv2 update-stage --route-settings" (custom throttling)', () => {
    // awscli's apigatewayv2/update-stage example "To configure custom throttling": a default route setting without
    // throttling, GET /pets at burst 100 and rate 2000.
    const config = parseStageConfig({
      CreatedDate: '2020-04-05T16:21:16+00:00',
      DefaultRouteSettings: { DetailedMetricsEnabled: false },
      DeploymentId: 'shktxb',
      LastUpdatedDate: '2020-04-08T22:23:17+00:00',
      RouteSettings: { 'GET /pets': { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 2000 } },
      StageName: 'dev',
      StageVariables: {},
      Tags: {},
    });
    expect([config.stageName, config.defaultRouteSettings, config.routeSettings]).toEqual([
      'dev',
      { detailedMetricsEnabled: false },
      { 'GET /pets': { throttlingBurstLimit: 100, throttlingRateLimit: 2000 } },
    ]);
  });

  it("a REST API's get-stage document still reads as before, its shape named", () => {
    const config = parseStageConfig({ stageName: 'dev', accessLogSettings: { format: '$context.requestId' } });
    expect([config.apiType, config.accessLogSettings?.format, config.routeSettings]).toEqual([
      'REST',
      '$context.requestId',
      undefined,
    ]);
  });

  const bad: [string, unknown, string][] = [
    [
      'an unknown field',
      { StageName: 'prod', RouteSetting: {} },
      `unknown field "RouteSetting" (not a field of aws apigatewayv2 get-stage's output)`,
    ],
    [
      'a field of neither shape alone',
      { routes: {} },
      'unknown field "routes" (not a field of aws apigateway get-stage\'s output or aws apigatewayv2 get-stage\'s output)',
    ],
    [
      'both shapes mixed',
      { stageName: 'prod', StageVariables: {} },
      `"stageName" is a field of aws apigateway get-stage's output (REST APIs) and "StageVariables" of aws apigatewayv2 get-stage's output (HTTP APIs)`,
    ],
    [
      'a mistyped limit',
      { RouteSettings: { 'GET /items': { ThrottlingRateLimit: 'fast' } } },
      'RouteSettings["GET /items"].ThrottlingRateLimit: expected a number (got "fast")',
    ],
    ['a key that is no route key', { RouteSettings: { items: {} } }, 'RouteSettings["items"]: expected a route key'],
    [
      'an unknown route setting field',
      { DefaultRouteSettings: { Burst: 1 } },
      'DefaultRouteSettings: unknown field "Burst"',
    ],
    ['a stage variable that is no string', { StageVariables: { n: 1 } }, 'StageVariables.n: expected a string'],
    [
      'an unknown access log field',
      { AccessLogSettings: { format: 'x' } },
      'AccessLogSettings: unknown field "format"',
    ],
    ['an empty StageName', { StageName: '' }, 'StageName: expected a stage name'],
  ];
  for (const [what, document, message] of bad) {
    it(`refuses ${what} with a one-line StageConfigError naming it`, () => {
      let error: unknown;
      try {
        parseStageConfig(document);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(StageConfigError);
      expect((error as Error).message).toContain(message);
      expect((error as Error).message).not.toContain('\n');
    });
  }
});

describe(`applyStageConfig on an HTTP API gateway (${HTTP_THROTTLING})`, () => {
  function http() {
    const gateway = new HttpApiGateway({ invoke: async () => ok({ statusCode: 200, body: 'ok' }), now: () => 0 });
    const deployment = gateway.deploy(
      importHttpApi(httpApiDoc(['GET /items', 'POST /items']), { apiId: 'abc123defg' }),
    );
    const stage = { name: 'prod', deploymentId: deployment.id, variables: {} };
    gateway.putStage(stage);
    const statuses = async (n: number, method = 'GET') => {
      const out: number[] = [];
      for (let i = 0; i < n; i++)
        out.push((await gateway.handle(new Request(`${URL_BASE}/prod/items`, { method }))).response.status);
      return out;
    };
    return { gateway, stage, statuses };
  }

  it('throttles the stage by its RouteSettings over its DefaultRouteSettings', async () => {
    const { gateway, stage, statuses } = http();
    applyStageConfig(gateway, parseStageConfig(V2_DOCUMENT), stage);
    expect(await statuses(2)).toEqual([200, 429]);
    expect(await statuses(6, 'POST')).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('names a route the API does not have, as the document spells it', () => {
    const { gateway, stage } = http();
    const config = parseStageConfig({ RouteSettings: { 'GET /nope': { ThrottlingBurstLimit: 1 } } });
    expect(() => applyStageConfig(gateway, config, stage)).toThrow(
      'RouteSettings["GET /nope"]: the API has no route "GET /nope" (its routes: GET /items, POST /items)',
    );
  });

  it("refuses route settings on a REST API, and a REST API's methodSettings on an HTTP API", () => {
    const rest = new RestGateway({ invoke: async () => ok({}) });
    const d = rest.deploy(importOpenApi({ openapi: '3.0.1', info: { title: 'R', version: '1' }, paths: {} }));
    expect(() =>
      applyStageConfig(rest, parseStageConfig(V2_DOCUMENT), { name: 'prod', deploymentId: d.id, variables: {} }),
    ).toThrow("DefaultRouteSettings and RouteSettings are an HTTP API's stage settings");
    const { gateway, stage } = http();
    expect(() =>
      applyStageConfig(gateway, parseStageConfig({ methodSettings: { '*/*': { throttlingBurstLimit: 1 } } }), stage),
    ).toThrow("methodSettings and the cache cluster are a REST API's stage settings");
  });
});
