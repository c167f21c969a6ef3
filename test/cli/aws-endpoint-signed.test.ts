import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedAwsServices } from '../../src/emulator/aws-services/embedded-services.js';
import type { AwsServiceName } from '../../src/emulator/aws-services/types.js';
import { sigv4 } from '../../src/emulator/shared/iam/sigv4.js';
import { startCli } from './helpers.js';

/**
 * `--aws-endpoint` for the two services no npm server emulates (Step Functions, EventBridge: research §3): the endpoint
 * here is a server that checks each request's SigV4 signature (the scope names the service and the Region; the
 * signature is computed again with the secret, as AWS does) and then answers with the lab's embedded services. So the
 * CLI's remote path is proved to sign for `states` and `events` and to carry the services' answers back unchanged.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
const ACCESS_KEY = 'AKIDEXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const dir = mkdtempSync(join(tmpdir(), 'apigw-signed-'));
const example = (id: string, name: string) => join(process.cwd(), 'examples', id, name);

/** What the endpoint saw: the service each signature was scoped to, and whether the signature matched. */
const seen: Array<{ service: string; valid: boolean; target: string }> = [];

const backend = new EmbeddedAwsServices({ region: 'us-east-1', accountId: '123456789012', now: Date.now });

async function bodyOf(request: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

let server: Server;
let url = '';
const env = { ...process.env };
beforeAll(async () => {
  backend.apply({
    ...JSON.parse(readFileSync(example('eventbridge-put-events', 'services.json'), 'utf8')),
    stateMachines: [
      {
        name: 'OrderFlow',
        definition: { StartAt: 'Done', States: { Done: { Type: 'Pass', Result: { ok: true }, End: true } } },
      },
    ],
  });
  server = createServer(async (request, response) => {
    const body = await bodyOf(request);
    const authorization = request.headers.authorization ?? '';
    const match =
      /Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=(\w+)/.exec(
        authorization,
      );
    const target = String(request.headers['x-amz-target'] ?? '');
    if (!match || match[1] !== ACCESS_KEY) {
      seen.push({ service: '', valid: false, target });
      response.writeHead(403).end('{"message":"unsigned"}');
      return;
    }
    const [, , , region, service, signedHeaders, signature] = match;
    const headers: Record<string, string> = {};
    for (const name of signedHeaders!.split(';')) headers[name] = String(request.headers[name] ?? '');
    const [path, rawQuery = ''] = (request.url ?? '/').split('?');
    const computed = await sigv4({
      method: request.method ?? 'POST',
      path: path!,
      rawQuery,
      headers,
      body,
      longDate: String(request.headers['x-amz-date']),
      region: region!,
      service: service!,
      accessKeyId: ACCESS_KEY,
      secretAccessKey: SECRET,
    });
    const valid = computed.signature === signature;
    seen.push({ service: service!, valid, target });
    if (!valid) {
      response.writeHead(403).end('{"message":"The request signature we calculated does not match"}');
      return;
    }
    const answer = await backend.call({
      service: service as AwsServiceName,
      region: region!,
      method: request.method ?? 'POST',
      path: request.url ?? '/',
      headers: Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
      body,
    });
    response.writeHead(answer.status, Object.fromEntries(answer.headers)).end(answer.body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  process.env.AWS_ACCESS_KEY_ID = ACCESS_KEY;
  process.env.AWS_SECRET_ACCESS_KEY = SECRET;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
});
afterAll(() => {
  process.env = env;
  server?.close();
});

describe('apigw-lab serve --aws-endpoint states=URL,events=URL (a signature-checking endpoint)', () => {
  it('StartExecution and PutEvents are signed for their service and the answers reach the client', async () => {
    // The eventbridge-put-events example's API: its template sets the target itself (research §1.6).
    const definition = example('eventbridge-put-events', 'openapi.yaml');
    const cli = await startCli([definition, '--aws-endpoint', `states=${url},events=${url}`]);
    try {
      const put = await fetch(`${cli.invokeUrl}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          items: [{ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: '{"orderId":"o-1"}' }],
        }),
      });
      const text = await put.text();
      expect(put.status, text).toBe(200);
      expect(text).toMatch(/"FailedEntryCount":\s*0/);
      expect(seen.at(-1)).toEqual({ service: 'events', valid: true, target: 'AWSEvents.PutEvents' });
      // The endpoint's EventBridge delivered the event to its queue: the remote service really ran.
      expect(backend.state().queues.find((q) => q.name === 'order-events')!.messages).toHaveLength(1);
      await expect.poll(() => cli.stderr()).toMatch(new RegExp(`events PutEvents 200 ${url.replace(/[.]/g, '\\.')}`));
    } finally {
      await cli.stop();
    }
  });

  it('Step Functions: the gateway-added target is signed with the states scope', async () => {
    const definition = join(dir, 'sfn.json');
    writeFileSync(
      definition,
      JSON.stringify({
        openapi: '3.0.1',
        info: { title: 'Flows', version: '1' },
        paths: {
          '/orders': {
            post: {
              responses: { '200': { description: 'ok' } },
              'x-amazon-apigateway-integration': {
                type: 'aws',
                httpMethod: 'POST',
                uri: 'arn:aws:apigateway:us-east-1:states:action/StartExecution',
                credentials: 'arn:aws:iam::123456789012:role/apigw-states',
                requestTemplates: {
                  'application/json':
                    '{"input": "$util.escapeJavaScript($input.json(\'$\'))", "stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:OrderFlow"}',
                },
                passthroughBehavior: 'never',
                responses: { default: { statusCode: '200' } },
              },
            },
          },
        },
      }),
    );
    const cli = await startCli([definition, '--aws-endpoint', `states=${url}`]);
    try {
      const response = await fetch(`${cli.invokeUrl}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"sku": "widget"}',
      });
      const text = await response.text();
      expect(response.status, text).toBe(200);
      // startDate as the service writes it: a Java double (research §1.5).
      expect(text).toMatch(
        /^\{"executionArn":"arn:aws:states:us-east-1:123456789012:execution:OrderFlow:[0-9a-f-]{36}","startDate":\d\.\d+E9\}$/,
      );
      expect(seen.at(-1)).toEqual({ service: 'states', valid: true, target: 'AWSStepFunctions.StartExecution' });
    } finally {
      await cli.stop();
    }
  });
});
