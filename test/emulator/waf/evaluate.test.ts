import { describe, expect, it } from 'vitest';
import { API_GATEWAY_WAF_BLOCK, WebAclEvaluator } from '../../../src/emulator/waf/evaluate.js';
import { parseWebAcl } from '../../../src/emulator/waf/web-acl.js';
import type { WafRequest } from '../../../src/emulator/waf/request-view.js';

const request = (over: Partial<WafRequest> = {}): WafRequest => ({
  method: 'GET',
  path: '/pets',
  query: '',
  headers: { 'user-agent': 'curl/8.0' },
  body: '',
  sourceIp: '198.51.100.7',
  ...over,
});

const uaContains = (s: string) => ({
  ByteMatchStatement: {
    SearchString: s,
    FieldToMatch: { SingleHeader: { Name: 'user-agent' } },
    PositionalConstraint: 'CONTAINS',
    TextTransformations: [{ Priority: 0, Type: 'LOWERCASE' }],
  },
});

const rule = (
  Name: string,
  Priority: number,
  Statement: unknown,
  Action: unknown,
  extra: Record<string, unknown> = {},
) => ({
  Name,
  Priority,
  Statement,
  Action,
  VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: Name },
  ...extra,
});

const evaluator = (webAcl: Record<string, unknown>, options = {}) =>
  new WebAclEvaluator(
    parseWebAcl({ WebACL: { Name: 'lab', DefaultAction: { Allow: {} }, Rules: [], ...webAcl } }),
    options,
  );

describe('rule order and actions (https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-rule-actions.html)', () => {
  it('evaluates rules by ascending Priority, not list order; the first Allow/Block terminates', () => {
    const waf = evaluator({
      Rules: [
        rule('block-curl', 20, uaContains('curl'), { Block: {} }),
        rule('allow-curl', 10, uaContains('curl'), { Allow: {} }),
      ],
    });
    const v = waf.evaluate(request());
    expect(v).toMatchObject({ action: 'ALLOW', terminatingRuleId: 'allow-curl', evaluatedRules: ['allow-curl'] });
  });

  it('Count records the match and continues; a later Block terminates', () => {
    const waf = evaluator({
      Rules: [
        rule('count-curl', 0, uaContains('curl'), { Count: {} }),
        rule('count-other', 1, uaContains('wget'), { Count: {} }),
        rule('block-curl', 2, uaContains('curl'), { Block: {} }),
        rule('never-reached', 3, uaContains('curl'), { Allow: {} }),
      ],
    });
    const v = waf.evaluate(request());
    expect(v.action).toBe('BLOCK');
    expect(v.terminatingRuleId).toBe('block-curl');
    expect(v.evaluatedRules).toEqual(['count-curl', 'count-other', 'block-curl']);
    expect(v.matchedRules).toEqual([
      { name: 'count-curl', priority: 0, action: 'COUNT' },
      { name: 'block-curl', priority: 2, action: 'BLOCK' },
    ]);
  });

  it('Count-only matches end with the default action (https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-default-action.html)', () => {
    const rules = [rule('count-curl', 0, uaContains('curl'), { Count: {} })];
    expect(evaluator({ Rules: rules }).evaluate(request())).toMatchObject({
      action: 'ALLOW',
      terminatingRuleId: 'Default_Action',
    });
    const blocking = evaluator({ Rules: rules, DefaultAction: { Block: {} } }).evaluate(request());
    expect(blocking).toMatchObject({ action: 'BLOCK', terminatingRuleId: 'Default_Action' });
    expect(blocking.matchedRules.map((r) => r.action)).toEqual(['COUNT']);
  });
});

describe('block responses', () => {
  it('answers a block as API Gateway does by default: 403 {"message":"Forbidden"} (WAF_FILTERED, https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html)', () => {
    const v = evaluator({ Rules: [rule('b', 0, uaContains('curl'), { Block: {} })] }).evaluate(request());
    expect(v.response).toEqual({
      status: 403,
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'ForbiddenException' },
      body: '{"message":"Forbidden"}',
    });
    expect(v.response).toEqual(API_GATEWAY_WAF_BLOCK);
    expect(v.response).not.toBe(API_GATEWAY_WAF_BLOCK);
  });

  it('a custom response sends its code, body with the ContentType, and headers (https://docs.aws.amazon.com/waf/latest/developerguide/customizing-the-response-for-blocks.html)', () => {
    const waf = evaluator({
      CustomResponseBodies: { 'too-many': { ContentType: 'APPLICATION_JSON', Content: '{"error":"slow down"}' } },
      Rules: [
        rule('b', 0, uaContains('curl'), {
          Block: {
            CustomResponse: {
              ResponseCode: 429,
              CustomResponseBodyKey: 'too-many',
              ResponseHeaders: [{ Name: 'Retry-After', Value: '60' }],
            },
          },
        }),
      ],
    });
    expect(waf.evaluate(request()).response).toEqual({
      status: 429,
      headers: { 'content-type': 'application/json', 'retry-after': '60' },
      body: '{"error":"slow down"}',
    });
  });

  it('the default Block action can carry a custom response too', () => {
    const waf = evaluator({
      DefaultAction: { Block: { CustomResponse: { ResponseCode: 451 } } },
    });
    expect(waf.evaluate(request()).response).toEqual({ status: 451, headers: {}, body: '' });
  });

  it('Allow and Count insert x-amzn-waf- request headers; a later match overwrites (https://docs.aws.amazon.com/waf/latest/developerguide/customizing-the-incoming-request.html)', () => {
    const insert = (Value: string) => ({ CustomRequestHandling: { InsertHeaders: [{ Name: 'Flag', Value }] } });
    const waf = evaluator({
      Rules: [
        rule('c', 0, uaContains('curl'), { Count: insert('counted') }),
        rule('a', 1, uaContains('curl'), { Allow: insert('allowed') }),
      ],
    });
    expect(waf.evaluate(request()).insertedHeaders).toEqual({ 'x-amzn-waf-flag': 'allowed' });
    expect(waf.evaluate(request({ headers: { 'user-agent': 'wget' } })).insertedHeaders).toEqual({});
  });
});

describe('labels (https://docs.aws.amazon.com/waf/latest/developerguide/waf-labels.html)', () => {
  it('a matching rule adds its labels, which later rules can match', () => {
    const waf = evaluator(
      {
        Rules: [
          rule('tag-curl', 0, uaContains('curl'), { Count: {} }, { RuleLabels: [{ Name: 'client:cli' }] }),
          rule(
            'block-cli-writes',
            1,
            {
              AndStatement: {
                Statements: [
                  { LabelMatchStatement: { Scope: 'LABEL', Key: 'client:cli' } },
                  {
                    ByteMatchStatement: {
                      SearchString: 'POST',
                      FieldToMatch: { Method: {} },
                      PositionalConstraint: 'EXACTLY',
                      TextTransformations: [{ Priority: 0, Type: 'NONE' }],
                    },
                  },
                ],
              },
            },
            { Block: {} },
          ),
        ],
      },
      { accountId: '111122223333' },
    );
    const get = waf.evaluate(request());
    expect(get).toMatchObject({ action: 'ALLOW', labels: ['awswaf:111122223333:webacl:lab:client:cli'] });
    expect(waf.evaluate(request({ method: 'POST' }))).toMatchObject({
      action: 'BLOCK',
      terminatingRuleId: 'block-cli-writes',
    });
    expect(waf.evaluate(request({ method: 'POST', headers: { 'user-agent': 'Firefox' } }))).toMatchObject({
      action: 'ALLOW',
      labels: [],
    });
  });
});

describe('geo match from a header the caller names', () => {
  it('reads the country from options.countryHeader', () => {
    const waf = evaluator(
      { Rules: [rule('geo', 0, { GeoMatchStatement: { CountryCodes: ['KP'] } }, { Block: {} })] },
      { countryHeader: 'X-Lab-Country' },
    );
    expect(waf.evaluate(request({ headers: { 'x-lab-country': 'KP' } })).action).toBe('BLOCK');
    expect(waf.evaluate(request({ headers: { 'x-lab-country': 'FR' } })).action).toBe('ALLOW');
    expect(waf.evaluate(request()).action).toBe('ALLOW');
    // Without countryHeader no request has a country.
    const blind = evaluator({
      Rules: [rule('geo', 0, { GeoMatchStatement: { CountryCodes: ['KP'] } }, { Block: {} })],
    });
    expect(blind.evaluate(request({ headers: { 'x-lab-country': 'KP' } })).action).toBe('ALLOW');
  });
});

describe('RateBasedStatement (https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based.html)', () => {
  const clock = () => {
    let t = 1_000_000;
    return { now: () => t, advance: (ms: number) => void (t += ms) };
  };

  it('blocks an IP once its requests in the trailing 5 minutes exceed Limit, per IP, and lets it back after', () => {
    const c = clock();
    const waf = evaluator(
      { Rules: [rule('rate', 0, { RateBasedStatement: { Limit: 10, AggregateKeyType: 'IP' } }, { Block: {} })] },
      { now: c.now },
    );
    const actions = Array.from({ length: 12 }, () => waf.evaluate(request()).action);
    expect(actions.filter((a) => a === 'ALLOW')).toHaveLength(10);
    expect(actions.slice(10)).toEqual(['BLOCK', 'BLOCK']);
    expect(waf.evaluate(request({ sourceIp: '203.0.113.1' })).action).toBe('ALLOW');
    c.advance(299_000);
    expect(waf.evaluate(request()).action).toBe('BLOCK');
    c.advance(2_000); // the first 12 requests are now older than 300 s; only the one at +299 s remains
    expect(waf.evaluate(request()).action).toBe('ALLOW');
  });

  it('counts only the requests its ScopeDownStatement matches, over EvaluationWindowSec', () => {
    const c = clock();
    const waf = evaluator(
      {
        Rules: [
          rule(
            'rate-login',
            0,
            {
              RateBasedStatement: {
                Limit: 10,
                AggregateKeyType: 'IP',
                EvaluationWindowSec: 60,
                ScopeDownStatement: {
                  ByteMatchStatement: {
                    SearchString: '/login',
                    FieldToMatch: { UriPath: {} },
                    PositionalConstraint: 'EXACTLY',
                    TextTransformations: [{ Priority: 0, Type: 'NONE' }],
                  },
                },
              },
            },
            { Block: {} },
          ),
        ],
      },
      { now: c.now },
    );
    for (let i = 0; i < 20; i++) expect(waf.evaluate(request()).action).toBe('ALLOW');
    for (let i = 0; i < 10; i++) expect(waf.evaluate(request({ path: '/login' })).action).toBe('ALLOW');
    expect(waf.evaluate(request({ path: '/login' })).action).toBe('BLOCK');
    expect(waf.evaluate(request()).action).toBe('ALLOW');
    c.advance(60_001);
    expect(waf.evaluate(request({ path: '/login' })).action).toBe('ALLOW');
  });
});

describe('counters as CloudWatch names them (https://docs.aws.amazon.com/waf/latest/developerguide/waf-metrics.html)', () => {
  it('counts per rule metric name and for the whole web ACL under ALL', () => {
    const waf = evaluator({
      Rules: [
        rule('count-curl', 0, uaContains('curl'), { Count: {} }),
        rule('block-evil', 1, uaContains('evil'), { Block: {} }, { VisibilityConfig: { MetricName: 'evil-metric' } }),
      ],
    });
    waf.evaluate(request());
    waf.evaluate(request({ headers: { 'user-agent': 'evil curl' } }));
    waf.evaluate(request({ headers: { 'user-agent': 'firefox' } }));
    expect(waf.counters()).toEqual({
      'count-curl': { AllowedRequests: 0, BlockedRequests: 0, CountedRequests: 2 },
      'evil-metric': { AllowedRequests: 0, BlockedRequests: 1, CountedRequests: 0 },
      ALL: { AllowedRequests: 2, BlockedRequests: 1, CountedRequests: 0 },
    });
  });
});

describe('sampled requests as get-sampled-requests prints them (https://docs.aws.amazon.com/waf/latest/APIReference/API_SampledHTTPRequest.html)', () => {
  it('keeps, per rule metric name and for Default_Action, the requests with the action taken, labels and custom codes', () => {
    const now = 1_700_000_000_123;
    const waf = evaluator(
      {
        Rules: [
          rule('tag-curl', 0, uaContains('curl'), { Count: {} }, { RuleLabels: [{ Name: 'cli' }] }),
          rule('block-evil', 1, uaContains('evil'), { Block: { CustomResponse: { ResponseCode: 418 } } }),
          rule('quiet', 2, uaContains('quiet'), { Block: {} }, { VisibilityConfig: { SampledRequestsEnabled: false } }),
        ],
      },
      { now: () => now, countryHeader: 'x-country', accountId: '111122223333' },
    );
    waf.evaluate(request({ headers: { 'user-agent': 'evil curl', 'x-country': 'FR' } }));
    waf.evaluate(request({ headers: { 'user-agent': 'firefox' } }));
    waf.evaluate(request({ headers: { 'user-agent': 'quiet' } }));
    expect(waf.sampledRequests('block-evil')).toEqual([
      {
        Request: {
          ClientIP: '198.51.100.7',
          Country: 'FR',
          URI: '/pets',
          Method: 'GET',
          HTTPVersion: 'HTTP/1.1',
          Headers: [
            { Name: 'user-agent', Value: 'evil curl' },
            { Name: 'x-country', Value: 'FR' },
          ],
        },
        Weight: 1,
        Timestamp: 1_700_000_000,
        Action: 'BLOCK',
        ResponseCodeSent: 418,
        Labels: [{ Name: 'awswaf:111122223333:webacl:lab:cli' }],
      },
    ]);
    expect(waf.sampledRequests('tag-curl').map((s) => s.Action)).toEqual(['COUNT']);
    expect(waf.sampledRequests('Default_Action').map((s) => [s.Action, s.Request.Headers[0]!.Value])).toEqual([
      ['ALLOW', 'firefox'],
    ]);
    expect(waf.sampledRequests('quiet')).toEqual([]);
    expect(waf.counters().quiet).toEqual({ AllowedRequests: 0, BlockedRequests: 1, CountedRequests: 0 });
  });

  it('keeps the newest 100 per rule', () => {
    let t = 0;
    const waf = evaluator({ Rules: [rule('all', 0, uaContains('curl'), { Count: {} })] }, { now: () => (t += 1000) });
    for (let i = 0; i < 105; i++) waf.evaluate(request());
    const samples = waf.sampledRequests('all');
    expect(samples).toHaveLength(100);
    expect(samples[0]!.Timestamp).toBe(6);
    expect(samples[99]!.Timestamp).toBe(105);
  });
});
