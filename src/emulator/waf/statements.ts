/**
 * Rule statements matched against a request.
 * https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statements-list.html
 */
import { applyTransformations } from './transformations.js';
import { cidrContains, parseIp, type Cidr } from './ip-match.js';
import { BODY_INSPECTION_LIMIT, headerOf, queryArgumentOf, type WafRequest } from './request-view.js';
import type {
  ByteMatchStatement,
  FieldToMatch,
  IPSetForwardedIPConfig,
  InspectStatement,
  Statement,
} from './web-acl.js';

export interface MatchContext {
  request: WafRequest;
  /** The request's country (ISO 3166 alpha-2), from the header the caller names; undefined when absent. */
  country: string | undefined;
  /** Labels added by rules evaluated so far (fully qualified). */
  labels: readonly string[];
  ipSets: ReadonlyMap<string, readonly Cidr[]>;
  /** Called for a RateBasedStatement: true when this request is over the limit. */
  rateExceeded: (statement: Extract<Statement, { RateBasedStatement: unknown }>['RateBasedStatement']) => boolean;
}

/** The request component a FieldToMatch names; undefined when absent (a missing header matches nothing). */
export function fieldValue(field: FieldToMatch, request: WafRequest): string | undefined {
  if ('UriPath' in field) return request.path;
  if ('QueryString' in field) return request.query;
  if ('Method' in field) return request.method;
  if ('Body' in field) return request.body.slice(0, BODY_INSPECTION_LIMIT);
  if ('SingleHeader' in field) return headerOf(request, field.SingleHeader.Name);
  return queryArgumentOf(request, field.SingleQueryArgument.Name);
}

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);

/**
 * PositionalConstraint semantics from API_ByteMatchStatement: CONTAINS_WORD needs the search string bounded by
 * non-alphanumeric characters (or the start/end of the value). https://docs.aws.amazon.com/waf/latest/APIReference/API_ByteMatchStatement.html
 */
export function byteMatches(s: ByteMatchStatement, value: string): boolean {
  const needle = s.SearchString;
  switch (s.PositionalConstraint) {
    case 'EXACTLY':
      return value === needle;
    case 'STARTS_WITH':
      return value.startsWith(needle);
    case 'ENDS_WITH':
      return value.endsWith(needle);
    case 'CONTAINS':
      return value.includes(needle);
    case 'CONTAINS_WORD':
      for (let i = value.indexOf(needle); i >= 0; i = value.indexOf(needle, i + 1)) {
        if (!isWordChar(value[i - 1]) && !isWordChar(value[i + needle.length])) return true;
      }
      return false;
  }
}

/**
 * HEURISTIC, not AWS's engine (AWS does not publish its SQL injection detection): quote-breaking tautologies,
 * UNION SELECT, stacked queries, comment sequences, time-based probes.
 */
const SQLI_PATTERNS = [
  /['"`]\s*(or|and)\s+['"`]?\w+['"`]?\s*(=|like)\s*['"`]?\w+/i,
  /\b(or|and)\s+\d+\s*=\s*\d+/i,
  /\bunion\b[\s\S]*\bselect\b/i,
  /;\s*(drop|delete|insert|update|alter|create|exec)\b/i,
  /['"`]\s*(--|#|\/\*)/,
  /\b(sleep|benchmark|pg_sleep|waitfor\s+delay)\s*\(?/i,
  /\bselect\b[\s\S]+\bfrom\b/i,
];

/**
 * HEURISTIC, not AWS's engine (AWS does not publish its XSS detection): script and dangerous tags, event handler
 * attributes, javascript: URLs.
 */
const XSS_PATTERNS = [
  /<\s*(script|iframe|object|embed|svg|img|body|style|link|meta|base|form)\b/i,
  /\bon[a-z]+\s*=/i,
  /javascript\s*:/i,
  /<\s*\/\s*script\s*>/i,
];

function inspects(s: InspectStatement, request: WafRequest, patterns: readonly RegExp[]): boolean {
  const raw = fieldValue(s.FieldToMatch, request);
  if (raw === undefined) return false;
  const value = applyTransformations(raw, s.TextTransformations);
  return patterns.some((p) => p.test(value));
}

/**
 * LabelMatchStatement: Key matches a label's full name or its trailing name segments (Scope LABEL), or a namespace
 * prefix of it (Scope NAMESPACE). https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-label-match.html
 */
export function labelMatches(scope: 'LABEL' | 'NAMESPACE', key: string, label: string): boolean {
  if (scope === 'LABEL') return label === key || label.endsWith(`:${key}`);
  const ns = key.endsWith(':') ? key : `${key}:`;
  const labelNs = label.slice(0, label.lastIndexOf(':') + 1);
  return labelNs === ns || labelNs.endsWith(`:${ns}`);
}

/**
 * An IP set matched against the addresses of a header such as X-Forwarded-For: without the header "AWS WAF doesn't
 * apply the rule" (no match); FIRST and LAST take that address, ANY matches when any address is in the set ("If the
 * header contains more than 10 IP addresses, AWS WAF inspects the last 10"); when the position holds no valid IP,
 * FallbackBehavior decides. https://docs.aws.amazon.com/waf/latest/APIReference/API_IPSetForwardedIPConfig.html
 */
function forwardedIpMatches(config: IPSetForwardedIPConfig, request: WafRequest, cidrs: readonly Cidr[]): boolean {
  const header = headerOf(request, config.HeaderName);
  if (header === undefined) return false;
  const addresses = header.split(',').map((a) => a.trim());
  const picked =
    config.Position === 'FIRST'
      ? addresses.slice(0, 1)
      : config.Position === 'LAST'
        ? addresses.slice(-1)
        : addresses.slice(-10);
  const valid = picked.filter((a) => parseIp(a) !== undefined);
  if (valid.length === 0) return config.FallbackBehavior === 'MATCH';
  return valid.some((a) => cidrs.some((c) => cidrContains(c, a)));
}

/** True when `statement` matches the request. */
export function statementMatches(statement: Statement, ctx: MatchContext): boolean {
  if ('ByteMatchStatement' in statement) {
    const s = statement.ByteMatchStatement;
    const raw = fieldValue(s.FieldToMatch, ctx.request);
    return raw !== undefined && byteMatches(s, applyTransformations(raw, s.TextTransformations));
  }
  if ('SqliMatchStatement' in statement) return inspects(statement.SqliMatchStatement, ctx.request, SQLI_PATTERNS);
  if ('XssMatchStatement' in statement) return inspects(statement.XssMatchStatement, ctx.request, XSS_PATTERNS);
  if ('AndStatement' in statement) return statement.AndStatement.Statements.every((s) => statementMatches(s, ctx));
  if ('OrStatement' in statement) return statement.OrStatement.Statements.some((s) => statementMatches(s, ctx));
  if ('NotStatement' in statement) return !statementMatches(statement.NotStatement.Statement, ctx);
  if ('IPSetReferenceStatement' in statement) {
    const { ARN, IPSetForwardedIPConfig: forwarded } = statement.IPSetReferenceStatement;
    const cidrs = ctx.ipSets.get(ARN) ?? [];
    if (forwarded === undefined) return cidrs.some((c) => cidrContains(c, ctx.request.sourceIp));
    return forwardedIpMatches(forwarded, ctx.request, cidrs);
  }
  if ('GeoMatchStatement' in statement)
    return ctx.country !== undefined && statement.GeoMatchStatement.CountryCodes.includes(ctx.country.toUpperCase());
  if ('LabelMatchStatement' in statement) {
    const { Scope, Key } = statement.LabelMatchStatement;
    return ctx.labels.some((l) => labelMatches(Scope, Key, l));
  }
  return ctx.rateExceeded(statement.RateBasedStatement);
}
