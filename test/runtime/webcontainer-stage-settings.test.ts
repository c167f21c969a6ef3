/**
 * The WebContainer tree under real Node with issue #12's stage settings: sandbox.json carries the example's stage
 * config (examples/throttle-burst, its burst lowered to 2 at a near-zero rate so that the test does not race the
 * refill), the server applies it as the Worker runtime does (stage-settings.ts), a session's gateway keeps the
 * throttle's bucket between runs, and `withTrace` returns the request's GatewayTrace.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExample } from '../../src/examples/load-node.js';
import type { Example } from '../../src/examples/types.js';
import type { GatewayTrace } from '../../src/emulator/index.js';
import { webContainerFiles, type WebContainerFilesInput } from '../../src/runtime/webcontainer/file-tree.js';
import { RUN_PATH, type SandboxConfig, type SandboxRunBody } from '../../src/runtime/webcontainer/protocol.js';
import { bundleWebContainerServer } from '../../scripts/build-webcontainer.mjs';
import { runOf } from '../examples/example-runner.js';
import { closeConnections, rawRequest, startTreeServer, writeTree, type TreeServer } from './webcontainer-helpers.js';

let bundle: string;
let example: Example;
let server: TreeServer;
let dir: string;
const getItems = { method: 'GET', path: '/items', headers: [] as Array<[string, string]>, body: null };

function input(): WebContainerFilesInput {
  const { request: _request, ...run } = runOf(example, 'typescript', getItems);
  const stageConfig = example
    .stageConfigSource!.replace('"throttlingBurstLimit": 3', '"throttlingBurstLimit": 2')
    .replace('"throttlingRateLimit": 1.0', '"throttlingRateLimit": 0.001');
  return { ...run, stageConfig, emulatorBundle: bundle };
}

async function post(body: SandboxRunBody): Promise<{ status: number; json: unknown }> {
  const res = await rawRequest(`http://127.0.0.1:${server.port}${RUN_PATH}`, {
    method: 'POST',
    headers: [['Content-Type', 'application/json']],
    body: JSON.stringify(body),
  });
  return { status: res.status, json: JSON.parse(res.body) as unknown };
}

const statusOf = (reply: { json: unknown }) => (reply.json as { response: { status: number } }).response.status;

beforeAll(async () => {
  example = loadExample('examples/throttle-burst');
  bundle = (await bundleWebContainerServer({ write: false }))!;
  dir = await mkdtemp(join(tmpdir(), 'apigw-lab-wc-stage-'));
  await writeTree(dir, webContainerFiles(input()));
  server = await startTreeServer(dir);
}, 60_000);

afterAll(async () => {
  closeConnections();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('the WebContainer server with a stage config', () => {
  it('sandbox.json holds the stage config as text', () => {
    const node = webContainerFiles(input())['sandbox.json']!;
    const config = JSON.parse(String('file' in node && 'contents' in node.file && node.file.contents)) as SandboxConfig;
    expect(config.stageConfig).toContain('"throttlingBurstLimit": 2');
  });

  it("a session's gateway keeps the bucket between runs (a burst of 2: the third is a 429); another session starts full", async () => {
    const got: number[] = [];
    for (let i = 0; i < 4; i++) got.push(statusOf(await post({ request: getItems, session: 'a' })));
    expect(got).toEqual([200, 200, 429, 429]);
    expect(statusOf(await post({ request: getItems, session: 'b' }))).toBe(200);
  });

  it('withTrace returns the gateway trace in the outcome', async () => {
    const reply = await post({ request: getItems, session: 'c', withTrace: true });
    const trace = (reply.json as { trace?: GatewayTrace }).trace;
    expect(trace?.status).toBe(200);
    expect(trace?.resourcePath).toBe('/items');
    expect((await post({ request: getItems, session: 'c' })).json).not.toHaveProperty('trace');
  });
});
