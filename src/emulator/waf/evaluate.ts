/**
 * Evaluates a web ACL against a request as AWS WAF does: rules in ascending Priority, Allow and Block terminate,
 * Count records and continues, and the default action applies when no rule terminates.
 * https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-rule-actions.html
 */
import { statementMatches, type MatchContext } from './statements.js';
import { headerOf, type WafRequest } from './request-view.js';
import type { CustomResponse, Rule, Statement, WebAcl } from './web-acl.js';

export type WafAction = 'ALLOW' | 'BLOCK' | 'COUNT';

export interface WafResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RuleResult {
  name: string;
  priority: number;
  /** The rule's action, taken because its statement matched. */
  action: WafAction;
}

export interface WafVerdict {
  action: 'ALLOW' | 'BLOCK';
  /** The rule that decided, or `Default_Action` as AWS WAF logs name it (logging-fields.html). */
  terminatingRuleId: string;
  /** Every rule whose statement matched, in evaluation order (Count rules and the terminating one). */
  matchedRules: RuleResult[];
  /** Names of the rules evaluated, in order (rules after a terminating match are not evaluated). */
  evaluatedRules: string[];
  /** Labels added by matching rules, fully qualified. */
  labels: string[];
  /** For BLOCK: the response the client gets. */
  response?: WafResponse;
  /** For BLOCK: whether `response` is the rule's (or default action's) CustomResponse rather than API Gateway's 403. */
  customResponse?: boolean;
  /** For ALLOW: headers AWS WAF inserts into the request (x-amzn-waf- prefixed; customizing-the-incoming-request.html). */
  insertedHeaders: Record<string, string>;
}

/** Per rule (and for the web ACL as a whole, under `ALL`) as CloudWatch names WAF's metrics. */
export interface WafCounters {
  AllowedRequests: number;
  BlockedRequests: number;
  CountedRequests: number;
}

/**
 * API Gateway's answer to a request AWS WAF blocks without a custom response: the WAF_FILTERED gateway response,
 * 403 `{"message":"Forbidden"}` (supported-gateway-response-types.html; repost knowledge-center
 * waf-block-respond-403-forbidden-error: "AWS WAF returns a 403 Forbidden error by default").
 */
export const API_GATEWAY_WAF_BLOCK: WafResponse = Object.freeze({
  status: 403,
  headers: Object.freeze({ 'content-type': 'application/json', 'x-amzn-errortype': 'ForbiddenException' }) as Record<
    string,
    string
  >,
  body: '{"message":"Forbidden"}',
});

/**
 * One entry as `aws wafv2 get-sampled-requests` prints it (https://docs.aws.amazon.com/waf/latest/APIReference/API_SampledHTTPRequest.html).
 * Timestamp is in epoch seconds, as the CLI prints it.
 */
export interface SampledRequest {
  Request: {
    ClientIP: string;
    Country?: string;
    URI: string;
    Method: string;
    HTTPVersion: string;
    Headers: { Name: string; Value: string }[];
  };
  Weight: 1;
  Timestamp: number;
  Action: WafAction;
  RequestHeadersInserted?: { Name: string; Value: string }[];
  ResponseCodeSent?: number;
  Labels?: { Name: string }[];
}

/** AWS WAF keeps a sample of up to 100 requests per rule (web-acl-testing-view-sample.html); the emulator keeps the newest 100. */
export const MAX_SAMPLED_REQUESTS = 100;

const CONTENT_TYPES = {
  TEXT_PLAIN: 'text/plain',
  TEXT_HTML: 'text/html',
  APPLICATION_JSON: 'application/json',
} as const;

export interface EvaluatorOptions {
  /** The header carrying the request's country code for GeoMatchStatement (the emulator has no geo-IP database). */
  countryHeader?: string;
  /** Milliseconds since the epoch; injected so rate-based rules can be tested. */
  now?: () => number;
  /** Account in the label namespace `awswaf:<account>:webacl:<name>:` (labels.html). */
  accountId?: string;
}

type RateStatement = Extract<Statement, { RateBasedStatement: unknown }>['RateBasedStatement'];

/** A web ACL with its state: per-rule counters and the rate-based rules' request times per IP. */
export class WebAclEvaluator {
  readonly #acl: WebAcl;
  readonly #countryHeader: string | undefined;
  readonly #now: () => number;
  readonly #labelPrefix: string;
  readonly #counters = new Map<string, WafCounters>();
  readonly #rateWindows = new Map<string, Map<string, number[]>>();
  readonly #samples = new Map<string, SampledRequest[]>();

  constructor(acl: WebAcl, options: EvaluatorOptions = {}) {
    this.#acl = acl;
    this.#countryHeader = options.countryHeader;
    this.#now = options.now ?? Date.now;
    this.#labelPrefix = `awswaf:${options.accountId ?? '123456789012'}:webacl:${acl.Name}:`;
  }

  /** The web ACL this evaluator runs. */
  get webAcl(): WebAcl {
    return this.#acl;
  }

  /** Runs the web ACL on one request, counting it and keeping it in the samples of the rules that matched. */
  evaluate(request: WafRequest): WafVerdict {
    const now = this.#now();
    const verdict = this.#decide(request, now);
    const country = this.#countryHeader ? headerOf(request, this.#countryHeader)?.trim() || undefined : undefined;
    const sample = (key: string, action: WafAction): void => {
      const list = this.#samples.get(key) ?? [];
      const inserted = Object.entries(verdict.insertedHeaders).map(([Name, Value]) => ({ Name, Value }));
      list.push({
        Request: {
          ClientIP: request.sourceIp,
          ...(country ? { Country: country } : {}),
          URI: request.path,
          Method: request.method,
          HTTPVersion: 'HTTP/1.1',
          Headers: Object.entries(request.headers).map(([Name, Value]) => ({ Name, Value })),
        },
        Weight: 1,
        Timestamp: Math.floor(now / 1000),
        Action: action,
        ...(action === 'ALLOW' && inserted.length ? { RequestHeadersInserted: inserted } : {}),
        ...(action === 'BLOCK' && this.#customBlock && verdict.response
          ? { ResponseCodeSent: verdict.response.status }
          : {}),
        ...(verdict.labels.length ? { Labels: verdict.labels.map((Name) => ({ Name })) } : {}),
      });
      if (list.length > MAX_SAMPLED_REQUESTS) list.shift();
      this.#samples.set(key, list);
    };
    for (const m of verdict.matchedRules) {
      const rule = this.#acl.ordered.find((r) => r.Name === m.name)!;
      if (rule.VisibilityConfig?.SampledRequestsEnabled !== false) sample(metricNameOf(rule), m.action);
    }
    if (verdict.terminatingRuleId === 'Default_Action') sample('Default_Action', verdict.action);
    this.#customBlock = false;
    return verdict;
  }

  /** The sampled requests of a rule (by its metric name), or of the default action (`Default_Action`), oldest first. */
  sampledRequests(metricName: string): SampledRequest[] {
    return structuredClone(this.#samples.get(metricName) ?? []);
  }

  #customBlock = false;

  #decide(request: WafRequest, now: number): WafVerdict {
    const labels: string[] = [];
    const matchedRules: RuleResult[] = [];
    const evaluatedRules: string[] = [];
    const insertedHeaders: Record<string, string> = {};
    const country = this.#countryHeader ? headerOf(request, this.#countryHeader)?.trim() : undefined;
    for (const rule of this.#acl.ordered) {
      evaluatedRules.push(rule.Name);
      const ctx: MatchContext = {
        request,
        country: country || undefined,
        labels,
        ipSets: this.#acl.ipSets,
        rateExceeded: (s) => this.#rateExceeded(rule, s, ctx, now),
      };
      if (!statementMatches(rule.Statement, ctx)) continue;
      // A matching rule adds its labels whatever its action.
      for (const l of rule.RuleLabels ?? []) {
        const full = this.#labelPrefix + l.Name;
        if (!labels.includes(full)) labels.push(full);
      }
      const action = actionOf(rule);
      matchedRules.push({ name: rule.Name, priority: rule.Priority, action });
      this.#count(metricNameOf(rule), action);
      if (action === 'COUNT') {
        insertHeaders(insertedHeaders, (rule.Action as { Count: HandlingHolder }).Count);
        continue;
      }
      this.#count('ALL', action);
      if (action === 'ALLOW') {
        insertHeaders(insertedHeaders, (rule.Action as { Allow: HandlingHolder }).Allow);
        return { action, terminatingRuleId: rule.Name, matchedRules, evaluatedRules, labels, insertedHeaders };
      }
      const custom = (rule.Action as { Block: { CustomResponse?: CustomResponse } }).Block.CustomResponse;
      return {
        action,
        terminatingRuleId: rule.Name,
        matchedRules,
        evaluatedRules,
        labels,
        response: this.#blockResponse(custom),
        customResponse: custom !== undefined,
        insertedHeaders: {},
      };
    }
    const d = this.#acl.DefaultAction;
    const base = { terminatingRuleId: 'Default_Action', matchedRules, evaluatedRules, labels };
    if ('Allow' in d) {
      this.#count('ALL', 'ALLOW');
      insertHeaders(insertedHeaders, d.Allow as HandlingHolder);
      return { ...base, action: 'ALLOW', insertedHeaders };
    }
    this.#count('ALL', 'BLOCK');
    const custom = d.Block.CustomResponse;
    return {
      ...base,
      action: 'BLOCK',
      response: this.#blockResponse(custom),
      customResponse: custom !== undefined,
      insertedHeaders: {},
    };
  }

  /** Counters by rule metric name (VisibilityConfig.MetricName, else the rule name), and `ALL` for the web ACL. */
  counters(): Record<string, WafCounters> {
    return Object.fromEntries([...this.#counters].map(([k, v]) => [k, { ...v }]));
  }

  #count(metric: string, action: WafAction): void {
    const c = this.#counters.get(metric) ?? { AllowedRequests: 0, BlockedRequests: 0, CountedRequests: 0 };
    if (action === 'ALLOW') c.AllowedRequests++;
    else if (action === 'BLOCK') c.BlockedRequests++;
    else c.CountedRequests++;
    this.#counters.set(metric, c);
  }

  #blockResponse(custom: CustomResponse | undefined): WafResponse {
    this.#customBlock = custom !== undefined;
    if (!custom) return { ...API_GATEWAY_WAF_BLOCK, headers: { ...API_GATEWAY_WAF_BLOCK.headers } };
    // Custom response headers are sent as named (only inserted request headers get the x-amzn-waf- prefix).
    const headers: Record<string, string> = {};
    let body = '';
    if (custom.CustomResponseBodyKey !== undefined) {
      const b = this.#acl.CustomResponseBodies![custom.CustomResponseBodyKey]!;
      headers['content-type'] = CONTENT_TYPES[b.ContentType];
      body = b.Content;
    }
    for (const h of custom.ResponseHeaders ?? []) headers[h.Name.toLowerCase()] = h.Value;
    return { status: custom.ResponseCode, headers, body };
  }

  /**
   * RateBasedStatement, aggregated by IP: counts the requests (matching the scope-down statement, if any) from the
   * source IP in the trailing window (EvaluationWindowSec, 300 by default) and matches while the count exceeds Limit.
   * https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based.html
   * AWS checks rates every few seconds, so its blocking starts and stops with some lag; this emulator is exact.
   */
  #rateExceeded(rule: Rule, s: RateStatement, ctx: MatchContext, now: number): boolean {
    if (s.ScopeDownStatement && !statementMatches(s.ScopeDownStatement, ctx)) return false;
    const windowMs = (s.EvaluationWindowSec ?? 300) * 1000;
    let byIp = this.#rateWindows.get(rule.Name);
    if (!byIp) this.#rateWindows.set(rule.Name, (byIp = new Map()));
    const times = (byIp.get(ctx.request.sourceIp) ?? []).filter((t) => t > now - windowMs);
    times.push(now);
    byIp.set(ctx.request.sourceIp, times);
    return times.length > s.Limit;
  }
}

type HandlingHolder = { CustomRequestHandling?: { InsertHeaders: { Name: string; Value: string }[] } };

/** Adds a non-blocking action's request headers, x-amzn-waf- prefixed; a later match overwrites an earlier one. */
function insertHeaders(into: Record<string, string>, holder: HandlingHolder): void {
  for (const h of holder.CustomRequestHandling?.InsertHeaders ?? [])
    into[`x-amzn-waf-${h.Name.toLowerCase()}`] = h.Value;
}

function actionOf(rule: Rule): WafAction {
  if ('Allow' in rule.Action) return 'ALLOW';
  if ('Block' in rule.Action) return 'BLOCK';
  return 'COUNT';
}

function metricNameOf(rule: Rule): string {
  return rule.VisibilityConfig?.MetricName || rule.Name;
}
