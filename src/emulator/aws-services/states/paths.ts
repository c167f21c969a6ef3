/**
 * How data flows through a state (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html):
 * InputPath → Parameters → (the task) → ResultSelector → ResultPath → OutputPath, with the context object `$$`
 * (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html). JSONPath is the gateway's
 * own subset (`$`, `.a`, `['a']`, `[0]`, `[*]`).
 */
import { evaluateJsonPath, JsonPathError, parseJsonPath } from '../../rest/json-path.js';
import { runtimeError } from './errors.js';
import { evaluateIntrinsic, isIntrinsic } from './intrinsics.js';

/** The context object (`$$`) of one state. */
export interface ContextObject {
  Execution: { Id: string; Input: unknown; Name: string; RoleArn: string; StartTime: string; RedriveCount: number };
  State: { EnteredTime: string; Name: string; RetryCount: number };
  StateMachine: { Id: string; Name: string };
}

/** Reads `$…` from `value` or `$$…` from the context; a path that finds nothing is States.Runtime naming the field. */
export function readPath(value: unknown, path: string, context: ContextObject, field: string): unknown {
  const fromContext = path.startsWith('$$');
  const root = fromContext ? context : value;
  const p = fromContext ? path.slice(1) : path;
  let found: unknown;
  try {
    found = evaluateJsonPath(root, p);
  } catch (error) {
    if (error instanceof JsonPathError)
      throw runtimeError(`The JSONPath '${path}' specified for the field '${field}' is invalid: ${error.message}`);
    throw error;
  }
  if (found === undefined) {
    throw runtimeError(
      `The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${JSON.stringify(root)}'`,
    );
  }
  return found;
}

/** InputPath / OutputPath: absent keeps the value, `null` gives `{}`. */
export function selectPath(value: unknown, path: unknown, context: ContextObject, field: string): unknown {
  if (path === undefined) return value;
  if (path === null) return {};
  return readPath(value, String(path), context, field);
}

/** Parameters / ResultSelector / Pass `Parameters`: copies the template, resolving `"key.$"` fields. */
export function applyTemplate(template: unknown, value: unknown, context: ContextObject, field: string): unknown {
  if (Array.isArray(template)) return template.map((item) => applyTemplate(item, value, context, field));
  if (typeof template !== 'object' || template === null) return template;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(template)) {
    if (key.endsWith('.$')) {
      if (typeof item !== 'string')
        throw runtimeError(`The value of the field '${key}' in ${field} must be a string path`);
      const read = (path: string): unknown => readPath(value, path, context, field);
      out[key.slice(0, -2)] = isIntrinsic(item) ? evaluateIntrinsic(item, read) : read(item);
    } else out[key] = applyTemplate(item, value, context, field);
  }
  return out;
}

/** ResultPath: absent or `$` → the result; `null` → the input; `$.a.b` → the input with the result put there. */
export function applyResultPath(input: unknown, result: unknown, resultPath: unknown): unknown {
  if (resultPath === undefined || resultPath === '$') return result;
  if (resultPath === null) return input;
  const path = String(resultPath);
  let segments;
  try {
    segments = parseJsonPath(path);
  } catch (error) {
    throw runtimeError(`Invalid ResultPath '${path}': ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!segments.every((s) => s.kind === 'key'))
    throw runtimeError(`The ResultPath '${path}' must name object fields only (the lab does not write into arrays)`);
  const root: unknown = structuredClone(input);
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw runtimeError(`Unable to apply ResultPath '${path}' to input '${JSON.stringify(input)}': it is not an object`);
  }
  let node = root as Record<string, unknown>;
  segments.forEach((segment, i) => {
    const key = (segment as { key: string }).key;
    if (i === segments.length - 1) node[key] = result;
    else {
      const next = node[key];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
  });
  return root;
}
