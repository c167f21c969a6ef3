import AjvDraft04 from 'ajv-draft-04/dist/index.js';
import type { ValidateFunction } from 'ajv-draft-04/dist/index.js';
import { validationErrorString } from './validation-error-string.js';

/**
 * Basic request validation: required method request parameters and the body against a model (JSON Schema
 * draft 4), as a request validator enables them.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-validation-test.html
 */

/** `x-amazon-apigateway-request-validators.{name}`. */
export interface RequestValidatorModel {
  validateRequestBody: boolean;
  validateRequestParameters: boolean;
}

export interface MethodRequestModel {
  /** `method.request.{querystring|header|path}.{name}` → required. */
  requestParameters: Record<string, boolean>;
  /** Content type → model name. */
  requestModels: Record<string, string>;
}

export interface RequestForValidation {
  path: Readonly<Record<string, string>>;
  /** Query string parameters (the last value of each name). */
  querystring: Readonly<Record<string, string>>;
  headers: ReadonlyArray<readonly [string, string]>;
  contentType: string | null;
  body: string;
}

export type ValidationOutcome =
  | { ok: true }
  /** Gateway response BAD_REQUEST_PARAMETERS or BAD_REQUEST_BODY, with `$context.error.message` and a detail for the trace. */
  | {
      ok: false;
      type: 'BAD_REQUEST_PARAMETERS' | 'BAD_REQUEST_BODY';
      message: string;
      detail: string;
      validationErrorString: string;
    };

/** API Gateway's Empty model: accepts any body. */
const EMPTY_MODEL = 'Empty';

/**
 * Validates one request. Parameters first ("Missing required request parameters: [q1]" names every missing
 * one; a blank value counts as missing), then the body ("Invalid request body").
 */
export function validateRequest(
  validator: RequestValidatorModel,
  method: MethodRequestModel,
  models: Readonly<Record<string, unknown>>,
  request: RequestForValidation,
): ValidationOutcome {
  if (validator.validateRequestParameters) {
    const missing = missingParameters(method.requestParameters, request);
    if (missing.length) {
      const message = `Missing required request parameters: [${missing.join(', ')}]`;
      // validationErrorString: no capture shows it for parameters; the message is what it holds here.
      return { ok: false, type: 'BAD_REQUEST_PARAMETERS', message, detail: message, validationErrorString: message };
    }
  }
  if (validator.validateRequestBody) {
    const problem = bodyProblem(method.requestModels, models, request);
    if (problem)
      return {
        ok: false,
        type: 'BAD_REQUEST_BODY',
        message: 'Invalid request body',
        detail: problem.detail,
        validationErrorString: problem.validationErrorString,
      };
  }
  return { ok: true };
}

/** The names of required parameters that are absent or blank, ordered by their `method.request.*` key. */
export function missingParameters(
  requestParameters: Readonly<Record<string, boolean>>,
  request: RequestForValidation,
): string[] {
  const missing: string[] = [];
  for (const key of Object.keys(requestParameters).sort()) {
    if (!requestParameters[key]) continue;
    const match = /^method\.request\.(querystring|header|path)\.(.+)$/.exec(key);
    if (!match) continue;
    const [, where, name] = match as unknown as [string, string, string];
    let value: string | undefined;
    if (where === 'path') value = request.path[name];
    else if (where === 'querystring') value = request.querystring[name];
    else {
      const lower = name.toLowerCase();
      for (const [n, v] of request.headers) if (n.toLowerCase() === lower) value = v;
    }
    if (value === undefined || value.trim() === '') missing.push(name);
  }
  return missing;
}

function bodyProblem(
  requestModels: Readonly<Record<string, string>>,
  models: Readonly<Record<string, unknown>>,
  request: RequestForValidation,
): { detail: string; validationErrorString: string } | null {
  const mediaType = (request.contentType ?? '').split(';')[0]!.trim().toLowerCase() || 'application/json';
  const entry = Object.entries(requestModels).find(([type]) => type.toLowerCase() === mediaType);
  const modelName = entry?.[1] ?? EMPTY_MODEL;
  if (modelName === EMPTY_MODEL && !(EMPTY_MODEL in models)) return null;
  const validate = compiledModel(modelName, models);
  const plain = (detail: string) => ({ detail, validationErrorString: `[${detail}]` });
  if (!validate) return plain(`the model "${modelName}" is not defined`);
  let instance: unknown;
  try {
    // An empty body is validated as {}.
    instance = request.body.trim() === '' ? {} : JSON.parse(request.body);
  } catch (error) {
    return plain(`the body is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (validate(instance)) return null;
  const errors = validate.errors ?? [];
  return {
    detail:
      errors.map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`).join('; ') ||
      'does not match the model',
    validationErrorString: validationErrorString(errors),
  };
}

const compiled = new WeakMap<object, Map<string, ValidateFunction | null>>();

/** Compiles a model with every other model reachable by `$ref` (`#/definitions/X`, `#/components/schemas/X`, or the API Gateway model URL). */
function compiledModel(name: string, models: Readonly<Record<string, unknown>>): ValidateFunction | null {
  let cache = compiled.get(models);
  if (!cache) compiled.set(models, (cache = new Map()));
  if (cache.has(name)) return cache.get(name)!;
  let validate: ValidateFunction | null = null;
  const schema = models[name];
  if (schema && typeof schema === 'object') {
    const definitions: Record<string, unknown> = {};
    for (const [n, s] of Object.entries(models)) if (n !== name) definitions[n] = rewriteRefs(withoutSchemaKeyword(s));
    const root = rewriteRefs(withoutSchemaKeyword(schema)) as Record<string, unknown>;
    const self = {
      ...root,
      definitions: { ...(root.definitions as object | undefined), ...definitions, [name]: root },
    };
    const ajv = new AjvDraft04({ strict: false, validateFormats: false, allErrors: true, verbose: true });
    try {
      validate = ajv.compile(self);
    } catch {
      validate = null;
    }
  }
  cache.set(name, validate);
  return validate;
}

function withoutSchemaKeyword(schema: unknown): unknown {
  if (!schema || typeof schema !== 'object') return schema;
  const { $schema: _ignored, ...rest } = schema as Record<string, unknown>;
  return rest;
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === '$ref' && typeof v === 'string') {
      const m = /(?:#\/definitions\/|#\/components\/schemas\/|\/models\/)([^/]+)$/.exec(v);
      out[k] = m ? `#/definitions/${decodeURIComponent(m[1]!)}` : v;
    } else out[k] = rewriteRefs(v);
  }
  return out;
}
