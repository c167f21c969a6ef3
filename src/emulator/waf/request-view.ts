/** The parts of a web request AWS WAF inspects (https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-fields-list.html). */
export interface WafRequest {
  method: string;
  /** The URI path, as sent (not decoded). */
  path: string;
  /** The query string without the leading `?`, as sent. */
  query: string;
  /** Header names are matched case-insensitively. */
  headers: Record<string, string>;
  body: string;
  sourceIp: string;
}

/**
 * API Gateway forwards the first 16 KB of a body to AWS WAF by default (OversizeHandling CONTINUE inspects that part).
 * https://docs.aws.amazon.com/waf/latest/APIReference/API_Body.html
 */
export const BODY_INSPECTION_LIMIT = 16 * 1024;

/** A header's value by case-insensitive name, or undefined. */
export function headerOf(request: WafRequest, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(request.headers)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** The value of one query argument (the first one of that name, as sent), or undefined. */
export function queryArgumentOf(request: WafRequest, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const pair of request.query.split('&')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (key.toLowerCase() === lower) return eq < 0 ? '' : pair.slice(eq + 1);
  }
  return undefined;
}
