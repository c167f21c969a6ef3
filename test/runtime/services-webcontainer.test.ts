/**
 * The WebContainer tree under real Node with issue #14's services: sandbox.json carries the example's services file
 * (examples/sqs-send-message and examples/stepfunctions-start-execution), the server gives each deployment embedded
 * services of its own (run-services.ts, as the Worker runtime does), a session's messages accumulate, the run body's
 * `serviceCalls` (the panel's "consume") receive and delete them, every outcome carries the service call and the
 * state, a Step Functions Task runs the tree's function, and a bad services file refuses every run with
 * `services: …`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServicesState } from '../../src/emulator/aws-services/types.js';
import { loadExample } from '../../src/examples/load-node.js';
import type { Example } from '../../src/examples/types.js';
import { serviceCallToJson } from '../../src/runtime/run-services.js';
import { deleteMessageCall, receiptHandlesOf, receiveMessageCall } from '../../src/runtime/sqs-consume.js';
import type { RunOutcome } from '../../src/runtime/types.js';
import { webContainerFiles } from '../../src/runtime/webcontainer/file-tree.js';
import { RUN_PATH, type SandboxConfig, type SandboxRunBody } from '../../src/runtime/webcontainer/protocol.js';
import { sandboxRunBodyOf } from '../../src/runtime/webcontainer/run-body.js';
import { bundleWebContainerServer } from '../../scripts/build-webcontainer.mjs';
import { runOf } from '../examples/example-runner.js';
import { closeConnections, rawRequest, startTreeServer, writeTree, type TreeServer } from './webcontainer-helpers.js';

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/orders';
const JSON_HEADERS: Array<[string, string]> = [['Content-Type', 'application/json']];

let bundle: string;
const dirs: string[] = [];
const servers: TreeServer[] = [];

/** A server for the example's tree, its services file replaced by `services` when given. */
async function serve(example: Example, services = example.servicesSource!): Promise<TreeServer> {
  const request = { method: 'POST', path: '/orders', headers: JSON_HEADERS, body: '{}' };
  const { request: _request, ...run } = runOf(example, 'typescript', request);
  const dir = await mkdtemp(join(tmpdir(), 'apigw-lab-wc-services-'));
  dirs.push(dir);
  await writeTree(dir, webContainerFiles({ ...run, services, emulatorBundle: bundle }));
  const server = await startTreeServer(dir);
  servers.push(server);
  return server;
}

async function post(server: TreeServer, body: SandboxRunBody): Promise<{ status: number; json: unknown }> {
  const res = await rawRequest(`http://127.0.0.1:${server.port}${RUN_PATH}`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify(body),
  });
  return { status: res.status, json: JSON.parse(res.body) as unknown };
}

const order = (body: string) => ({ method: 'POST', path: '/orders', headers: JSON_HEADERS, body });
const ordersOf = (json: unknown) =>
  (json as { services: ServicesState }).services.queues.find((q) => q.name === 'orders')!.messages;

let orders: Example;
let server: TreeServer;

beforeAll(async () => {
  bundle = (await bundleWebContainerServer({ write: false }))!;
  orders = loadExample('examples/sqs-send-message');
  server = await serve(orders);
}, 90_000);

afterAll(async () => {
  closeConnections();
  await Promise.all(servers.map((s) => s.stop()));
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the WebContainer server with services', () => {
  it('sandbox.json holds the services file as text', () => {
    const request = order('{}');
    const { request: _r, ...run } = runOf(orders, 'typescript', request);
    const node = webContainerFiles({ ...run, services: orders.servicesSource!, emulatorBundle: 'x' })['sandbox.json']!;
    const config = JSON.parse(String('file' in node && 'contents' in node.file && node.file.contents)) as SandboxConfig;
    expect(config.services).toBe(orders.servicesSource);
  });

  it("a session's messages accumulate; another session starts from the file; the outcome has the service call", async () => {
    await post(server, { request: order('{"n": 1}'), session: 'a' });
    const second = await post(server, { request: order('{"n": 2}'), session: 'a' });
    expect(second.status).toBe(200);
    expect(ordersOf(second.json).map((m) => m.body)).toEqual(['{"n": 1}', '{"n": 2}']);
    expect((second.json as RunOutcome).service).toMatchObject({ name: 'sqs', action: 'SendMessage' });
    expect((second.json as RunOutcome).integrationRequest?.url).toBe(QUEUE_URL);
    const other = await post(server, { request: order('{"n": 3}'), session: 'b' });
    expect(ordersOf(other.json).map((m) => m.body)).toEqual(['{"n": 3}']);
  });

  it('consume: serviceCalls (sent as the page sends them) receive, then delete, the messages', async () => {
    await post(server, { request: order('{"n": 1}'), session: 'c' });
    const receive = sandboxRunBodyOf({
      request: order(''),
      session: 'c',
      serviceCalls: [receiveMessageCall(QUEUE_URL)],
    });
    const received = await post(server, receive);
    const outcome = received.json as RunOutcome;
    expect(outcome.serviceResponses).toHaveLength(1);
    const handles = receiptHandlesOf(outcome.serviceResponses![0]!);
    expect(handles).toHaveLength(1);
    const deleted = await post(server, {
      request: order(''),
      session: 'c',
      serviceCalls: handles.map((h) => serviceCallToJson(deleteMessageCall(QUEUE_URL, h))),
    });
    expect((deleted.json as RunOutcome).serviceResponses!.map((r) => r.status)).toEqual([200]);
    expect(ordersOf(deleted.json)).toEqual([]);
  });

  it("a Step Functions Task runs the tree's function", async () => {
    const flow = loadExample('examples/stepfunctions-start-execution');
    const flowServer = await serve(flow);
    const reply = await post(flowServer, { request: order('{"sku": "widget", "quantity": 1}') });
    const [execution] = (reply.json as { services: ServicesState }).services.stateMachines[0]!.executions;
    expect(execution).toMatchObject({ status: 'SUCCEEDED' });
    expect(JSON.parse(execution!.output!)).toMatchObject({ stock: { inStock: 5, available: true } });
  }, 30_000);

  it('a bad services file refuses every run with one line starting "services:"', async () => {
    const bad = await serve(orders, '{"queues": [{}]}');
    const reply = await post(bad, { request: order('{}') });
    expect(reply.status).toBe(400);
    expect((reply.json as { error: { message: string } }).error.message).toMatch(/^services: [^\n]+$/);
  }, 30_000);
});
