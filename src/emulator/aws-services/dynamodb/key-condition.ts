/**
 * Query's KeyConditionExpression (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html):
 * partition key equality, and optionally one sort key condition `=`, `<`, `<=`, `>`, `>=`, `BETWEEN` or
 * `begins_with`, joined by AND. Other shapes are refused with DynamoDB's messages (as dynalite answers them).
 */
import { typeOf, type AttributeValue } from './attribute-value.js';
import { validation } from './errors.js';
import type { Condition, Operand } from './expression.js';

export interface KeyQuery {
  partitionValue: AttributeValue;
  /** A condition on the sort key, evaluated against the item. */
  sortCondition?: Condition;
}

/** Splits the key condition into the partition value and the sort key's condition. */
export function readKeyCondition(
  condition: Condition,
  keySchema: Array<{ AttributeName: string; KeyType: string }>,
  attributeTypes: Record<string, string>,
): KeyQuery {
  const parts: Condition[] = [];
  const collect = (c: Condition): void => {
    if (c.kind === 'and') {
      collect(c.left);
      collect(c.right);
    } else if (c.kind === 'or' || c.kind === 'not' || c.kind === 'in')
      throw validation('Invalid operator used in KeyConditionExpression: ' + c.kind.toUpperCase());
    else parts.push(c);
  };
  collect(condition);
  const hash = keySchema.find((k) => k.KeyType === 'HASH')!.AttributeName;
  const range = keySchema.find((k) => k.KeyType === 'RANGE')?.AttributeName;
  const byKey = new Map<string, Condition>();
  for (const part of parts) {
    const name = keyName(part);
    if (name === undefined) throw validation('Query key condition not supported');
    if (name !== hash && name !== range)
      throw validation(`Query condition missed key schema element: ${range && byKey.has(hash) ? range : hash}`);
    if (byKey.has(name)) throw validation('KeyConditionExpressions must only contain one condition per key');
    byKey.set(name, part);
  }
  const hashPart = byKey.get(hash);
  if (!hashPart) throw validation(`Query condition missed key schema element: ${hash}`);
  if (hashPart.kind !== 'compare' || hashPart.op !== '=') throw validation('Query key condition not supported');
  const partitionValue = (hashPart.right.kind === 'value' ? hashPart.right : hashPart.left) as Operand & {
    kind: 'value';
  };
  for (const [name, part] of byKey) {
    const expected = attributeTypes[name];
    for (const v of values(part)) {
      if (typeOf(v) !== expected)
        throw validation(
          'One or more parameter values were invalid: Condition parameter type does not match schema type',
        );
    }
  }
  const sortPart = range ? byKey.get(range) : undefined;
  if (sortPart && sortPart.kind === 'compare' && sortPart.op === '<>')
    throw validation('Unsupported operator on KeyConditionExpression: operator: <>');
  if (sortPart && sortPart.kind === 'function' && sortPart.name !== 'begins_with')
    throw validation(`Invalid operator used in KeyConditionExpression: ${sortPart.name}`);
  return { partitionValue: partitionValue.value, ...(sortPart ? { sortCondition: sortPart } : {}) };
}

/** The key attribute a simple condition is on (path on one side, values on the other). */
function keyName(c: Condition): string | undefined {
  const pathName = (o: Operand): string | undefined =>
    o.kind === 'path' && o.path.length === 1 && 'key' in o.path[0]! ? o.path[0].key : undefined;
  if (c.kind === 'compare') {
    if (c.left.kind === 'path' && c.right.kind === 'value') return pathName(c.left);
    return undefined;
  }
  if (c.kind === 'between') return c.low.kind === 'value' && c.high.kind === 'value' ? pathName(c.value) : undefined;
  if (c.kind === 'function') return c.args[1]?.kind === 'value' ? pathName(c.args[0]!) : undefined;
  return undefined;
}

function values(c: Condition): AttributeValue[] {
  if (c.kind === 'compare')
    return [c.right, c.left].filter((o) => o.kind === 'value').map((o) => (o as { value: AttributeValue }).value);
  if (c.kind === 'between') return [c.low, c.high].map((o) => (o as { value: AttributeValue }).value);
  if (c.kind === 'function') return [(c.args[1] as { value: AttributeValue }).value];
  return [];
}
