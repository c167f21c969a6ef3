/**
 * A web ACL in the JSON shape `aws wafv2 get-web-acl` prints, validated with one-line errors naming the bad field.
 * https://docs.aws.amazon.com/waf/latest/APIReference/API_WebACL.html
 * https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statements-list.html
 */
import { SUPPORTED_TRANSFORMATIONS, type TextTransformation } from './transformations.js';
import { parseCidr, type Cidr } from './ip-match.js';

/** A bad web ACL: the message names the field (`WebACL.Rules[0].Statement...`). */
export class WebAclError extends Error {
  override name = 'WebAclError';
}

export type FieldToMatch =
  | { UriPath: object }
  | { QueryString: object }
  | { SingleHeader: { Name: string } }
  | { SingleQueryArgument: { Name: string } }
  | { Body: { OversizeHandling?: string } }
  | { Method: object };

export interface ByteMatchStatement {
  SearchString: string;
  FieldToMatch: FieldToMatch;
  PositionalConstraint: 'EXACTLY' | 'STARTS_WITH' | 'ENDS_WITH' | 'CONTAINS' | 'CONTAINS_WORD';
  TextTransformations: TextTransformation[];
}

export interface InspectStatement {
  FieldToMatch: FieldToMatch;
  TextTransformations: TextTransformation[];
}

export type Statement =
  | { ByteMatchStatement: ByteMatchStatement }
  | { SqliMatchStatement: InspectStatement }
  | { XssMatchStatement: InspectStatement }
  | { AndStatement: { Statements: Statement[] } }
  | { OrStatement: { Statements: Statement[] } }
  | { NotStatement: { Statement: Statement } }
  | { IPSetReferenceStatement: { ARN: string; IPSetForwardedIPConfig?: IPSetForwardedIPConfig } }
  | { GeoMatchStatement: { CountryCodes: string[] } }
  | { LabelMatchStatement: { Scope: 'LABEL' | 'NAMESPACE'; Key: string } }
  | {
      RateBasedStatement: {
        Limit: number;
        AggregateKeyType: 'IP';
        EvaluationWindowSec?: number;
        ScopeDownStatement?: Statement;
      };
    };

/**
 * Which header holds the client's IP instead of the socket address (API_IPSetForwardedIPConfig): the first, the last,
 * or any (of the last 10) address in it; FallbackBehavior when the position holds no valid IP.
 */
export interface IPSetForwardedIPConfig {
  HeaderName: string;
  FallbackBehavior: 'MATCH' | 'NO_MATCH';
  Position: 'FIRST' | 'LAST' | 'ANY';
}

export interface CustomResponse {
  ResponseCode: number;
  CustomResponseBodyKey?: string;
  ResponseHeaders?: { Name: string; Value: string }[];
}

export type RuleAction =
  | { Allow: { CustomRequestHandling?: { InsertHeaders: { Name: string; Value: string }[] } } }
  | { Block: { CustomResponse?: CustomResponse } }
  | { Count: { CustomRequestHandling?: { InsertHeaders: { Name: string; Value: string }[] } } };

export interface Rule {
  Name: string;
  Priority: number;
  Statement: Statement;
  Action: RuleAction;
  RuleLabels?: { Name: string }[];
  VisibilityConfig?: { SampledRequestsEnabled?: boolean; CloudWatchMetricsEnabled?: boolean; MetricName?: string };
}

export interface WebAcl {
  Name: string;
  DefaultAction: { Allow: object } | { Block: { CustomResponse?: CustomResponse } };
  Rules: Rule[];
  CustomResponseBodies?: Record<
    string,
    { ContentType: 'TEXT_PLAIN' | 'TEXT_HTML' | 'APPLICATION_JSON'; Content: string }
  >;
  /** Rules sorted by Priority (lowest first), as AWS WAF evaluates them. */
  readonly ordered: readonly Rule[];
  /** IP sets by ARN, parsed. */
  readonly ipSets: ReadonlyMap<string, readonly Cidr[]>;
}

const STATEMENT_KINDS = [
  'ByteMatchStatement',
  'SqliMatchStatement',
  'XssMatchStatement',
  'AndStatement',
  'OrStatement',
  'NotStatement',
  'IPSetReferenceStatement',
  'GeoMatchStatement',
  'LabelMatchStatement',
  'RateBasedStatement',
] as const;
const FIELDS = ['UriPath', 'QueryString', 'SingleHeader', 'SingleQueryArgument', 'Body', 'Method'];
const POSITIONS = ['EXACTLY', 'STARTS_WITH', 'ENDS_WITH', 'CONTAINS', 'CONTAINS_WORD'];
/** API_LabelMatchStatement / API_Label: label names and keys. */
const LABEL_PATTERN = /^[0-9A-Za-z_\-:]+$/;
const BODY_TYPES = ['TEXT_PLAIN', 'TEXT_HTML', 'APPLICATION_JSON'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(path: string, problem: string): never {
  throw new WebAclError(`${path}: ${problem}`);
}

function obj(v: unknown, path: string): Record<string, unknown> {
  if (!isObject(v)) fail(path, 'must be an object');
  return v;
}

function str(v: unknown, path: string): string {
  if (typeof v !== 'string' || v === '') fail(path, 'must be a non-empty string');
  return v;
}

function int(v: unknown, path: string, min = 0): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) fail(path, `must be an integer >= ${min}`);
  return v;
}

function arr(v: unknown, path: string, minLength = 0): unknown[] {
  if (!Array.isArray(v)) fail(path, 'must be an array');
  if (v.length < minLength) fail(path, `must have at least ${minLength} item${minLength === 1 ? '' : 's'}`);
  return v;
}

/** The single key of a one-of object such as `{ Block: {} }` or `{ UriPath: {} }`. */
function oneKey(v: unknown, path: string, allowed: readonly string[]): string {
  const o = obj(v, path);
  const keys = Object.keys(o);
  if (keys.length !== 1) fail(path, `must have exactly one of ${allowed.join(', ')}`);
  if (!allowed.includes(keys[0]!))
    fail(`${path}.${keys[0]}`, `unknown or unsupported; expected one of ${allowed.join(', ')}`);
  return keys[0]!;
}

function checkTransformations(v: unknown, path: string): void {
  const seen = new Set<number>();
  arr(v, path, 1).forEach((t, i) => {
    const p = `${path}[${i}]`;
    const o = obj(t, p);
    const priority = int(o.Priority, `${p}.Priority`);
    if (seen.has(priority)) fail(`${p}.Priority`, `duplicate priority ${priority} (priorities must all be different)`);
    seen.add(priority);
    const type = str(o.Type, `${p}.Type`);
    if (!SUPPORTED_TRANSFORMATIONS.includes(type))
      fail(`${p}.Type`, `unsupported ${JSON.stringify(type)}; supported: ${SUPPORTED_TRANSFORMATIONS.join(', ')}`);
  });
}

function checkFieldToMatch(v: unknown, path: string): void {
  const key = oneKey(v, path, FIELDS);
  const inner = obj((v as Record<string, unknown>)[key], `${path}.${key}`);
  if (key === 'SingleHeader' || key === 'SingleQueryArgument') str(inner.Name, `${path}.${key}.Name`);
}

export interface ParseOptions {
  /**
   * `base64`: SearchString is as `aws wafv2 get-web-acl` prints it (a Blob, base64-encoded; API_ByteMatchStatement);
   * `text` (the default): SearchString is the plain text to look for.
   */
  searchStringEncoding?: 'text' | 'base64';
}

/** Decodes base64 to UTF-8 text, or undefined when it is not base64. */
function fromBase64(text: string): string | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(text), (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

function checkStatement(
  v: unknown,
  path: string,
  ipSets: ReadonlyMap<string, unknown>,
  depth = 0,
  options: ParseOptions = {},
): void {
  const kind = oneKey(v, path, STATEMENT_KINDS);
  const p = `${path}.${kind}`;
  const s = obj((v as Record<string, unknown>)[kind], p);
  switch (kind) {
    case 'ByteMatchStatement':
      str(s.SearchString, `${p}.SearchString`);
      if (options.searchStringEncoding === 'base64') {
        const decoded = fromBase64(s.SearchString as string);
        if (decoded === undefined) fail(`${p}.SearchString`, 'is not base64 (as get-web-acl prints it)');
        s.SearchString = decoded;
      }
      checkFieldToMatch(s.FieldToMatch, `${p}.FieldToMatch`);
      if (!POSITIONS.includes(s.PositionalConstraint as string))
        fail(`${p}.PositionalConstraint`, `must be one of ${POSITIONS.join(', ')}`);
      // API_ByteMatchStatement: with CONTAINS_WORD the SearchString holds only A-Z, a-z, 0-9 or _.
      if (s.PositionalConstraint === 'CONTAINS_WORD' && !/^\w+$/.test(s.SearchString as string))
        fail(`${p}.SearchString`, 'with CONTAINS_WORD must contain only A-Z, a-z, 0-9 or _');
      checkTransformations(s.TextTransformations, `${p}.TextTransformations`);
      return;
    case 'SqliMatchStatement':
    case 'XssMatchStatement':
      checkFieldToMatch(s.FieldToMatch, `${p}.FieldToMatch`);
      checkTransformations(s.TextTransformations, `${p}.TextTransformations`);
      return;
    case 'AndStatement':
    case 'OrStatement':
      arr(s.Statements, `${p}.Statements`, 2).forEach((c, i) =>
        checkStatement(c, `${p}.Statements[${i}]`, ipSets, depth + 1, options),
      );
      return;
    case 'NotStatement':
      checkStatement(s.Statement, `${p}.Statement`, ipSets, depth + 1, options);
      return;
    case 'IPSetReferenceStatement': {
      const arn = str(s.ARN, `${p}.ARN`);
      if (!ipSets.has(arn)) fail(`${p}.ARN`, `no IP set given for ${arn}`);
      if (s.IPSetForwardedIPConfig !== undefined) {
        const c = obj(s.IPSetForwardedIPConfig, `${p}.IPSetForwardedIPConfig`);
        // API_IPSetForwardedIPConfig: HeaderName ^[a-zA-Z0-9-]+$, 1 to 255 characters.
        if (!/^[a-zA-Z0-9-]{1,255}$/.test(str(c.HeaderName, `${p}.IPSetForwardedIPConfig.HeaderName`)))
          fail(`${p}.IPSetForwardedIPConfig.HeaderName`, 'must match ^[a-zA-Z0-9-]+$');
        if (c.FallbackBehavior !== 'MATCH' && c.FallbackBehavior !== 'NO_MATCH')
          fail(`${p}.IPSetForwardedIPConfig.FallbackBehavior`, 'must be MATCH or NO_MATCH');
        if (!['FIRST', 'LAST', 'ANY'].includes(c.Position as string))
          fail(`${p}.IPSetForwardedIPConfig.Position`, 'must be FIRST, LAST or ANY');
      }
      return;
    }
    case 'GeoMatchStatement':
      arr(s.CountryCodes, `${p}.CountryCodes`, 1).forEach((c, i) => {
        if (typeof c !== 'string' || !/^[A-Z]{2}$/.test(c))
          fail(`${p}.CountryCodes[${i}]`, 'must be a two-letter ISO 3166 code');
      });
      return;
    case 'LabelMatchStatement':
      if (s.Scope !== 'LABEL' && s.Scope !== 'NAMESPACE') fail(`${p}.Scope`, 'must be LABEL or NAMESPACE');
      if (!LABEL_PATTERN.test(str(s.Key, `${p}.Key`))) fail(`${p}.Key`, 'must match ^[0-9A-Za-z_\\-:]+$');
      return;
    case 'RateBasedStatement':
      // https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based-high-level-settings.html
      if (depth > 0) fail(p, "a rate-based statement must be the rule's top-level statement");
      int(s.Limit, `${p}.Limit`, 10);
      if (s.AggregateKeyType !== 'IP') fail(`${p}.AggregateKeyType`, 'only IP is supported');
      if (s.EvaluationWindowSec !== undefined && ![60, 120, 300, 600].includes(s.EvaluationWindowSec as number))
        fail(`${p}.EvaluationWindowSec`, 'must be 60, 120, 300 or 600');
      if (s.ScopeDownStatement !== undefined)
        checkStatement(s.ScopeDownStatement, `${p}.ScopeDownStatement`, ipSets, depth + 1, options);
      return;
  }
}

function checkCustomResponse(v: unknown, path: string, bodies: Record<string, unknown>): void {
  const o = obj(v, path);
  const code = int(o.ResponseCode, `${path}.ResponseCode`, 200);
  if (code > 599) fail(`${path}.ResponseCode`, 'must be between 200 and 599');
  if (o.CustomResponseBodyKey !== undefined) {
    const key = str(o.CustomResponseBodyKey, `${path}.CustomResponseBodyKey`);
    if (!(key in bodies))
      fail(`${path}.CustomResponseBodyKey`, `no WebACL.CustomResponseBodies entry ${JSON.stringify(key)}`);
  }
  if (o.ResponseHeaders !== undefined)
    arr(o.ResponseHeaders, `${path}.ResponseHeaders`).forEach((h, i) => {
      const ho = obj(h, `${path}.ResponseHeaders[${i}]`);
      // customizing-the-response-for-blocked-requests.html: "any header name except for content-type".
      if (str(ho.Name, `${path}.ResponseHeaders[${i}].Name`).toLowerCase() === 'content-type')
        fail(`${path}.ResponseHeaders[${i}].Name`, "content-type is not allowed (the body's ContentType sets it)");
      if (typeof ho.Value !== 'string') fail(`${path}.ResponseHeaders[${i}].Value`, 'must be a string');
    });
}

function checkAction(v: unknown, path: string, bodies: Record<string, unknown>, allowed: readonly string[]): void {
  const key = oneKey(v, path, allowed);
  const inner = obj((v as Record<string, unknown>)[key], `${path}.${key}`);
  if (key === 'Block' && inner.CustomResponse !== undefined)
    checkCustomResponse(inner.CustomResponse, `${path}.Block.CustomResponse`, bodies);
  if (key !== 'Block' && inner.CustomRequestHandling !== undefined) {
    const h = obj(inner.CustomRequestHandling, `${path}.${key}.CustomRequestHandling`);
    arr(h.InsertHeaders, `${path}.${key}.CustomRequestHandling.InsertHeaders`, 1);
  }
}

/**
 * Validates a web ACL (`{ WebACL: {...} }` as get-web-acl prints it, or the bare WebACL object) against the IP sets
 * it references (ARN → list of CIDRs, as `aws wafv2 get-ip-set` prints them in `IPSet.Addresses`).
 */
export function parseWebAcl(
  json: unknown,
  ipSetAddresses: Record<string, readonly string[]> = {},
  options: ParseOptions = {},
): WebAcl {
  // A copy: decoding base64 search strings must not change the caller's object.
  const root = obj(structuredClone(json), 'web ACL');
  const acl = obj('WebACL' in root ? root.WebACL : root, 'WebACL');
  const ipSets = new Map<string, Cidr[]>();
  for (const [arn, addresses] of Object.entries(ipSetAddresses)) {
    ipSets.set(
      arn,
      arr(addresses, `IP set ${arn}`).map((a, i) => {
        const cidr = typeof a === 'string' ? parseCidr(a) : undefined;
        if (!cidr) fail(`IP set ${arn}.Addresses[${i}]`, `${JSON.stringify(a)} is not an IPv4 or IPv6 CIDR`);
        return cidr;
      }),
    );
  }
  str(acl.Name, 'WebACL.Name');
  const bodies =
    acl.CustomResponseBodies === undefined ? {} : obj(acl.CustomResponseBodies, 'WebACL.CustomResponseBodies');
  for (const [key, body] of Object.entries(bodies)) {
    const b = obj(body, `WebACL.CustomResponseBodies.${key}`);
    if (!BODY_TYPES.includes(b.ContentType as string))
      fail(`WebACL.CustomResponseBodies.${key}.ContentType`, `must be one of ${BODY_TYPES.join(', ')}`);
    if (typeof b.Content !== 'string') fail(`WebACL.CustomResponseBodies.${key}.Content`, 'must be a string');
  }
  checkAction(acl.DefaultAction, 'WebACL.DefaultAction', bodies, ['Allow', 'Block']);
  const rules = arr(acl.Rules ?? [], 'WebACL.Rules');
  const names = new Set<string>();
  const priorities = new Set<number>();
  rules.forEach((r, i) => {
    const p = `WebACL.Rules[${i}]`;
    const rule = obj(r, p);
    const name = str(rule.Name, `${p}.Name`);
    if (names.has(name)) fail(`${p}.Name`, `duplicate rule name ${JSON.stringify(name)}`);
    names.add(name);
    const priority = int(rule.Priority, `${p}.Priority`);
    if (priorities.has(priority))
      fail(`${p}.Priority`, `duplicate priority ${priority} (rule priorities must be unique)`);
    priorities.add(priority);
    checkStatement(rule.Statement, `${p}.Statement`, ipSets, 0, options);
    if (rule.OverrideAction !== undefined) fail(`${p}.OverrideAction`, 'rule groups are not supported; use Action');
    checkAction(rule.Action, `${p}.Action`, bodies, ['Allow', 'Block', 'Count']);
    if (rule.RuleLabels !== undefined)
      arr(rule.RuleLabels, `${p}.RuleLabels`).forEach((l, j) => {
        const label = str(obj(l, `${p}.RuleLabels[${j}]`).Name, `${p}.RuleLabels[${j}].Name`);
        if (!LABEL_PATTERN.test(label)) fail(`${p}.RuleLabels[${j}].Name`, 'must match ^[0-9A-Za-z_\\-:]+$');
      });
  });
  const typed = acl as unknown as Omit<WebAcl, 'ordered' | 'ipSets'>;
  return {
    ...typed,
    Rules: typed.Rules ?? [],
    ordered: [...(typed.Rules ?? [])].sort((a, b) => a.Priority - b.Priority),
    ipSets,
  };
}
