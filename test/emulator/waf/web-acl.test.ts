import { describe, expect, it } from 'vitest';
import { parseWebAcl, WebAclError } from '../../../src/emulator/waf/web-acl.js';

const byteRule = (over: Record<string, unknown> = {}) => ({
  Name: 'block-bad-bot',
  Priority: 0,
  Statement: {
    ByteMatchStatement: {
      SearchString: 'badbot',
      FieldToMatch: { SingleHeader: { Name: 'user-agent' } },
      PositionalConstraint: 'CONTAINS',
      TextTransformations: [{ Priority: 0, Type: 'LOWERCASE' }],
    },
  },
  Action: { Block: {} },
  VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: 'bad-bot' },
  ...over,
});

const acl = (over: Record<string, unknown> = {}) => ({
  WebACL: { Name: 'lab-acl', DefaultAction: { Allow: {} }, Rules: [byteRule()], ...over },
});

/** The one-line message parseWebAcl throws for `json`. */
function errorOf(json: unknown, ipSets?: Record<string, string[]>): string {
  try {
    parseWebAcl(json, ipSets);
  } catch (e) {
    expect(e).toBeInstanceOf(WebAclError);
    expect((e as Error).message).not.toContain('\n');
    return (e as Error).message;
  }
  throw new Error('expected a WebAclError');
}

describe('web ACL JSON as `aws wafv2 get-web-acl` prints it (https://docs.aws.amazon.com/waf/latest/APIReference/API_WebACL.html)', () => {
  it('accepts the {WebACL: ...} envelope or the bare object, and orders rules by Priority', () => {
    const rules = [byteRule({ Name: 'b', Priority: 20 }), byteRule({ Name: 'a', Priority: 3 })];
    expect(parseWebAcl(acl({ Rules: rules })).ordered.map((r) => r.Name)).toEqual(['a', 'b']);
    expect(parseWebAcl(acl().WebACL).Name).toBe('lab-acl');
  });

  it.each([
    [acl({ Name: '' }), 'WebACL.Name: must be a non-empty string'],
    [
      acl({ DefaultAction: { Count: {} } }),
      'WebACL.DefaultAction.Count: unknown or unsupported; expected one of Allow, Block',
    ],
    [acl({ DefaultAction: { Allow: {}, Block: {} } }), 'WebACL.DefaultAction: must have exactly one of Allow, Block'],
    [acl({ Rules: {} }), 'WebACL.Rules: must be an array'],
    [acl({ Rules: [byteRule({ Priority: -1 })] }), 'WebACL.Rules[0].Priority: must be an integer >= 0'],
    [
      acl({ Rules: [byteRule({ Name: 'x' }), byteRule({ Name: 'y' })] }),
      'WebACL.Rules[1].Priority: duplicate priority 0 (rule priorities must be unique)',
    ],
    [
      acl({ Rules: [byteRule(), byteRule({ Priority: 1 })] }),
      'WebACL.Rules[1].Name: duplicate rule name "block-bad-bot"',
    ],
    [
      acl({ Rules: [byteRule({ Statement: { RegexMatchStatement: {} } })] }),
      'WebACL.Rules[0].Statement.RegexMatchStatement: unknown or unsupported',
    ],
    [
      acl({ Rules: [byteRule({ Action: { Captcha: {} } })] }),
      'WebACL.Rules[0].Action.Captcha: unknown or unsupported; expected one of Allow, Block, Count',
    ],
  ])('rejects %j with "%s"', (json, message) => {
    expect(errorOf(json)).toContain(message);
  });

  it('names the bad field inside a ByteMatchStatement', () => {
    const bad = (patch: Record<string, unknown>) =>
      acl({
        Rules: [
          byteRule({ Statement: { ByteMatchStatement: { ...byteRule().Statement.ByteMatchStatement, ...patch } } }),
        ],
      });
    const p = 'WebACL.Rules[0].Statement.ByteMatchStatement';
    expect(errorOf(bad({ PositionalConstraint: 'LIKE' }))).toBe(
      `${p}.PositionalConstraint: must be one of EXACTLY, STARTS_WITH, ENDS_WITH, CONTAINS, CONTAINS_WORD`,
    );
    expect(errorOf(bad({ SearchString: '' }))).toBe(`${p}.SearchString: must be a non-empty string`);
    expect(errorOf(bad({ FieldToMatch: { Cookies: {} } }))).toMatch(
      `${p}.FieldToMatch.Cookies: unknown or unsupported`,
    );
    expect(errorOf(bad({ FieldToMatch: { SingleHeader: {} } }))).toBe(
      `${p}.FieldToMatch.SingleHeader.Name: must be a non-empty string`,
    );
    expect(errorOf(bad({ TextTransformations: [] }))).toBe(`${p}.TextTransformations: must have at least 1 item`);
    expect(
      errorOf(
        bad({
          TextTransformations: [
            { Priority: 1, Type: 'NONE' },
            { Priority: 1, Type: 'LOWERCASE' },
          ],
        }),
      ),
    ).toBe(`${p}.TextTransformations[1].Priority: duplicate priority 1 (priorities must all be different)`);
    expect(errorOf(bad({ TextTransformations: [{ Priority: 0, Type: 'ROT13' }] }))).toMatch(
      `${p}.TextTransformations[0].Type: unsupported "ROT13"`,
    );
  });

  it('CONTAINS_WORD takes only word characters; labels match ^[0-9A-Za-z_\\-:]+$ (https://docs.aws.amazon.com/waf/latest/APIReference/API_LabelMatchStatement.html)', () => {
    const word = {
      ByteMatchStatement: {
        ...byteRule().Statement.ByteMatchStatement,
        PositionalConstraint: 'CONTAINS_WORD',
        SearchString: 'bad bot',
      },
    };
    expect(errorOf(acl({ Rules: [byteRule({ Statement: word })] }))).toBe(
      'WebACL.Rules[0].Statement.ByteMatchStatement.SearchString: with CONTAINS_WORD must contain only A-Z, a-z, 0-9 or _',
    );
    expect(errorOf(acl({ Rules: [byteRule({ RuleLabels: [{ Name: 'bots bad' }] })] }))).toMatch(
      /^WebACL\.Rules\[0\]\.RuleLabels\[0\]\.Name: must match/,
    );
    const key = { LabelMatchStatement: { Scope: 'LABEL', Key: 'a/b' } };
    expect(errorOf(acl({ Rules: [byteRule({ Statement: key })] }))).toMatch(
      /^WebACL\.Rules\[0\]\.Statement\.LabelMatchStatement\.Key: must match/,
    );
  });

  it('reads SearchString as base64 when asked, as get-web-acl prints the Blob (https://docs.aws.amazon.com/waf/latest/APIReference/API_ByteMatchStatement.html)', () => {
    const printed = acl({
      Rules: [
        byteRule({
          Statement: { ByteMatchStatement: { ...byteRule().Statement.ByteMatchStatement, SearchString: 'YmFkYm90' } },
        }),
      ],
    });
    const parsed = parseWebAcl(printed, {}, { searchStringEncoding: 'base64' });
    expect(
      (parsed.Rules[0]!.Statement as { ByteMatchStatement: { SearchString: string } }).ByteMatchStatement.SearchString,
    ).toBe('badbot');
    // The caller's object is left as it was; without the option the string is taken as text.
    expect(printed.WebACL.Rules[0]!.Statement.ByteMatchStatement.SearchString).toBe('YmFkYm90');
    expect(
      (parseWebAcl(printed).Rules[0]!.Statement as { ByteMatchStatement: { SearchString: string } }).ByteMatchStatement
        .SearchString,
    ).toBe('YmFkYm90');
    expect(() => parseWebAcl(acl(), {}, { searchStringEncoding: 'base64' })).toThrow(
      'WebACL.Rules[0].Statement.ByteMatchStatement.SearchString: is not base64 (as get-web-acl prints it)',
    );
  });

  it('And/Or need two statements; nested paths are named', () => {
    const only = { OrStatement: { Statements: [byteRule().Statement] } };
    expect(errorOf(acl({ Rules: [byteRule({ Statement: only })] }))).toBe(
      'WebACL.Rules[0].Statement.OrStatement.Statements: must have at least 2 items',
    );
    const nested = { NotStatement: { Statement: { GeoMatchStatement: { CountryCodes: ['fr'] } } } };
    expect(errorOf(acl({ Rules: [byteRule({ Statement: nested })] }))).toBe(
      'WebACL.Rules[0].Statement.NotStatement.Statement.GeoMatchStatement.CountryCodes[0]: must be a two-letter ISO 3166 code',
    );
  });

  it('an IPSetReferenceStatement needs its IP set, and the IP set valid CIDRs', () => {
    const arn = 'arn:aws:wafv2:us-east-1:123456789012:regional/ipset/blocked/abc';
    const json = acl({ Rules: [byteRule({ Statement: { IPSetReferenceStatement: { ARN: arn } } })] });
    expect(errorOf(json)).toBe(`WebACL.Rules[0].Statement.IPSetReferenceStatement.ARN: no IP set given for ${arn}`);
    expect(errorOf(json, { [arn]: ['192.0.2.0/24', '10.0.0.0/40'] })).toBe(
      `IP set ${arn}.Addresses[1]: "10.0.0.0/40" is not an IPv4 or IPv6 CIDR`,
    );
    expect(parseWebAcl(json, { [arn]: ['192.0.2.0/24', '2001:db8::/32'] }).ipSets.get(arn)).toHaveLength(2);
  });

  it('a RateBasedStatement is top-level only, with Limit >= 10 and a window of 60/120/300/600 s (https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based-high-level-settings.html)', () => {
    const rate = (s: Record<string, unknown>) => acl({ Rules: [byteRule({ Statement: { RateBasedStatement: s } })] });
    expect(errorOf(rate({ Limit: 5, AggregateKeyType: 'IP' }))).toBe(
      'WebACL.Rules[0].Statement.RateBasedStatement.Limit: must be an integer >= 10',
    );
    expect(errorOf(rate({ Limit: 100, AggregateKeyType: 'IP', EvaluationWindowSec: 30 }))).toBe(
      'WebACL.Rules[0].Statement.RateBasedStatement.EvaluationWindowSec: must be 60, 120, 300 or 600',
    );
    const inNot = { NotStatement: { Statement: { RateBasedStatement: { Limit: 100, AggregateKeyType: 'IP' } } } };
    expect(errorOf(acl({ Rules: [byteRule({ Statement: inNot })] }))).toMatch(/must be the rule's top-level statement/);
  });

  it('a custom response needs a known body key and a code in 200-599 (https://docs.aws.amazon.com/waf/latest/developerguide/customizing-the-response-for-blocks.html)', () => {
    const block = (CustomResponse: unknown, extra: Record<string, unknown> = {}) =>
      acl({ Rules: [byteRule({ Action: { Block: { CustomResponse } } })], ...extra });
    expect(errorOf(block({ ResponseCode: 99 }))).toBe(
      'WebACL.Rules[0].Action.Block.CustomResponse.ResponseCode: must be an integer >= 200',
    );
    expect(errorOf(block({ ResponseCode: 429, CustomResponseBodyKey: 'nope' }))).toBe(
      'WebACL.Rules[0].Action.Block.CustomResponse.CustomResponseBodyKey: no WebACL.CustomResponseBodies entry "nope"',
    );
    expect(
      errorOf(block({ ResponseCode: 429 }, { CustomResponseBodies: { x: { ContentType: 'TEXT_XML', Content: '' } } })),
    ).toBe('WebACL.CustomResponseBodies.x.ContentType: must be one of TEXT_PLAIN, TEXT_HTML, APPLICATION_JSON');
  });
});
