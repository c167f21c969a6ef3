import { cidrContains, parseIp } from './cidr.js';
import type { PolicyCondition, ResourcePolicyModel, ResourcePolicyStatement } from './document.js';

/**
 * A resource policy evaluated for one request, as IAM evaluates a resource-based policy: a statement applies when its
 * principal, action (`execute-api:Invoke`), resource (the method ARN) and every condition match; an applying Deny is
 * an explicit deny whatever else applies; else an applying Allow allows; else the policy is silent (implicit deny).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-using-iam-policies-to-invoke-api.html
 */

/** What a policy says about a request. */
export type PolicyDecision = 'ALLOW' | 'EXPLICIT_DENY' | 'IMPLICIT_DENY';

/** The request as a resource policy sees it. */
export interface PolicyRequest {
  /** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}`. */
  methodArn: string;
  /** The `execute-api:/` shorthand's expansion for this API: `arn:aws:execute-api:{region}:{account}:{apiId}`. */
  apiArn: string;
  /** The caller's IAM ARN (AWS_IAM methods), or null for an anonymous caller (every other authorization type). */
  principal: string | null;
  /** A condition key's value in this request (keys lower-cased: `aws:sourceip`), or undefined when it is absent. */
  key: (lowerCaseKey: string) => string | undefined;
}

/** The decision, and the statement that made it (its index), for the trace. */
export interface PolicyVerdict {
  decision: PolicyDecision;
  statement: number | null;
}

/** `*` any run of characters, `?` one (IAM's wildcards in resources and `StringLike`), compiled once. */
export function wildcardRegExp(pattern: string, ignoreCase = false): RegExp {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
}

/** A statement with its patterns compiled for one API. */
interface Compiled {
  statement: ResourcePolicyStatement;
  actions: RegExp[];
  resources: RegExp[];
  likes: Map<PolicyCondition, RegExp[]>;
}

/** Compiled statements per policy, for the API ARN they were compiled for. */
const compiledPolicies = new WeakMap<ResourcePolicyModel, { apiArn: string; statements: Compiled[] }>();

function compile(policy: ResourcePolicyModel, apiArn: string): Compiled[] {
  const held = compiledPolicies.get(policy);
  if (held && held.apiArn === apiArn) return held.statements;
  const statements = policy.statements.map((statement) => {
    const likes = new Map<PolicyCondition, RegExp[]>();
    for (const c of statement.conditions)
      if (c.operator === 'StringLike' || c.operator === 'StringNotLike' || c.operator.startsWith('Arn'))
        likes.set(
          c,
          c.values.map((v) => wildcardRegExp(v)),
        );
    return {
      statement,
      // Action names are case-insensitive in IAM.
      actions: statement.actions.map((a) => wildcardRegExp(a, true)),
      // "On import, "execute-api:/*" is converted to arn:aws:execute-api:region:account-id:api-id/*"
      // (https://docs.aws.amazon.com/apigateway/latest/developerguide/openapi-extensions-policy.html).
      resources: statement.resources.map((r) =>
        wildcardRegExp(r.startsWith('execute-api:/') ? apiArn + r.slice('execute-api:'.length) : r),
      ),
      likes,
    };
  });
  compiledPolicies.set(policy, { apiArn, statements });
  return statements;
}

/** The account id an IAM ARN names (`arn:aws:iam::123456789012:user/x` → `123456789012`), or null. */
export function accountOf(arn: string): string | null {
  const m = /^arn:aws[\w-]*:(?:iam|sts)::(\d{12}):/.exec(arn);
  return m ? m[1]! : null;
}

/**
 * Whether a statement's AWS principals name the caller: its ARN, its account (`123456789012` or
 * `arn:aws:iam::123456789012:root`, which stand for every principal of the account), or, for an assumed-role
 * session (`arn:aws:sts::…:assumed-role/Role/session`), its role (`arn:aws:iam::…:role/Role`; a role path is not
 * compared: assumed). An anonymous caller matches only `"*"`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
function principalMatches(values: readonly string[], caller: string | null): boolean {
  if (caller === null) return false;
  const account = accountOf(caller);
  const session = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(caller);
  for (const v of values) {
    if (v === caller) return true;
    if (account && (v === account || v === `arn:aws:iam::${account}:root`)) return true;
    if (session && v.startsWith(`arn:${session[1]}:iam::${session[2]}:role/`) && v.endsWith(`/${session[3]}`))
      return true;
  }
  return false;
}

/** Negated operators hold when the key is absent (IAM: "the condition is true"). */
const NEGATED = new Set([
  'StringNotEquals',
  'StringNotEqualsIgnoreCase',
  'StringNotLike',
  'ArnNotEquals',
  'ArnNotLike',
  'NotIpAddress',
]);

/**
 * Whether one condition holds. Several values of one key: any matches (a negated operator: none matches). A key absent
 * from the request: false, but true for a negated operator, for `…IfExists`, and for `Null: true`
 * ("If the key that you specify in a policy condition is not present in the request context, the values do not match
 * and the condition is false. If the policy condition requires that the key is not matched, such as StringNotLike …
 * the condition is true", reference_policies_elements_condition_operators.html).
 */
function conditionHolds(c: PolicyCondition, request: PolicyRequest, likes: RegExp[] | undefined): boolean {
  const value = request.key(c.key.toLowerCase());
  if (c.operator === 'Null') return c.values.every((v) => (v === 'true') === (value === undefined));
  if (value === undefined) return c.ifExists || NEGATED.has(c.operator);
  switch (c.operator) {
    case 'StringEquals':
      return c.values.includes(value);
    case 'StringNotEquals':
      return !c.values.includes(value);
    case 'StringEqualsIgnoreCase':
      return c.values.some((v) => v.toLowerCase() === value.toLowerCase());
    case 'StringNotEqualsIgnoreCase':
      return !c.values.some((v) => v.toLowerCase() === value.toLowerCase());
    // ArnEquals and ArnLike alike take wildcards (IAM's ARN condition operators).
    case 'StringLike':
    case 'ArnEquals':
    case 'ArnLike':
      return likes!.some((r) => r.test(value));
    case 'StringNotLike':
    case 'ArnNotEquals':
    case 'ArnNotLike':
      return !likes!.some((r) => r.test(value));
    case 'IpAddress':
    case 'NotIpAddress': {
      const ip = parseIp(value);
      const inside = ip !== null && c.cidrs!.some((block) => cidrContains(block, ip));
      return c.operator === 'IpAddress' ? inside : !inside;
    }
  }
}

/** Whether a statement applies to the request. */
function applies(compiled: Compiled, request: PolicyRequest): boolean {
  const { statement } = compiled;
  const named =
    statement.principal.kind === 'any' ||
    (statement.principal.kind === 'aws' && principalMatches(statement.principal.values, request.principal));
  if (named === statement.notPrincipal) return false;
  if (compiled.actions.some((r) => r.test('execute-api:Invoke')) === statement.notAction) return false;
  if (compiled.resources.some((r) => r.test(request.methodArn)) === statement.notResource) return false;
  for (const c of statement.conditions) if (!conditionHolds(c, request, compiled.likes.get(c))) return false;
  return true;
}

/** What the policy says about the request: an explicit deny wins; else an allow; else an implicit deny. */
export function evaluateResourcePolicy(policy: ResourcePolicyModel, request: PolicyRequest): PolicyVerdict {
  let allowedBy: number | null = null;
  const statements = compile(policy, request.apiArn);
  for (let i = 0; i < statements.length; i++) {
    const compiled = statements[i]!;
    if (!applies(compiled, request)) continue;
    if (compiled.statement.effect === 'Deny') return { decision: 'EXPLICIT_DENY', statement: i };
    allowedBy ??= i;
  }
  return allowedBy === null
    ? { decision: 'IMPLICIT_DENY', statement: null }
    : { decision: 'ALLOW', statement: allowedBy };
}
