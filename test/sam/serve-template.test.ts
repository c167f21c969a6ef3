/**
 * `apigw-lab serve template.yaml` as a process (the bundled CLI, `npm run -s build:node` first), requests over HTTP:
 * the six serverless-patterns templates (MIT-0, test/fixtures/sam/*), the round-trip shape of the shared brief, and a
 * two-API template. Assertions are on what the gateway does (routing, keys, authorizers, stages) and on the function
 * being invoked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli, type RunningCli } from '../cli/helpers.js';

const F = 'test/fixtures/sam';
/** The key value a start-up line prints: `API key X (usage plan P): VALUE …`. */
const keyOf = (cli: RunningCli, logicalId: string) =>
  new RegExp(`^API key ${logicalId} \\([^)]*\\): (\\S+)`, 'm').exec(cli.stdout())![1]!;
/** The origin (http://127.0.0.1:PORT) of the first Invoke URL. */
const originOf = (cli: RunningCli) => new URL(cli.invokeUrl).origin;

function serving(args: string[], timeoutMs = 60_000) {
  const state: { cli?: RunningCli } = {};
  beforeAll(async () => {
    state.cli = await startCli(args, timeoutMs);
  }, timeoutMs + 5_000);
  afterAll(async () => {
    await state.cli?.stop();
  });
  return () => state.cli!;
}

describe('round-trip shape (shared brief contract A↔B): Serverless::Api DefinitionBody + !Sub ${Fn.Arn}, Python handler', () => {
  const cli = serving([`${F}/roundtrip/template.yaml`]);
  it('start-up lines list the API, its stages dev and Stage, and items_handler from CodeUri + Handler', () => {
    expect(cli().stdout()).toMatch(
      /^apigw-lab: template \S+roundtrip\/template\.yaml: 1 API, serving ItemsApi \(AWS::Serverless::Api, REST, stages dev, Stage\)$/m,
    );
    expect(cli().stdout()).toContain(
      'items_handler: test/fixtures/sam/roundtrip/src/items_handler/items_handler.py#lambda_handler',
    );
  });
  it('GET /dev/items/7 runs items_handler with the stage variable and its ARN', async () => {
    const response = await fetch(`${originOf(cli())}/dev/items/7`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      id: '7',
      greeting: 'hello',
      stage: 'dev',
      function: 'arn:aws:lambda:us-east-1:123456789012:function:items_handler',
    });
  }, 60_000);
  it("SAM's extra stage Stage serves the same deployment, without the variables", async () => {
    const response = await fetch(`${originOf(cli())}/Stage/items/8`);
    expect(await response.json()).toMatchObject({ id: '8', greeting: null, stage: 'Stage' });
  }, 60_000);
});

describe('apigw-api-key: raw RestApi, ApiKey without Value, UsagePlanKey', () => {
  const cli = serving([`${F}/apigw-api-key/template.yaml`]);
  it('no key → 403; the printed (generated) key → 200 from AppFunction, which echoes the event', async () => {
    const url = `${originOf(cli())}/Prod/`;
    expect((await fetch(url)).status).toBe(403);
    const key = keyOf(cli(), 'ApiKey');
    const response = await fetch(url, { headers: { 'x-api-key': key } });
    expect(response.status).toBe(200);
    const event = (await response.json()) as { requestContext: { identity: { apiKey: string }; stage: string } };
    expect(event.requestContext.identity.apiKey).toBe(key);
    expect(event.requestContext.stage).toBe('Prod');
  }, 30_000);
});

describe('apigw-usage-plans: Serverless::Api ApiKeyRequired, UsagePlan on !Ref UsagePlanAPIProdStage, Python', () => {
  const cli = serving([`${F}/apigw-usage-plans/template.yaml`]);
  it('the per-method throttle is one warning line; the key is in plan DailyLimit', () => {
    expect(cli().stderr()).toContain(
      'apigw-lab: warning: Resources.UsagePlan.Properties.ApiStages[0].Throttle (/plantest/POST): per-method usage plan throttles are not applied',
    );
    expect(cli().stdout()).toMatch(/^API key UsagePlanApiKey \(usage plan DailyLimit\): \S+ \(generated/m);
  });
  it('Prod: 403 without the key, 200 hello world with it; Stage (not in the plan): 403 with it', async () => {
    const key = keyOf(cli(), 'UsagePlanApiKey');
    const origin = originOf(cli());
    expect((await fetch(`${origin}/Prod/plantest`)).status).toBe(403);
    const ok = await fetch(`${origin}/Prod/plantest`, { method: 'POST', headers: { 'x-api-key': key } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ message: 'hello world' });
    expect((await fetch(`${origin}/Stage/plantest`, { headers: { 'x-api-key': key } })).status).toBe(403);
  }, 60_000);
});

describe('apigw-lambda-authorizer: AWS::ApiGateway::Authorizer TOKEN on header authorizationToken', () => {
  const cli = serving([`${F}/apigw-lambda-authorizer/template.yaml`]);
  it.each([
    [undefined, 401],
    ['Bearer allow', 200],
    ['Bearer deny', 403],
    ['unauthorized', 401],
    ['other', 500],
  ])(
    'authorizationToken %s → %i',
    async (token, status) => {
      const headers: Record<string, string> = token === undefined ? {} : { authorizationToken: token };
      const response = await fetch(`${originOf(cli())}/Prod/`, { headers });
      expect(response.status).toBe(status);
      if (status === 200)
        expect(
          ((await response.json()) as { requestContext: { authorizer: { principalId: string } } }).requestContext
            .authorizer.principalId,
        ).toBe('user');
    },
    30_000,
  );
});

describe('cognito-httpapi: Serverless::HttpApi, JWT DefaultAuthorizer, nested AuthStack (not emulated)', () => {
  const cli = serving([
    `${F}/cognito-httpapi/template.yaml`,
    '--parameter-overrides',
    'ParameterKey=Client,ParameterValue=https://example.com',
  ]);
  it('one warning line lists the nested application; CORS origin is the overridden parameter', async () => {
    expect(cli().stderr()).toContain(
      "apigw-lab: warning: the template's resources not emulated (ignored): AuthStack (AWS::Serverless::Application)",
    );
    const preflight = await fetch(`${originOf(cli())}/`, {
      method: 'OPTIONS',
      headers: { origin: 'https://example.com', 'access-control-request-method': 'GET' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://example.com');
  });
  it('GET / without a token → 401 from the JWT authorizer, before AppFunction', async () => {
    const response = await fetch(`${originOf(cli())}/`);
    expect(response.status).toBe(401);
    expect(cli().stderr()).not.toContain('[AppFunction]');
  });
});

describe('apigw-lambda-dynamodb: implicit ServerlessRestApi, SimpleTable WeatherData, boto3 DynamoDB', () => {
  const cli = serving([`${F}/apigw-lambda-dynamodb/template.yaml`]);
  it('POST /Prod/ invokes WeatherFunction (FunctionName), whose boto3 DynamoDB client is not available: 502', async () => {
    const response = await fetch(`${originOf(cli())}/Prod/`, { method: 'POST', body: '{"id":"1","Weather":"sunny"}' });
    expect(response.status).toBe(502);
    await expect
      .poll(() => cli().stderr(), { timeout: 10_000 })
      .toContain("[WeatherFunction] [ERROR] NotImplementedError: boto3.client('dynamodb')");
    expect((await fetch(`${originOf(cli())}/Prod/`)).status).toBe(403);
  }, 60_000);
});

describe('apigw-cache-invalidation-eventbridge: AWS::Include body, DynamoDB table in the embedded services, MethodSettings cache', () => {
  const cli = serving([`${F}/apigw-cache-invalidation-eventbridge/template.yaml`]);
  it('the table is created (not in the warning line); POST /Prod/pets puts an item GET /Prod/pets scans back', async () => {
    expect(cli().stderr()).toMatch(
      /^apigw-lab: warning: the template's resources not emulated \(ignored\): PetTableRole \(AWS::IAM::Role\), /m,
    );
    expect(cli().stderr()).not.toContain('PetTable (AWS::DynamoDB::Table)');
    const origin = originOf(cli());
    const put = await fetch(`${origin}/Prod/pets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"message":"hi"}',
    });
    expect(put.status).toBe(200);
    const items = (await (await fetch(`${origin}/Prod/pets`)).json()) as Array<{ message: { S: string } }>;
    expect(items.map((i) => i.message.S)).toEqual(['hi']);
  }, 30_000);
  it('GET /Prod/pets/{id} twice: one DynamoDB GetItem, the second answer comes from the stage cache (CachingEnabled, 3600 s)', async () => {
    const origin = originOf(cli());
    expect((await fetch(`${origin}/Prod/pets/42`)).status).toBe(200);
    expect((await fetch(`${origin}/Prod/pets/42`)).status).toBe(200);
    await cli().waitForLine(/Method completed with status: 200/);
    await new Promise((r) => setTimeout(r, 500));
    expect(
      cli()
        .stderr()
        .match(/dynamodb GetItem 200 embedded/g),
    ).toHaveLength(1);
    // LoggingLevel INFO (MethodSettings) writes the execution log: the request to DynamoDB names the table's Ref.
    expect(cli().stdout()).toMatch(/"TableName": "apigw-cache-invalidation-eventbridge-PetTable-[A-Z0-9]{12}"/);
  }, 30_000);
});

describe('two APIs in one template: --api, --parameter-overrides, Mappings into Environment', () => {
  const cli = serving([
    `${F}/multi-api/template.yaml`,
    '--api',
    'ServerlessHttpApi',
    '--parameter-overrides',
    'Env=prod',
  ]);
  it('lists the other API with the flag that serves it', () => {
    expect(cli().stdout()).toContain(
      '  also in the template (serve it with --api AdminApi): AdminApi (AWS::Serverless::Api, REST, stage prod)\n' +
        '    routes: GET /admin -> admin-prod, OPTIONS /admin -> MOCK',
    );
  });
  it('GET /notes and the $default route run Notes with GREETING from the prod mapping', async () => {
    const notes = await fetch(`${originOf(cli())}/notes`);
    expect(await notes.json()).toEqual({ route: 'GET /notes', function: 'Notes', greeting: 'hello from prod' });
    const other = await fetch(`${originOf(cli())}/anything`);
    expect(await other.json()).toMatchObject({ route: '$default' });
  });
});

describe('template errors: one line, exit 2', () => {
  it.each([
    [
      ['--api', 'Nope'],
      /^apigw-lab: error: --api Nope: the template has no API "Nope" \(its APIs: AdminApi, ServerlessHttpApi\)$/m,
    ],
    [
      ['--parameter-overrides', 'Env=staging'],
      /^apigw-lab: error: \S+: Parameters\.Env: "staging" is not one of AllowedValues \(dev, prod\)$/m,
    ],
    [['--parameter-overrides', 'Nope=1'], /--parameter-overrides Nope=…: the template has no parameter "Nope"/],
  ])('%j', async (args, message) => {
    const result = await runCli(['serve', `${F}/multi-api/template.yaml`, ...args, '--port', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('a JSON template: AWS::ApiGatewayV2::Api quick create (Target)', () => {
  const cli = serving([`${F}/json-quick-create/template.json`]);
  it('is detected by its content and serves the $default route on the $default stage', async () => {
    expect(cli().stdout()).toContain('serving Api (AWS::ApiGatewayV2::Api, HTTP, stage $default)');
    const response = await fetch(`${originOf(cli())}/any/path`);
    expect(await response.text()).toBe('$default /any/path');
  });
});

describe('--stage replaces the template stages', () => {
  const cli = serving([`${F}/json-quick-create/template.json`, '--stage', 'v1']);
  it('serves on /v1', async () => {
    expect(cli().invokeUrl).toMatch(/\/v1$/);
    expect(await (await fetch(`${cli().invokeUrl}/x`)).text()).toBe('$default /v1/x');
  });
});
