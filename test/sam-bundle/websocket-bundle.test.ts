import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { samProjectZip, type SamProjectFiles } from '../../src/components/sam-download.js';
import type { WebSocketApiDocument } from '../../src/emulator/websocket/document.js';
import { samBundle } from '../../src/emulator/sam-bundle/index.js';
import { websocketApiLogicalIdOf } from '../../src/emulator/sam-bundle/websocket-template.js';
import { fileFunction, readTemplate } from './helpers.js';

const INVOKE = (id: string) =>
  `arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${id}.Arn}/invocations`;
const LAMBDA = (name: string) =>
  `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${name}/invocations`;
const CHAT = JSON.parse(readFileSync('examples/websocket-chat/api.json', 'utf8')) as WebSocketApiDocument;

const chat = (language: 'python' | 'typescript' = 'python', variables: Record<string, string> = {}) =>
  samBundle({
    name: 'websocket-chat',
    title: 'websocket-chat',
    kind: 'WEBSOCKET',
    document: structuredClone(CHAT),
    stage: { name: 'production', variables },
    functions: [
      language === 'python'
        ? fileFunction('chat_handler', 'examples/websocket-chat/chat_handler.py', 'lambda_handler')
        : fileFunction('chat_handler', 'examples/websocket-chat/chat_handler.ts', 'handler'),
    ],
  });

/** The route, integration and deployment resources every route of the chat gets, by logical id. */
const ROUTES = {
  ConnectRoute: '$connect',
  DisconnectRoute: '$disconnect',
  SendmessageRoute: 'sendmessage',
  DefaultRoute: '$default',
};

describe('samBundle of a WebSocket API: template.yaml (contract A↔B)', () => {
  it('the chat: the V2 Api, one Route per route, the $default route response, the integration, Deployment, Stage, function, permission', () => {
    const template = readTemplate(chat('python', { greeting: 'hello' }).files['template.yaml']!);
    expect(template.AWSTemplateFormatVersion).toBe('2010-09-09');
    expect(template.Transform).toBe('AWS::Serverless-2016-10-31');
    expect(template.Description).toBe('websocket-chat');
    const { Resources: r } = template;
    expect(Object.keys(r)).toEqual([
      'ChatApi',
      ...Object.keys(ROUTES),
      'DefaultRouteResponse',
      'ChatHandlerIntegration',
      'Deployment',
      'Stage',
      'ChatHandler',
      'ChatHandlerPermission',
    ]);
    expect(r.ChatApi).toEqual({
      Type: 'AWS::ApiGatewayV2::Api',
      Properties: {
        Name: 'websocket-chat',
        ProtocolType: 'WEBSOCKET',
        RouteSelectionExpression: '$request.body.action',
        ApiKeySelectionExpression: '$request.header.x-api-key',
      },
    });
    for (const [id, key] of Object.entries(ROUTES))
      expect(r[id], id).toEqual({
        Type: 'AWS::ApiGatewayV2::Route',
        Properties: {
          ApiId: { Ref: 'ChatApi' },
          RouteKey: key,
          AuthorizationType: 'NONE',
          OperationName: id,
          Target: { 'Fn::Join': ['/', ['integrations', { Ref: 'ChatHandlerIntegration' }]] },
          ...(key === '$default' ? { RouteResponseSelectionExpression: '$default' } : {}),
        },
      });
    expect(r.DefaultRouteResponse).toEqual({
      Type: 'AWS::ApiGatewayV2::RouteResponse',
      Properties: { ApiId: { Ref: 'ChatApi' }, RouteId: { Ref: 'DefaultRoute' }, RouteResponseKey: '$default' },
    });
    expect(r.ChatHandlerIntegration).toEqual({
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: {
        ApiId: { Ref: 'ChatApi' },
        IntegrationType: 'AWS_PROXY',
        IntegrationMethod: 'POST',
        IntegrationUri: { 'Fn::Sub': INVOKE('ChatHandler') },
        ContentHandlingStrategy: 'CONVERT_TO_TEXT',
        TimeoutInMillis: 29000,
        PassthroughBehavior: 'WHEN_NO_MATCH',
      },
    });
    expect(r.Deployment).toEqual({
      Type: 'AWS::ApiGatewayV2::Deployment',
      DependsOn: [...Object.keys(ROUTES), 'DefaultRouteResponse'],
      Properties: { ApiId: { Ref: 'ChatApi' } },
    });
    expect(r.Stage).toEqual({
      Type: 'AWS::ApiGatewayV2::Stage',
      Properties: {
        StageName: 'production',
        ApiId: { Ref: 'ChatApi' },
        DeploymentId: { Ref: 'Deployment' },
        StageVariables: { greeting: 'hello' },
      },
    });
    expect(r.ChatHandler).toEqual({
      Type: 'AWS::Serverless::Function',
      Properties: {
        FunctionName: 'chat_handler',
        CodeUri: 'src/chat_handler/',
        Handler: 'chat_handler.lambda_handler',
        Runtime: 'python3.13',
        Policies: [
          {
            Statement: [
              {
                Effect: 'Allow',
                Action: 'execute-api:ManageConnections',
                Resource: {
                  'Fn::Sub': 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${ChatApi}/*',
                },
              },
            ],
          },
        ],
      },
    });
    expect(r.ChatHandlerPermission).toEqual({
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: { Ref: 'ChatHandler' },
        Principal: 'apigateway.amazonaws.com',
        SourceArn: { 'Fn::Sub': 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${ChatApi}/*' },
      },
    });
    expect(template.Outputs.WebSocketURI.Value).toEqual({
      'Fn::Sub': 'wss://${ChatApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${Stage}',
    });
  });

  it("short-form tags as AWS's sample writes them (!Ref, !Sub, !Join), no long form, no stage variables when none", () => {
    const text = chat().files['template.yaml']!;
    expect(text).toContain("      Target: !Join ['/', [integrations, !Ref ChatHandlerIntegration]]\n");
    expect(text).toContain('      ApiId: !Ref ChatApi\n');
    expect(text).toContain(`      IntegrationUri: !Sub ${INVOKE('ChatHandler')}\n`);
    expect(text).not.toMatch(/Fn::|Ref:/);
    expect(text).not.toContain('StageVariables');
    // get-api's and get-integrations' read-only or default fields are not CloudFormation properties.
    expect(text).not.toMatch(/ApiGatewayManaged|CreatedDate|ApiEndpoint|RouteId:\s+\w{7}\n|IntegrationId:|Tags:/);
    expect(text.startsWith('# websocket-chat: exported by apigw-lab export --format sam.\n')).toBe(true);
  });

  it('TypeScript: the handler compiled to .mjs for nodejs22.x, the .ts beside it', () => {
    const { files } = chat('typescript');
    expect(Object.keys(files).sort()).toEqual([
      'README.md',
      'samconfig.toml',
      'src/chat_handler/chat_handler.mjs',
      'src/chat_handler/chat_handler.ts',
      'src/chat_handler/package.json',
      'template.yaml',
    ]);
    expect(files['src/chat_handler/chat_handler.mjs']).toMatch(/export (async )?(function|const) handler/);
    expect(readTemplate(files['template.yaml']!).Resources.ChatHandler.Properties).toMatchObject({
      Handler: 'chat_handler.handler',
      Runtime: 'nodejs22.x',
    });
  });

  it('authorizers, MOCK integrations with responses, API keys, HTTP backends and roles: resources and what is not created', () => {
    const document: WebSocketApiDocument = {
      Api: { Name: 'orders feed', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.type' },
      Routes: [
        { RouteKey: '$connect', AuthorizationType: 'CUSTOM', AuthorizerId: 'au1', Target: 'integrations/i1' },
        {
          RouteKey: 'ping',
          ApiKeyRequired: true,
          RouteResponseSelectionExpression: '$default',
          Target: 'integrations/i2',
          RouteResponses: [{ RouteResponseKey: '$default' }],
        },
        { RouteKey: 'quote', Target: 'integrations/i3' },
      ],
      Integrations: [
        { IntegrationId: 'i1', IntegrationType: 'AWS_PROXY', IntegrationUri: LAMBDA('feed') },
        {
          IntegrationId: 'i2',
          IntegrationType: 'MOCK',
          TemplateSelectionExpression: '\\$default',
          RequestTemplates: { $default: '{"statusCode": 200}' },
          IntegrationResponses: [
            { IntegrationResponseKey: '$default', ResponseTemplates: { $default: '{"pong":true}' } },
          ],
        },
        {
          IntegrationId: 'i3',
          IntegrationType: 'HTTP_PROXY',
          IntegrationMethod: 'POST',
          IntegrationUri: 'https://quotes.example.com/q',
          CredentialsArn: 'arn:aws:iam::123456789012:role/ws-http',
        },
      ],
      Authorizers: [
        {
          AuthorizerId: 'au1',
          Name: 'token-check',
          AuthorizerType: 'REQUEST',
          AuthorizerUri: LAMBDA('auth'),
          IdentitySource: ['route.request.querystring.token'],
        },
      ],
    };
    const { files, notCreated } = samBundle({
      name: 'orders-feed',
      title: 'Orders feed',
      kind: 'WEBSOCKET',
      document,
      stage: { name: 'dev', variables: {} },
      functions: [
        { name: 'feed', fileName: 'feed.py', source: 'def lambda_handler(e, c): pass\n', exportName: 'lambda_handler' },
        { name: 'auth', fileName: 'auth.py', source: 'def lambda_handler(e, c): pass\n', exportName: 'lambda_handler' },
      ],
    });
    const { Resources: r } = readTemplate(files['template.yaml']!);
    expect(Object.keys(r)).toEqual([
      'OrdersFeedApi',
      'ConnectRoute',
      'PingRoute',
      'QuoteRoute',
      'PingRouteResponse',
      'FeedIntegration',
      'PingIntegration',
      'QuoteIntegration',
      'PingIntegrationResponse',
      'TokenCheckAuthorizer',
      'Deployment',
      'Stage',
      'Feed',
      'Auth',
      'FeedPermission',
      'AuthPermission',
    ]);
    expect(r.ConnectRoute.Properties).toMatchObject({
      AuthorizationType: 'CUSTOM',
      AuthorizerId: { Ref: 'TokenCheckAuthorizer' },
    });
    expect(r.PingRoute.Properties).toMatchObject({
      ApiKeyRequired: true,
      RouteResponseSelectionExpression: '$default',
    });
    expect(r.TokenCheckAuthorizer).toEqual({
      Type: 'AWS::ApiGatewayV2::Authorizer',
      Properties: {
        ApiId: { Ref: 'OrdersFeedApi' },
        Name: 'token-check',
        AuthorizerType: 'REQUEST',
        AuthorizerUri: { 'Fn::Sub': INVOKE('Auth') },
        IdentitySource: ['route.request.querystring.token'],
      },
    });
    expect(r.PingIntegration.Properties).toEqual({
      ApiId: { Ref: 'OrdersFeedApi' },
      IntegrationType: 'MOCK',
      TemplateSelectionExpression: '\\$default',
      RequestTemplates: { $default: '{"statusCode": 200}' },
    });
    expect(r.PingIntegrationResponse).toEqual({
      Type: 'AWS::ApiGatewayV2::IntegrationResponse',
      Properties: {
        ApiId: { Ref: 'OrdersFeedApi' },
        IntegrationId: { Ref: 'PingIntegration' },
        IntegrationResponseKey: '$default',
        ResponseTemplates: { $default: '{"pong":true}' },
      },
    });
    expect(r.QuoteIntegration.Properties).toMatchObject({
      IntegrationType: 'HTTP_PROXY',
      IntegrationMethod: 'POST',
      IntegrationUri: 'https://quotes.example.com/q',
      CredentialsArn: 'arn:aws:iam::123456789012:role/ws-http',
    });
    expect(r.Deployment.DependsOn).toEqual([
      'ConnectRoute',
      'PingRoute',
      'QuoteRoute',
      'PingRouteResponse',
      'PingIntegrationResponse',
    ]);
    // The authorizer's function may also post to @connections (L: every function of the API).
    expect(r.Auth.Properties.Policies[0].Statement[0].Action).toBe('execute-api:ManageConnections');
    expect(notCreated).toEqual([
      'API keys and a usage plan with this API stage (the route requires an API key) (route ping)',
      'the HTTP backend https://quotes.example.com/q (route quote)',
      'the IAM role arn:aws:iam::123456789012:role/ws-http that API Gateway assumes (route quote)',
    ]);
    for (const line of notCreated) {
      expect(files['template.yaml']).toContain(`#   - ${line}\n`);
      expect(files['README.md']).toContain(`- ${line}\n`);
    }
  });

  it('a function the definition names but the bundle lacks keeps its literal URI, and the header says so', () => {
    const { files } = samBundle({
      name: 'websocket-chat',
      title: 'websocket-chat',
      kind: 'WEBSOCKET',
      document: structuredClone(CHAT),
      stage: { name: 'production', variables: {} },
      functions: [],
    });
    const text = files['template.yaml']!;
    expect(text).toContain(`      IntegrationUri: ${LAMBDA('chat_handler')}\n`);
    expect(text).toContain(`#   - the Lambda function of ${LAMBDA('chat_handler')} (no handler file)\n`);
    expect(Object.keys(readTemplate(text).Resources)).not.toContain('ChatHandler');
  });

  it('logical ids: the API from its name, no two resources with one id (a function named stage, keys default and $default)', () => {
    expect(websocketApiLogicalIdOf(CHAT)).toBe('ChatApi');
    const named = (Name: string) => websocketApiLogicalIdOf({ ...CHAT, Api: { ...CHAT.Api, Name } });
    expect(named('SimpleChatWebSocket')).toBe('SimpleChatWebSocketApi');
    expect(named('websocket')).toBe('WebSocketApi');
    expect(named('prices api')).toBe('PricesApi');
    const document = structuredClone(CHAT);
    document.Routes.push({ RouteKey: 'default', Target: CHAT.Routes[0]!.Target! });
    document.Integrations[0]!.IntegrationUri = LAMBDA('stage');
    const { files } = samBundle({
      name: 'x',
      title: 'x',
      kind: 'WEBSOCKET',
      document,
      stage: { name: 'production', variables: {} },
      functions: [{ name: 'stage', fileName: 'stage.py', source: '', exportName: 'lambda_handler' }],
    });
    const template = readTemplate(files['template.yaml']!);
    expect(Object.keys(template.Resources)).toEqual([
      'ChatApi',
      'ConnectRoute',
      'DisconnectRoute',
      'SendmessageRoute',
      'DefaultRoute',
      'DefaultRoute2',
      'DefaultRouteResponse',
      'StageIntegration',
      'Deployment',
      'Stage2',
      'Stage',
      'StagePermission',
    ]);
    expect(template.Resources.Stage.Type).toBe('AWS::Serverless::Function');
    expect(template.Outputs.WebSocketURI.Value['Fn::Sub']).toMatch(/\/\$\{Stage2\}$/);
  });
});

describe('samBundle of a WebSocket API: README.md and samconfig.toml', () => {
  it('how to connect (wscat), the @connections policy given to every function, what the template does not create', () => {
    const { files } = chat();
    const readme = files['README.md']!;
    expect(readme).toContain('the WebSocket API (stage `production`)');
    expect(readme).toContain('`AWS::ApiGatewayV2::*` resources');
    expect(readme).toContain('wscat -c <WebSocketURI>');
    expect(readme).toContain('`execute-api:ManageConnections`');
    expect(readme).toContain('Every function of the API gets it');
    expect(readme).toMatch(/## Not created by this template\n\n- A store of connection ids\./);
    expect(readme).toContain('apigw-lab serve template.yaml');
    expect(files['samconfig.toml']).toContain('stack_name = "websocket-chat"\n');
  });
});

const chatProject = (over: Partial<SamProjectFiles> = {}): SamProjectFiles => ({
  example: 'websocket-chat',
  title: 'A chat as a WebSocket API',
  definition: readFileSync('examples/websocket-chat/api.json', 'utf8'),
  definitionFile: 'api.json',
  apiType: 'WEBSOCKET',
  stage: { name: 'production', variables: {} },
  functions: [
    {
      name: 'chat_handler',
      fileName: 'chat_handler.py',
      source: `# edited\n${readFileSync('examples/websocket-chat/chat_handler.py', 'utf8')}`,
      exportName: 'lambda_handler',
    },
  ],
  ...over,
});

// The chat page's "Download SAM project" (sam-download.ts with chat-controller.ts's samProject()).
describe('samProjectZip of the chat', () => {
  it('websocket-chat-sam.zip: the V2 template from the edited api.json, the edited handler', () => {
    const definition = chatProject().definition.replace('"RouteKey": "sendmessage"', '"RouteKey": "shout"');
    const { fileName, bytes } = samProjectZip(chatProject({ definition }));
    expect(fileName).toBe('websocket-chat-sam.zip');
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual([
      'websocket-chat-sam/README.md',
      'websocket-chat-sam/samconfig.toml',
      'websocket-chat-sam/src/chat_handler/chat_handler.py',
      'websocket-chat-sam/src/chat_handler/requirements.txt',
      'websocket-chat-sam/template.yaml',
    ]);
    expect(strFromU8(files['websocket-chat-sam/src/chat_handler/chat_handler.py']!).startsWith('# edited\n')).toBe(
      true,
    );
    const template = readTemplate(strFromU8(files['websocket-chat-sam/template.yaml']!));
    expect(template.Description).toBe('A chat as a WebSocket API');
    expect(template.Resources.ShoutRoute.Properties.RouteKey).toBe('shout');
    expect(template.Resources.SendmessageRoute).toBeUndefined();
    expect(template.Resources.Stage.Properties.StageName).toBe('production');
  });

  it('an api.json that does not parse or is not a WebSocket definition: one line naming the file and the field', () => {
    expect(() => samProjectZip(chatProject({ definition: '{"Api": ' }))).toThrow(/^api\.json is not valid JSON: /);
    const noTarget = chatProject().definition.replace(
      '"Target": "integrations/7hq2k1v"',
      '"Target": "integrations/nope"',
    );
    expect(() => samProjectZip(chatProject({ definition: noTarget }))).toThrow(
      /^api\.json is not a WebSocket API definition: Routes\[0\]\.Target: no integration "nope" in Integrations$/,
    );
  });
});
