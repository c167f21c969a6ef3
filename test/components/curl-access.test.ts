/**
 * "Copy as curl" for examples with access control (src/components/curl-command.ts, issue #11): the serve command's
 * `--usage-plan`/`--api-key`/`--credentials`, the `apigw-lab token` command a signed-in request splices into its
 * header, and curl's own SigV4 signing (`--aws-sigv4`). The commands are parsed by a real shell (`sh -c`), with curl and
 * npx replaced by functions that print their arguments, so the quoting is checked word by word.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  accessFlags,
  curlCommand,
  serveCommand,
  tokenCommand,
  type CurlInput,
  type ServeSetup,
} from '../../src/components/curl-command.js';
import type { ExampleAccess, ExampleRequest } from '../../src/examples/types.js';

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
  access: ACCESS,
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
    expect(accessFlags(ACCESS)).toEqual([
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
    expect(accessFlags({ users: [{ user: 'alice' }] })).toEqual([]);
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
  it("asks for the user's groups, and its scopes for an access token (--scope implies one)", () => {
    expect(tokenCommand({ signInAs: 'alice' }, ACCESS)).toBe(
      'npx apigw-lab token --user alice --group admin --group readers --scope items/read --email alice@example.com',
    );
    expect(tokenCommand({ signInAs: 'alice', tokenUse: 'id' }, ACCESS)).toBe(
      'npx apigw-lab token --user alice --group admin --group readers --email alice@example.com',
    );
    expect(tokenCommand({ signInAs: 'bob', tokenUse: 'access' }, ACCESS)).toBe(
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
