/**
 * Reads DynamoDB expressions (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.html):
 * condition / filter / key-condition syntax (comparators, BETWEEN, IN, AND/OR/NOT, parentheses, attribute_exists,
 * attribute_not_exists, attribute_type, begins_with, contains, size), projections and `SET`/`REMOVE` updates.
 * `#name` and `:value` placeholders are resolved from ExpressionAttributeNames/Values and recorded, so the request
 * can refuse unused ones as DynamoDB does.
 */
import type { AttributeValue } from './attribute-value.js';
import { validation } from './errors.js';
import { isReservedWord } from './reserved-words.js';

export type PathSegment = { key: string } | { index: number };
export type Operand =
  | { kind: 'path'; path: PathSegment[] }
  | { kind: 'value'; name: string; value: AttributeValue }
  | { kind: 'size'; path: PathSegment[] };
export type Condition =
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; condition: Condition }
  | { kind: 'compare'; op: string; left: Operand; right: Operand }
  | { kind: 'between'; value: Operand; low: Operand; high: Operand }
  | { kind: 'in'; value: Operand; list: Operand[] }
  | { kind: 'function'; name: string; args: Operand[] };
export type UpdateAction =
  { kind: 'set'; path: PathSegment[]; value: SetValue } | { kind: 'remove'; path: PathSegment[] };
export type SetValue =
  | Operand
  | { kind: 'arith'; op: '+' | '-'; left: SetValue; right: SetValue }
  | { kind: 'call'; name: 'if_not_exists' | 'list_append'; args: SetValue[] };

/** The placeholders of one request, and which of them its expressions used. */
export class ExpressionContext {
  readonly usedNames = new Set<string>();
  readonly usedValues = new Set<string>();
  constructor(
    readonly names: Record<string, string> | undefined,
    readonly values: Record<string, AttributeValue> | undefined,
  ) {}

  /** DynamoDB's check after reading every expression of a request: unused placeholders are an error. */
  checkAllUsed(): void {
    const unusedNames = Object.keys(this.names ?? {}).filter((n) => !this.usedNames.has(n));
    if (unusedNames.length)
      throw validation(
        `Value provided in ExpressionAttributeNames unused in expressions: keys: {${unusedNames.join(', ')}}`,
      );
    const unusedValues = Object.keys(this.values ?? {}).filter((n) => !this.usedValues.has(n));
    if (unusedValues.length)
      throw validation(
        `Value provided in ExpressionAttributeValues unused in expressions: keys: {${unusedValues.join(', ')}}`,
      );
  }
}

type Token = { type: 'word' | 'name' | 'value' | 'number' | 'op' | 'end'; text: string; at: number };

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'BETWEEN', 'IN']);

function tokenize(text: string, label: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const rest = text.slice(i);
    const m =
      /^#[A-Za-z0-9_]+/.exec(rest) ??
      /^:[A-Za-z0-9_]+/.exec(rest) ??
      /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest) ??
      /^\d+/.exec(rest) ??
      /^(<>|<=|>=|[=<>(),.[\]+-])/.exec(rest);
    if (!m)
      throw validation(
        `Invalid ${label}: Syntax error; token: "${ch}", near: "${text.slice(Math.max(0, i - 5), i + 5)}"`,
      );
    const t = m[0];
    const type =
      t[0] === '#' ? 'name' : t[0] === ':' ? 'value' : /^\d/.test(t) ? 'number' : /^[A-Za-z_]/.test(t) ? 'word' : 'op';
    tokens.push({ type, text: t, at: i });
    i += t.length;
  }
  tokens.push({ type: 'end', text: '<EOF>', at: text.length });
  return tokens;
}

class Parser {
  readonly tokens: Token[];
  pos = 0;
  /** The first bare reserved word, reported once the expression has parsed (as DynamoDB orders its errors). */
  reserved?: string;
  constructor(
    readonly text: string,
    readonly label: string,
    readonly context: ExpressionContext,
  ) {
    this.tokens = tokenize(text, label);
  }
  peek(): Token {
    return this.tokens[this.pos]!;
  }
  isWord(word: string): boolean {
    const t = this.peek();
    return t.type === 'word' && t.text.toUpperCase() === word;
  }
  isOp(op: string): boolean {
    const t = this.peek();
    return t.type === 'op' && t.text === op;
  }
  fail(): never {
    const t = this.peek();
    const before = this.tokens[this.pos - 1];
    throw validation(
      `Invalid ${this.label}: Syntax error; token: "${t.text}", near: "${before ? `${before.text} ` : ''}${t.text}"`,
    );
  }
  expectOp(op: string): void {
    if (!this.isOp(op)) this.fail();
    this.pos++;
  }
  done(): void {
    if (this.peek().type !== 'end') this.fail();
    if (this.reserved)
      throw validation(
        `Invalid ${this.label}: Attribute name is a reserved keyword; reserved keyword: ${this.reserved}`,
      );
  }

  condition(): Condition {
    let left = this.and();
    while (this.isWord('OR')) {
      this.pos++;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }
  and(): Condition {
    let left = this.not();
    while (this.isWord('AND')) {
      this.pos++;
      left = { kind: 'and', left, right: this.not() };
    }
    return left;
  }
  not(): Condition {
    if (this.isWord('NOT')) {
      this.pos++;
      return { kind: 'not', condition: this.not() };
    }
    return this.primary();
  }
  primary(): Condition {
    if (this.isOp('(')) {
      this.pos++;
      const inner = this.condition();
      this.expectOp(')');
      return inner;
    }
    const t = this.peek();
    const fn = t.type === 'word' ? t.text : '';
    if (['attribute_exists', 'attribute_not_exists', 'attribute_type', 'begins_with', 'contains'].includes(fn)) {
      this.pos++;
      this.expectOp('(');
      const args = [this.operand()];
      while (this.isOp(',')) {
        this.pos++;
        args.push(this.operand());
      }
      this.expectOp(')');
      const arity = fn.startsWith('attribute_') && fn !== 'attribute_type' ? 1 : 2;
      if (args.length !== arity)
        throw validation(
          `Invalid ${this.label}: Incorrect number of operands for operator or function; operator or function: ${fn}, number of operands: ${args.length}`,
        );
      if (args[0]!.kind !== 'path')
        throw validation(
          `Invalid ${this.label}: Operator or function requires a document path; operator or function: ${fn}`,
        );
      return { kind: 'function', name: fn, args };
    }
    if (t.type === 'word' && this.tokens[this.pos + 1]?.text === '(' && t.text !== 'size')
      throw validation(`Invalid ${this.label}: Invalid function name; function: ${t.text}`);
    const left = this.operand();
    if (this.isWord('BETWEEN')) {
      this.pos++;
      const low = this.operand();
      if (!this.isWord('AND')) this.fail();
      this.pos++;
      return { kind: 'between', value: left, low, high: this.operand() };
    }
    if (this.isWord('IN')) {
      this.pos++;
      this.expectOp('(');
      const list = [this.operand()];
      while (this.isOp(',')) {
        this.pos++;
        list.push(this.operand());
      }
      this.expectOp(')');
      return { kind: 'in', value: left, list };
    }
    const op = this.peek();
    if (op.type !== 'op' || !['=', '<>', '<', '<=', '>', '>='].includes(op.text)) this.fail();
    this.pos++;
    return { kind: 'compare', op: op.text, left, right: this.operand() };
  }
  operand(): Operand {
    const t = this.peek();
    if (t.type === 'value') {
      this.pos++;
      const value = this.context.values?.[t.text];
      if (!value)
        throw validation(
          `Invalid ${this.label}: An expression attribute value used in expression is not defined; attribute value: ${t.text}`,
        );
      this.context.usedValues.add(t.text);
      return { kind: 'value', name: t.text, value };
    }
    if (t.type === 'word' && t.text === 'size' && this.tokens[this.pos + 1]?.text === '(') {
      this.pos += 2;
      const path = this.path();
      this.expectOp(')');
      return { kind: 'size', path };
    }
    return { kind: 'path', path: this.path() };
  }
  path(): PathSegment[] {
    const segments: PathSegment[] = [this.name()];
    for (;;) {
      if (this.isOp('.')) {
        this.pos++;
        segments.push(this.name());
      } else if (this.isOp('[')) {
        this.pos++;
        const n = this.peek();
        if (n.type !== 'number') this.fail();
        this.pos++;
        this.expectOp(']');
        segments.push({ index: Number(n.text) });
      } else return segments;
    }
  }
  name(): { key: string } {
    const t = this.peek();
    if (t.type === 'name') {
      this.pos++;
      const name = this.context.names?.[t.text];
      if (name === undefined)
        throw validation(
          `Invalid ${this.label}: An expression attribute name used in the document path is not defined; attribute name: ${t.text}`,
        );
      this.context.usedNames.add(t.text);
      return { key: name };
    }
    if (t.type === 'word' && !KEYWORDS.has(t.text.toUpperCase())) {
      this.pos++;
      if (!this.reserved && isReservedWord(t.text)) this.reserved = t.text;
      return { key: t.text };
    }
    this.fail();
  }

  setValue(): SetValue {
    let left = this.setTerm();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.peek().text as '+' | '-';
      this.pos++;
      left = { kind: 'arith', op, left, right: this.setTerm() };
    }
    return left;
  }
  setTerm(): SetValue {
    const t = this.peek();
    if (
      t.type === 'word' &&
      (t.text === 'if_not_exists' || t.text === 'list_append') &&
      this.tokens[this.pos + 1]?.text === '('
    ) {
      this.pos += 2;
      const args = [this.setValue()];
      this.expectOp(',');
      args.push(this.setValue());
      this.expectOp(')');
      return { kind: 'call', name: t.text, args };
    }
    return this.operand();
  }
  updates(): UpdateAction[] {
    const actions: UpdateAction[] = [];
    const seen = new Set<string>();
    while (this.peek().type !== 'end') {
      const clause = this.peek().text.toUpperCase();
      if (this.peek().type !== 'word' || seen.has(clause)) this.fail();
      if (clause !== 'SET' && clause !== 'REMOVE')
        throw validation(`Invalid ${this.label}: the lab supports SET and REMOVE clauses, not ${clause}`);
      seen.add(clause);
      this.pos++;
      do {
        if (actions.length && this.isOp(',')) this.pos++;
        const path = this.path();
        if (clause === 'SET') {
          this.expectOp('=');
          actions.push({ kind: 'set', path, value: this.setValue() });
        } else actions.push({ kind: 'remove', path });
      } while (this.isOp(','));
    }
    if (!actions.length) this.fail();
    const shown = (path: PathSegment[]) => `[${path.map((p) => ('key' in p ? p.key : `[${p.index}]`)).join(', ')}]`;
    actions.forEach((a, i) =>
      actions.slice(0, i).forEach((b) => {
        const n = Math.min(a.path.length, b.path.length);
        if (a.path.slice(0, n).every((seg, k) => JSON.stringify(seg) === JSON.stringify(b.path[k])))
          throw validation(
            `Invalid ${this.label}: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: ${shown(b.path)}, path two: ${shown(a.path)}`,
          );
      }),
    );
    return actions;
  }
}

/** Reads a condition (ConditionExpression, FilterExpression, KeyConditionExpression). */
export function parseCondition(text: string, label: string, context: ExpressionContext): Condition {
  if (!text.trim()) throw validation(`Invalid ${label}: The expression can not be empty;`);
  const parser = new Parser(text, label, context);
  const condition = parser.condition();
  parser.done();
  return condition;
}

/** Reads a ProjectionExpression: paths separated by commas. */
export function parseProjection(text: string, context: ExpressionContext): PathSegment[][] {
  const parser = new Parser(text, 'ProjectionExpression', context);
  const paths = [parser.path()];
  while (parser.isOp(',')) {
    parser.pos++;
    paths.push(parser.path());
  }
  parser.done();
  return paths;
}

/** Reads an UpdateExpression (`SET a = :v, b = b + :n REMOVE c`). */
export function parseUpdate(text: string, context: ExpressionContext): UpdateAction[] {
  const parser = new Parser(text, 'UpdateExpression', context);
  const actions = parser.updates();
  parser.done();
  return actions;
}
