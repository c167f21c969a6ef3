import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../src/emulator/index.js';
import { FIXTURES, runCli, startCli, type RunningCli } from './helpers.js';

const DIR = `${FIXTURES}/iam`;
const ALICE = { accessKeyId: 'AKIAALICE0000EXAMPLE', secretAccessKey: 'alice/secret+EXAMPLEKEY' };
const BOB = { accessKeyId: 'AKIABOB00000EXAMPLE0', secretAccessKey: 'bob/secret+EXAMPLEKEY' };
const BOB_ARN = 'arn:aws:iam::123456789012:user/bob';

// `apigw-lab serve --credentials ACCESS_KEY:SECRET[:ARN] --identity-policy ARN=FILE`: AWS_IAM methods verify SigV4
// for real (https://docs.aws.amazon.com/apigateway/latest/developerguide/permissions.html).
describe('apigw-lab serve with --credentials (IAM authorization)', () => {
  let cli: RunningCli;
  // Bob's identity policy allows POST /items only (written here: every .json under test/fixtures is read as an API).
  const policyDir = mkdtempSync(join(tmpdir(), 'apigw-iam-policy-'));
  const bobPolicy = join(policyDir, 'bob-policy.json');
  writeFileSync(
    bobPolicy,
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:us-east-1:*:*/dev/POST/items' },
      ],
    }),
  );

  beforeAll(async () => {
    cli = await startCli([
      `${DIR}/api.yaml`,
      '--function',
      `items=${DIR}/items.mjs`,
      '--credentials',
      `${ALICE.accessKeyId}:${ALICE.secretAccessKey}`,
      '--credentials',
      `${BOB.accessKeyId}:${BOB.secretAccessKey}:${BOB_ARN}`,
      '--identity-policy',
      `${BOB_ARN}=${bobPolicy}`,
    ]);
  }, 30_000);

  afterAll(async () => {
    await cli?.stop();
    rmSync(policyDir, { recursive: true, force: true });
  });

  const signedFetch = async (key: { accessKeyId: string; secretAccessKey: string }, method = 'GET', body?: string) => {
    const url = `${cli.invokeUrl}/items`;
    const { headers } = await signRequest({ method, url, body: body ?? null, ...key });
    return fetch(url, { method, headers, body });
  };

  it('admits a request signed with a given key; the caller is in requestContext.identity', async () => {
    const response = await signedFetch(ALICE);
    expect(response.status).toBe(200);
    const { identity } = (await response.json()) as { identity: Record<string, unknown> };
    expect(identity).toMatchObject({
      accessKey: ALICE.accessKeyId,
      accountId: '123456789012',
      userArn: 'arn:aws:iam::123456789012:user/apigw-lab',
    });
    await expect.poll(() => cli.stderr()).toMatch(/authorizer sigv4 \(AWS_IAM\): allow/);
  });

  it('answers an unsigned request 403 {"message":"Missing Authentication Token"}', async () => {
    const response = await fetch(`${cli.invokeUrl}/items`);
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('{"message":"Missing Authentication Token"}');
  });

  it('refuses a request signed with any other key', async () => {
    const response = await signedFetch({ accessKeyId: 'AKIAOTHER000EXAMPLE0', secretAccessKey: 'x' });
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('{"message":"The security token included in the request is invalid."}');
    expect(response.headers.get('x-amzn-errortype')).toBe('UnrecognizedClientException');
  });

  it('apigw-lab sign prints a curl command that the server admits', async () => {
    const printed = await runCli([
      'sign',
      '--credentials',
      `${ALICE.accessKeyId}:${ALICE.secretAccessKey}`,
      '-H',
      'Content-Type: application/json',
      '--data',
      `{"name":"it's"}`,
      `${cli.invokeUrl}/items`,
    ]);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(
      /^curl -X POST -H 'Content-Type: application\/json' -H 'X-Amz-Date: \d{8}T\d{6}Z' -H 'Authorization: AWS4-HMAC-SHA256 Credential=AKIAALICE0000EXAMPLE\/\d{8}\/us-east-1\/execute-api\/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=[0-9a-f]{64}' --data-raw '\{"name":"it'\\''s"\}' 'http:\/\/127\.0\.0\.1:\d+\/dev\/items'\n$/,
    );
    const curl = spawnSync('sh', ['-c', `${printed.stdout.trim()} -s -o /dev/null -w '%{http_code}'`], {
      encoding: 'utf8',
    });
    expect(curl.stdout).toBe('200');
  });

  it('applies --identity-policy: bob may POST /items but not GET it', async () => {
    const apiId = await apiIdOf();
    const denied = await signedFetch(BOB);
    expect(denied.status).toBe(403);
    expect(await denied.text()).toBe(
      `{"Message":"User: ${BOB_ARN} is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********9012:${apiId}/dev/GET/items because no identity-based policy allows the execute-api:Invoke action"}`,
    );
    expect((await signedFetch(BOB, 'POST', '{"name":"pen"}')).status).toBe(200);
  });
});

/** The API id the CLI gives the definition, as its export's invoke URL shows it. */
async function apiIdOf(): Promise<string> {
  const exported = await runCli(['export', `${DIR}/api.yaml`, '--format', 'json', '--stage', 'dev']);
  const url = (JSON.parse(exported.stdout) as { servers: Array<{ url: string }> }).servers[0]!.url;
  return /^https:\/\/([^.]+)\./.exec(url)![1]!;
}

describe('apigw-lab serve --credentials and --identity-policy errors (one line each)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'apigw-iam-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  const serveWith = (...flags: string[]) =>
    runCli(['serve', `${DIR}/api.yaml`, '--function', `items=${DIR}/items.mjs`, '--port', '0', ...flags]);

  it.each([
    [
      ['--credentials', 'AKIAALICE0000EXAMPLE'],
      /--credentials "AKIAALICE0000EXAMPLE": expected ACCESS_KEY:SECRET\[:ARN\]/,
    ],
    [['--credentials', 'AKIA:secret'], /--credentials AKIA:…: access key id "AKIA" must be 16 to 128/],
    [['--credentials', 'AKIAALICE0000EXAMPLE:s:arn:aws:iam::1:user/x'], /is not an IAM user ARN/],
    [['--identity-policy', 'arn:aws:iam::123456789012:user/bob'], /--identity-policy ".*": expected ARN=FILE/],
    [
      ['--identity-policy', `${BOB_ARN}=${DIR}/missing.json`],
      /cannot read test\/fixtures\/cli\/iam\/missing.json \(no such file\)/,
    ],
  ])('%j', async (flags, message) => {
    const r = await serveWith(...flags);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')[0]).toMatch(message);
  });

  it('refuses a policy file that is not JSON, or not a policy', async () => {
    const notJson = join(tmp, 'not.json');
    writeFileSync(notJson, 'Effect: Allow');
    const r1 = await serveWith('--identity-policy', `${BOB_ARN}=${notJson}`);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/is not JSON \(expected an IAM policy document/);
    const notPolicy = join(tmp, 'policy.json');
    writeFileSync(notPolicy, '{"Statement":[{"Effect":"Allow"}]}');
    const r2 = await serveWith('--identity-policy', `${BOB_ARN}=${notPolicy}`);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/Action must be a string or a list of strings/);
  });
});
