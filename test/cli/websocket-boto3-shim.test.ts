/**
 * The lab's boto3 (src/lambda/python-boto3-shim.ts) in a Node worker thread's Pyodide, over the sync HTTP bridge
 * (src/node/sync-fetch-bridge.ts): a Python handler's `boto3.client("apigatewaymanagementapi")` calls reach an HTTP
 * server SigV4-signed as the gateway's verifier (the IAM authorizer's) accepts them, with the function's environment
 * (endpoint, credentials, session token) as Lambda sets a role's; errors come back as botocore's ClientError.
 * https://boto3.amazonaws.com/v1/documentation/api/latest/reference/services/apigatewaymanagementapi.html
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createNodeFunctionHost, type NodeFunctionHost } from '../../src/node/function-host.js';
import { IamRegistry } from '../../src/emulator/shared/iam/principals.js';
import { verifySignature } from '../../src/emulator/shared/iam/verify-request.js';
import type { InvokeOutcome } from '../../src/emulator/shared/invoker.js';
import { invocation } from '../lambda/helpers.js';

const workerUrl = new URL('../../lib/handler-worker.mjs', import.meta.url);
const KEY = { accessKeyId: 'ASIAEXAMPLEEXAMPLE01', secretAccessKey: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0' };
const TOKEN = 'FwoGZXIvYXdzEXAMPLETOKEN';

interface Received {
  method: string;
  path: string;
  headers: Array<[string, string]>;
  body: string;
  verdict: string;
}

const scratch = mkdtempSync(join(tmpdir(), 'apigw-lab-boto3-'));
const received: Received[] = [];
let server: Server;
let host: NodeFunctionHost;
let endpoint = '';

const HANDLER = `
import json
import boto3
from botocore.exceptions import ClientError, ParamValidationError

def lambda_handler(event, context):
    keys = {"aws_access_key_id": event["key"], "aws_secret_access_key": "x" * 40} if "key" in event else {}
    api = boto3.client("apigatewaymanagementapi", endpoint_url=event.get("endpoint"), **keys)
    op = event["op"]
    try:
        if op == "post":
            r = api.post_to_connection(ConnectionId=event["id"], Data=event["data"])
            return {"status": r["ResponseMetadata"]["HTTPStatusCode"]}
        if op == "get":
            r = api.get_connection(ConnectionId=event["id"])
            return {"connectedAt": r["ConnectedAt"].isoformat(), "sourceIp": r["Identity"]["SourceIp"],
                    "lastActiveAt": r["LastActiveAt"].year}
        if op == "delete":
            r = api.delete_connection(ConnectionId=event["id"])
            return {"status": r["ResponseMetadata"]["HTTPStatusCode"]}
        if op == "missing":
            api.post_to_connection(Data=b"x")
        if op == "other-service":
            boto3.client("dynamodb")
        if op == "other-method":
            api.get_paginator("x")
    except api.exceptions.GoneException as e:
        return {"modeled": True, "code": e.response["Error"]["Code"], "message": str(e)}
    except ClientError as e:
        return {"code": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
    except (ParamValidationError, NotImplementedError) as e:
        return {"error": type(e).__name__, "message": str(e)}
`;

beforeAll(async () => {
  const registry = new IamRegistry('123456789012');
  registry.putCredentials({ ...KEY, arn: 'arn:aws:sts::123456789012:assumed-role/chat-role/chat_handler' });
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers: Array<[string, string]> = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
      const [path = '/', rawQuery = ''] = (req.url ?? '/').split('?');
      void verifySignature(
        {
          method: req.method ?? 'GET',
          path,
          rawQuery,
          headers,
          host: req.headers.host ?? '',
          body: body.length ? new Uint8Array(body) : null,
          epochMs: Date.now(),
          region: 'eu-west-1', // the region of test/lambda/helpers.ts's function ARN (AWS_REGION)
        },
        registry,
      ).then((verdict) => {
        received.push({ method: req.method ?? '', path, headers, body: body.toString('utf8'), verdict: verdict.kind });
        if (verdict.kind !== 'signed') {
          res.writeHead(403, { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'ForbiddenException' });
          return res.end(JSON.stringify({ message: verdict.kind }));
        }
        if (path.endsWith('/gone')) {
          res.writeHead(410, { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'GoneException' });
          return res.end('{"message":null}');
        }
        if (req.method === 'GET') {
          res.writeHead(200, { 'Content-Type': 'application/json', 'x-amzn-RequestId': 'req-1' });
          return res.end(
            JSON.stringify({
              connectedAt: '2026-12-04T08:00:00.000Z',
              identity: { sourceIp: '127.0.0.1', userAgent: 'wscat' },
              lastActiveAt: '2026-12-04T08:01:00.000Z',
            }),
          );
        }
        res.writeHead(req.method === 'DELETE' ? 204 : 200, { 'x-amzn-RequestId': 'req-2' });
        res.end();
      });
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dev`;
  const handler = join(scratch, 'shim_handler.py');
  writeFileSync(handler, HANDLER);
  host = createNodeFunctionHost(
    {
      shim: {
        path: handler,
        environment: {
          AWS_ACCESS_KEY_ID: KEY.accessKeyId,
          AWS_SECRET_ACCESS_KEY: KEY.secretAccessKey,
          AWS_SESSION_TOKEN: TOKEN,
          AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI: endpoint,
        },
      },
    },
    { workerUrl, maxWorkersPerFunction: 1 },
  );
}, 30_000);

afterAll(async () => {
  await host?.close();
  await new Promise((done) => server?.close(done));
  rmSync(scratch, { recursive: true, force: true });
});

async function run(event: Record<string, unknown>): Promise<Record<string, unknown>> {
  const outcome: InvokeOutcome = await host.invoke(invocation('shim', event));
  if (outcome.kind !== 'result') throw new Error(`handler failed: ${JSON.stringify(outcome)}`);
  return outcome.payload as Record<string, unknown>;
}

describe('boto3 shim: apigatewaymanagementapi from a Python handler in a worker thread', () => {
  it('post_to_connection: POST {endpoint}/@connections/{id} (the id percent-encoded), SigV4 execute-api with the session token', async () => {
    received.length = 0;
    expect(await run({ op: 'post', id: 'L0SM9cOFvHcCIhw=', data: '{"from":"bob","message":"hi"}' })).toEqual({
      status: 200,
    });
    const request = received[0]!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/dev/@connections/L0SM9cOFvHcCIhw%3D');
    expect(request.body).toBe('{"from":"bob","message":"hi"}');
    expect(request.verdict).toBe('signed');
    const header = (name: string) => request.headers.find(([n]) => n.toLowerCase() === name)?.[1];
    expect(header('x-amz-security-token')).toBe(TOKEN);
    expect(header('authorization')).toMatch(
      /^AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEEXAMPLE01\/\d{8}\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=[a-z0-9;-]*host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
    );
  }, 60_000);

  it('get_connection: ConnectedAt/LastActiveAt as datetimes, Identity.SourceIp', async () => {
    expect(await run({ op: 'get', id: 'abc' })).toEqual({
      connectedAt: '2026-12-04T08:00:00+00:00',
      sourceIp: '127.0.0.1',
      lastActiveAt: 2026,
    });
  });

  it('delete_connection: DELETE, 204', async () => {
    received.length = 0;
    expect(await run({ op: 'delete', id: 'abc' })).toEqual({ status: 204 });
    expect(received[0]!.method).toBe('DELETE');
  });

  it('410 GoneException: the modeled exception, a ClientError whose Error.Code is GoneException', async () => {
    expect(await run({ op: 'post', id: 'gone', data: 'x' })).toEqual({
      modeled: true,
      code: 'GoneException',
      message: 'An error occurred (GoneException) when calling the PostToConnection operation: ',
    });
  });

  it('a key the server does not know: ClientError ForbiddenException 403', async () => {
    expect(await run({ op: 'post', id: 'abc', data: 'x', key: 'AKIAUNKNOWNUNKNOWN01' })).toEqual({
      code: 'ForbiddenException',
      status: 403,
    });
    expect(received.at(-1)!.verdict).toBe('unrecognized');
  });

  it('parameter validation and unsupported services/methods name what the lab supports', async () => {
    expect(await run({ op: 'missing' })).toEqual({
      error: 'ParamValidationError',
      message: 'Parameter validation failed:\nMissing required parameter in input: "ConnectionId"',
    });
    const service = await run({ op: 'other-service' });
    expect(service.error).toBe('NotImplementedError');
    expect(service.message).toContain("boto3.client('dynamodb')");
    expect(service.message).toContain('post_to_connection, get_connection and delete_connection');
    const method = await run({ op: 'other-method' });
    expect(method.error).toBe('NotImplementedError');
    expect(method.message).toContain('apigatewaymanagementapi.get_paginator');
  });

  it('an endpoint nobody listens on: EndpointConnectionError, not a hang', async () => {
    const outcome = await host.invoke(
      invocation('shim', { op: 'post', id: 'a', data: 'x', endpoint: 'http://127.0.0.1:9/dev' }),
    );
    expect(outcome.kind).toBe('error');
    if (outcome.kind === 'error') {
      expect(outcome.error.errorType).toBe('EndpointConnectionError');
      expect(outcome.error.errorMessage).toBe(
        'Could not connect to the endpoint URL: "http://127.0.0.1:9/dev/@connections/a"',
      );
    }
  });
});
