import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli/args.js';
import { FIXTURES, runCli, startCli, type RunningCli } from './helpers.js';

const API = `${FIXTURES}/api-keys/api.yaml`;
const LIMITED = 'limited-key-0123456789';
const FREE = 'free-key-0123456789abc';

// apigw-lab serve api.yaml --usage-plan basic:quota=2/DAY --api-key LIMITED=basic --api-key FREE
describe('apigw-lab serve --api-key VALUE[=PLAN] --usage-plan NAME:… (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html)', () => {
  let cli: RunningCli;

  beforeAll(async () => {
    cli = await startCli([
      API,
      '--usage-plan',
      'basic:rate=100,burst=50,quota=2/DAY',
      '--api-key',
      `${LIMITED}=basic`,
      '--api-key',
      FREE,
    ]);
  }, 30_000);

  afterAll(async () => {
    await cli?.stop();
  });

  it('no key: 403 {"message":"Forbidden"}', async () => {
    const response = await fetch(`${cli.invokeUrl}/items`);
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('ForbiddenException');
    expect(await response.text()).toBe('{"message":"Forbidden"}');
  });

  it('an unknown key: 403', async () => {
    const response = await fetch(`${cli.invokeUrl}/items`, { headers: { 'x-api-key': 'no-such-key-0123456789' } });
    expect(response.status).toBe(403);
  });

  it('a method without apiKeyRequired needs no key', async () => {
    const response = await fetch(`${cli.invokeUrl}/hello`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ apiKeyId: null });
  });

  it('quota 2/DAY: two requests with the key pass (the event names the key), the third is 429 {"message":"Limit Exceeded"}', async () => {
    const answers = [];
    for (let i = 0; i < 3; i++)
      answers.push(await fetch(`${cli.invokeUrl}/items`, { headers: { 'x-api-key': LIMITED } }));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 429]);
    expect((await answers[0]!.json()).apiKeyId).toMatch(/^\w+$/);
    expect(answers[2]!.headers.get('x-amzn-errortype')).toBe('LimitExceededException');
    expect(await answers[2]!.text()).toBe('{"message":"Limit Exceeded"}');
  });

  it('a key given without =PLAN is in the default plan, without limits', async () => {
    for (let i = 0; i < 4; i++) {
      const response = await fetch(`${cli.invokeUrl}/items`, { headers: { 'x-api-key': FREE } });
      expect(response.status).toBe(200);
    }
  });
});

describe('--api-key and --usage-plan on bad input: one-line errors', () => {
  const serve =
    (...flags: string[]) =>
    () =>
      parseCommandLine(['serve', API, ...flags]);

  it.each([
    [
      ['--api-key', 'short'],
      '--api-key "short": an API key value has 20 to 128 characters, as API Gateway requires (this one has 5)',
    ],
    [['--api-key', `${LIMITED}=nope`], `--api-key ${LIMITED}=nope: no usage plan "nope" (add --usage-plan nope:…)`],
    [
      ['--usage-plan', 'basic:quota=2/YEAR'],
      '--usage-plan "basic:quota=2/YEAR": quota "2/YEAR" is not N/DAY, N/WEEK or N/MONTH (expected NAME:rate=R,burst=B,quota=N/DAY|WEEK|MONTH)',
    ],
    [
      ['--usage-plan', 'basic:rate=5'],
      '--usage-plan "basic:rate=5": rate and burst go together (expected NAME:rate=R,burst=B,quota=N/DAY|WEEK|MONTH)',
    ],
    [
      ['--usage-plan', 'basic:speed=5'],
      '--usage-plan "basic:speed=5": unknown limit "speed" (expected NAME:rate=R,burst=B,quota=N/DAY|WEEK|MONTH)',
    ],
    [
      ['--usage-plan', 'basic:burst=1.5,rate=1'],
      '--usage-plan "basic:burst=1.5,rate=1": burst "1.5" is not a whole number of requests (expected NAME:rate=R,burst=B,quota=N/DAY|WEEK|MONTH)',
    ],
    [['--usage-plan', 'basic', '--usage-plan', 'basic'], '--usage-plan: plan "basic" is given twice'],
  ])('%j', (flags, message) => {
    expect(serve(...flags)).toThrow(message);
    expect(message).not.toContain('\n');
  });

  it('parses a full plan and keys', () => {
    const command = parseCommandLine([
      'serve',
      API,
      '--usage-plan',
      'gold:rate=0.5,burst=2,quota=1000/month',
      '--api-key',
      `${LIMITED}=gold`,
      '--api-key',
      FREE,
    ]);
    expect(command.kind === 'serve' && command.options.usagePlans).toEqual([
      { name: 'gold', throttle: { rateLimit: 0.5, burstLimit: 2 }, quota: { limit: 1000, period: 'MONTH' } },
    ]);
    expect(command.kind === 'serve' && command.options.apiKeys).toEqual([
      { value: LIMITED, plan: 'gold' },
      { value: FREE },
    ]);
  });

  it('the process prints the error on one line and exits 2', async () => {
    const { code, stderr } = await runCli(['serve', API, '--api-key', 'short']);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toContain('an API key value has 20 to 128 characters');
  });

  it('an HTTP API refuses API keys', async () => {
    const { code, stderr } = await runCli([
      'serve',
      `${FIXTURES}/http-api/http-api.yaml`,
      '--api-type',
      'http',
      '--api-key',
      FREE,
      '--port',
      '0',
    ]);
    expect(code).not.toBe(0);
    expect(stderr).toContain('API keys and usage plans are a REST API feature');
  });
});
