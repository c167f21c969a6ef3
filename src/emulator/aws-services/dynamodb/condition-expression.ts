/**
 * Evaluates a condition (ConditionExpression, FilterExpression) against an item
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html).
 * A comparison with a missing attribute or a value of another type is false (`<>` true), as dynalite does.
 */
import { base64Bytes, compareScalars, typeOf, valuesEqual, type AttributeValue, type Item } from './attribute-value.js';
import type { Condition, Operand, PathSegment } from './expression.js';

/** The value at a document path, or undefined. */
export function readPath(item: Item, path: PathSegment[]): AttributeValue | undefined {
  let current: AttributeValue | undefined = { M: item };
  for (const segment of path) {
    if (!current) return undefined;
    if ('key' in segment) current = typeOf(current) === 'M' ? (current.M as Item)[segment.key] : undefined;
    else current = typeOf(current) === 'L' ? (current.L as AttributeValue[])[segment.index] : undefined;
  }
  return current;
}

function operandValue(item: Item, operand: Operand): AttributeValue | undefined {
  if (operand.kind === 'value') return operand.value;
  const value = readPath(item, operand.path);
  if (operand.kind === 'path') return value;
  if (!value) return undefined;
  const type = typeOf(value);
  const raw = value[type];
  if (type === 'S') return { N: String(new TextEncoder().encode(raw as string).length) };
  if (type === 'B') return { N: String(base64Bytes(raw as string).length) };
  if (Array.isArray(raw)) return { N: String(raw.length) };
  if (type === 'M') return { N: String(Object.keys(raw as object).length) };
  return undefined;
}

const ORDERED = new Set(['S', 'N', 'B']);

function compare(op: string, a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  if (op === '=') return valuesEqual(a, b);
  if (op === '<>') return !valuesEqual(a, b);
  if (!a || !b) return false;
  const type = typeOf(a);
  if (type !== typeOf(b) || !ORDERED.has(type)) return false;
  const c = compareScalars(type, a[type] as string, b[type] as string);
  return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
}

/** Whether the condition holds for the item (an absent item is `{}`). */
export function evaluateCondition(condition: Condition, item: Item): boolean {
  switch (condition.kind) {
    case 'and':
      return evaluateCondition(condition.left, item) && evaluateCondition(condition.right, item);
    case 'or':
      return evaluateCondition(condition.left, item) || evaluateCondition(condition.right, item);
    case 'not':
      return !evaluateCondition(condition.condition, item);
    case 'compare':
      return compare(condition.op, operandValue(item, condition.left), operandValue(item, condition.right));
    case 'between': {
      const v = operandValue(item, condition.value);
      return (
        compare('>=', v, operandValue(item, condition.low)) && compare('<=', v, operandValue(item, condition.high))
      );
    }
    case 'in': {
      const v = operandValue(item, condition.value);
      return condition.list.some((o) => valuesEqual(v, operandValue(item, o)));
    }
    case 'function':
      return evaluateFunction(condition.name, condition.args, item);
  }
}

function evaluateFunction(name: string, args: Operand[], item: Item): boolean {
  const target = operandValue(item, args[0]!);
  const arg = args[1] ? operandValue(item, args[1]) : undefined;
  switch (name) {
    case 'attribute_exists':
      return target !== undefined;
    case 'attribute_not_exists':
      return target === undefined;
    case 'attribute_type':
      return !!target && !!arg && typeOf(arg) === 'S' && typeOf(target) === arg.S;
    case 'begins_with': {
      if (!target || !arg || typeOf(target) !== typeOf(arg)) return false;
      const type = typeOf(target);
      if (type === 'S') return (target.S as string).startsWith(arg.S as string);
      if (type === 'B') {
        const t = base64Bytes(target.B as string);
        const p = base64Bytes(arg.B as string);
        return p.length <= t.length && p.every((byte, i) => t[i] === byte);
      }
      return false;
    }
    case 'contains': {
      if (!target || !arg) return false;
      const type = typeOf(target);
      const argType = typeOf(arg);
      if (type === 'S' && argType === 'S') return (target.S as string).includes(arg.S as string);
      if (type === 'L') return (target.L as AttributeValue[]).some((v) => valuesEqual(v, arg));
      const setOf: Record<string, string> = { SS: 'S', NS: 'N', BS: 'B' };
      if (setOf[type] === argType) return (target[type] as string[]).some((v) => valuesEqual({ [argType]: v }, arg));
      return false;
    }
    default:
      return false;
  }
}
