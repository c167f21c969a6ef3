/**
 * loadTemplate of WebSocket APIs: raw AWS::ApiGatewayV2 resources (SAM has no WebSocket type) read into the definition
 * the WebSocket gateway serves (get-api + get-routes + get-integrations), for the contract's shape
 * (test/fixtures/sam/websocket-chat) and AWS's sample (aws-samples/simple-websockets-chat-app, verbatim template).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-route.html
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWebSocketApi, websocketFunctionNamesOf } from '../../src/emulator/index.js';
import { physicalId } from '../../src/emulator/sam/ids.js';
import { loadTemplate, type TemplateApi, type TemplateWebSocketApi } from '../../src/emulator/sam/index.js';

const fixture = (dir: string) => readFileSync(new URL(`../fixtures/sam/${dir}/template.yaml`, import.meta.url), 'utf8');
const invocationUri = (fn: string) =>
  `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${fn}/invocations`;
const websocket = (api: TemplateApi | undefined): TemplateWebSocketApi => {
  if (api?.kind !== 'WEBSOCKET') throw new Error(`not a WebSocket API: ${api?.kind}`);
  return api;
};

/** A template with a WebSocket API `Ws` and the resources given (YAML lines of Resources). */
const template = (resources: string) => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn: { Type: AWS::Serverless::Function, Properties: { FunctionName: fn, CodeUri: src/, Handler: app.handler, Runtime: nodejs22.x } }
  Ws: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: ws, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action } }
  Integ: { Type: AWS::ApiGatewayV2::Integration, Properties: { ApiId: !Ref Ws, IntegrationType: AWS_PROXY, IntegrationUri: !Sub "arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations" } }
${resources}`;

describe('the contract shape (test/fixtures/sam/websocket-chat)', () => {
  const t = loadTemplate(fixture('websocket-chat'));
  const api = websocket(t.apis[0]);
  const doc = api.document;

  it('is one API of kind WEBSOCKET, its id what !Ref gives (10 characters from the logical id)', () => {
    expect(t.apis).toHaveLength(1);
    expect(api).toMatchObject({ logicalId: 'ChatApi', kind: 'WEBSOCKET', source: 'AWS::ApiGatewayV2::Api' });
    expect(api.apiId).toBe(physicalId('ChatApi'));
    expect(doc.Api).toEqual({
      ApiEndpoint: `wss://${api.apiId}.execute-api.us-east-1.amazonaws.com`,
      ApiId: api.apiId,
      Name: 'websocket-chat',
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.action',
      ApiKeySelectionExpression: '$request.header.x-api-key',
    });
    expect(t.warnings).toEqual([]);
  });

  it('routes in template order, each Target "integrations/" + the integration id (7 characters, as get-routes prints)', () => {
    expect(doc.Routes.map((r) => r.RouteKey)).toEqual(['$connect', '$disconnect', 'sendmessage', '$default']);
    const integrationId = physicalId('ChatHandlerIntegration', 7);
    expect(doc.Integrations.map((i) => i.IntegrationId)).toEqual([integrationId]);
    for (const r of doc.Routes) {
      expect(r.Target).toBe(`integrations/${integrationId}`);
      expect(r.RouteId).toMatch(/^[a-z0-9]{7}$/);
      expect(r.AuthorizationType).toBe('NONE');
    }
    expect(new Set(doc.Routes.map((r) => r.RouteId)).size).toBe(4);
    expect(doc.Routes[3]).toMatchObject({
      RouteKey: '$default',
      RouteResponseSelectionExpression: '$default',
      RouteResponses: [{ RouteResponseKey: '$default', RouteResponseId: physicalId('DefaultRouteResponse', 7) }],
    });
    expect(doc.Routes[0]!.RouteResponses).toBeUndefined();
  });

  it('the integration URI is the invocation URI of chat_handler (${ChatHandler.Arn} resolved), its settings kept', () => {
    expect(doc.Integrations[0]).toEqual({
      IntegrationId: physicalId('ChatHandlerIntegration', 7),
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: invocationUri('chat_handler'),
      ContentHandlingStrategy: 'CONVERT_TO_TEXT',
      TimeoutInMillis: 29000,
      PassthroughBehavior: 'WHEN_NO_MATCH',
    });
  });

  it('the stage is the Stage resource (name and variables); the function comes from CodeUri + Handler + Runtime', () => {
    expect(api.stages).toEqual([{ name: 'production', variables: { room: 'lobby' } }]);
    expect(api.stageName).toBe('production');
    expect(t.functions).toEqual([
      expect.objectContaining({
        functionName: 'chat_handler',
        codeUri: 'src/chat_handler/',
        handler: 'chat_handler.lambda_handler',
        runtime: 'python3.13',
        environment: { CHAT_ROOM: 'lobby' },
      }),
    ]);
  });

  it('the WebSocket gateway reads the document as it reads examples/websocket-chat/api.json (same routes, same function)', () => {
    const model = parseWebSocketApi(doc);
    const example = parseWebSocketApi(
      JSON.parse(readFileSync(new URL('../../examples/websocket-chat/api.json', import.meta.url), 'utf8')),
    );
    expect(websocketFunctionNamesOf(model)).toEqual(websocketFunctionNamesOf(example));
    const shape = (m: typeof model) =>
      m.routes.map((r) => ({
        key: r.key,
        fn: m.integrations.find((i) => i.id === r.integrationId)?.functionName,
        twoWay: r.routeResponseSelectionExpression,
        responses: r.routeResponseKeys,
      }));
    expect(shape(model)).toEqual(shape(example));
    expect(model.id).toBe(api.apiId);
    expect(model.name).toBe(example.name);
  });
});

describe('aws-samples/simple-websockets-chat-app (its template.yaml verbatim)', () => {
  const t = loadTemplate(fixture('simple-websockets-chat-app'));
  const api = websocket(t.apis[0]);

  it('three routes, each to its own function (no FunctionName: the logical id), stage Prod', () => {
    const model = parseWebSocketApi(api.document);
    expect(
      model.routes.map((r) => [r.key, model.integrations.find((i) => i.id === r.integrationId)?.functionName]),
    ).toEqual([
      ['$connect', 'OnConnectFunction'],
      ['$disconnect', 'OnDisconnectFunction'],
      ['sendmessage', 'SendMessageFunction'],
    ]);
    expect(api.document.Integrations.map((i) => i.IntegrationUri)).toEqual([
      invocationUri('OnConnectFunction'),
      invocationUri('OnDisconnectFunction'),
      invocationUri('SendMessageFunction'),
    ]);
    expect(api.stages).toEqual([{ name: 'Prod', variables: {} }]);
    expect(api.document.Api.RouteSelectionExpression).toBe('$request.body.action');
  });

  it('the functions keep Environment.Variables (TABLE_NAME from the parameter), the table goes to the services', () => {
    expect(t.functions.map((f) => [f.functionName, f.codeUri, f.handler, f.environment])).toEqual([
      ['OnConnectFunction', 'onconnect/', 'app.handler', { TABLE_NAME: 'simplechat_connections' }],
      ['OnDisconnectFunction', 'ondisconnect/', 'app.handler', { TABLE_NAME: 'simplechat_connections' }],
      ['SendMessageFunction', 'sendmessage/', 'app.handler', { TABLE_NAME: 'simplechat_connections' }],
    ]);
    expect(t.services.tables?.map((x) => x.TableName)).toEqual(['simplechat_connections']);
    expect(t.warnings).toEqual([]);
  });

  it('--parameter-overrides reach the functions', () => {
    const o = loadTemplate(fixture('simple-websockets-chat-app'), { parameterOverrides: { TableName: 'other_table' } });
    expect(o.functions[0]!.environment).toEqual({ TABLE_NAME: 'other_table' });
  });
});

describe('the rest of the V2 resources', () => {
  it('a REQUEST Authorizer on $connect, IntegrationResponses, several stages (Deployment StageName too)', () => {
    const t = loadTemplate(
      template(`  Auth: { Type: AWS::ApiGatewayV2::Authorizer, Properties: { ApiId: !Ref Ws, Name: auth, AuthorizerType: REQUEST, AuthorizerUri: !GetAtt Fn.Arn, IdentitySource: [route.request.querystring.token] } }
  Connect: { Type: AWS::ApiGatewayV2::Route, Properties: { ApiId: !Ref Ws, RouteKey: $connect, AuthorizationType: CUSTOM, AuthorizerId: !Ref Auth, Target: !Join [/, [integrations, !Ref Integ]] } }
  Echo: { Type: AWS::ApiGatewayV2::Route, Properties: { ApiId: !Ref Ws, RouteKey: echo, RouteResponseSelectionExpression: $default, ApiKeyRequired: true, Target: !Sub "integrations/\${Integ}" } }
  Mock: { Type: AWS::ApiGatewayV2::Integration, Properties: { ApiId: !Ref Ws, IntegrationType: MOCK, TemplateSelectionExpression: \\$default, RequestTemplates: { $default: '{"statusCode": 200}' } } }
  MockResponse: { Type: AWS::ApiGatewayV2::IntegrationResponse, Properties: { ApiId: !Ref Ws, IntegrationId: !Ref Mock, IntegrationResponseKey: $default, ResponseTemplates: { $default: '{"ok": true}' } } }
  Default: { Type: AWS::ApiGatewayV2::Route, Properties: { ApiId: !Ref Ws, RouteKey: $default, Target: !Join [/, [integrations, !Ref Mock]] } }
  Dep: { Type: AWS::ApiGatewayV2::Deployment, Properties: { ApiId: !Ref Ws, StageName: beta } }
  Live: { Type: AWS::ApiGatewayV2::Stage, Properties: { ApiId: !Ref Ws, StageName: live, DeploymentId: !Ref Dep, StageVariables: { n: 1 } } }
`),
    );
    const api = websocket(t.apis[0]);
    const auth = physicalId('Auth');
    expect(api.document.Authorizers).toEqual([
      {
        AuthorizerId: auth,
        Name: 'auth',
        AuthorizerType: 'REQUEST',
        AuthorizerUri: invocationUri('fn'),
        IdentitySource: ['route.request.querystring.token'],
      },
    ]);
    expect(api.document.Routes[0]).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: auth });
    expect(api.document.Routes[1]).toMatchObject({
      ApiKeyRequired: true,
      Target: `integrations/${physicalId('Integ', 7)}`,
    });
    expect(api.document.Integrations[1]).toEqual({
      IntegrationId: physicalId('Mock', 7),
      IntegrationType: 'MOCK',
      TemplateSelectionExpression: '\\$default',
      RequestTemplates: { $default: '{"statusCode": 200}' },
      IntegrationResponses: [
        {
          IntegrationResponseId: physicalId('MockResponse', 7),
          IntegrationResponseKey: '$default',
          ResponseTemplates: { $default: '{"ok": true}' },
        },
      ],
    });
    expect(api.stages).toEqual([
      { name: 'live', variables: { n: '1' } },
      { name: 'beta', variables: {} },
    ]);
    const model = parseWebSocketApi(api.document);
    expect(model.authorizers.map((a) => a.functionName)).toEqual(['fn']);
    expect(model.integrations[1]!.responses.map((r) => r.key)).toEqual(['$default']);
  });

  it('properties the WebSocket gateway does not apply are one "not emulated (ignored)" warning', () => {
    const t = loadTemplate(
      template(`  R: { Type: AWS::ApiGatewayV2::Route, Properties: { ApiId: !Ref Ws, RouteKey: $default, RequestModels: { m: x }, Target: !Join [/, [integrations, !Ref Integ]] } }
  S: { Type: AWS::ApiGatewayV2::Stage, Properties: { ApiId: !Ref Ws, StageName: prod, DefaultRouteSettings: { ThrottlingRateLimit: 10 }, AccessLogSettings: { Format: x } } }
`),
    );
    expect(t.warnings).toEqual([
      "the template's API properties not emulated (ignored): R.RequestModels, S.DefaultRouteSettings, S.AccessLogSettings",
    ]);
  });

  it('without a Stage resource, the API is served on "dev"', () => {
    const t = loadTemplate(
      template(`  R: { Type: AWS::ApiGatewayV2::Route, Properties: { ApiId: !Ref Ws, RouteKey: $default, Target: !Join [/, [integrations, !Ref Integ]] } }
`),
    );
    expect(t.apis[0]!.stages).toEqual([{ name: 'dev', variables: {} }]);
  });

  it('a WebSocket API beside an HTTP API: each its own kind, their routes and integrations kept apart', () => {
    const t = loadTemplate(
      template(`  R: { Type: AWS::ApiGatewayV2::Route, Properties: { ApiId: !Ref Ws, RouteKey: $default, Target: !Join [/, [integrations, !Ref Integ]] } }
  Http: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: http, ProtocolType: HTTP } }
  HttpInteg: { Type: AWS::ApiGatewayV2::Integration, Properties: { ApiId: !Ref Http, IntegrationType: AWS_PROXY, IntegrationUri: !GetAtt Fn.Arn, PayloadFormatVersion: '2.0' } }
  HttpRoute: { Type: AWS::ApiGatewayV2::Route, Properties: { ApiId: !Ref Http, RouteKey: GET /x, Target: !Join [/, [integrations, !Ref HttpInteg]] } }
`),
    );
    expect(t.apis.map((a) => [a.logicalId, a.kind])).toEqual([
      ['Http', 'HTTP'],
      ['Ws', 'WEBSOCKET'],
    ]);
    const ws = websocket(t.apis[1]);
    expect(ws.document.Routes.map((r) => r.RouteKey)).toEqual(['$default']);
    expect(ws.document.Integrations).toHaveLength(1);
    expect(Object.keys(t.apis[0]!.document.paths as object)).toEqual(['/x']);
  });
});

describe('one-line errors naming the resource and property', () => {
  const route = (props: string) =>
    template(`  R: { Type: AWS::ApiGatewayV2::Route, Properties: { ApiId: !Ref Ws, RouteKey: $default, ${props} } }
`);
  it.each([
    [
      'a Target naming no integration',
      'throws',
      route('Target: integrations/nothing'),
      /^Resources\.R\.Properties\.Target: "integrations\/nothing" names no AWS::ApiGatewayV2::Integration of Ws/,
    ],
    [
      'a Target to another API’s integration',
      'throws',
      route(`Target: !Join [/, [integrations, !Ref Other]] }}
  Http: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: http, ProtocolType: HTTP } }
  Other: { Type: AWS::ApiGatewayV2::Integration, Properties: { ApiId: !Ref Http, IntegrationType: AWS_PROXY, IntegrationUri: x`),
      /^Resources\.R\.Properties\.Target: .* names no AWS::ApiGatewayV2::Integration of Ws/,
    ],
    [
      'an AuthorizerId that is not an authorizer of the API',
      'throws',
      route('AuthorizationType: CUSTOM, AuthorizerId: abc'),
      /^Resources\.R\.Properties\.AuthorizerId: must be !Ref of an AWS::ApiGatewayV2::Authorizer of Ws$/,
    ],
    [
      'a route key starting with $ that is not predefined (the gateway’s check, in the template’s words)',
      'unservable',
      template(`  R: { Type: AWS::ApiGatewayV2::Route, Properties: { ApiId: !Ref Ws, RouteKey: $hello } }
`),
      /^Resources\.R\.Properties\.RouteKey: "\$hello" is not a predefined route/,
    ],
    [
      'a JWT authorizer (WebSocket APIs take REQUEST ones)',
      'unservable',
      template(`  A: { Type: AWS::ApiGatewayV2::Authorizer, Properties: { ApiId: !Ref Ws, Name: a, AuthorizerType: JWT, AuthorizerUri: x } }
`),
      /^Resources\.A\.Properties\.AuthorizerType: WebSocket APIs take "REQUEST" authorizers only/,
    ],
    [
      'a RouteResponse of no route of the API',
      'throws',
      template(`  RR: { Type: AWS::ApiGatewayV2::RouteResponse, Properties: { ApiId: !Ref Ws, RouteId: nope, RouteResponseKey: $default } }
`),
      /^Resources\.RR\.Properties\.RouteId: must be !Ref of an AWS::ApiGatewayV2::Route of Ws$/,
    ],
    [
      'no RouteSelectionExpression',
      'throws',
      `Resources:
  Ws: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: ws, ProtocolType: WEBSOCKET } }
`,
      /^Resources\.Ws\.Properties\.RouteSelectionExpression: required/,
    ],
    [
      'an integration response template that is not text (named by the IntegrationResponse resource)',
      'unservable',
      template(`  IR: { Type: AWS::ApiGatewayV2::IntegrationResponse, Properties: { ApiId: !Ref Ws, IntegrationId: !Ref Integ, IntegrationResponseKey: $default, ResponseTemplates: { $default: 5 } } }
`),
      /^Resources\.IR\.Properties\.ResponseTemplates\.\$default: must be a string/,
    ],
    [
      'an integration timeout over 29 s',
      'unservable',
      template(`  Slow: { Type: AWS::ApiGatewayV2::Integration, Properties: { ApiId: !Ref Ws, IntegrationType: AWS_PROXY, IntegrationUri: !GetAtt Fn.Arn, TimeoutInMillis: 30000 } }
`),
      /^Resources\.Slow\.Properties\.TimeoutInMillis: must be an integer from 50 to 29000/,
    ],
  ] as const)('%s (%s)', (_name, kind, text, message) => {
    // A template that cannot be read throws; an API the gateway cannot serve is read, with the reason it cannot.
    let error: unknown;
    let problem: string | undefined;
    try {
      const ws = loadTemplate(text).apis.find((a) => a.kind === 'WEBSOCKET');
      problem = ws?.kind === 'WEBSOCKET' ? ws.unservable : undefined;
    } catch (e) {
      error = e;
    }
    if (kind === 'throws') {
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe('TemplateError');
      problem = (error as Error).message;
    } else expect(error).toBeUndefined();
    expect(problem).toMatch(message);
    expect(problem).not.toContain('\n');
  });

  it('a WebSocket API the gateway cannot serve leaves the template’s other APIs servable', () => {
    const loaded = loadTemplate(`Resources:
  Http: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: http, ProtocolType: HTTP, Target: !GetAtt Fn.Arn } }
  Fn: { Type: AWS::Serverless::Function, Properties: { Handler: app.handler, Runtime: python3.13, CodeUri: src/ } }
  Ws: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: ws, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action } }
  Int: { Type: AWS::ApiGatewayV2::Integration, Properties: { ApiId: !Ref Ws, IntegrationType: HTTP_PROXY, IntegrationUri: 'https://example.com', IntegrationMethod: POST } }
  R: { Type: AWS::ApiGatewayV2::Route, Properties: { ApiId: !Ref Ws, RouteKey: $default, Target: !Join [/, [integrations, !Ref Int]] } }
`);
    expect(loaded.apis.map((a) => [a.logicalId, a.kind])).toEqual([
      ['Http', 'HTTP'],
      ['Ws', 'WEBSOCKET'],
    ]);
    const ws = loaded.apis[1]!;
    expect(ws.kind === 'WEBSOCKET' && ws.unservable).toMatch(
      /^Resources\.Int\.Properties\.IntegrationType: HTTP_PROXY /,
    );
    expect(loaded.apis[0]!.kind === 'HTTP' && loaded.apis[0]!.document.paths).toBeTruthy();
  });
});
