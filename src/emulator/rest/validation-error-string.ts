import type { ErrorObject } from 'ajv-draft-04/dist/index.js';

/**
 * `$context.error.validationErrorString` for a body that fails its model. API Gateway validates with a JSON Schema
 * library whose messages it lists in brackets, e.g. `[object has missing required properties (["name"])]` and
 * `[numeric instance is lower than the required minimum (minimum: 0, found: -1)]` (captured through gateway response
 * templates printing the variable; AWS's context-variable reference only calls it "a string containing a detailed
 * validation error message"). Keywords without a captured message keep ajv's wording.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-variables-for-access-logging.html
 */
export function validationErrorString(errors: readonly ErrorObject[]): string {
  // A message, or the missing properties of one object (one message for them all, where the first was missing).
  const messages: Array<string | string[]> = [];
  const missingByObject = new Map<string, string[]>();
  for (const error of errors) {
    if (error.keyword !== 'required') {
      messages.push(messageOf(error));
      continue;
    }
    const name = String((error.params as { missingProperty: string }).missingProperty);
    const missing = missingByObject.get(error.instancePath);
    if (missing) missing.push(name);
    else {
      const names = [name];
      missingByObject.set(error.instancePath, names);
      messages.push(names);
    }
  }
  const rendered = messages.map((m) =>
    typeof m === 'string' ? m : `object has missing required properties (${JSON.stringify([...m].sort())})`,
  );
  return `[${rendered.join(', ')}]`;
}

const json = (value: unknown): string => JSON.stringify(value);

/** The type name the validator reports for an instance (`integer` for whole numbers, as JSON Schema draft 4 does). */
function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function messageOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const data = error.data;
  switch (error.keyword) {
    case 'type': {
      const allowed = Array.isArray(params.type) ? params.type : String(params.type).split(',');
      return `instance type (${typeOf(data)}) does not match any allowed primitive type (allowed: ${json(allowed)})`;
    }
    case 'minimum':
      return `numeric instance is lower than the required minimum (minimum: ${String(params.limit)}, found: ${String(data)})`;
    case 'maximum':
      return `numeric instance is greater than the required maximum (maximum: ${String(params.limit)}, found: ${String(data)})`;
    case 'minLength':
      return `string ${json(data)} is too short (length: ${[...String(data)].length}, required minimum: ${String(params.limit)})`;
    case 'maxLength':
      return `string ${json(data)} is too long (length: ${[...String(data)].length}, maximum allowed: ${String(params.limit)})`;
    case 'pattern':
      return `ECMA 262 regex ${json(params.pattern)} does not match input string ${json(data)}`;
    case 'enum':
      return `instance value (${json(data)}) not found in enum (possible values: ${json(params.allowedValues)})`;
    case 'additionalProperties':
      return `object instance has properties which are not allowed by the schema: ${json([String(params.additionalProperty)])}`;
    default:
      return error.message ?? 'is invalid';
  }
}
