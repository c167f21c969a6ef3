/**
 * `apigw-lab serve --api-type websocket`: the websocket-chat example served by the CLI, its documented conversation
 * (examples/websocket-chat/session.json) replayed with `ws` clients against the TypeScript handler (the real
 * @aws-sdk/client-apigatewaymanagementapi) and the Python one (boto3), wscat against it, and the @connections API
 * called with the real SDK client from the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { ROOT, runCli } from './helpers.js';
import { expectSessionReplayed, openClient, type RunningWebSocketCli, startWebSocketCli } from './websocket-helpers.js';

const DEF = 'examples/websocket-chat/api.json';
const TS = 'chat_handler=examples/websocket-chat/chat_handler.ts';
const PY = 'chat_handler=examples/websocket-chat/chat_handler.py';
const KEY = { accessKeyId: 'AKIAWEBSOCKETTEST001', secretAccessKey: 'd2Vic29ja2V0LXRlc3Qtc2VjcmV0LWtleS0wMDE' };

describe.each([
  ['TypeScript', TS],
  ['Python', PY],
])('the chat session with the %s handler', (_language, fn) => {
  let cli: RunningWebSocketCli;
  beforeAll(async () => {
    cli = await startWebSocketCli([DEF, '--function', fn]);
  }, 30_000);
  afterAll(async () => {
    await cli?.stop('SIGINT');
  });

  it('every step gets exactly the documented frames (session.json)', async () => {
    await expectSessionReplayed(cli.url);
    // One log line per event: connections (one refused), messages, the handler's @connections calls, disconnects.
    const log = cli.stdout();
    expect(log).toMatch(/ CONNECT +\$connect \S+ 400 \d+ms /);
    expect(log).toMatch(/ MESSAGE +sendmessage \S+ 200 \d+ms /);
    expect(log).toMatch(/ MESSAGE +\$default \S+ 200 sent 1 \d+ms /);
    expect(log).toMatch(
      / MANAGEMENT POST \/dev\/@connections\/\S+ 200 arn:aws:sts::123456789012:assumed-role\/chat_handler-role\/chat_handler sent 1 \d+ms /,
    );
    expect(log).toMatch(/ DISCONNECT \$disconnect \S+ 1000 /);
  }, 90_000);
});

describe('the CLI with the TypeScript handler', () => {
  let cli: RunningWebSocketCli;
  let sdk: ApiGatewayManagementApiClient;
  beforeAll(async () => {
    cli = await startWebSocketCli([
      DEF,
      '--function',
      TS,
      '--credentials',
      `${KEY.accessKeyId}:${KEY.secretAccessKey}`,
    ]);
    sdk = new ApiGatewayManagementApiClient({ endpoint: cli.httpUrl, region: 'us-east-1', credentials: KEY });
  }, 30_000);
  afterAll(async () => {
    sdk?.destroy();
    await cli?.stop('SIGINT');
  });

  it('wscat -x sends a message and prints the two-way route response', async () => {
    const wscat = join(ROOT, 'node_modules/.bin/wscat');
    const { stdout } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) =>
      execFile(
        wscat,
        ['-c', `${cli.url}?name=dave`, '-x', '{"action":"help"}', '-w', '2'],
        { timeout: 20_000 },
        (error, out, err) =>
          error ? reject(new Error(`${error.message}\n${err}`)) : resolve({ stdout: out, stderr: err }),
      ),
    );
    expect(stdout).toContain(
      '{"message":"Send {\\"action\\":\\"sendmessage\\",\\"message\\":\\"...\\"} to talk to everyone else."}',
    );
  }, 30_000);

  it('@connections with the real SDK: POST reaches the client, GET describes it, DELETE closes it, then 410 GoneException', async () => {
    const from = cli.stdout().length;
    const erin = await openClient(`${cli.url}?name=erin`);
    const line = await cli.waitForLine(/ CONNECT +\$connect \S+ 200 /, from);
    const connectionId = line.split(/ +/)[3]!;

    await sdk.send(
      new PostToConnectionCommand({ ConnectionId: connectionId, Data: new TextEncoder().encode('from the test') }),
    );
    for (let i = 0; i < 100 && erin.frames.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(erin.frames).toEqual(['from the test']);

    const info = await sdk.send(new GetConnectionCommand({ ConnectionId: connectionId }));
    expect(info.ConnectedAt).toBeInstanceOf(Date);
    expect(info.Identity?.SourceIp).toBe('127.0.0.1');
    expect(info.LastActiveAt).toBeInstanceOf(Date);

    await sdk.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
    const closed = await erin.closed;
    expect(closed.code).toBeGreaterThanOrEqual(1000);

    const gone = await sdk
      .send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: new TextEncoder().encode('late') }))
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(gone).toBeInstanceOf(GoneException);
    expect((gone as GoneException).$metadata.httpStatusCode).toBe(410);
  }, 30_000);

  it('an unsigned @connections call is refused (403), and a plain GET of the stage is told to upgrade', async () => {
    const response = await fetch(`${cli.httpUrl}/@connections/abc`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(403);
    const plain = await fetch(cli.httpUrl);
    expect(plain.status).toBe(426);
  });

  it('ping gets a pong; a 40 KB frame closes the connection with 1009; 100 KB in 25 KB frames passes, 150 KB in 30 KB frames does not', async () => {
    const client = await openClient(`${cli.url}?name=frank`);
    const pong = new Promise<string>((resolve) => client.ws.once('pong', (data) => resolve(String(data))));
    client.ws.ping('are you there');
    expect(await pong).toBe('are you there');

    // Four fragments of 25 KB (each under the 32 KB frame quota, 100 KB in all, under 128 KB): $default answers.
    const chunk = 'x'.repeat(25 * 1024);
    for (let i = 0; i < 4; i++) client.ws.send(chunk, { fin: i === 3 });
    for (let i = 0; i < 250 && client.frames.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(client.frames[0]).toContain('sendmessage');

    client.ws.send('y'.repeat(40 * 1024));
    expect(await client.closed).toEqual({ code: 1009, reason: 'Message too long' });

    // 150 KB in 30 KB frames: each frame passes, the message does not (128 KB).
    const other = await openClient(`${cli.url}?name=gus`);
    for (let i = 0; i < 5; i++) other.ws.send('z'.repeat(30 * 1024), { fin: i === 4 });
    expect(await other.closed).toEqual({ code: 1009, reason: 'Message too long' });
    expect(other.frames).toEqual([]);
    // $disconnect runs with the close code the client was given.
    await cli.waitForLine(/ DISCONNECT \$disconnect \S+ 1009 "Message too long" /);
  }, 30_000);

  it('export --api-type websocket prints the definition back', async () => {
    const result = await runCli(['export', '--api-type', 'websocket', DEF, '--format', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(readFileSync(join(ROOT, DEF), 'utf8')));
  });
});

describe('stopping', () => {
  it('SIGINT closes every client with 1001 (going away)', async () => {
    const cli = await startWebSocketCli([DEF, '--function', TS]);
    const client = await openClient(`${cli.url}?name=gina`);
    const exited = cli.stop('SIGINT');
    expect((await client.closed).code).toBe(1001);
    expect((await exited).code).toBe(0);
  }, 30_000);

  it('a YAML definition whose Api.ProtocolType is WEBSOCKET is served without --api-type', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apigw-lab-ws-yaml-'));
    const file = join(dir, 'chat.yaml');
    writeFileSync(file, stringify(JSON.parse(readFileSync(join(ROOT, DEF), 'utf8'))));
    const cli = await startWebSocketCli([file, '--function', TS, '--stage', 'prod']);
    try {
      expect(cli.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/prod$/);
      const client = await openClient(`${cli.url}?name=hana`);
      client.ws.send('not json');
      for (let i = 0; i < 250 && client.frames.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(client.frames[0]).toContain('sendmessage');
    } finally {
      await cli.stop('SIGINT');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it("a subprotocol is agreed only when $connect returns Sec-WebSocket-Protocol (AWS's subprotocol page)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apigw-lab-ws-proto-'));
    const handler = join(dir, 'proto.mjs');
    writeFileSync(
      handler,
      `export const handler = async (event) => event.requestContext.routeKey === '$connect' && event.queryStringParameters?.agree
  ? { statusCode: 200, headers: { 'Sec-WebSocket-Protocol': 'chat' } }
  : { statusCode: 200 };\n`,
    );
    const cli = await startWebSocketCli([DEF, '--function', `chat_handler=${handler}`]);
    try {
      const agreed = await openClient(`${cli.url}?agree=1`, ['chat', 'other']);
      expect(agreed.ws.protocol).toBe('chat');
      agreed.ws.close();
      await expect(openClient(cli.url, ['chat'])).rejects.toThrow(/subprotocol/i);
    } finally {
      await cli.stop('SIGINT');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('a definition that is not a WebSocket API is one error line naming the field', async () => {
    const result = await runCli(['serve', '--api-type', 'websocket', 'examples/items/openapi.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^apigw-lab: error: examples\/items\/openapi.yaml is not a WebSocket API definition .*: Api/,
    );
  });
});
