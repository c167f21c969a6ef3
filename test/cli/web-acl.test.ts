import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli/args.js';
import { FIXTURES, runCli, startCli, type RunningCli } from './helpers.js';

/**
 * `--web-acl FILE` and `--ip-set FILE`: the JSON `aws wafv2 get-web-acl` and `aws wafv2 get-ip-set` print (ByteMatch
 * SearchString base64-encoded, as the CLI prints a Blob), written to a temporary directory with a MOCK API that echoes
 * the header WAF inserts. https://docs.aws.amazon.com/waf/latest/APIReference/API_GetWebACL.html
 */
const DIR = mkdtempSync(join(tmpdir(), 'apigw-lab-web-acl-'));
const IP_SET_ARN = 'arn:aws:wafv2:us-east-1:123456789012:regional/ipset/loopback/3f1c';
const b64 = (text: string) => Buffer.from(text).toString('base64');
const visibility = (MetricName: string) => ({
  SampledRequestsEnabled: true,
  CloudWatchMetricsEnabled: true,
  MetricName,
});
const webAcl = (rules: unknown[]) => ({
  WebACL: {
    Name: 'lab-acl',
    Id: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
    ARN: 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/lab-acl/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
    DefaultAction: { Allow: {} },
    Description: '',
    Rules: rules,
    VisibilityConfig: visibility('lab-acl'),
    Capacity: 12,
    ManagedByFirewallManager: false,
    LabelNamespace: 'awswaf:123456789012:webacl:lab-acl:',
  },
  LockToken: '2294ea4f-12f4-4c4c-9f2a-EXAMPLE22222',
});
const RULES = [
  {
    Name: 'block-drop-table',
    Priority: 0,
    Statement: {
      ByteMatchStatement: {
        SearchString: b64('drop table'),
        FieldToMatch: { QueryString: {} },
        TextTransformations: [{ Priority: 0, Type: 'URL_DECODE' }],
        PositionalConstraint: 'CONTAINS',
      },
    },
    Action: { Block: {} },
    VisibilityConfig: visibility('BlockDropTable'),
  },
  {
    Name: 'count-curl',
    Priority: 1,
    Statement: {
      ByteMatchStatement: {
        SearchString: b64('curl'),
        FieldToMatch: { SingleHeader: { Name: 'user-agent' } },
        TextTransformations: [{ Priority: 0, Type: 'LOWERCASE' }],
        PositionalConstraint: 'CONTAINS',
      },
    },
    Action: { Count: { CustomRequestHandling: { InsertHeaders: [{ Name: 'suspect', Value: 'curl' }] } } },
    RuleLabels: [{ Name: 'client:curl' }],
    VisibilityConfig: visibility('CountCurl'),
  },
  {
    Name: 'admin-not-from-loopback',
    Priority: 2,
    Statement: {
      AndStatement: {
        Statements: [
          { IPSetReferenceStatement: { ARN: IP_SET_ARN } },
          {
            ByteMatchStatement: {
              SearchString: b64('/admin'),
              FieldToMatch: { UriPath: {} },
              TextTransformations: [{ Priority: 0, Type: 'NONE' }],
              PositionalConstraint: 'CONTAINS',
            },
          },
        ],
      },
    },
    Action: { Block: {} },
    VisibilityConfig: visibility('AdminFromLoopback'),
  },
];
const IP_SET = {
  IPSet: {
    Name: 'loopback',
    Id: '3f1c',
    ARN: IP_SET_ARN,
    Description: 'the machine the tests run on',
    IPAddressVersion: 'IPV4',
    Addresses: ['127.0.0.0/8'],
  },
  LockToken: '0d1e',
};
const mock = (body: string) => ({
  responses: { '200': { description: 'ok' } },
  'x-amazon-apigateway-integration': {
    type: 'mock',
    requestTemplates: { 'application/json': '{"statusCode": 200}' },
    passthroughBehavior: 'when_no_match',
    responses: { default: { statusCode: '200', responseTemplates: { 'application/json': body } } },
  },
});
const API = {
  openapi: '3.0.1',
  info: { title: 'waf-api', version: '1' },
  paths: {
    '/items': { get: mock(`{"suspect": "$input.params('x-amzn-waf-suspect')"}`) },
    '/admin': { get: mock('{"admin": true}') },
  },
};
const FILES: Record<string, unknown> = {
  'api.json': API,
  'web-acl.json': webAcl(RULES),
  'ip-set.json': IP_SET,
  'bare-web-acl.json': webAcl(RULES.slice(0, 1)).WebACL,
  'bad-search-string.json': webAcl([
    {
      ...RULES[0],
      Statement: { ByteMatchStatement: { ...RULES[0]!.Statement.ByteMatchStatement, SearchString: 'drop table' } },
    },
  ]),
  'bad-ip-set.json': { IPSet: { ...IP_SET.IPSet, Addresses: ['127.0.0.0/33'] } },
};
for (const [name, content] of Object.entries(FILES)) writeFileSync(join(DIR, name), JSON.stringify(content));

describe('apigw-lab serve --web-acl FILE --ip-set FILE', () => {
  let cli: RunningCli;
  let origin: string;

  beforeAll(async () => {
    cli = await startCli([`${DIR}/api.json`, '--web-acl', `${DIR}/web-acl.json`, '--ip-set', `${DIR}/ip-set.json`]);
    origin = new URL(cli.invokeUrl).origin;
  }, 30_000);

  afterAll(async () => {
    await cli?.stop();
  });

  it('says so in the banner', () => {
    expect(cli.stdout()).toContain(
      `AWS WAF web ACL "lab-acl" on every stage; sampled requests and counts: ${origin}/__apigw-lab/waf`,
    );
  });

  it('a ByteMatch rule on the query string blocks: 403 {"message":"Forbidden"}', async () => {
    const blocked = await fetch(`${cli.invokeUrl}/items?q=1%3B%20DROP%20TABLE%20x%3B%20drop%20table%20users`);
    expect(blocked.status).toBe(403);
    expect(await blocked.text()).toBe('{"message":"Forbidden"}');
    expect(blocked.headers.get('x-amzn-errortype')).toBe('ForbiddenException');
    const fine = await fetch(`${cli.invokeUrl}/items?q=books`);
    expect(fine.status).toBe(200);
    expect(await fine.json()).toEqual({ suspect: '' });
    await cli.waitForLine(/"GET \/dev\/items HTTP\/1\.1" 403/);
    expect(cli.stderr()).toContain('[waf lab-acl] BLOCK by block-drop-table');
  });

  it('a Count rule lets curl through with the header it inserts (x-amzn-waf-suspect)', async () => {
    const counted = await fetch(`${cli.invokeUrl}/items`, { headers: { 'User-Agent': 'curl/8.5.0' } });
    expect(counted.status).toBe(200);
    expect(await counted.json()).toEqual({ suspect: 'curl' });
  });

  it('an IP set rule blocks /admin from the client socket address (127.0.0.1 is in 127.0.0.0/8)', async () => {
    const admin = await fetch(`${cli.invokeUrl}/admin`);
    expect(admin.status).toBe(403);
    expect(await admin.text()).toBe('{"message":"Forbidden"}');
  });

  it('GET /__apigw-lab/waf: per-rule counts and sampled requests (get-sampled-requests shape)', async () => {
    const before = (await (await fetch(`${origin}/__apigw-lab/waf`)).json()) as {
      counters: Record<string, Record<string, number>>;
    };
    await (await fetch(`${cli.invokeUrl}/items?x=drop%20table`)).text();
    await (await fetch(`${cli.invokeUrl}/items`, { headers: { 'User-Agent': 'curl/1' } })).text();
    const res = await fetch(`${origin}/__apigw-lab/waf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const report = (await res.json()) as {
      webAcl: string;
      counters: Record<string, { AllowedRequests: number; BlockedRequests: number; CountedRequests: number }>;
      sampledRequests: Record<
        string,
        {
          SampledRequests: Array<{ Action: string; Request: { URI: string; ClientIP: string } }>;
          PopulationSize: number;
        }
      >;
    };
    expect(report.webAcl).toBe('lab-acl');
    const delta = (metric: string, field: 'AllowedRequests' | 'BlockedRequests' | 'CountedRequests') =>
      (report.counters[metric]?.[field] ?? 0) - ((before.counters[metric]?.[field] as number | undefined) ?? 0);
    expect(delta('BlockDropTable', 'BlockedRequests')).toBe(1);
    expect(delta('CountCurl', 'CountedRequests')).toBe(1);
    expect(delta('ALL', 'BlockedRequests')).toBe(1);
    expect(delta('ALL', 'AllowedRequests')).toBe(1);
    expect(Object.keys(report.sampledRequests)).toEqual([
      'BlockDropTable',
      'CountCurl',
      'AdminFromLoopback',
      'Default_Action',
    ]);
    const drop = report.sampledRequests.BlockDropTable!;
    expect(drop.PopulationSize).toBe(report.counters.BlockDropTable!.BlockedRequests);
    expect(drop.SampledRequests.at(-1)).toMatchObject({
      Action: 'BLOCK',
      Request: { URI: '/dev/items', ClientIP: '127.0.0.1' },
    });
    // the route is the emulator's: a path under a stage is still the API's
    expect((await fetch(`${cli.invokeUrl}/__apigw-lab/waf`)).status).toBe(403);
  });
});

describe('apigw-lab serve --web-acl: the bare WebACL object is accepted too', () => {
  it('serves with it', async () => {
    const cli = await startCli([`${DIR}/api.json`, '--web-acl', `${DIR}/bare-web-acl.json`]);
    try {
      expect((await fetch(`${cli.invokeUrl}/items?q=drop%20table`)).status).toBe(403);
      expect((await fetch(`${cli.invokeUrl}/admin`)).status).toBe(200);
    } finally {
      await cli.stop();
    }
  }, 30_000);
});

describe('apigw-lab serve --web-acl: one-line errors', () => {
  const oneLine = async (args: string[], message: string) => {
    const { code, stderr } = await runCli(['serve', ...args]);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(message);
  };

  it('a SearchString that is not base64 (get-web-acl prints a Blob)', () =>
    oneLine(
      [`${DIR}/api.json`, '--web-acl', `${DIR}/bad-search-string.json`],
      `--web-acl ${DIR}/bad-search-string.json: WebACL.Rules[0].Statement.ByteMatchStatement.SearchString: is not base64 (as get-web-acl prints it)`,
    ));

  it('an IP set the web ACL references but no --ip-set gives', () =>
    oneLine(
      [`${DIR}/api.json`, '--web-acl', `${DIR}/web-acl.json`],
      `WebACL.Rules[2].Statement.AndStatement.Statements[0].IPSetReferenceStatement.ARN: no IP set given for ${IP_SET_ARN} (pass it with --ip-set FILE)`,
    ));

  it('a bad address in an IP set', () =>
    oneLine(
      [`${DIR}/api.json`, '--web-acl', `${DIR}/web-acl.json`, '--ip-set', `${DIR}/bad-ip-set.json`],
      `--ip-set ${DIR}/bad-ip-set.json: IPSet.Addresses[0]: "127.0.0.0/33" is not a CIDR (such as 192.0.2.0/24)`,
    ));

  it('a file that is not there, or not JSON', async () => {
    await oneLine(
      [`${DIR}/api.json`, '--web-acl', `${DIR}/nope.json`],
      `--web-acl ${DIR}/nope.json: cannot read ${DIR}/nope.json (no such file)`,
    );
    await oneLine(
      [`${DIR}/api.json`, '--web-acl', `${FIXTURES}/api.yaml`],
      `--web-acl ${FIXTURES}/api.yaml: ${FIXTURES}/api.yaml is not JSON (expected the output of aws wafv2 get-web-acl)`,
    );
  });

  it('an HTTP API: AWS WAF cannot be associated with one', () =>
    oneLine(
      [`${FIXTURES}/http-api/http-api.yaml`, '--web-acl', `${DIR}/web-acl.json`],
      'AWS WAF cannot be associated with an HTTP API',
    ));
});

describe('the WAF flags', () => {
  const parse = (...flags: string[]) => parseCommandLine(['serve', 'api.json', ...flags]);

  it('reads --web-acl, repeated --ip-set and --waf-country-header', () => {
    const command = parse(
      '--web-acl',
      'acl.json',
      '--ip-set',
      'a.json',
      '--ip-set',
      'b.json',
      '--waf-country-header',
      'CloudFront-Viewer-Country',
    );
    expect(command).toMatchObject({
      kind: 'serve',
      options: { webAcl: 'acl.json', ipSets: ['a.json', 'b.json'], wafCountryHeader: 'CloudFront-Viewer-Country' },
    });
  });

  it.each([
    [['--ip-set', 'a.json'], '--ip-set needs --web-acl FILE'],
    [['--waf-country-header', 'X-Country'], '--waf-country-header needs --web-acl FILE'],
    [['--web-acl', 'a.json', '--web-acl', 'b.json'], '--web-acl is given twice (one web ACL per stage)'],
    [
      ['--web-acl', 'a.json', '--waf-country-header', 'X Country'],
      '--waf-country-header "X Country": not a header name',
    ],
  ])('%j: %s', (flags, message) => {
    expect(() => parse(...flags)).toThrow(message);
  });

  it('--help documents the flags and the country header', async () => {
    const { stdout } = await runCli(['serve', '--help']);
    expect(stdout).toContain('--web-acl FILE');
    expect(stdout).toContain('--ip-set FILE');
    expect(stdout).toMatch(/--waf-country-header NAME[\s\S]*\(default\s+X-Apigw-Lab-Country\)/);
    expect(stdout).toContain('/__apigw-lab/waf');
  });
});
