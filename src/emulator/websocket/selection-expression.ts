/**
 * Selection expressions of WebSocket APIs, as AWS documents them: a variable is prefixed with `$`
 * (`$request.body.action`), curly braces mark its boundaries (`${request.body.service}/${request.body.action}`), a
 * `$` escaped with `\` is literal (`\$default`), anything else is static text. A JSON path that is not found resolves
 * to "" (`${request.body.action}-${request.body.invalidPath}` → `join-`); a message that is not JSON cannot be
 * evaluated (the route is then `$default`).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-develop-routes.html#apigateway-websocket-api-route-selection-expressions
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html
 */

/** One piece of an expression: literal text, or a path into the message's JSON body. */
export type ExpressionPart = { text: string } | { body: string[] };

/** A property name in a JSON path (letters, digits, `_`, `-`). */
const NAME = /^[A-Za-z0-9_-]+$/;
/** An unwrapped variable: `$` then dotted names, up to the first character that cannot be part of one. */
const UNWRAPPED = /^\$(request\.body(?:\.[A-Za-z0-9_-]+)+)/;
/** A wrapped variable: `${...}`. */
const WRAPPED = /^\$\{([^}]*)\}/;

/** Parses a selection expression; throws a one-line Error naming what is wrong. */
export function parseSelectionExpression(expression: string): ExpressionPart[] {
  const parts: ExpressionPart[] = [];
  let text = '';
  let i = 0;
  while (i < expression.length) {
    const rest = expression.slice(i);
    if (rest.startsWith('\\$')) {
      text += '$';
      i += 2;
      continue;
    }
    if (rest.startsWith('$')) {
      const wrapped = WRAPPED.exec(rest);
      const unwrapped = wrapped ? null : UNWRAPPED.exec(rest);
      const variable = wrapped?.[1] ?? unwrapped?.[1];
      if (variable === undefined)
        throw new Error(
          `"${rest}" in "${expression}" is not a variable this emulator supports ($request.body.PATH or \${request.body.PATH}; a literal $ is written \\$)`,
        );
      const path = /^request\.body\.(.+)$/.exec(variable);
      if (!path || !path[1]!.split('.').every((n) => NAME.test(n)))
        throw new Error(
          `"${variable}" in "${expression}" is not request.body.PATH (a JSON path of property names: a.b.c)`,
        );
      if (text) parts.push({ text });
      text = '';
      parts.push({ body: path[1]!.split('.') });
      i += (wrapped ?? unwrapped)![0].length;
      continue;
    }
    text += expression[i];
    i += 1;
  }
  if (text) parts.push({ text });
  return parts;
}

/**
 * Evaluates a parsed expression against a message: undefined when it names the body and the message is not JSON
 * (it "cannot be evaluated"). A string is itself, a path not found "", an array `[a, b]` (AWS: "presented as the
 * string "[item1, item2]""), other values their JSON text (assumed for objects).
 */
export function evaluateSelectionExpression(parts: readonly ExpressionPart[], message: string): string | undefined {
  let body: unknown;
  if (parts.some((p) => 'body' in p)) {
    try {
      body = JSON.parse(message);
    } catch {
      return undefined;
    }
  }
  let out = '';
  for (const part of parts) out += 'text' in part ? part.text : stringified(valueAt(body, part.body));
  return out;
}

/** The value at a path of property names; undefined when absent. */
function valueAt(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const name of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[name];
  }
  return value;
}

function stringified(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}]`;
  return JSON.stringify(value);
}
