/**
 * Checks issue #11's parts of an example (ExampleManifest.access; Exchange.auth, before and authorizer) so that a
 * mistake in example.json or an exchange file is a clear error naming the field, not a confusing run. Pure.
 */
import type { ExampleManifest, Exchange } from './types.js';

const PLAN_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const AUTHORIZER_TYPES = ['TOKEN', 'REQUEST', 'COGNITO_USER_POOLS', 'JWT', 'AWS_IAM'];
const DECISIONS = ['allow', 'deny', 'unauthorized', 'error'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** The problems of a manifest's `access` (none when it has none). */
export function accessProblems(manifest: ExampleManifest): string[] {
  const access = (manifest as { access?: unknown }).access;
  if (access === undefined) return [];
  if (!isObject(access))
    return ['access: expected an object { apiKeys?, usagePlans?, credentials?, identityPolicies?, users? }'];
  const out: string[] = [];
  const fields = ['apiKeys', 'usagePlans', 'credentials', 'identityPolicies', 'users'];
  const unknown = Object.keys(access).filter((k) => !fields.includes(k));
  if (unknown.length) out.push(`access: unknown field(s) ${unknown.join(', ')} (${fields.join(', ')})`);
  const list = (field: string): unknown[] => {
    const v = access[field];
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      out.push(`access.${field}: expected an array`);
      return [];
    }
    return v;
  };
  const plans = new Set<string>();
  list('usagePlans').forEach((p, i) => {
    const at = `access.usagePlans[${i}]`;
    if (!isObject(p) || typeof p.name !== 'string' || !PLAN_NAME.test(p.name))
      return void out.push(`${at}: expected { name, throttle?, quota? } with a name of letters, digits, "-", "_", "."`);
    if (plans.has(p.name)) out.push(`${at}: usage plan "${p.name}" is given twice`);
    plans.add(p.name);
    const t = p.throttle;
    if (t !== undefined && !(isObject(t) && typeof t.rateLimit === 'number' && t.rateLimit >= 0 && isWhole(t.burstLimit)))
      out.push(`${at}.throttle: expected { rateLimit: requests per second, burstLimit: a whole number }`);
    const q = p.quota;
    if (q !== undefined && !(isObject(q) && isWhole(q.limit) && ['DAY', 'WEEK', 'MONTH'].includes(String(q.period))))
      out.push(`${at}.quota: expected { limit: a whole number, period: "DAY" | "WEEK" | "MONTH" }`);
  });
  const keys = new Set<string>();
  list('apiKeys').forEach((k, i) => {
    const at = `access.apiKeys[${i}]`;
    if (!isObject(k) || typeof k.value !== 'string') return void out.push(`${at}: expected { value, plan? }`);
    // CreateApiKey: "API Key value should be at least 20 characters" (and at most 128).
    if (!/^[\x21-\x7e]{20,128}$/.test(k.value))
      out.push(`${at}: the value "${k.value}" must have 20 to 128 printable characters without spaces, as API Gateway requires`);
    if (keys.has(k.value)) out.push(`${at}: key "${k.value}" is given twice`);
    keys.add(k.value);
    if (k.plan !== undefined && (typeof k.plan !== 'string' || !plans.has(k.plan)))
      out.push(`${at}: no usage plan "${String(k.plan)}" in access.usagePlans`);
  });
  const ids = new Set<string>();
  list('credentials').forEach((c, i) => {
    const at = `access.credentials[${i}]`;
    if (!isObject(c) || typeof c.accessKeyId !== 'string' || typeof c.secretAccessKey !== 'string')
      return void out.push(`${at}: expected { accessKeyId, secretAccessKey, arn? }`);
    if (!/^[A-Z0-9]{16,128}$/.test(c.accessKeyId))
      out.push(`${at}: the access key id "${c.accessKeyId}" must be 16 to 128 capital letters and digits (AKIA…)`);
    if (!/^\S+$/.test(c.secretAccessKey)) out.push(`${at}: the secret access key must be non-empty, without spaces`);
    if (c.arn !== undefined && (typeof c.arn !== 'string' || !c.arn.startsWith('arn:')))
      out.push(`${at}: arn must be an ARN (arn:aws:iam::123456789012:user/alice)`);
    if (ids.has(c.accessKeyId)) out.push(`${at}: access key id "${c.accessKeyId}" is given twice`);
    ids.add(c.accessKeyId);
  });
  const arns = new Set(list('credentials').map((c) => (isObject(c) ? c.arn : undefined)));
  list('identityPolicies').forEach((p, i) => {
    const at = `access.identityPolicies[${i}]`;
    if (!isObject(p) || typeof p.arn !== 'string' || typeof p.file !== 'string')
      return void out.push(`${at}: expected { arn, file } (a JSON policy document in the example's folder)`);
    if (!arns.has(p.arn)) out.push(`${at}: no credential in access.credentials has the arn "${p.arn}"`);
  });
  const users = new Set<string>();
  list('users').forEach((u, i) => {
    const at = `access.users[${i}]`;
    if (!isObject(u) || typeof u.user !== 'string' || !/^\S{1,128}$/.test(u.user))
      return void out.push(`${at}: expected { user, groups?, scopes?, email? } with a user name of 1 to 128 characters, no spaces`);
    if (users.has(u.user)) out.push(`${at}: user "${u.user}" is given twice`);
    users.add(u.user);
    for (const field of ['groups', 'scopes'] as const)
      if (u[field] !== undefined && !isStrings(u[field])) out.push(`${at}.${field}: expected an array of strings`);
    if (u.email !== undefined && typeof u.email !== 'string') out.push(`${at}.email: expected a string`);
  });
  return out;
}

/** The problems of an exchange's `auth`, `before` and `authorizer` against its manifest. */
export function exchangeAccessProblems(exchange: Exchange, manifest: ExampleManifest): string[] {
  const out: string[] = [];
  const x = exchange as unknown as Record<string, unknown>;
  const auth = x.auth;
  if (auth !== undefined) {
    if (!isObject(auth) || ('signInAs' in auth) === ('signWith' in auth)) {
      out.push('auth: expected { signInAs, tokenUse?, header?, scheme? } or { signWith }');
    } else if ('signInAs' in auth) {
      if (typeof auth.signInAs !== 'string' || !manifest.access?.users?.some((u) => u.user === auth.signInAs))
        out.push(`auth.signInAs: no user "${String(auth.signInAs)}" in the manifest's access.users`);
      if (auth.tokenUse !== undefined && auth.tokenUse !== 'id' && auth.tokenUse !== 'access')
        out.push(`auth.tokenUse: expected "id" or "access" (got ${JSON.stringify(auth.tokenUse)})`);
      if (auth.header !== undefined && (typeof auth.header !== 'string' || !TOKEN.test(auth.header)))
        out.push(`auth.header: ${JSON.stringify(auth.header)} is not a header name`);
      if (auth.scheme !== undefined && (typeof auth.scheme !== 'string' || !TOKEN.test(auth.scheme)))
        out.push(`auth.scheme: ${JSON.stringify(auth.scheme)} is not a scheme (Bearer)`);
    } else if (
      typeof auth.signWith !== 'string' ||
      !manifest.access?.credentials?.some((c) => c.accessKeyId === auth.signWith)
    ) {
      out.push(`auth.signWith: no access key id "${String(auth.signWith)}" in the manifest's access.credentials`);
    }
  }
  const before = x.before;
  if (before !== undefined) {
    if (!Array.isArray(before)) out.push('before: expected an array of requests');
    else
      before.forEach((r, i) => {
        if (
          !isObject(r) ||
          typeof r.method !== 'string' ||
          typeof r.path !== 'string' ||
          !Array.isArray(r.headers) ||
          !r.headers.every((h) => Array.isArray(h) && h.length === 2 && isStrings(h)) ||
          !(r.body === null || typeof r.body === 'string')
        )
          out.push(`before[${i}]: expected { method, path, headers: [name, value][], body: string | null }`);
      });
  }
  const a = x.authorizer;
  if (a !== undefined) {
    if (!isObject(a)) return [...out, 'authorizer: expected { type, functionName, event, result, decision, cached }'];
    if (typeof a.type !== 'string' || !AUTHORIZER_TYPES.includes(a.type))
      out.push(`authorizer.type: expected one of ${AUTHORIZER_TYPES.join(', ')} (got ${JSON.stringify(a.type)})`);
    if (typeof a.functionName !== 'string') out.push('authorizer.functionName: expected a string ("" for none)');
    else if (a.functionName !== '' && !(a.functionName in manifest.functions))
      out.push(`authorizer.functionName: "${a.functionName}" is not among the manifest's functions`);
    if (!('event' in a)) out.push('authorizer.event: missing (null when the function was not called)');
    if (!(a.result === null || (isObject(a.result) && 'python' in a.result && 'typescript' in a.result)))
      out.push('authorizer.result: expected null or { python, typescript }');
    if (!DECISIONS.includes(String(a.decision)))
      out.push(`authorizer.decision: expected one of ${DECISIONS.join(', ')} (got ${JSON.stringify(a.decision)})`);
    if (typeof a.cached !== 'boolean') out.push('authorizer.cached: expected true or false');
  }
  return out;
}
