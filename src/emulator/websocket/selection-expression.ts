/**
 * Selection expressions of WebSocket APIs: `$request.body.action`, `$request.body.a.b`, and the template form
 * `${request.body.service}/${request.body.action}` (parts and literal text joined); a static value is itself.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-selection-expressions.html
 */

/** One piece of an expression: literal text, or a path into the message's JSON body. */
export type ExpressionPart = { text: string } | { body: string[] };

/** A JSON path of property names (`a.b`, `a['b c']` is not supported). */
const PATH = /^[A-Za-z_$][\w$-]*(\.[A-Za-z_$][\w$-]*)*$/;
const WHOLE = /^\$request\.body\.(.+)$/;
const TEMPLATE = /\$\{([^}]*)\}/g;

/** Parses a route selection expression; throws a one-line Error naming what is wrong. */
export function parseSelectionExpression(expression: string): ExpressionPart[] {
  const whole = WHOLE.exec(expression);
  if (whole) return [{ body: pathOf(whole[1]!, expression) }];
  const parts: ExpressionPart[] = [];
  let last = 0;
  for (const match of expression.matchAll(TEMPLATE)) {
    if (match.index > last) parts.push({ text: expression.slice(last, match.index) });
    const inner = /^request\.body\.(.+)$/.exec(match[1]!);
    if (!inner) throw new Error(`"${match[0]}" in "${expression}" is not \${request.body.PATH}`);
    parts.push({ body: pathOf(inner[1]!, expression) });
    last = match.index + match[0].length;
  }
  if (last < expression.length) parts.push({ text: expression.slice(last) });
  if (!parts.some((p) => 'body' in p) && expression.includes('$request'))
    throw new Error(`"${expression}" is not $request.body.PATH or \${request.body.PATH}`);
  return parts;
}

function pathOf(path: string, expression: string): string[] {
  if (!PATH.test(path)) throw new Error(`"${path}" in "${expression}" is not a JSON path of property names (a.b.c)`);
  return path.split('.');
}

/**
 * Evaluates a parsed expression against a message: undefined when the message is not a JSON object or a path is
 * missing (the route is then `$default`). A string value is itself; other values are their JSON text.
 */
export function evaluateSelectionExpression(parts: ExpressionPart[], message: string): string | undefined {
  let body: unknown;
  if (parts.some((p) => 'body' in p)) {
    try {
      body = JSON.parse(message);
    } catch {
      return undefined;
    }
  }
  let out = '';
  for (const part of parts) {
    if ('text' in part) {
      out += part.text;
      continue;
    }
    let value: unknown = body;
    for (const name of part.body) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
      value = (value as Record<string, unknown>)[name];
    }
    if (value === undefined || value === null || typeof value === 'object') return undefined;
    out += String(value);
  }
  return out;
}
