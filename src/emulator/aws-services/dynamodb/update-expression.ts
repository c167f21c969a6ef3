/**
 * UpdateItem's `SET` and `REMOVE` actions
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html):
 * `SET a = :v`, `SET n = n + :one`, `if_not_exists(a, :v)`, `list_append(l, :more)`, `REMOVE a`.
 */
import { normalizeNumber, typeOf, type AttributeValue, type Item } from './attribute-value.js';
import { readPath } from './condition-expression.js';
import { validation } from './errors.js';
import type { PathSegment, SetValue, UpdateAction } from './expression.js';

/** Applies the actions to a copy of the item; returns the new item. Names of changed top-level attributes go to `changed`. */
export function applyUpdate(item: Item, actions: UpdateAction[], keyNames: string[], changed: Set<string>): Item {
  const out = structuredClone(item);
  for (const action of actions) {
    const first = action.path[0] as { key: string };
    if (keyNames.includes(first.key))
      throw validation(
        `One or more parameter values were invalid: Cannot update attribute ${first.key}. This attribute is part of the key`,
      );
    changed.add(first.key);
    if (action.kind === 'set') writePath(out, action.path, evaluate(item, action.value));
    else removePath(out, action.path);
  }
  return out;
}

function evaluate(item: Item, value: SetValue): AttributeValue {
  if (value.kind === 'value') return value.value;
  if (value.kind === 'path' || value.kind === 'size') {
    const found = readPath(item, value.path);
    if (!found) throw validation('The provided expression refers to an attribute that does not exist in the item');
    return found;
  }
  if (value.kind === 'call') {
    if (value.name === 'if_not_exists') {
      const target = value.args[0]!;
      const existing = target.kind === 'path' ? readPath(item, target.path) : undefined;
      return existing ?? evaluate(item, value.args[1]!);
    }
    const [a, b] = value.args.map((arg) => evaluate(item, arg)) as [AttributeValue, AttributeValue];
    if (typeOf(a) !== 'L' || typeOf(b) !== 'L')
      throw validation(
        'Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append',
      );
    return { L: [...(a.L as AttributeValue[]), ...(b.L as AttributeValue[])] };
  }
  const a = evaluate(item, value.left);
  const b = evaluate(item, value.right);
  if (typeOf(a) !== 'N' || typeOf(b) !== 'N')
    throw validation(`An operand in the update expression has an incorrect data type`);
  const sum = Number(a.N) + (value.op === '+' ? Number(b.N) : -Number(b.N));
  return { N: normalizeNumber(String(sum)) };
}

function writePath(item: Item, path: PathSegment[], value: AttributeValue): void {
  let container: AttributeValue = { M: item };
  path.forEach((segment, i) => {
    const last = i === path.length - 1;
    if ('key' in segment) {
      if (typeOf(container) !== 'M')
        throw validation('The document path provided in the update expression is invalid for update');
      const map = container.M as Item;
      if (last) map[segment.key] = value;
      else if (!map[segment.key])
        throw validation('The document path provided in the update expression is invalid for update');
      else container = map[segment.key]!;
    } else {
      if (typeOf(container) !== 'L')
        throw validation('The document path provided in the update expression is invalid for update');
      const list = container.L as AttributeValue[];
      if (last) {
        if (segment.index >= list.length) list.push(value);
        else list[segment.index] = value;
      } else if (!list[segment.index])
        throw validation('The document path provided in the update expression is invalid for update');
      else container = list[segment.index]!;
    }
  });
}

function removePath(item: Item, path: PathSegment[]): void {
  const parent = path.length === 1 ? { M: item } : readPath(item, path.slice(0, -1));
  if (!parent) return;
  const last = path[path.length - 1]!;
  if ('key' in last && typeOf(parent) === 'M') delete (parent.M as Item)[last.key];
  else if ('index' in last && typeOf(parent) === 'L') (parent.L as AttributeValue[]).splice(last.index, 1);
}
