/**
 * The claims of a verified JWT as API Gateway hands them to the integration
 * (`requestContext.authorizer.jwt.claims`, payload 1.0's `requestContext.authorizer.claims`): every value a string.
 * AWS's example event shows `"claim1": "value1"` only
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html); numbers
 * arriving as their decimal text (`"exp": "1583352238"`) and lists as `[a b]` (`"cognito:groups": "[admin users]"`)
 * are what users report of real events, not documented: assumed. Objects are written as JSON: assumed.
 */
export function stringifyClaims(payload: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) out[name] = claimText(value);
  return out;
}

/** One claim's value as text (see stringifyClaims). */
function claimText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(claimText).join(' ')}]`;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * The token's scopes: `scope` (space-separated, RFC 8693) or `scp` (a list or a space-separated string), as the JWT
 * authorizer reads them ("scope or scp", http-api-jwt-authorizer.html); null when it has none.
 */
export function tokenScopes(payload: Record<string, unknown>): string[] | null {
  const raw = payload.scope ?? payload.scp;
  const list =
    typeof raw === 'string'
      ? raw.split(' ').filter(Boolean)
      : Array.isArray(raw)
        ? raw.filter((s): s is string => typeof s === 'string')
        : [];
  return list.length ? list : null;
}
