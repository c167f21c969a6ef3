/**
 * "Copy as curl" for examples with access control (src/components/curl-command.ts, issue #11): the serve command's
 * `--usage-plan`/`--api-key`/`--credentials`, the `apigw-lab token` command a signed-in request splices into its
 * header, and curl's own SigV4 signing (`--aws-sigv4`). The commands are parsed by a real shell (`sh -c`), with curl and
 * npx replaced by functions that print their arguments, so the quoting is checked word by word; and run: the
 * examples' exchanges (their earlier requests first) and a signed-in request against `apigw-lab serve`.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessFlags,
  curlCommand,
  serveCommand,
  tokenCommand,
  type CurlInput,
  type ServeSetup,
} from '../../src/components/curl-command.js';
import { serveAccessOf, serveSetupOf } from '../../src/components/serve-setup.js';
import { loadExample } from '../../src/examples/load-node.js';
import type { ExampleAccess, ExampleRequest } from '../../src/examples/types.js';
import { ROOT } from '../cli/helpers.js';

const ACCESS: ExampleAccess = {
  usagePlans: [
    { name: 'basic', throttle: { rateLimit: 10, burstLimit: 5 }, quota: { limit: 3, period: 'DAY' } },
    { name: 'open' },
  ],
  apiKeys: [{ value: 'reader-key-0123456789abcdef', plan: 'basic' }, { value: 'other-key-0123456789abcdef' }],
  credentials: [
    { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    {
      accessKeyId: 'AKIAI44QH8DHBEXAMPLE',
      secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
      arn: 'arn:aws:iam::123456789012:user/bob',
    },
  ],
  users: [
    { user: 'alice', groups: ['admin', 'readers'], scopes: ['items/read'], email: 'alice@example.com' },
    { user: 'bob' },
  ],
};
const SETUP: ServeSetup = {
  apis: [{ definition: 'examples/secure/openapi.yaml', apiType: 'REST', stage: 'dev' }],
  functions: [
    {
      name: 'items_handler',
      files: { python: 'examples/secure/items_handler.py', typescript: 'examples/secure/items_handler.ts' },
    },
    { name: 'auth', files: { python: 'examples/secure/auth.py', typescript: 'examples/secure/auth.ts' } },
  ],
  access: serveAccessOf(ACCESS),
  users: ACCESS.users,
};
const GET: ExampleRequest = { method: 'GET', path: '/items', headers: [['Authorization', 'allow']], body: null };
const input = (over: Partial<CurlInput> = {}): CurlInput => ({
  setup: SETUP,
  request: GET,
  api: 0,
  language: 'python',
  invokeUrl: 'https://xxxxxxx.execute-api.us-east-1.amazonaws.com/dev',
  viaDomain: false,
  ...over,
});

/** The words a POSIX shell makes of `command`, with `curl` and `npx` printing theirs instead of running. */
function shellWords(command: string): string[] {
  const script = `curl() { for w in "$@"; do printf '%s\\n' "<$w>"; done; }; npx() { printf 'TOKEN(%s)' "$*"; }; ${command}`;
  const out = execFileSync('sh', ['-c', script], { encoding: 'utf8' });
  return out
    .trim()
    .split('\n')
    .map((line) => line.replace(/^<|>$/g, ''));
}

describe('accessFlags', () => {
  it('writes usage plans (limits optional), API keys (plan optional) and credentials (ARN optional) as the CLI reads them', () => {
    expect(accessFlags(serveAccessOf(ACCESS))).toEqual([
      '--usage-plan',
      'basic:rate=10,burst=5,quota=3/DAY',
      '--usage-plan',
      'open',
      '--api-key',
      'reader-key-0123456789abcdef=basic',
      '--api-key',
      'other-key-0123456789abcdef',
      '--credentials',
      'AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      '--credentials',
      'AKIAI44QH8DHBEXAMPLE:je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY:arn:aws:iam::123456789012:user/bob',
    ]);
    expect(accessFlags(undefined)).toEqual([]);
    expect(accessFlags(serveAccessOf({ users: [{ user: 'alice' }] }))).toEqual([]);
  });

  it('puts them in the serve command, after the functions (the authorizer among them)', () => {
    expect(serveCommand(input())).toBe(
      'npx apigw-lab serve examples/secure/openapi.yaml --function items_handler=examples/secure/items_handler.py ' +
        '--function auth=examples/secure/auth.py --usage-plan basic:rate=10,burst=5,quota=3/DAY --usage-plan open ' +
        '--api-key reader-key-0123456789abcdef=basic --api-key other-key-0123456789abcdef ' +
        '--credentials AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY ' +
        '--credentials AKIAI44QH8DHBEXAMPLE:je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY:arn:aws:iam::123456789012:user/bob',
    );
  });
});

describe('tokenCommand', () => {
  it("asks for the user's groups, and its scopes for an access token (--scope implies one); an ID token by default", () => {
    expect(tokenCommand({ signInAs: 'alice' }, ACCESS.users)).toBe(
      'npx apigw-lab token --user alice --group admin --group readers --email alice@example.com',
    );
    expect(tokenCommand({ signInAs: 'alice', tokenUse: 'access' }, ACCESS.users)).toBe(
      'npx apigw-lab token --user alice --group admin --group readers --scope items/read --email alice@example.com',
    );
    expect(tokenCommand({ signInAs: 'alice', tokenUse: 'id' }, ACCESS.users)).toBe(
      'npx apigw-lab token --user alice --group admin --group readers --email alice@example.com',
    );
    expect(tokenCommand({ signInAs: 'bob', tokenUse: 'access' }, ACCESS.users)).toBe(
      'npx apigw-lab token --user bob --token-use access',
    );
    expect(tokenCommand({ signInAs: 'carol' })).toBe('npx apigw-lab token --user carol');
  });
});

describe('curlCommand with auth', () => {
  it('sends the request unsigned without auth', () => {
    expect(curlCommand(input())).toBe(
      "curl -i http://127.0.0.1:3000/dev/items -H 'Authorization: allow' -H Accept: -H User-Agent:",
    );
  });

  it("signs in: the token command's output in the Authorization header, in place of the form's", () => {
    const command = curlCommand(input({ auth: { signInAs: 'alice', tokenUse: 'id' } }));
    expect(command).toBe(
      'curl -i http://127.0.0.1:3000/dev/items -H Accept: -H User-Agent: -H "Authorization: $(npx apigw-lab token --user alice --group admin --group readers --email alice@example.com)"',
    );
    expect(shellWords(command)).toEqual([
      '-i',
      'http://127.0.0.1:3000/dev/items',
      '-H',
      'Accept:',
      '-H',
      'User-Agent:',
      '-H',
      'Authorization: TOKEN(apigw-lab token --user alice --group admin --group readers --email alice@example.com)',
    ]);
  });

  it('signs in with another header and a scheme, quoted for the shell', () => {
    const command = curlCommand(
      input({ auth: { signInAs: 'bob', header: 'X-Token', scheme: 'Bearer' }, request: { ...GET, headers: [] } }),
    );
    expect(shellWords(command).at(-1)).toBe('X-Token: Bearer TOKEN(apigw-lab token --user bob)');
  });

  it("signs with curl's own SigV4 (--aws-sigv4) and the access key's secret", () => {
    const command = curlCommand(input({ auth: { signWith: 'AKIAI44QH8DHBEXAMPLE' } }));
    expect(command).toMatch(
      / --aws-sigv4 aws:amz:us-east-1:execute-api --user AKIAI44QH8DHBEXAMPLE:je7MtGbClwBF\/2Zp9Utk\/h3yCo8nvbEXAMPLEKEY$/,
    );
    expect(shellWords(command).slice(-4)).toEqual([
      '--aws-sigv4',
      'aws:amz:us-east-1:execute-api',
      '--user',
      'AKIAI44QH8DHBEXAMPLE:je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
    ]);
    expect(() => curlCommand(input({ auth: { signWith: 'AKIANOTINTHEEXAMPLE0' } }))).toThrow(/AKIANOTINTHEEXAMPLE0/);
  });
});

// ---- the commands, run: `apigw-lab serve` as the sandbox shows it, then curl as copied ----------------------------

/** `npx apigw-lab …` as this checkout's CLI. */
const here = (command: string) => command.replace(/npx apigw-lab /g, 'node bin/apigw-lab.mjs ');

function startServe(command: string): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', `exec ${here(command)}`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no Invoke URL within 60 s: ${out}`)), 60_000);
    const read = (d: string) => {
      out += d;
      const match = /^Invoke URL: http:\/\/127\.0\.0\.1:(\d+)/m.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]) });
      }
    };
    child.stdout.setEncoding('utf8').on('data', read);
    child.stderr.setEncoding('utf8').on('data', read);
    child.on('close', (code) => reject(new Error(`serve exited (${code}): ${out}`)));
  });
}

function runCurl(command: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    execFile('sh', ['-c', here(command)], { cwd: ROOT, encoding: 'utf8' }, (error, stdout) => {
      if (error) return reject(error);
      const end = stdout.indexOf('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/[\d.]+ (\d{3})/.exec(stdout)?.[1]), body: stdout.slice(end + 4) });
    });
  });
}

const withAccess = ['authorizer-token', 'authorizer-request', 'api-key', 'cognito', 'iam', 'resource-policy'].filter(
  (name) => existsSync(join(ROOT, 'examples', name, 'example.json')),
);

describe.each(withAccess)('the commands of examples/%s, run (its earlier requests first)', (name) => {
  const example = loadExample(`examples/${name}`);
  const m = example.manifest;
  const setup = serveSetupOf(name, [
    { apiType: 'REST', ...(m.endpointType ? { endpointType: m.endpointType } : {}), stage: m.stage },
  ]);
  let server: { child: ChildProcess; port: number };
  beforeAll(async () => {
    server = await startServe(serveCommand({ setup, api: 0, language: 'typescript', port: 0 }));
  }, 90_000);
  afterAll(() => server?.child.kill());

  it.each(example.exchanges.map((x) => [x.id, x] as const))('%s: the documented status and body', async (_id, x) => {
    const curl = (request: ExampleRequest) =>
      curlCommand({
        setup,
        request,
        api: 0,
        language: 'typescript',
        invokeUrl: m.invokeUrl,
        viaDomain: false,
        port: server.port,
        ...(x.auth ? { auth: x.auth } : {}),
      });
    for (const request of x.before ?? []) await runCurl(curl(request));
    const response = await runCurl(curl(x.request));
    const documented = x.response.typescript;
    // A 403 naming the method's ARN names the API's id, which apigw-lab serve makes up: read as the example's.
    const body = response.body.replace(/(arn:aws:execute-api:[^:]+:[^:]+:)[a-z0-9]+\//g, `$1${m.apiId}/`);
    expect({ status: response.status, body }, curl(x.request)).toEqual({
      status: documented.status,
      body: documented.body,
    });
  });
});

describe('a signed-in request, run: the token apigw-lab token prints, against apigw-lab serve', () => {
  const dir = 'test/fixtures/components/signed-in';
  const setup: ServeSetup = {
    apis: [{ definition: `${dir}/openapi.yaml`, apiType: 'REST', stage: 'dev' }],
    functions: [{ name: 'me', files: { python: `${dir}/me.py`, typescript: `${dir}/me.ts` } }],
    users: [{ user: 'alice', groups: ['admin'] }],
  };
  let server: { child: ChildProcess; port: number };
  beforeAll(async () => {
    server = await startServe(serveCommand({ setup, api: 0, language: 'typescript', port: 0 }));
  }, 90_000);
  afterAll(() => server?.child.kill());

  it("passes the Cognito authorizer as alice, with alice's group, and is refused without the token", async () => {
    const me: ExampleRequest = { method: 'GET', path: '/me', headers: [['Authorization', 'stale']], body: null };
    const command = (auth?: CurlInput['auth']) =>
      curlCommand(input({ setup, request: me, port: server.port, ...(auth ? { auth } : {}) }));
    const signedIn = await runCurl(command({ signInAs: 'alice' }));
    expect(signedIn, command({ signInAs: 'alice' })).toEqual({
      status: 200,
      body: '{"user":"alice","groups":"admin"}',
    });
    expect((await runCurl(command())).status).toBe(401);
  });
});
