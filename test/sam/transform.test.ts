/**
 * The SAM transform and raw API Gateway resources, against the shapes of SAM's own fixtures
 * (aws/serverless-application-model tests/translator/{input,output}, read for docs/research/sam-sdk-pricing.md §1)
 * and the CloudFormation resource reference.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importApi, routesOfApi, functionNamesOfApi } from '../../src/emulator/index.js';
import { loadTemplate, type LoadedTemplate } from '../../src/emulator/sam/index.js';

const SAM = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\n";
type Json = Record<string, any>;
const paths = (t: LoadedTemplate, i = 0) => t.apis[i]!.document.paths as Json;

/** A fixture folder's template, its files read through readFile. */
function fixture(name: string): LoadedTemplate {
  const dir = join('test/fixtures/sam', name);
  return loadTemplate(readFileSync(join(dir, 'template.yaml'), 'utf8'), {
    stackName: name,
    readFile: (p) => (existsSync(join(dir, p)) ? readFileSync(join(dir, p), 'utf8') : undefined),
  });
}

describe('implicit APIs (SAM fixtures implicit_api, implicit_http_api)', () => {
  const t = loadTemplate(`${SAM}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      Events:
        Add: { Type: Api, Properties: { Path: /add, Method: post } }
        Any: { Type: Api, Properties: { Path: '/{proxy+}', Method: any } }
        Http: { Type: HttpApi, Properties: { Path: '/get/{something}/with/{params}', Method: get } }
        Default: { Type: HttpApi }
`);
  it('ServerlessRestApi: Swagger 2.0, stages Prod and Stage, aws_proxy POST to the function ARN', () => {
    const rest = t.apis.find((a) => a.logicalId === 'ServerlessRestApi')!;
    expect(rest.document.swagger).toBe('2.0');
    expect(rest.stages.map((s) => s.name)).toEqual(['Prod', 'Stage']);
    expect(paths(t)['/add'].post['x-amazon-apigateway-integration']).toEqual({
      type: 'aws_proxy',
      httpMethod: 'POST',
      uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Fn/invocations',
    });
    expect(paths(t)['/{proxy+}']['x-amazon-apigateway-any-method']).toBeDefined();
  });
  it('ServerlessHttpApi: OpenAPI 3.0.1, stage $default, payloadFormatVersion 2.0, path parameters, $default route', () => {
    const http = t.apis.find((a) => a.logicalId === 'ServerlessHttpApi')!;
    expect(http.kind).toBe('HTTP');
    expect(http.stages.map((s) => s.name)).toEqual(['$default']);
    const get = (http.document.paths as Json)['/get/{something}/with/{params}'].get;
    expect(get['x-amazon-apigateway-integration'].payloadFormatVersion).toBe('2.0');
    expect(get.parameters.map((p: Json) => p.name)).toEqual(['something', 'params']);
    const def = (http.document.paths as Json)['$default']['x-amazon-apigateway-any-method'];
    expect(def.isDefaultRoute).toBe(true);
    const api = importApi(http.document, { apiType: 'HTTP' });
    expect(routesOfApi(api).map((r) => `${r.method} ${r.path}`)).toContain('GET /get/{something}/with/{params}');
  });
  it('OpenApiVersion removes the extra Stage stage (SAM issue 191)', () => {
    const t2 = loadTemplate(`${SAM}Globals:\n  Api:\n    OpenApiVersion: '3.0.1'\nResources:
  Fn: { Type: AWS::Serverless::Function, Properties: { Handler: a.b, Runtime: python3.13, Events: { E: { Type: Api, Properties: { Path: /, Method: get } } } } }
`);
    expect(t2.apis[0]!.stages.map((s) => s.name)).toEqual(['Prod']);
    expect(t2.apis[0]!.document.openapi).toBe('3.0.1');
  });
});

describe('AWS::Serverless::Api Auth (SAM fixtures api_with_auth_all_minimum, api_with_usageplans)', () => {
  const t = loadTemplate(`${SAM}Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: Prod
      Auth:
        DefaultAuthorizer: Token
        Authorizers:
          Cognito: { UserPoolArn: arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_x }
          Token: { FunctionArn: !GetAtt Authz.Arn }
          Request: { FunctionArn: !GetAtt Authz.Arn, FunctionPayloadType: REQUEST, Identity: { Headers: [Authorization1], ReauthorizeEvery: 0 } }
        UsagePlan: { CreateUsagePlan: PER_API, Quota: { Limit: 10, Period: DAY }, Throttle: { RateLimit: 1, BurstLimit: 2 } }
  Authz: { Type: AWS::Serverless::Function, Properties: { Handler: a.handler, Runtime: nodejs22.x } }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.handler
      Runtime: nodejs22.x
      Events:
        Default: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /d, Method: get } }
        Cognito: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /c, Method: get, Auth: { Authorizer: Cognito } } }
        Open: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /o, Method: get, Auth: { Authorizer: NONE } } }
        Keyed: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /k, Method: get, Auth: { Authorizer: Request, ApiKeyRequired: true } } }
`);
  const doc = t.apis[0]!.document as Json;
  it('security definitions: Cognito, TOKEN (header Authorization), REQUEST (name Unused, identitySource, TTL 0)', () => {
    const defs = doc.securityDefinitions;
    expect(defs.Cognito['x-amazon-apigateway-authorizer']).toEqual({
      type: 'cognito_user_pools',
      providerARNs: ['arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_x'],
    });
    expect(defs.Token).toMatchObject({ name: 'Authorization', 'x-amazon-apigateway-authtype': 'custom' });
    expect(defs.Token['x-amazon-apigateway-authorizer'].authorizerUri).toContain('function:Authz/invocations');
    expect(defs.Request).toMatchObject({ name: 'Unused' });
    expect(defs.Request['x-amazon-apigateway-authorizer']).toMatchObject({
      type: 'request',
      identitySource: 'method.request.header.Authorization1',
      authorizerResultTtlInSeconds: 0,
    });
    expect(defs.api_key).toEqual({ type: 'apiKey', name: 'x-api-key', in: 'header' });
  });
  it('DefaultAuthorizer on every method; Authorizer NONE opts out; ApiKeyRequired adds api_key', () => {
    expect(doc.paths['/d'].get.security).toEqual([{ Token: [] }]);
    expect(doc.paths['/c'].get.security).toEqual([{ Cognito: [] }]);
    expect(doc.paths['/o'].get.security).toEqual([]);
    expect(doc.paths['/k'].get.security).toEqual([{ Request: [], api_key: [] }]);
    const api = importApi(doc, { apiType: 'REST' });
    expect(functionNamesOfApi(api).sort()).toEqual(['Authz', 'Fn']);
  });
  it('UsagePlan PER_API → <Api>UsagePlan and <Api>ApiKey on the API stage', () => {
    expect(t.usagePlans).toEqual([
      {
        logicalId: 'ApiUsagePlan',
        name: 'ApiUsagePlan',
        throttle: { rateLimit: 1, burstLimit: 2 },
        quota: { limit: 10, period: 'DAY' },
        apiStages: [{ apiLogicalId: 'Api', stage: 'Prod' }],
      },
    ]);
    expect(t.apiKeys[0]).toMatchObject({
      logicalId: 'ApiApiKey',
      generated: true,
      enabled: true,
      usagePlans: ['ApiUsagePlan'],
    });
    expect(t.apiKeys[0]!.value.length).toBeGreaterThanOrEqual(20);
  });
});

describe('Cors (SAM fixtures api_with_cors_openapi_3, http_api_with_cors)', () => {
  it('REST: an OPTIONS MOCK on every path, AllowMethods computed from the path, values verbatim', () => {
    const t = loadTemplate(`${SAM}Resources:
  Api: { Type: AWS::Serverless::Api, Properties: { StageName: dev, Cors: { AllowOrigin: "'https://a.com'", AllowHeaders: "'Content-Type'", AllowCredentials: true } } }
  Fn: { Type: AWS::Serverless::Function, Properties: { Handler: a.b, Runtime: nodejs22.x, Events: { P: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /x, Method: post } }, G: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /x, Method: get } } } } }
`);
    const options = paths(t)['/x'].options;
    const integration = options['x-amazon-apigateway-integration'];
    expect(integration.type).toBe('mock');
    expect(integration.responses.default.responseParameters).toEqual({
      'method.response.header.Access-Control-Allow-Methods': "'GET,OPTIONS,POST'",
      'method.response.header.Access-Control-Allow-Headers': "'Content-Type'",
      'method.response.header.Access-Control-Allow-Origin': "'https://a.com'",
      'method.response.header.Access-Control-Allow-Credentials': "'true'",
    });
  });
  it('HTTP: CorsConfiguration → x-amazon-apigateway-cors, camel-cased', () => {
    const t = fixture('cognito-httpapi');
    expect(t.apis[0]!.document['x-amazon-apigateway-cors']).toEqual({
      allowMethods: ['GET'],
      allowOrigins: ['https://myapp.com'],
    });
  });
});

describe('Globals, DefinitionUri, AWS::Include, MethodSettings', () => {
  it('Globals.Function merges (local wins, maps merge); Environment, Timeout', () => {
    const t = loadTemplate(`${SAM}Globals:
  Function: { Runtime: python3.13, Timeout: 3, CodeUri: src/, Environment: { Variables: { A: '1', B: '2' } } }
Resources:
  Fn: { Type: AWS::Serverless::Function, Properties: { Handler: m.f, Timeout: 9, Environment: { Variables: { B: '3' } } } }
`);
    expect(t.functions[0]).toMatchObject({
      runtime: 'python3.13',
      timeout: 9,
      codeUri: 'src/',
      environment: { A: '1', B: '3' },
    });
  });
  it('DefinitionUri is a local file read through readFile, and no event is added to it', () => {
    const t = loadTemplate(
      `${SAM}Resources:\n  Api: { Type: AWS::Serverless::Api, Properties: { StageName: v1, DefinitionUri: api.yaml } }\n`,
      {
        readFile: (p) =>
          p === 'api.yaml' ? 'openapi: 3.0.1\ninfo: { title: From file, version: "1" }\npaths: {}\n' : undefined,
      },
    );
    expect((t.apis[0]!.document.info as Json).title).toBe('From file');
    expect(() =>
      loadTemplate(
        `${SAM}Resources:\n  Api: { Type: AWS::Serverless::Api, Properties: { StageName: v1, DefinitionUri: nope.yaml } }\n`,
      ),
    ).toThrow(/^Resources\.Api\.Properties\.DefinitionUri: file not found: nope\.yaml$/);
  });
  it('apigw-cache-invalidation-eventbridge: AWS::Include body, MethodSettings as get-stage methodSettings, conditions', () => {
    const t = fixture('apigw-cache-invalidation-eventbridge');
    const api = t.apis[0]!;
    expect(Object.keys(api.document.paths as Json)).toEqual(['/pets/{id}', '/pets']);
    // The request template's ${PetTable} is the table's Ref (a generated name: the template gives no TableName).
    expect(JSON.stringify(api.document)).toMatch(
      /"TableName\\": \\"apigw-cache-invalidation-eventbridge-PetTable-[A-Z0-9]{12}\\"/,
    );
    expect(api.stages[0]).toEqual({
      name: 'Prod',
      variables: {},
      settings: {
        stageName: 'Prod',
        variables: {},
        methodSettings: {
          '~1pets~1{id}/GET': {
            cachingEnabled: true,
            cacheTtlInSeconds: 3600,
            loggingLevel: 'INFO',
            dataTraceEnabled: true,
          },
        },
        cacheClusterEnabled: true,
        cacheClusterSize: '0.5',
      },
    });
    expect(t.warnings).toHaveLength(1);
    expect(t.warnings[0]).toMatch(
      /^the template's resources not emulated \(ignored\): PetTableRole \(AWS::IAM::Role\), .*APICacheInvalidationDashboard \(AWS::CloudWatch::Dashboard\)$/,
    );
    // The table, the queue and the bus go to the embedded services.
    expect(t.services.tables).toEqual([
      {
        TableName: expect.stringMatching(/^apigw-cache-invalidation-eventbridge-PetTable-[A-Z0-9]{12}$/),
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      },
    ]);
    expect(t.services.eventBuses).toEqual([{ Name: 'PetEventBus' }]);
    expect(t.services.queues![0]!.QueueName.length).toBeLessThanOrEqual(80);
    const off = loadTemplate(
      readFileSync('test/fixtures/sam/apigw-cache-invalidation-eventbridge/template.yaml', 'utf8'),
      {
        parameterOverrides: { DeployMetricsDashboard: 'false' },
        readFile: (p) => readFileSync(join('test/fixtures/sam/apigw-cache-invalidation-eventbridge', p), 'utf8'),
      },
    );
    expect(off.warnings[0]).not.toContain('APICacheInvalidationDashboard');
  });
});

describe('raw AWS::ApiGateway and AWS::ApiGatewayV2 resources', () => {
  it('apigw-api-key: RestApi + Method on RootResourceId, !Join URI, ApiKey/UsagePlan/UsagePlanKey, Stage', () => {
    const t = fixture('apigw-api-key');
    const api = importApi(t.apis[0]!.document, { apiType: 'REST' });
    expect(routesOfApi(api).map((r) => `${r.method} ${r.path} ${r.functionName}`)).toEqual(['GET / AppFunction']);
    expect(t.apis[0]!.stages.map((s) => s.name)).toEqual(['Prod']);
    expect(t.usagePlans).toEqual([
      { logicalId: 'UsagePlan', name: 'UsagePlan', apiStages: [{ apiLogicalId: 'AppApi', stage: 'Prod' }] },
    ]);
    expect(t.apiKeys).toMatchObject([
      { logicalId: 'ApiKey', generated: true, enabled: true, usagePlans: ['UsagePlan'] },
    ]);
  });
  it('apigw-lambda-authorizer: AWS::ApiGateway::Authorizer TOKEN → a custom scheme on the method', () => {
    const doc = fixture('apigw-lambda-authorizer').apis[0]!.document as Json;
    expect(doc.paths['/'].get.security).toEqual([{ LambdaAuthorizerToken: [] }]);
    expect(doc.components.securitySchemes.LambdaAuthorizerToken['x-amazon-apigateway-authorizer']).toMatchObject({
      type: 'token',
      identitySource: 'method.request.header.authorizationToken',
    });
  });
  it('a Resource tree gives nested paths; MOCK integration responses keyed by SelectionPattern', () => {
    const t = loadTemplate(`AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Api: { Type: AWS::ApiGateway::RestApi, Properties: { Name: tree } }
  Items: { Type: AWS::ApiGateway::Resource, Properties: { RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: items } }
  Item: { Type: AWS::ApiGateway::Resource, Properties: { RestApiId: !Ref Api, ParentId: !Ref Items, PathPart: '{id}' } }
  Get:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Item
      HttpMethod: GET
      AuthorizationType: NONE
      RequestParameters: { method.request.path.id: true }
      MethodResponses: [{ StatusCode: 200 }]
      Integration:
        Type: MOCK
        RequestTemplates: { application/json: '{"statusCode": 200}' }
        IntegrationResponses: [{ StatusCode: 200, ResponseTemplates: { application/json: '{"id": "$input.params(''id'')"}' } }]
  Dep: { Type: AWS::ApiGateway::Deployment, Properties: { RestApiId: !Ref Api, StageName: v1 } }
`);
    const op = paths(t)['/items/{id}'].get;
    expect(op['x-amazon-apigateway-integration']).toMatchObject({
      type: 'mock',
      responses: { default: { statusCode: '200' } },
    });
    expect(t.apis[0]!.stages.map((s) => s.name)).toEqual(['v1']);
    expect(
      routesOfApi(importApi(t.apis[0]!.document, { apiType: 'REST' })).map((r) => `${r.method} ${r.path}`),
    ).toEqual(['GET /items/{id}']);
  });
  it('ApiGatewayV2: quick create (Target) → $default route and stage; Route + Integration + JWT Authorizer', () => {
    const t = loadTemplate(`AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn: { Type: AWS::Serverless::Function, Properties: { Handler: a.b, Runtime: nodejs22.x } }
  Quick: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: quick, ProtocolType: HTTP, Target: !GetAtt Fn.Arn } }
  Full: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: full, ProtocolType: HTTP } }
  Int: { Type: AWS::ApiGatewayV2::Integration, Properties: { ApiId: !Ref Full, IntegrationType: AWS_PROXY, IntegrationUri: !GetAtt Fn.Arn, PayloadFormatVersion: '2.0' } }
  Jwt: { Type: AWS::ApiGatewayV2::Authorizer, Properties: { ApiId: !Ref Full, Name: jwt, AuthorizerType: JWT, IdentitySource: [$request.header.Authorization], JwtConfiguration: { Issuer: https://issuer.example, Audience: [app] } } }
  Route: { Type: AWS::ApiGatewayV2::Route, Properties: { ApiId: !Ref Full, RouteKey: GET /items, Target: !Join [/, [integrations, !Ref Int]], AuthorizationType: JWT, AuthorizerId: !Ref Jwt } }
  Stage: { Type: AWS::ApiGatewayV2::Stage, Properties: { ApiId: !Ref Full, StageName: live, StageVariables: { a: b } } }
  Ws: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: ws, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action } }
`);
    const [quick, full] = t.apis;
    expect(quick!.stages.map((s) => s.name)).toEqual(['$default']);
    expect(functionNamesOfApi(importApi(quick!.document, { apiType: 'HTTP' }))).toEqual(['Fn']);
    expect(full!.stages).toEqual([{ name: 'live', variables: { a: 'b' } }]);
    const op = (full!.document.paths as Json)['/items'].get;
    expect(op.security).toEqual([{ jwt: [] }]);
    expect(functionNamesOfApi(importApi(full!.document, { apiType: 'HTTP' }))).toEqual(['Fn']);
    // A WebSocket API is an API of its own kind (test/sam/websocket-template.test.ts), not an unsupported resource.
    expect(t.apis.map((a) => a.kind)).toEqual(['HTTP', 'HTTP', 'WEBSOCKET']);
    expect(t.warnings).toEqual([]);
  });
});

describe('the six serverless-patterns fixtures load', () => {
  it.each([
    ['apigw-usage-plans', 'UsagePlanAPI', ['Prod', 'Stage']],
    ['apigw-lambda-dynamodb', 'ServerlessRestApi', ['Prod', 'Stage']],
    ['apigw-api-key', 'AppApi', ['Prod']],
    ['apigw-lambda-authorizer', 'AppApi', ['Prod']],
    ['cognito-httpapi', 'AppApi', ['$default']],
    ['apigw-cache-invalidation-eventbridge', 'Api', ['Prod', 'Stage']],
  ])('%s: API %s on stages %j', (name, logicalId, stages) => {
    const t = fixture(name);
    expect(t.apis.map((a) => a.logicalId)).toEqual([logicalId]);
    expect(t.apis[0]!.stages.map((s) => s.name)).toEqual(stages);
  });
  it('apigw-usage-plans: the plan covers !Ref UsagePlanAPIProdStage (SAM-generated id) = Prod; Path /plantest/ is /plantest', () => {
    const t = fixture('apigw-usage-plans');
    expect(t.usagePlans[0]).toMatchObject({
      name: 'DailyLimit',
      quota: { limit: 50, period: 'DAY' },
      apiStages: [{ apiLogicalId: 'UsagePlanAPI', stage: 'Prod' }],
    });
    expect(Object.keys(paths(t))).toEqual(['/plantest']);
  });
  it('an unknown Transform and a missing StageName are one-line errors', () => {
    expect(() => loadTemplate('Transform: AWS::LanguageExtensions\nResources: {}\n')).toThrow(
      /^Transform: only AWS::Serverless-2016-10-31/,
    );
    expect(() => loadTemplate(`${SAM}Resources:\n  Api: { Type: AWS::Serverless::Api, Properties: {} }\n`)).toThrow(
      /^Resources\.Api\.Properties\.StageName: an AWS::Serverless::Api needs a StageName$/,
    );
  });
});

describe('stage and gateway-response properties of AWS::Serverless::Api', () => {
  it('GatewayResponses → x-amazon-apigateway-gateway-responses; AccessLogSetting.Format → the stage access log format', () => {
    const t = loadTemplate(`${SAM}Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: dev
      AccessLogSetting: { DestinationArn: arn:aws:logs:us-east-1:123456789012:log-group:x, Format: '$context.requestId $context.status' }
      GatewayResponses:
        UNAUTHORIZED:
          StatusCode: 401
          ResponseParameters: { Headers: { WWW-Authenticate: "'Bearer'" } }
          ResponseTemplates: { application/json: '{"message": "no"}' }
`);
    expect(t.apis[0]!.document['x-amazon-apigateway-gateway-responses']).toEqual({
      UNAUTHORIZED: {
        statusCode: '401',
        responseParameters: { 'gatewayresponse.header.WWW-Authenticate': "'Bearer'" },
        responseTemplates: { 'application/json': '{"message": "no"}' },
      },
    });
    expect(t.apis[0]!.stages[0]!.settings).toEqual({
      stageName: 'dev',
      variables: {},
      accessLogSettings: { format: '$context.requestId $context.status' },
    });
  });
});

it('SAM API properties the emulator does not apply are one warning line (Domain, Auth.ResourcePolicy)', () => {
  const t = loadTemplate(`${SAM}Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: dev
      TracingEnabled: true
      Domain: { DomainName: api.example.com, CertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/x }
      Auth: { ResourcePolicy: { IpRangeBlacklist: [10.0.0.0/8] } }
`);
  expect(t.warnings).toEqual([
    "the template's API properties not emulated (ignored): Api.Domain, Api.Auth.ResourcePolicy",
  ]);
});

it('round-trip shape for an HTTP API: Serverless::HttpApi with an exported DefinitionBody, StageName, !Sub ${Fn.Arn}', () => {
  const t = loadTemplate(`${SAM}Resources:
  NotesApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      StageName: dev
      DefinitionBody:
        openapi: 3.0.1
        info: { title: Notes, version: '1' }
        x-amazon-apigateway-importexport-version: '1.0'
        paths:
          /notes:
            get:
              responses: {}
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                payloadFormatVersion: '2.0'
                uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${NotesHandler.Arn}/invocations
  NotesHandler:
    Type: AWS::Serverless::Function
    Properties: { FunctionName: notes_handler, CodeUri: src/notes_handler/, Handler: notes_handler.handler, Runtime: nodejs22.x }
`);
  expect(t.apis[0]).toMatchObject({ logicalId: 'NotesApi', kind: 'HTTP', stageName: 'dev' });
  expect(t.apis[0]!.stages.map((s) => s.name)).toEqual(['dev']);
  expect(functionNamesOfApi(importApi(t.apis[0]!.document, { apiType: 'HTTP' }))).toEqual(['notes_handler']);
  expect(t.functions[0]).toMatchObject({
    functionName: 'notes_handler',
    codeUri: 'src/notes_handler/',
    handler: 'notes_handler.handler',
  });
});
