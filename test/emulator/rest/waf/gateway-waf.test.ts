import { describe, expect, it } from 'vitest';
import {
  HttpApiGateway,
  RestGateway,
  importOpenApi,
  parseIpSet,
  ipSetAddresses,
  parseWebAcl,
  wafReport,
  type InvokeOutcome,
  type LambdaInvocation,
} from '../../../../src/emulator/index.js';
import { URL_BASE } from '../../helpers.js';

/**
 * AWS WAF in front of a REST API stage, through RestGateway.handle.
 * "When AWS WAF is enabled on an API, AWS WAF rules are evaluated before other access control features, such as
 * resource policies, IAM policies, Lambda authorizers, and Amazon Cognito authorizers."
 */
const WAF_PAGE = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html';
const CUSTOM_PAGE =
  'https://docs.aws.amazon.com/waf/latest/developerguide/customizing-the-response-for-blocked-requests.html';
const KEY = 'alice-key-0123456789abcdef';
const fnUri = (name: string) =>
  `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${name}/invocations`;
const proxy = (extra: Record<string, unknown> = {}) => ({
  ...extra,
  'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: fnUri('backend') },
});

function doc(extra: Record<string, unknown> = {}) {
  return {
    openapi: '3.0.1',
    info: { title: 'Guarded', version: '1' },
    components: {
      securitySchemes: {
        api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' },
        auth: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authtype': 'custom',
          'x-amazon-apigateway-authorizer': {
            type: 'token',
            authorizerUri: fnUri('auth'),
            authorizerResultTtlInSeconds: 0,
          },
        },
      },
    },
    paths: {
      '/items': { get: proxy(), post: proxy() },
      '/keyed': { get: proxy({ security: [{ api_key: [] }] }) },
      '/guarded': { get: proxy({ security: [{ auth: [] }] }) },
    },
    ...extra,
  };
}

const allowAll = {
  principalId: 'alice',
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: '*' }],
  },
};

function setup(definition: unknown = doc()) {
  let now = Date.UTC(2026, 11, 4, 9, 0, 0);
  const invocations: LambdaInvocation[] = [];
  const gateway = new RestGateway({
    invoke: async (inv): Promise<InvokeOutcome> => {
      invocations.push(inv);
      const payload =
        inv.functionName === 'auth'
          ? allowAll
          : { statusCode: 200, body: JSON.stringify({ headers: (inv.event as { headers: unknown }).headers }) };
      return { kind: 'result', payload, logs: [] };
    },
    now: () => now,
  });
  const deployment = gateway.deploy(importOpenApi(definition, { apiId: 'abc123defg' }));
  gateway.putStage({ name: 'dev', deploymentId: deployment.id });
  const call = (path: string, init: RequestInit = {}, sourceIp = '198.51.100.7') =>
    gateway.handle(new Request(`${URL_BASE}/dev${path}`, init), { sourceIp });
  return { gateway, deployment, invocations, call, advance: (ms: number) => void (now += ms) };
}

const byteMatch = (search: string, field: Record<string, unknown> = { QueryString: {} }) => ({
  ByteMatchStatement: {
    SearchString: search,
    FieldToMatch: field,
    PositionalConstraint: 'CONTAINS',
    TextTransformations: [{ Priority: 0, Type: 'URL_DECODE' }],
  },
});

const visibility = (name: string) => ({
  SampledRequestsEnabled: true,
  CloudWatchMetricsEnabled: true,
  MetricName: name,
});

function acl(rules: unknown[], extra: Record<string, unknown> = {}, ipSets: Record<string, string[]> = {}) {
  return parseWebAcl(
    {
      WebACL: {
        Name: 'lab-acl',
        ARN: 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/lab-acl/a1b2',
        DefaultAction: { Allow: {} },
        Rules: rules,
        VisibilityConfig: visibility('lab-acl'),
        ...extra,
      },
      LockToken: 'token',
    },
    ipSets,
  );
}

const blockDrop = {
  Name: 'block-drop-table',
  Priority: 1,
  Statement: byteMatch('drop table'),
  Action: { Block: {} },
  VisibilityConfig: visibility('BlockDropTable'),
};

describe(`AWS WAF in front of a REST stage (${WAF_PAGE})`, () => {
  it('an allowed request reaches the integration; trace.waf says ALLOW by the default action', async () => {
    const { gateway, call, invocations } = setup();
    gateway.associateWebAcl('dev', acl([blockDrop]));
    const { response, trace } = await call('/items?q=books');
    expect(response.status).toBe(200);
    expect(invocations).toHaveLength(1);
    expect(trace.waf).toEqual({
      webAcl: 'lab-acl',
      webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/lab-acl/a1b2',
      action: 'ALLOW',
      terminatingRule: 'Default_Action',
      labels: [],
      matchedRules: [],
      insertedHeaders: {},
    });
  });

  it('a blocked request is 403 {"message":"Forbidden"} (WAF_FILTERED), with API Gateway headers, and calls nothing', async () => {
    const { gateway, call, invocations } = setup();
    gateway.associateWebAcl('dev', acl([blockDrop]));
    const { response, trace } = await call('/items?q=1%3B%20drop%20table%20users');
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('{"message":"Forbidden"}');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-amzn-errortype')).toBe('ForbiddenException');
    expect(response.headers.get('x-amzn-requestid')).toBe(trace.requestId);
    expect(response.headers.get('x-amz-apigw-id')).toBe(trace.extendedRequestId);
    expect(invocations).toHaveLength(0);
    expect(trace.gatewayResponseType).toBe('WAF_FILTERED');
    expect(trace.errorDetail).toBe('blocked by AWS WAF (web ACL lab-acl, rule block-drop-table)');
    expect(trace.waf).toMatchObject({
      action: 'BLOCK',
      terminatingRule: 'block-drop-table',
      matchedRules: [{ name: 'block-drop-table', action: 'BLOCK' }],
    });
    expect(trace.waf).not.toHaveProperty('customResponse');
  });

  it('WAF runs before routing: a blocked request to an unknown path is 403 Forbidden, not Missing Authentication Token', async () => {
    const { gateway, call } = setup();
    gateway.associateWebAcl('dev', acl([blockDrop]));
    const blocked = await call('/nowhere?x=drop+table');
    expect(blocked.trace.gatewayResponseType).toBe('WAF_FILTERED');
    expect(await blocked.response.text()).toBe('{"message":"Forbidden"}');
    const unknown = await call('/nowhere?x=ok');
    expect(unknown.trace.gatewayResponseType).toBe('MISSING_AUTHENTICATION_TOKEN');
    expect(unknown.trace.waf?.action).toBe('ALLOW');
  });

  it('the WAF_FILTERED gateway response can be customised (https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html)', async () => {
    const { gateway, call } = setup(
      doc({
        'x-amazon-apigateway-gateway-responses': {
          WAF_FILTERED: { statusCode: 406, responseTemplates: { 'application/json': '{"blocked":true}' } },
        },
      }),
    );
    gateway.associateWebAcl('dev', acl([blockDrop]));
    const { response } = await call('/items?q=drop%20table');
    expect(response.status).toBe(406);
    expect(await response.text()).toBe('{"blocked":true}');
  });

  it(`a Block with a CustomResponse sends its status, headers and body, over custom gateway responses (${CUSTOM_PAGE})`, async () => {
    const { gateway, call, invocations } = setup(
      doc({
        'x-amazon-apigateway-gateway-responses': {
          WAF_FILTERED: { statusCode: 406, responseTemplates: { 'application/json': '{"blocked":true}' } },
        },
      }),
    );
    gateway.associateWebAcl(
      'dev',
      acl(
        [
          {
            ...blockDrop,
            Action: {
              Block: {
                CustomResponse: {
                  ResponseCode: 429,
                  CustomResponseBodyKey: 'slow-down',
                  ResponseHeaders: [{ Name: 'Retry-After', Value: '60' }],
                },
              },
            },
          },
        ],
        { CustomResponseBodies: { 'slow-down': { ContentType: 'APPLICATION_JSON', Content: '{"error":"no"}' } } },
      ),
    );
    const { response, trace } = await call('/items?q=drop%20table');
    expect(response.status).toBe(429);
    expect(await response.text()).toBe('{"error":"no"}');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('retry-after')).toBe('60');
    expect(response.headers.get('x-amzn-errortype')).toBeNull();
    expect(invocations).toHaveLength(0);
    expect(trace.status).toBe(429);
    expect(trace.gatewayResponseType).toBeNull();
    expect(trace.waf?.customResponse).toEqual({
      status: 429,
      headers: { 'content-type': 'application/json', 'retry-after': '60' },
      body: '{"error":"no"}',
    });
  });

  it(`a CustomResponse may not set content-type (${CUSTOM_PAGE})`, () => {
    expect(() =>
      acl([
        {
          ...blockDrop,
          Action: {
            Block: {
              CustomResponse: { ResponseCode: 403, ResponseHeaders: [{ Name: 'Content-Type', Value: 'text/xml' }] },
            },
          },
        },
      ]),
    ).toThrow(
      "WebACL.Rules[0].Action.Block.CustomResponse.ResponseHeaders[0].Name: content-type is not allowed (the body's ContentType sets it)",
    );
  });

  it('a Count rule records, labels and goes on; its inserted header reaches the integration as x-amzn-waf-<name>', async () => {
    const { gateway, call, invocations } = setup();
    gateway.associateWebAcl(
      'dev',
      acl([
        {
          Name: 'count-curl',
          Priority: 0,
          Statement: byteMatch('curl', { SingleHeader: { Name: 'user-agent' } }),
          Action: { Count: { CustomRequestHandling: { InsertHeaders: [{ Name: 'Suspect', Value: 'curl' }] } } },
          RuleLabels: [{ Name: 'client:curl' }],
          VisibilityConfig: visibility('CountCurl'),
        },
        blockDrop,
      ]),
    );
    const { response, trace } = await call('/items', { headers: { 'User-Agent': 'curl/8.5.0' } });
    expect(response.status).toBe(200);
    expect(invocations).toHaveLength(1);
    const headers = (invocations[0]!.event as { headers: Record<string, string> }).headers;
    expect(headers['x-amzn-waf-suspect']).toBe('curl');
    expect(trace.waf).toEqual({
      webAcl: 'lab-acl',
      webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/lab-acl/a1b2',
      action: 'ALLOW',
      terminatingRule: 'Default_Action',
      labels: ['awswaf:123456789012:webacl:lab-acl:client:curl'],
      matchedRules: [{ name: 'count-curl', action: 'COUNT' }],
      insertedHeaders: { 'x-amzn-waf-suspect': 'curl' },
    });
    const other = await call('/items', { headers: { 'User-Agent': 'Mozilla/5.0' } });
    expect(other.trace.waf?.matchedRules).toEqual([]);
    expect((invocations[1]!.event as { headers: Record<string, string> }).headers).not.toHaveProperty(
      'x-amzn-waf-suspect',
    );
  });

  it('a later rule blocks by the label a Count rule added (https://docs.aws.amazon.com/waf/latest/developerguide/waf-labels.html)', async () => {
    const { gateway, call } = setup();
    gateway.associateWebAcl(
      'dev',
      acl([
        {
          Name: 'count-curl',
          Priority: 0,
          Statement: byteMatch('curl', { SingleHeader: { Name: 'user-agent' } }),
          Action: { Count: {} },
          RuleLabels: [{ Name: 'client:curl' }],
        },
        {
          Name: 'no-curl-posts',
          Priority: 5,
          Statement: {
            AndStatement: {
              Statements: [
                { LabelMatchStatement: { Scope: 'LABEL', Key: 'client:curl' } },
                byteMatch('POST', { Method: {} }),
              ],
            },
          },
          Action: { Block: {} },
        },
      ]),
    );
    expect((await call('/items', { headers: { 'User-Agent': 'curl/8' } })).response.status).toBe(200);
    const post = await call('/items', { method: 'POST', body: '{}', headers: { 'User-Agent': 'curl/8' } });
    expect(post.response.status).toBe(403);
    expect(post.trace.waf?.matchedRules.map((r) => r.action)).toEqual(['COUNT', 'BLOCK']);
  });

  it('a rate-based rule blocks an IP over its Limit within the window, and lets it through once the window passes (https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based.html)', async () => {
    const { gateway, call, advance } = setup();
    gateway.associateWebAcl(
      'dev',
      acl([
        {
          Name: 'rate',
          Priority: 0,
          Statement: { RateBasedStatement: { Limit: 10, AggregateKeyType: 'IP', EvaluationWindowSec: 60 } },
          Action: { Block: {} },
        },
      ]),
    );
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await call('/items')).response.status);
    expect(statuses).toEqual([...Array(10).fill(200), 403, 403]);
    // another client is counted on its own
    expect((await call('/items', {}, '203.0.113.9')).response.status).toBe(200);
    advance(61_000);
    expect((await call('/items')).response.status).toBe(200);
  });

  it('an IP set (get-ip-set JSON) blocks its CIDRs by the socket address (https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-ipset-match.html)', async () => {
    const arn = 'arn:aws:wafv2:us-east-1:123456789012:regional/ipset/bad-actors/1111';
    const ipSet = parseIpSet({
      IPSet: {
        Name: 'bad-actors',
        Id: '1111',
        ARN: arn,
        Description: '',
        IPAddressVersion: 'IPV4',
        Addresses: ['203.0.113.0/24'],
      },
      LockToken: 'lock',
    });
    const { gateway, call } = setup();
    gateway.associateWebAcl(
      'dev',
      acl(
        [
          {
            Name: 'deny-list',
            Priority: 0,
            Statement: { IPSetReferenceStatement: { ARN: arn } },
            Action: { Block: {} },
          },
        ],
        {},
        ipSetAddresses([ipSet]),
      ),
    );
    expect((await call('/items', {}, '203.0.113.200')).response.status).toBe(403);
    expect((await call('/items', {}, '198.51.100.7')).response.status).toBe(200);
  });

  it('IPSetForwardedIPConfig: the IP set is matched against X-Forwarded-For instead of the socket address (https://docs.aws.amazon.com/waf/latest/APIReference/API_IPSetForwardedIPConfig.html)', async () => {
    const arn = 'arn:aws:wafv2:us-east-1:123456789012:regional/ipset/bad/2222';
    const rule = (Position: string, FallbackBehavior: string) =>
      acl(
        [
          {
            Name: 'xff',
            Priority: 0,
            Statement: {
              IPSetReferenceStatement: {
                ARN: arn,
                IPSetForwardedIPConfig: { HeaderName: 'X-Forwarded-For', Position, FallbackBehavior },
              },
            },
            Action: { Block: {} },
          },
        ],
        {},
        { [arn]: ['203.0.113.0/24'] },
      );
    const { gateway, call } = setup();
    const status = async (xff: string | undefined, socket = '198.51.100.7') =>
      (await call('/items', xff === undefined ? {} : { headers: { 'X-Forwarded-For': xff } }, socket)).response.status;
    gateway.associateWebAcl('dev', rule('FIRST', 'NO_MATCH'));
    expect(await status('203.0.113.5, 10.0.0.1')).toBe(403);
    expect(await status('10.0.0.1, 203.0.113.5')).toBe(200);
    // the socket address no longer counts; without the header the rule does not apply
    expect(await status(undefined, '203.0.113.5')).toBe(200);
    expect(await status('not-an-ip, 203.0.113.5')).toBe(200); // NO_MATCH fallback
    gateway.associateWebAcl('dev', rule('LAST', 'NO_MATCH'));
    expect(await status('10.0.0.1, 203.0.113.5')).toBe(403);
    gateway.associateWebAcl('dev', rule('ANY', 'NO_MATCH'));
    expect(await status('10.0.0.1, 203.0.113.5, 10.0.0.2')).toBe(403);
    expect(await status(['203.0.113.5', ...Array(10).fill('10.0.0.1')].join(', '))).toBe(200); // only the last 10
    gateway.associateWebAcl('dev', rule('FIRST', 'MATCH'));
    expect(await status('garbage')).toBe(403);
  });

  it('a bad IPSetForwardedIPConfig is refused, naming the field', () => {
    const arn = 'arn:aws:wafv2:us-east-1:123456789012:regional/ipset/bad/2222';
    expect(() =>
      acl(
        [
          {
            Name: 'xff',
            Priority: 0,
            Statement: {
              IPSetReferenceStatement: {
                ARN: arn,
                IPSetForwardedIPConfig: {
                  HeaderName: 'X-Forwarded-For',
                  Position: 'MIDDLE',
                  FallbackBehavior: 'MATCH',
                },
              },
            },
            Action: { Block: {} },
          },
        ],
        {},
        { [arn]: [] },
      ),
    ).toThrow(
      'WebACL.Rules[0].Statement.IPSetReferenceStatement.IPSetForwardedIPConfig.Position: must be FIRST, LAST or ANY',
    );
  });

  it("behind a custom domain name, the mapped stage's web ACL applies and sees the URI as sent (no stage segment)", async () => {
    const { gateway, deployment } = setup();
    gateway.putStage({ name: 'prod', deploymentId: deployment.id });
    gateway.putDomainName({ domainName: 'api.example.com', basePathMappings: [{ basePath: 'v1', stage: 'prod' }] });
    const evaluator = gateway.associateWebAcl(
      'prod',
      acl([{ ...blockDrop, Statement: byteMatch('/v1/items', { UriPath: {} }) }]),
    )!;
    const viaDomain = await gateway.handle(new Request('https://api.example.com/v1/items'));
    expect(viaDomain.response.status).toBe(403);
    expect(evaluator.sampledRequests('BlockDropTable').map((r) => r.Request.URI)).toEqual(['/v1/items']);
    // the same stage through its execute-api URL: /prod/items does not contain /v1/items
    expect((await gateway.handle(new Request(`${URL_BASE}/prod/items`))).response.status).toBe(200);
  });

  it('the body is inspected (SqliMatchStatement on Body; https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-sqli-match.html)', async () => {
    const { gateway, call } = setup();
    gateway.associateWebAcl(
      'dev',
      acl([
        {
          Name: 'sqli-body',
          Priority: 0,
          Statement: {
            SqliMatchStatement: { FieldToMatch: { Body: {} }, TextTransformations: [{ Priority: 0, Type: 'NONE' }] },
          },
          Action: { Block: {} },
        },
      ]),
    );
    expect((await call('/items', { method: 'POST', body: `{"name":"x' OR '1'='1"}` })).response.status).toBe(403);
    expect((await call('/items', { method: 'POST', body: '{"name":"x"}' })).response.status).toBe(200);
  });

  it('GeoMatch reads the country from the X-Apigw-Lab-Country header by default, or the header named at association', async () => {
    const geo = [
      { Name: 'geo', Priority: 0, Statement: { GeoMatchStatement: { CountryCodes: ['KP'] } }, Action: { Block: {} } },
    ];
    const a = setup();
    a.gateway.associateWebAcl('dev', acl(geo));
    expect((await a.call('/items', { headers: { 'X-Apigw-Lab-Country': 'KP' } })).response.status).toBe(403);
    expect((await a.call('/items', { headers: { 'X-Apigw-Lab-Country': 'FR' } })).response.status).toBe(200);
    const b = setup();
    b.gateway.associateWebAcl('dev', acl(geo), { countryHeader: 'CloudFront-Viewer-Country' });
    expect((await b.call('/items', { headers: { 'CloudFront-Viewer-Country': 'KP' } })).response.status).toBe(403);
    expect((await b.call('/items', { headers: { 'X-Apigw-Lab-Country': 'KP' } })).response.status).toBe(200);
  });
});

describe(`WAF comes before the gateway's own checks (${WAF_PAGE})`, () => {
  it('a blocked request never reaches the Lambda authorizer', async () => {
    const { gateway, call, invocations } = setup();
    gateway.associateWebAcl('dev', acl([blockDrop]));
    const blocked = await call('/guarded?q=drop%20table', { headers: { Authorization: 'allow' } });
    expect(blocked.response.status).toBe(403);
    expect(blocked.trace.authorizer).toBeUndefined();
    expect(invocations).toHaveLength(0);
    const allowed = await call('/guarded?q=ok', { headers: { Authorization: 'allow' } });
    expect(allowed.response.status).toBe(200);
    expect(invocations.map((i) => i.functionName)).toEqual(['auth', 'backend']);
  });

  it('a blocked request is refused by WAF before its API key is checked, and uses none of the plan', async () => {
    const { gateway, call } = setup();
    const key = gateway.putApiKey({ id: 'k1', name: 'alice', value: KEY, enabled: true });
    gateway.putUsagePlan({
      name: 'basic',
      apiStages: [{ apiId: 'abc123defg', stage: 'dev' }],
      quota: { limit: 1, period: 'DAY' },
    });
    gateway.putUsagePlanKey('basic', key.id);
    gateway.associateWebAcl('dev', acl([blockDrop]));
    // no key at all: WAF answers first (an allowed request without a key would be INVALID_API_KEY)
    expect((await call('/keyed?q=drop%20table')).trace.gatewayResponseType).toBe('WAF_FILTERED');
    expect((await call('/keyed?q=ok')).trace.gatewayResponseType).toBe('INVALID_API_KEY');
    // with the key: the blocked request takes nothing from the quota of 1
    const blocked = await call('/keyed?q=drop%20table', { headers: { 'x-api-key': KEY } });
    expect(blocked.trace.gatewayResponseType).toBe('WAF_FILTERED');
    expect((await call('/keyed', { headers: { 'x-api-key': KEY } })).response.status).toBe(200);
    expect((await call('/keyed', { headers: { 'x-api-key': KEY } })).trace.gatewayResponseType).toBe('QUOTA_EXCEEDED');
  });

  it("blocked requests take no token from the stage's throttle", async () => {
    const { gateway, call, deployment } = setup();
    gateway.putStage({
      name: 'dev',
      deploymentId: deployment.id,
      methodSettings: { '*/*': { throttlingRateLimit: 0.001, throttlingBurstLimit: 1 } },
    });
    gateway.associateWebAcl('dev', acl([blockDrop]));
    for (let i = 0; i < 3; i++) expect((await call('/items?q=drop%20table')).response.status).toBe(403);
    expect((await call('/items')).response.status).toBe(200);
    expect((await call('/items')).response.status).toBe(429);
  });
});

describe('associateWebAcl', () => {
  it('null disassociates (DisassociateWebACL); other stages are not affected', async () => {
    const { gateway, call, deployment } = setup();
    gateway.putStage({ name: 'prod', deploymentId: deployment.id });
    gateway.associateWebAcl('dev', acl([blockDrop]));
    const prod = await gateway.handle(new Request(`${URL_BASE}/prod/items?q=drop%20table`));
    expect(prod.response.status).toBe(200);
    expect(prod.trace.waf).toBeUndefined();
    expect((await call('/items?q=drop%20table')).response.status).toBe(403);
    gateway.associateWebAcl('dev', null);
    expect(gateway.webAclForStage('dev')).toBeUndefined();
    const after = await call('/items?q=drop%20table');
    expect(after.response.status).toBe(200);
    expect(after.trace.waf).toBeUndefined();
  });

  it('one web ACL on two stages is one web ACL: shared counters and samples, as wafReport shows them', async () => {
    const { gateway, call, deployment } = setup();
    gateway.putStage({ name: 'prod', deploymentId: deployment.id });
    const shared = acl([blockDrop]);
    const evaluator = gateway.associateWebAcl('dev', shared)!;
    expect(gateway.associateWebAcl('prod', shared)).toBe(evaluator);
    await call('/items?q=drop%20table');
    await gateway.handle(new Request(`${URL_BASE}/prod/items?q=drop%20table`));
    await call('/items');
    const report = wafReport(evaluator, Date.UTC(2026, 11, 4, 9, 0, 0));
    expect(report.counters).toEqual({
      BlockDropTable: { AllowedRequests: 0, BlockedRequests: 2, CountedRequests: 0 },
      ALL: { AllowedRequests: 1, BlockedRequests: 2, CountedRequests: 0 },
    });
    expect(report.sampledRequests.BlockDropTable!.PopulationSize).toBe(2);
    expect(report.sampledRequests.BlockDropTable!.SampledRequests.map((s) => s.Request.URI)).toEqual([
      '/dev/items',
      '/prod/items',
    ]);
    expect(report.sampledRequests.Default_Action!.PopulationSize).toBe(1);
    expect(report.sampledRequests.Default_Action!.SampledRequests[0]!.Action).toBe('ALLOW');
  });

  it('takes the web ACL parseWebAcl returns, and says so when given its JSON', () => {
    const { gateway } = setup();
    expect(() =>
      gateway.associateWebAcl('dev', { WebACL: { Name: 'x' } } as unknown as Parameters<
        RestGateway['associateWebAcl']
      >[1]),
    ).toThrow('associateWebAcl: pass the web ACL parseWebAcl returns, not its JSON');
  });

  it('an HTTP API refuses: AWS WAF cannot be associated with HTTP APIs (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vs-rest.html)', () => {
    const http = new HttpApiGateway({ invoke: async () => ({ kind: 'result', payload: {}, logs: [] }) });
    expect(() => http.associateWebAcl('$default', acl([]))).toThrow(/AWS WAF cannot be associated with an HTTP API/);
  });
});
