import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, startCli, type RunningCli } from './helpers.js';

const V1 = `${FIXTURES}/stages/v1.yaml`;
const V2 = `${FIXTURES}/stages/v2.yaml`;

/** Every `Invoke URL:` line of the banner, by stage name (the last path segment). */
function invokeUrls(stdout: string): Record<string, string> {
  return Object.fromEntries([...stdout.matchAll(/^Invoke URL: (\S+)$/gm)].map((m) => [m[1]!.split('/').pop()!, m[1]!]));
}

// `apigw-lab serve v2.yaml --stage prod=v1.yaml --stage dev`: two stages, two deployments at once.
describe('apigw-lab serve --stage NAME=DEFINITION --stage NAME', () => {
  let cli: RunningCli;

  beforeAll(async () => {
    cli = await startCli([
      V2,
      '--stage',
      `prod=${V1}`,
      '--stage',
      'dev',
      '--stage-variable',
      'color=red',
      '--stage-variable',
      'prod:color=blue',
    ]);
  }, 30_000);

  afterAll(async () => {
    await cli?.stop();
  });

  it('lists each stage with its deployment, definition and invoke URL', () => {
    const out = cli.stdout();
    const urls = invokeUrls(out);
    expect(Object.keys(urls)).toEqual(['prod', 'dev']);
    expect(out).toMatch(/^Stage prod: deployment \w+ of test\/fixtures\/cli\/stages\/v1\.yaml$/m);
    expect(out).toMatch(/^Stage dev: deployment \w+ of test\/fixtures\/cli\/stages\/v2\.yaml$/m);
    expect(out).toContain(`${urls.prod}/version`);
    expect(out).toContain(`${urls.dev}/version`);
  });

  it('answers each stage from its own deployment, with its own stage variables', async () => {
    const urls = invokeUrls(cli.stdout());
    const prod = await fetch(`${urls.prod}/version`);
    const dev = await fetch(`${urls.dev}/version`);
    expect([prod.status, dev.status]).toEqual([200, 200]);
    expect(await prod.json()).toEqual({ version: 'v1', stage: 'prod', color: 'blue' });
    expect(await dev.json()).toEqual({ version: 'v2', stage: 'dev', color: 'red' });
  });

  it('does not serve a stage it was not given', async () => {
    const base = invokeUrls(cli.stdout()).dev!.replace(/\/dev$/, '');
    expect((await fetch(`${base}/test/version`)).status).toBe(403);
  });
});

describe('apigw-lab serve: stages from the same definition share its deployment', () => {
  it('--stage a --stage b', async () => {
    const cli = await startCli([V1, '--stage', 'a', '--stage', 'b', '--stage-variable', 'b:color=green']);
    try {
      const out = cli.stdout();
      const a = /^Stage a: deployment (\w+)/m.exec(out)?.[1];
      const b = /^Stage b: deployment (\w+)/m.exec(out)?.[1];
      expect(a).toBeTruthy();
      expect(b).toBe(a);
      const urls = invokeUrls(out);
      expect(await (await fetch(`${urls.b}/version`)).json()).toEqual({ version: 'v1', stage: 'b', color: 'green' });
      expect(await (await fetch(`${urls.a}/version`)).json()).toEqual({ version: 'v1', stage: 'a', color: '' });
    } finally {
      await cli.stop();
    }
  });

  it('a single --stage keeps the one-stage banner', async () => {
    const cli = await startCli([V1, '--stage', 'prod']);
    try {
      expect(cli.invokeUrl).toMatch(/\/prod$/);
      expect(cli.stdout()).toMatch(
        /^apigw-lab: serving REST API "stages-api" from test\/fixtures\/cli\/stages\/v1\.yaml$/m,
      );
      expect(cli.stdout()).not.toMatch(/^Stage /m);
    } finally {
      await cli.stop();
    }
  });
});

describe('apigw-lab serve: bad stage flags', () => {
  it.each([
    [[V1, '--stage', 'a b'], /--stage "a b": a stage name has/],
    [[V1, '--stage', 'prod='], /--stage "prod=": expected NAME=DEFINITION/],
    [[V1, '--stage', 'dev', '--stage', 'dev'], /--stage: stage "dev" is given twice/],
    [[V1, '--stage', 'dev', '--stage-variable', 'prod:color=x'], /--stage-variable prod:…: no stage "prod"/],
    [[V1, '--stage-variable', 'a b:color=x'], /"a b" is not a stage name/],
    [[V1, '--stage-variable', 'dev:=x'], /expected K=V or STAGE:K=V|a stage variable name/],
    [
      [V1, '--stage', `prod=${FIXTURES}/stages/missing.yaml`],
      /definition file not found: test\/fixtures\/cli\/stages\/missing\.yaml/,
    ],
    [[V1, '--stage', `prod=${FIXTURES}/http-api/http-api.yaml`], /is an HTTP API but .* is a REST API/],
  ])('%j', async (args, message) => {
    const result = await runCli(['serve', ...args, '--port', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    // One error line (and, for a usage error, the hint line).
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^apigw-lab: error: /);
    expect(lines.length).toBeLessThanOrEqual(2);
  });
});
