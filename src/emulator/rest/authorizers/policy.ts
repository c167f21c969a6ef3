/**
 * A Lambda authorizer's IAM policy, evaluated against the method's ARN as API Gateway does: statements whose `Action`
 * covers `execute-api:Invoke` and whose `Resource` matches the ARN (`*` any run of characters, `?` one character)
 * decide; an explicit Deny wins over any Allow; without a matching Allow the request is denied implicitly.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-control-access-using-iam-policies-to-invoke-api.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What a policy says about one method ARN. */
export type PolicyDecision = 'ALLOW' | 'EXPLICIT_DENY' | 'IMPLICIT_DENY';

/** One statement, checked: its effect, and the actions and resources it names. */
export interface PolicyStatement {
  effect: 'Allow' | 'Deny';
  actions: string[];
  resources: string[];
}

/** A string or a list of strings (IAM's `Action` and `Resource`), or null when it is neither. */
function stringList(value: unknown): string[] | null {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length && value.every((v) => typeof v === 'string')) return value as string[];
  return null;
}

/**
 * The statements of a `policyDocument`, or a sentence saying why it is not a policy API Gateway can use (then the
 * gateway answers 500 AUTHORIZER_CONFIGURATION_ERROR). `Statement` may be one statement or a list.
 */
export function readPolicy(policyDocument: unknown): PolicyStatement[] | string {
  if (!isObject(policyDocument)) return 'policyDocument is missing or not an object';
  const raw = policyDocument.Statement;
  const list = Array.isArray(raw) ? raw : isObject(raw) ? [raw] : null;
  if (!list) return 'policyDocument.Statement is missing or not a statement or list of statements';
  const statements: PolicyStatement[] = [];
  for (const [i, statement] of list.entries()) {
    if (!isObject(statement)) return `policyDocument.Statement[${i}] is not an object`;
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny')
      return `policyDocument.Statement[${i}].Effect must be "Allow" or "Deny" (it is ${JSON.stringify(statement.Effect)})`;
    const actions = stringList(statement.Action);
    if (!actions) return `policyDocument.Statement[${i}].Action must be a string or a list of strings`;
    const resources = stringList(statement.Resource);
    if (!resources) return `policyDocument.Statement[${i}].Resource must be a string or a list of strings`;
    statements.push({ effect: statement.Effect, actions, resources });
  }
  return statements;
}

/** Whether `pattern` (IAM wildcards: `*` any run of characters, `?` one) matches `value`; case-sensitive unless told. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

/** Whether a statement's actions cover `execute-api:Invoke` (action names are case-insensitive in IAM). */
function coversInvoke(actions: readonly string[]): boolean {
  return actions.some((a) => wildcardMatch(a, 'execute-api:Invoke', true));
}

/** The decision for `methodArn`: an explicit Deny wins; else an Allow; else an implicit deny. */
export function evaluatePolicy(statements: readonly PolicyStatement[], methodArn: string): PolicyDecision {
  let allowed = false;
  for (const s of statements) {
    if (!coversInvoke(s.actions) || !s.resources.some((r) => wildcardMatch(r, methodArn))) continue;
    if (s.effect === 'Deny') return 'EXPLICIT_DENY';
    allowed = true;
  }
  return allowed ? 'ALLOW' : 'IMPLICIT_DENY';
}
