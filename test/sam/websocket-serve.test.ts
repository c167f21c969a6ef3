/**
 * `apigw-lab serve template.yaml` of a template whose API is a WebSocket API (raw AWS::ApiGatewayV2 resources), over
 * real WebSockets: the contract's shape (test/fixtures/sam/websocket-chat) replays the websocket-chat example's
 * documented session as `serve examples/websocket-chat/api.json` does (test/cli/websocket.test.ts), and AWS's sample
 * (aws-samples/simple-websockets-chat-app, its template verbatim, local handlers: see its SOURCE.md) routes $connect,
 * sendmessage and $disconnect to its three functions. Needs `npm run build:node` (lib/cli.mjs).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommandLine, type ServeOptions } from '../../src/cli/args.js';
import { loadServedTemplate } from '../../src/cli/load-template.js';
import { runCli } from '../cli/helpers.js';
import {
  expectSessionReplayed,
  openClient,
  type RunningWebSocketCli,
  startWebSocketCli,
} from '../cli/websocket-helpers.js';

const CHAT = 'test/fixtures/sam/websocket-chat/template.yaml';
const SAMPLE = 'test/fixtures/sam/simple-websockets-chat-app/template.yaml';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each([
  ['its own Python handler (CodeUri + Handler)', []],
  [
    'the TypeScript handler given with --function',
    ['--function', 'chat_handler=examples/websocket-chat/chat_handler.ts'],
  ],
])('the contract-shaped chat template, served with %s', (_name, flags) => {
  let cli: RunningWebSocketCli;
  beforeAll(async () => {
    cli = await startWebSocketCli([CHAT, ...flags], 60_000);
  }, 60_000);
  afterAll(async () => {
    await cli?.stop('SIGINT');
  });

  it('start-up lines: the template, the API served and its stage, the ws:// URL, the routes', () => {
    const out = cli.stdout();
    expect(out).toContain(
      'apigw-lab: template test/fixtures/sam/websocket-chat/template.yaml: 1 API, serving ChatApi (AWS::ApiGatewayV2::Api, WEBSOCKET, stage production)',
    );
    expect(cli.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/production$/);
    expect(cli.stderr()).not.toContain('apigw-lab: warning');
    expect(out).toMatch(/^ {2}\$default {5}-> chat_handler \(two-way\)$/m);
    expect(out).toMatch(
      flags.length
        ? /^ {2}chat_handler: examples\/websocket-chat\/chat_handler\.ts#handler$/m
        : /^ {2}chat_handler: test\/fixtures\/sam\/websocket-chat\/src\/chat_handler\/chat_handler\.py#lambda_handler$/m,
    );
  });

  it('replays the chat’s documented session (connect, refused without a name, broadcast, $default reply, disconnect)', async () => {
    await expectSessionReplayed(cli.url);
    const log = cli.stdout();
    expect(log).toMatch(/ CONNECT +\$connect \S+ 400 \d+ms /);
    expect(log).toMatch(/ MESSAGE +\$default \S+ 200 sent 1 \d+ms /);
    // The handler posts through the @connections API of the template's stage, with its role's credentials.
    expect(log).toMatch(
      / MANAGEMENT POST \/production\/@connections\/\S+ 200 arn:aws:sts::123456789012:assumed-role\/chat_handler-role\/chat_handler sent 1 \d+ms /,
    );
    expect(log).toMatch(/ DISCONNECT \$disconnect \S+ 1000 /);
  }, 90_000);
});

describe('aws-samples/simple-websockets-chat-app (template verbatim, local handlers)', () => {
  let cli: RunningWebSocketCli;
  let store: string;
  beforeAll(async () => {
    cli = await startWebSocketCli([SAMPLE], 60_000);
    // The local table (SOURCE.md): named after the template's TABLE_NAME, which reaches the functions' environment.
    store = join(tmpdir(), `apigw-lab-simplechat_connections-${cli.child.pid}.json`);
  }, 60_000);
  afterAll(async () => {
    await cli?.stop('SIGINT');
    rmSync(store, { force: true });
  });

  it('serves the three routes on stage Prod, each to its function', () => {
    const out = cli.stdout();
    expect(cli.url).toMatch(/\/Prod$/);
    expect(out).toMatch(/^ {2}\$connect {5}-> OnConnectFunction$/m);
    expect(out).toMatch(/^ {2}\$disconnect {2}-> OnDisconnectFunction$/m);
    expect(out).toMatch(/^ {2}sendmessage {2}-> SendMessageFunction$/m);
    expect(out).toMatch(
      /^ {2}SendMessageFunction: test\/fixtures\/sam\/simple-websockets-chat-app\/sendmessage\/app\.js#handler$/m,
    );
    // The template's DynamoDB table is said not to be created (the sample's own handlers would need it).
    expect(cli.stderr().match(/^apigw-lab: warning: .*$/gm)).toEqual([
      "apigw-lab: warning: the template's tables, queues and event buses are not created for a WebSocket API (its integrations call Lambda functions, which reach no embedded service): simplechat_connections",
    ]);
  });

  it('$connect stores, sendmessage broadcasts through @connections, an unknown action has no route, $disconnect removes', async () => {
    const alice = await openClient(cli.url);
    const bob = await openClient(cli.url);
    const until = async (check: () => boolean) => {
      for (let i = 0; i < 200 && !check(); i++) await sleep(25);
    };
    await until(() => existsSync(store));
    expect(existsSync(store)).toBe(true);

    alice.ws.send(JSON.stringify({ action: 'sendmessage', data: 'hello' }));
    await until(() => alice.frames.length >= 1 && bob.frames.length >= 1);
    expect(alice.frames).toEqual(['hello']);
    expect(bob.frames).toEqual(['hello']);

    // Route selection: $request.body.action names no route and there is no $default route: API Gateway's error frame.
    bob.ws.send(JSON.stringify({ action: 'nope', data: 'not sent' }));
    await until(() => bob.frames.length >= 2);
    expect(JSON.parse(bob.frames[1]!)).toMatchObject({ message: 'Forbidden' });
    expect(alice.frames).toEqual(['hello']);

    bob.ws.close(1000);
    await bob.closed;
    await cli.waitForLine(/ DISCONNECT \$disconnect \S+ 1000 /);
    alice.ws.send(JSON.stringify({ action: 'sendmessage', data: 'bye' }));
    await until(() => alice.frames.length >= 2);
    await sleep(200);
    expect(alice.frames).toEqual(['hello', 'bye']);
    expect(bob.frames).toHaveLength(2);
    alice.ws.close(1000);
    await alice.closed;

    const log = cli.stdout();
    expect(log.match(/ CONNECT +\$connect \S+ 200 /g)).toHaveLength(2);
    expect(log).toMatch(
      / MANAGEMENT POST \/Prod\/@connections\/\S+ 200 arn:aws:sts::123456789012:assumed-role\/SendMessageFunction-role\/SendMessageFunction sent 1 /,
    );
    expect(log).not.toContain('Found stale connection');
  }, 60_000);
});

const BAD_TARGET = join(mkdtempSync(join(tmpdir(), 'apigw-lab-ws-bad-')), 'template.yaml');
writeFileSync(
  BAD_TARGET,
  `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Ws: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: ws, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action } }
  R: { Type: AWS::ApiGatewayV2::Route, Properties: { ApiId: !Ref Ws, RouteKey: $default, Target: integrations/nothing } }
`,
);

describe('one-line errors (exit 2)', () => {
  afterAll(() => rmSync(dirname(BAD_TARGET), { recursive: true, force: true }));
  it.each([
    [[CHAT, '--api-type', 'http'], /^apigw-lab: error: --api-type: ChatApi is a WebSocket API in the template\n$/],
    [[CHAT, '--api', 'Nope'], /^apigw-lab: error: --api Nope: the template has no API "Nope" \(its APIs: ChatApi\)\n$/],
    [[CHAT, '--stage-config', 'x.json'], /--stage-config: not supported for WebSocket APIs/],
    [
      [BAD_TARGET],
      /^apigw-lab: error: \S+template\.yaml: Resources\.R\.Properties\.Target: "integrations\/nothing" names no AWS::ApiGatewayV2::Integration of Ws/,
    ],
  ])('serve %j', async (args, message) => {
    const r = await runCli(['serve', ...(args as string[]), '--port', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('loadServedTemplate of a WebSocket API', () => {
  const dir = mkdtempSync(join(tmpdir(), 'apigw-lab-ws-template-'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'app.mjs'), 'export const handler = async () => ({ statusCode: 200 });\n');
  writeFileSync(
    join(dir, 'template.yaml'),
    `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { FunctionName: fn, CodeUri: src/, Handler: app.handler, Runtime: nodejs22.x, Timeout: 5, Environment: { Variables: { A: '1' } } }
  Http: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: http, ProtocolType: HTTP, Target: !GetAtt Fn.Arn } }
  Ws: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: ws, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action } }
  Integ: { Type: AWS::ApiGatewayV2::Integration, Properties: { ApiId: !Ref Ws, IntegrationType: AWS_PROXY, IntegrationUri: !GetAtt Fn.Arn } }
  Default: { Type: AWS::ApiGatewayV2::Route, Properties: { ApiId: !Ref Ws, RouteKey: $default, Target: !Join [/, [integrations, !Ref Integ]] } }
  Live: { Type: AWS::ApiGatewayV2::Stage, Properties: { ApiId: !Ref Ws, StageName: live, StageVariables: { v: live } } }
  Beta: { Type: AWS::ApiGatewayV2::Stage, Properties: { ApiId: !Ref Ws, StageName: beta, StageVariables: { v: beta } } }
`,
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const options = (...argv: string[]): ServeOptions => {
    const command = parseCommandLine(['serve', join(dir, 'template.yaml'), ...argv]);
    if (command.kind !== 'serve') throw new Error(command.kind);
    return command.options;
  };
  const env = { region: 'us-east-1', accountId: '123456789012' };

  it('--api picks the WebSocket API; its function, Timeout and environment; the first stage, said in a line', async () => {
    const served = await loadServedTemplate(options('--api', 'Ws'), env);
    expect(served.definition).toBeUndefined();
    expect(served.websocket?.api.routes.map((r) => r.key)).toEqual(['$default']);
    expect(served.websocket?.environments).toEqual({ fn: { A: '1' } });
    expect(served.options.functions).toEqual([
      expect.objectContaining({ name: 'fn', path: join(dir, 'src', 'app.mjs'), exportName: 'handler' }),
    ]);
    expect(served.options.timeoutMs).toBe(5000);
    expect(served.options.stages).toEqual([{ name: 'live' }]);
    expect(served.options.stageVariablesByStage.live).toEqual({ v: 'live' });
    expect(served.lines[0]).toMatch(/2 APIs, serving Ws \(AWS::ApiGatewayV2::Api, WEBSOCKET, stages live, beta\)$/);
    expect(served.lines).toContain(
      "  serving stage live, the template's first (a WebSocket API is served on one stage: --stage NAME for another)",
    );
    expect(served.lines).toContain(
      '  also in the template (serve it with --api Http): Http (AWS::ApiGatewayV2::Api, HTTP, stage $default)',
    );
  });

  it('--stage names another of the template’s stages (its variables); the HTTP API lists the WebSocket one’s routes', async () => {
    const served = await loadServedTemplate(options('--api', 'Ws', '--stage', 'beta'), env);
    expect(served.options.stages).toEqual([{ name: 'beta' }]);
    expect(served.options.stageVariablesByStage.beta).toEqual({ v: 'beta' });
    const http = await loadServedTemplate(options(), env);
    expect(http.definition?.api.kind).toBe('HTTP');
    expect(http.lines).toContain('    routes: $default -> fn');
  });
});
