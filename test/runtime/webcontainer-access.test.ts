/**
 * The WebContainer tree under real Node with issue #11's parts (test/fixtures/examples/access-items): a handler and a
 * Lambda authorizer (two functions, each in its own file and threads), the example's access in sandbox.json (an API
 * key in a 2-a-day plan, a user pool user), and runs with requests sent first, a session and "sign in as".
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareExchange, formatMismatches } from '../../src/examples/compare.js';
import { loadExample } from '../../src/examples/load-node.js';
import type { Example } from '../../src/examples/types.js';
import type { RunOutcome } from '../../src/runtime/types.js';
import { webContainerFiles, type WebContainerFilesInput } from '../../src/runtime/webcontainer/file-tree.js';
import { RUN_PATH, type SandboxConfig, type SandboxRunBody } from '../../src/runtime/webcontainer/protocol.js';
import { bundleWebContainerServer } from '../../scripts/build-webcontainer.mjs';
import { actualOf, documentedOf, runOf } from '../examples/example-runner.js';
import { closeConnections, rawRequest, startTreeServer, writeTree, type TreeServer } from './webcontainer-helpers.js';

const DIR = 'test/fixtures/examples/access-items';
let bundle: string;
let example: Example;
let server: TreeServer;
let dir: string;

/** The fixture as the page mounts it (TypeScript), from the run a sandbox sends. */
function input(): WebContainerFilesInput {
  const { request: _request, ...run } = runOf(example, 'typescript', {
    method: 'GET',
    path: '/',
    headers: [],
    body: null,
  });
  return { ...run, emulatorBundle: bundle };
}

async function post(body: SandboxRunBody): Promise<{ status: number; json: unknown }> {
  const res = await rawRequest(`http://127.0.0.1:${server.port}${RUN_PATH}`, {
    method: 'POST',
    headers: [['Content-Type', 'application/json']],
    body: JSON.stringify(body),
  });
  return { status: res.status, json: JSON.parse(res.body) as unknown };
}

const exchange = (id: string) => example.exchanges.find((x) => x.id === id)!;

beforeAll(async () => {
  example = loadExample(DIR);
  bundle = (await bundleWebContainerServer({ write: false }))!;
  dir = await mkdtemp(join(tmpdir(), 'apigw-lab-wc-access-'));
  await writeTree(dir, webContainerFiles(input()));
  server = await startTreeServer(dir);
}, 60_000);

afterAll(async () => {
  closeConnections();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('webContainerFiles with functions and access', () => {
  it('writes the authorizer as function-auth.mjs, and sandbox.json names it and holds the access', () => {
    const tree = webContainerFiles(input());
    expect(Object.keys(tree)).toContain('function-auth.mjs');
    const file = tree['function-auth.mjs']!;
    expect('file' in file && 'contents' in file.file && String(file.file.contents)).toContain('authorizationToken');
    const configNode = tree['sandbox.json']!;
    const config = JSON.parse(
      String('file' in configNode && 'contents' in configNode.file && configNode.file.contents),
    ) as SandboxConfig;
    expect(config.functions).toEqual([
      { name: 'auth', file: 'function-auth.mjs', handlerName: 'handler', moduleName: 'auth' },
    ]);
    expect(config.access).toEqual(example.manifest.access);
  });

  it('refuses a function name Lambda would refuse', () => {
    const bad = { ...input(), functions: [{ name: '../x', source: '', handlerName: 'handler', moduleName: 'x' }] };
    expect(() => webContainerFiles(bad)).toThrow(/function name "\.\.\/x"/);
  });
});

describe('the WebContainer tree under real Node: an authorizer, an API key, a user pool', () => {
  it.each(['1-token-allow', '2-token-cached', '3-token-deny', '4-quota', '5-sign-in', '6-signed'])(
    '%s matches the documented exchange (two functions, requests sent first, sign-in, signature)',
    async (id) => {
      const x = exchange(id);
      const { status, json } = await post({
        request: x.request,
        ...(x.auth ? { auth: x.auth } : {}),
        ...(x.before ? { before: x.before } : {}),
      });
      expect(status, JSON.stringify(json)).toBe(200);
      const outcome = json as RunOutcome;
      const mismatches = compareExchange(documentedOf(x, 'typescript'), actualOf(outcome), example.manifest.volatile);
      expect(mismatches, formatMismatches(mismatches)).toEqual([]);
    },
  );

  it('keeps a session: the second run hits the authorizer cache, the quota carries over; a run without one starts afresh', async () => {
    const allow = exchange('1-token-allow').request;
    const first = (await post({ request: allow, session: 's1' })).json as RunOutcome;
    const second = (await post({ request: allow, session: 's1' })).json as RunOutcome;
    expect([first.authorizer?.cached, second.authorizer?.cached]).toEqual([false, true]);
    const fresh = (await post({ request: allow })).json as RunOutcome;
    expect(fresh.authorizer?.cached).toBe(false);
    const other = (await post({ request: allow, session: 's2' })).json as RunOutcome;
    expect(other.authorizer?.cached).toBe(false);

    const keyed = exchange('4-quota').request;
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push(((await post({ request: keyed, session: 'q' })).json as RunOutcome).response.status);
    expect(statuses).toEqual([200, 200, 429]);
    expect(((await post({ request: keyed })).json as RunOutcome).response.status).toBe(200);
  });

  it('signs in as a user: the token in Authorization, the request as sent in the outcome', async () => {
    const { json } = await post({
      request: { method: 'GET', path: '/me', headers: [['Accept', '*/*']], body: null },
      auth: { signInAs: 'alice', scheme: 'Bearer' },
    });
    const outcome = json as RunOutcome;
    expect(outcome.response.status).toBe(200);
    expect(outcome.sentRequest?.headers.map(([n]) => n)).toEqual(['Accept', 'Authorization']);
    expect(outcome.sentRequest?.headers[1]![1]).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(JSON.parse(outcome.response.body)).toEqual({ path: '/me', caller: 'alice', keyed: false });
  });

  it("signs with an access key: X-Amz-Date and Authorization after the request's headers, the signing in the outcome", async () => {
    const { json } = await post({ request: exchange('6-signed').request, auth: { signWith: 'AKIAIOSFODNN7EXAMPLE' } });
    const outcome = json as RunOutcome;
    expect(outcome.response.status).toBe(200);
    expect(outcome.sentRequest?.headers.map(([n]) => n)).toEqual(['Accept', 'X-Amz-Date', 'Authorization']);
    expect(outcome.signing?.credentialScope).toMatch(/^\d{8}\/us-east-1\/execute-api\/aws4_request$/);
    expect(outcome.signing?.canonicalRequest).toMatch(
      /^GET\n\/dev\/signed\n\naccept:application\/json\nhost:abc1234567\.execute-api\.us-east-1\.amazonaws\.com\n/,
    );
    expect(outcome.sentRequest?.headers[2]![1]).toContain(`Signature=${outcome.signing?.signature}`);
    const unsigned = (await post({ request: exchange('6-signed').request })).json as RunOutcome;
    expect(unsigned.response.status).toBe(403);
  });

  it('refuses to sign in as a user the example does not have (400, the reason)', async () => {
    const { status, json } = await post({ request: exchange('5-sign-in').request, auth: { signInAs: 'mallory' } });
    expect(status).toBe(400);
    expect((json as { error: { message: string } }).error.message).toMatch(
      /sign in as "mallory": no such user.*"alice"/,
    );
  });

  it("prints the authorizer's logs and an access-log line for each request, those sent first included", async () => {
    const before = server.output().length;
    await post({ request: exchange('2-token-cached').request, before: exchange('2-token-cached').before! });
    const lines = () =>
      server
        .output()
        .slice(before)
        .match(/"GET \/items HTTP\/1\.1" 200 /g) ?? [];
    for (let i = 0; i < 50 && lines().length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(lines()).toHaveLength(2);
    // The authorizer ran once (its log line), the second request took its cached verdict.
    expect(
      server
        .output()
        .slice(before)
        .match(/authorizing allow-alice/g),
    ).toHaveLength(1);
  });
});
