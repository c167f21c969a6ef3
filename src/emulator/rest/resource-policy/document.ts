import { parseCidr, type Cidr } from './cidr.js';

/**
 * A REST API's resource policy (`x-amazon-apigateway-policy`, the API's `policy`), read and checked once on import:
 * an IAM policy document whose statements name `execute-api:Invoke` on method ARNs.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Who a statement names: everyone (`"*"`, `{"AWS": "*"}`), AWS principals (ARNs or account ids), or none that call APIs. */
export type PrincipalSpec = { kind: 'any' } | { kind: 'aws'; values: string[] } | { kind: 'other' };

/** One condition: an operator (without `IfExists`) on one key, with its values (CIDR blocks parsed for IP operators). */
export interface PolicyCondition {
  operator: ConditionOperator;
  ifExists: boolean;
  /** The key as written (`aws:SourceIp`); keys compare case-insensitively. */
  key: string;
  values: string[];
  cidrs?: Cidr[];
}

/** One statement of a resource policy, checked. */
export interface ResourcePolicyStatement {
  sid?: string;
  effect: 'Allow' | 'Deny';
  principal: PrincipalSpec;
  /** `NotPrincipal`: the statement applies to everyone but the principal named. */
  notPrincipal: boolean;
  actions: string[];
  /** `NotAction`: the statement applies to every action but those named. */
  notAction: boolean;
  /** Resource patterns as written (`arn:aws:execute-api:…`, or `execute-api:/…` for this API). */
  resources: string[];
  /** `NotResource`: the statement applies to every resource but those named. */
  notResource: boolean;
  conditions: PolicyCondition[];
}

/** The API's resource policy: the document as written (the export writes it back) and its statements. */
export interface ResourcePolicyModel {
  document: Json;
  statements: ResourcePolicyStatement[];
}

/**
 * The condition operators the emulator evaluates, each also with `IfExists` (IAM's string, ARN and IP address
 * operators and the Null check); a policy with any other is refused on import, naming it.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
export const CONDITION_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'IpAddress',
  'NotIpAddress',
  'Null',
] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** A string or a non-empty list of strings (IAM's `Action`, `Resource`, condition values), or null. */
function stringList(value: unknown): string[] | null {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length && value.every((v) => typeof v === 'string')) return value as string[];
  return null;
}

function readPrincipal(value: unknown, where: string, problems: string[]): PrincipalSpec {
  if (value === '*') return { kind: 'any' };
  if (!isObject(value) || !Object.keys(value).length) {
    problems.push(`${where} must be "*" or an object such as {"AWS": "arn:aws:iam::123456789012:root"}`);
    return { kind: 'other' };
  }
  if (value.AWS === undefined) return { kind: 'other' }; // Service, Federated, CanonicalUser: never an API caller
  const values = stringList(value.AWS);
  if (!values) {
    problems.push(`${where}.AWS must be a string or a list of strings`);
    return { kind: 'other' };
  }
  return values.includes('*') ? { kind: 'any' } : { kind: 'aws', values };
}

function readConditions(value: unknown, where: string, problems: string[]): PolicyCondition[] {
  if (value === undefined) return [];
  if (!isObject(value)) {
    problems.push(`${where} must be an object ({"IpAddress": {"aws:SourceIp": "192.0.2.0/24"}})`);
    return [];
  }
  const out: PolicyCondition[] = [];
  for (const [written, block] of Object.entries(value)) {
    const ifExists = written.endsWith('IfExists') && written !== 'IfExists';
    const operator = (ifExists ? written.slice(0, -'IfExists'.length) : written) as ConditionOperator;
    if (!CONDITION_OPERATORS.includes(operator) || (ifExists && operator === 'Null')) {
      problems.push(
        `${where}.${written}: the emulator evaluates ${CONDITION_OPERATORS.join(', ')} (and their IfExists forms), not ${written}`,
      );
      continue;
    }
    if (!isObject(block)) {
      problems.push(`${where}.${written} must be an object of condition keys and values`);
      continue;
    }
    for (const [key, raw] of Object.entries(block)) {
      const values = typeof raw === 'boolean' ? [String(raw)] : stringList(raw);
      if (!values) {
        problems.push(`${where}.${written}["${key}"] must be a string or a list of strings`);
        continue;
      }
      const condition: PolicyCondition = { operator, ifExists, key, values };
      if (operator === 'IpAddress' || operator === 'NotIpAddress') {
        const cidrs: Cidr[] = [];
        for (const v of values) {
          const cidr = parseCidr(v);
          if (cidr) cidrs.push(cidr);
          else problems.push(`${where}.${written}["${key}"]: "${v}" is not an IPv4 or IPv6 address or CIDR block`);
        }
        condition.cidrs = cidrs;
      }
      if (operator === 'Null' && !values.every((v) => v === 'true' || v === 'false'))
        problems.push(`${where}.Null["${key}"] must be "true" or "false"`);
      out.push(condition);
    }
  }
  return out;
}

/**
 * Reads a resource policy document; reports problems (API Gateway refuses a policy that is not a valid IAM policy,
 * "Invalid policy document"). `Statement` may be one statement or a list; each needs `Effect`, a `Principal` (or
 * `NotPrincipal`), an `Action` (or `NotAction`) and a `Resource` (or `NotResource`).
 */
export function readResourcePolicy(document: unknown, where: string, problems: string[]): ResourcePolicyModel | null {
  if (typeof document === 'string') {
    // The API's `policy` property is a JSON string (get-rest-api); the extension takes an object, or that string.
    try {
      document = JSON.parse(document);
    } catch {
      problems.push(`${where} is a string that is not a JSON policy document`);
      return null;
    }
  }
  if (!isObject(document)) {
    problems.push(`${where} must be an IAM policy document ({"Version": "2012-10-17", "Statement": [...]})`);
    return null;
  }
  const raw = document.Statement;
  const list = Array.isArray(raw) ? raw : isObject(raw) ? [raw] : null;
  if (!list || !list.length) {
    problems.push(`${where}.Statement must be a statement or a non-empty list of statements`);
    return null;
  }
  const before = problems.length;
  const statements: ResourcePolicyStatement[] = [];
  list.forEach((s: unknown, i) => {
    const at = `${where}.Statement[${i}]`;
    if (!isObject(s)) {
      problems.push(`${at} is not an object`);
      return;
    }
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') {
      problems.push(`${at}.Effect must be "Allow" or "Deny" (it is ${JSON.stringify(s.Effect)})`);
      return;
    }
    const notPrincipal = s.Principal === undefined && s.NotPrincipal !== undefined;
    if (s.Principal === undefined && s.NotPrincipal === undefined)
      problems.push(`${at} needs a Principal (a resource policy names who it applies to; "*" for everyone)`);
    const principal = readPrincipal(notPrincipal ? s.NotPrincipal : (s.Principal ?? '*'), at, problems);
    const notAction = s.Action === undefined && s.NotAction !== undefined;
    const actions = stringList(notAction ? s.NotAction : s.Action);
    if (!actions) problems.push(`${at}.Action must be a string or a list of strings`);
    const notResource = s.Resource === undefined && s.NotResource !== undefined;
    const resources = stringList(notResource ? s.NotResource : s.Resource);
    if (!resources) problems.push(`${at}.Resource (or NotResource) must be a string or a list of strings`);
    const conditions = readConditions(s.Condition, `${at}.Condition`, problems);
    if (!actions || !resources) return;
    const statement: ResourcePolicyStatement = {
      effect: s.Effect,
      principal,
      notPrincipal,
      actions,
      notAction,
      resources,
      notResource,
      conditions,
    };
    if (typeof s.Sid === 'string') statement.sid = s.Sid;
    statements.push(statement);
  });
  return problems.length > before ? null : { document, statements };
}
