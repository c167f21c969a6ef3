import { describe, expect, it } from 'vitest';
import {
  byteMatches,
  labelMatches,
  statementMatches,
  type MatchContext,
} from '../../../src/emulator/waf/statements.js';
import { parseCidr } from '../../../src/emulator/waf/ip-match.js';
import type { ByteMatchStatement, FieldToMatch, Statement } from '../../../src/emulator/waf/web-acl.js';
import type { WafRequest } from '../../../src/emulator/waf/request-view.js';

const request = (over: Partial<WafRequest> = {}): WafRequest => ({
  method: 'GET',
  path: '/pets/42',
  query: 'name=Rex&q=%3Cscript%3E',
  headers: { 'User-Agent': 'Mozilla/5.0 BadBot/1.0', 'X-Country': 'FR' },
  body: '',
  sourceIp: '192.0.2.10',
  ...over,
});

const ctx = (over: Partial<MatchContext> = {}): MatchContext => ({
  request: request(),
  country: undefined,
  labels: [],
  ipSets: new Map(),
  rateExceeded: () => false,
  ...over,
});

const byte = (
  SearchString: string,
  FieldToMatch: FieldToMatch,
  PositionalConstraint: ByteMatchStatement['PositionalConstraint'] = 'CONTAINS',
  types: string[] = ['NONE'],
): Statement => ({
  ByteMatchStatement: {
    SearchString,
    FieldToMatch,
    PositionalConstraint,
    TextTransformations: types.map((Type, Priority) => ({ Type, Priority })),
  },
});

describe('ByteMatchStatement (https://docs.aws.amazon.com/waf/latest/APIReference/API_ByteMatchStatement.html)', () => {
  const bm = (PositionalConstraint: ByteMatchStatement['PositionalConstraint'], needle: string, value: string) =>
    byteMatches(
      { SearchString: needle, PositionalConstraint, FieldToMatch: { UriPath: {} }, TextTransformations: [] },
      value,
    );

  it('positional constraints', () => {
    expect(bm('EXACTLY', '/admin', '/admin')).toBe(true);
    expect(bm('EXACTLY', '/admin', '/admin/')).toBe(false);
    expect(bm('STARTS_WITH', '/admin', '/admin/users')).toBe(true);
    expect(bm('STARTS_WITH', '/admin', '/x/admin')).toBe(false);
    expect(bm('ENDS_WITH', '.php', '/index.php')).toBe(true);
    expect(bm('ENDS_WITH', '.php', '/index.php5')).toBe(false);
    expect(bm('CONTAINS', 'etc/passwd', '/../../etc/passwd')).toBe(true);
    expect(bm('CONTAINS', 'etc/passwd', '/etc/shadow')).toBe(false);
  });

  it('CONTAINS_WORD needs non-alphanumeric characters (or the ends) on both sides', () => {
    expect(bm('CONTAINS_WORD', 'admin', 'admin')).toBe(true);
    expect(bm('CONTAINS_WORD', 'admin', '/admin/x')).toBe(true);
    expect(bm('CONTAINS_WORD', 'admin', 'a;admin;b')).toBe(true);
    expect(bm('CONTAINS_WORD', 'admin', '/administrator')).toBe(false);
    expect(bm('CONTAINS_WORD', 'admin', '/sysadmin')).toBe(false);
    expect(bm('CONTAINS_WORD', 'admin', 'my_admin')).toBe(false);
    // A later occurrence can be a word even when the first is not.
    expect(bm('CONTAINS_WORD', 'admin', 'administrator admin')).toBe(true);
  });

  it('inspects the FieldToMatch it names (https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-fields-list.html)', () => {
    const c = ctx({ request: request({ method: 'DELETE', body: '{"role":"root"}' }) });
    expect(statementMatches(byte('/pets/', { UriPath: {} }, 'STARTS_WITH'), c)).toBe(true);
    expect(statementMatches(byte('name=Rex', { QueryString: {} }), c)).toBe(true);
    expect(statementMatches(byte('DELETE', { Method: {} }, 'EXACTLY'), c)).toBe(true);
    expect(statementMatches(byte('"root"', { Body: {} }), c)).toBe(true);
    expect(statementMatches(byte('Rex', { SingleQueryArgument: { Name: 'NAME' } }, 'EXACTLY'), c)).toBe(true);
    // Header names are case-insensitive; a missing header matches nothing, not even NOT-less CONTAINS ''.
    expect(statementMatches(byte('BadBot', { SingleHeader: { Name: 'user-agent' } }), c)).toBe(true);
    expect(statementMatches(byte('x', { SingleHeader: { Name: 'x-missing' } }), c)).toBe(false);
    expect(statementMatches(byte('/pets/', { QueryString: {} }), c)).toBe(false);
  });

  it('applies the text transformations before matching (https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-transformation.html)', () => {
    const c = ctx();
    expect(statementMatches(byte('badbot', { SingleHeader: { Name: 'User-Agent' } }), c)).toBe(false);
    expect(
      statementMatches(byte('badbot', { SingleHeader: { Name: 'User-Agent' } }, 'CONTAINS', ['LOWERCASE']), c),
    ).toBe(true);
    expect(statementMatches(byte('<script>', { QueryString: {} }), c)).toBe(false);
    expect(statementMatches(byte('<script>', { QueryString: {} }, 'CONTAINS', ['URL_DECODE']), c)).toBe(true);
  });

  it('inspects only the first 16 KB of the body, the API Gateway default (https://docs.aws.amazon.com/waf/latest/APIReference/API_Body.html)', () => {
    const c = ctx({ request: request({ body: 'a'.repeat(16 * 1024) + 'attack' }) });
    expect(statementMatches(byte('attack', { Body: {} }), c)).toBe(false);
    const c2 = ctx({ request: request({ body: 'a'.repeat(16 * 1024 - 6) + 'attack' }) });
    expect(statementMatches(byte('attack', { Body: {} }), c2)).toBe(true);
  });
});

describe('logical statements (https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statements-logical.html)', () => {
  const yes = byte('/pets', { UriPath: {} }, 'STARTS_WITH');
  const no = byte('/users', { UriPath: {} }, 'STARTS_WITH');
  it('And needs all, Or any, Not inverts', () => {
    expect(statementMatches({ AndStatement: { Statements: [yes, yes] } }, ctx())).toBe(true);
    expect(statementMatches({ AndStatement: { Statements: [yes, no] } }, ctx())).toBe(false);
    expect(statementMatches({ OrStatement: { Statements: [no, yes] } }, ctx())).toBe(true);
    expect(statementMatches({ OrStatement: { Statements: [no, no] } }, ctx())).toBe(false);
    expect(statementMatches({ NotStatement: { Statement: no } }, ctx())).toBe(true);
    expect(statementMatches({ NotStatement: { Statement: { OrStatement: { Statements: [no, yes] } } } }, ctx())).toBe(
      false,
    );
  });
});

describe('IPSetReferenceStatement, GeoMatchStatement, LabelMatchStatement', () => {
  it('matches the source IP against the referenced IP set (https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-ipset-match.html)', () => {
    const ipSets = new Map([['arn:set', [parseCidr('192.0.2.0/28')!, parseCidr('2001:db8::/32')!]]]);
    const s: Statement = { IPSetReferenceStatement: { ARN: 'arn:set' } };
    expect(statementMatches(s, ctx({ ipSets }))).toBe(true);
    expect(statementMatches(s, ctx({ ipSets, request: request({ sourceIp: '192.0.2.16' }) }))).toBe(false);
    expect(statementMatches(s, ctx({ ipSets, request: request({ sourceIp: '2001:db8::9' }) }))).toBe(true);
  });

  it('matches the country against CountryCodes; no country matches nothing (https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-geo-match.html)', () => {
    const s: Statement = { GeoMatchStatement: { CountryCodes: ['FR', 'DE'] } };
    expect(statementMatches(s, ctx({ country: 'FR' }))).toBe(true);
    expect(statementMatches(s, ctx({ country: 'us' }))).toBe(false);
    expect(statementMatches(s, ctx({ country: undefined }))).toBe(false);
  });

  it('LabelMatchStatement: a LABEL key matches the full label or its trailing segments; NAMESPACE a namespace (https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-label-match.html)', () => {
    const label = 'awswaf:123456789012:webacl:lab:bots:bad';
    expect(labelMatches('LABEL', 'bots:bad', label)).toBe(true);
    expect(labelMatches('LABEL', 'bad', label)).toBe(true);
    expect(labelMatches('LABEL', label, label)).toBe(true);
    expect(labelMatches('LABEL', 'ad', label)).toBe(false);
    expect(labelMatches('LABEL', 'bots', label)).toBe(false);
    expect(labelMatches('NAMESPACE', 'bots:', label)).toBe(true);
    expect(labelMatches('NAMESPACE', 'bots', label)).toBe(true);
    expect(labelMatches('NAMESPACE', 'awswaf:123456789012:webacl:lab:bots:', label)).toBe(true);
    expect(labelMatches('NAMESPACE', 'ots:', label)).toBe(false);
    const s: Statement = { LabelMatchStatement: { Scope: 'LABEL', Key: 'bots:bad' } };
    expect(statementMatches(s, ctx({ labels: [label] }))).toBe(true);
    expect(statementMatches(s, ctx({ labels: [] }))).toBe(false);
  });
});

describe('SqliMatchStatement and XssMatchStatement: HEURISTIC detectors, not AWS engines (AWS does not publish them)', () => {
  const sqli = (types: string[]): Statement => ({
    SqliMatchStatement: {
      FieldToMatch: { QueryString: {} },
      TextTransformations: types.map((Type, Priority) => ({ Type, Priority })),
    },
  });
  const xss = (types: string[]): Statement => ({
    XssMatchStatement: {
      FieldToMatch: { QueryString: {} },
      TextTransformations: types.map((Type, Priority) => ({ Type, Priority })),
    },
  });
  const q = (query: string) => ctx({ request: request({ query }) });

  it.each([
    "id=1' OR '1'='1",
    'id=1 or 1=1',
    'id=1 UNION ALL SELECT password FROM users',
    "id=1'; DROP TABLE users;--",
    "name=admin'--",
    'id=1 AND SLEEP(5)',
  ])('flags SQL injection in %s', (query) => {
    expect(statementMatches(sqli(['NONE']), q(query))).toBe(true);
  });

  it.each(['name=Rex', 'q=select a pet', "name=O'Brien", 'sort=price&order=desc'])('lets %s through', (query) => {
    expect(statementMatches(sqli(['URL_DECODE']), q(query))).toBe(false);
  });

  it('URL-encoded SQL injection needs URL_DECODE', () => {
    const encoded = 'id=1%27%20OR%20%271%27%3D%271';
    expect(statementMatches(sqli(['NONE']), q(encoded))).toBe(false);
    expect(statementMatches(sqli(['URL_DECODE']), q(encoded))).toBe(true);
  });

  it.each([
    'q=<script>alert(1)</script>',
    'q=<img src=x onerror=alert(1)>',
    'u=javascript:alert(1)',
    'q=<svg/onload=x>',
  ])('flags XSS in %s', (query) => {
    expect(statementMatches(xss(['NONE']), q(query))).toBe(true);
  });

  it('HTML-entity-encoded XSS needs HTML_ENTITY_DECODE; plain text passes', () => {
    expect(statementMatches(xss(['NONE']), q('q=&lt;script&gt;'))).toBe(false);
    expect(statementMatches(xss(['HTML_ENTITY_DECODE']), q('q=&lt;script&gt;'))).toBe(true);
    expect(statementMatches(xss(['URL_DECODE', 'HTML_ENTITY_DECODE']), q('q=a+scripted+tour&page=2'))).toBe(false);
  });
});
