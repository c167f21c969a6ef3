import { readPolicy, type PolicyStatement } from './policy.js';

/**
 * A Lambda authorizer's output, checked: `principalId`, `policyDocument`, the optional `context` map and
 * `usageIdentifierKey`. https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
 */
export interface AuthorizerOutput {
  principalId: string;
  statements: PolicyStatement[];
  /**
   * The context map with its values as strings, as the backend sees them: "their values are stringified, for
   * example, "stringval", "123", or "true"" (AWS's custom authorizer page, use-custom-authorizer.html).
   */
  context: Record<string, string>;
  /** The raw context map (numbers and booleans as returned), for `$context.authorizer.*`. */
  rawContext: Record<string, string | number | boolean>;
  /** `usageIdentifierKey`: the API key of a usage plan when the API's key source is AUTHORIZER. */
  usageIdentifierKey?: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The checked output, or a sentence saying why API Gateway cannot use it (it then answers 500
 * AUTHORIZER_CONFIGURATION_ERROR): not an object; no `principalId` (a string; numbers are taken as their text, assumed);
 * a policy that is not one; a `context` that is not a flat map of strings, numbers and booleans ("You can't set a
 * JSON object or array as a valid value of any key in the context map").
 */
export function readAuthorizerOutput(payload: unknown): AuthorizerOutput | string {
  if (!isObject(payload)) return 'the authorizer returned no object (expected principalId and policyDocument)';
  const { principalId } = payload;
  if (typeof principalId !== 'string' && typeof principalId !== 'number')
    return 'the authorizer output has no principalId';
  const statements = readPolicy(payload.policyDocument);
  if (typeof statements === 'string') return `invalid policy: ${statements}`;
  const context: Record<string, string> = {};
  const rawContext: Record<string, string | number | boolean> = {};
  if (payload.context !== undefined && payload.context !== null) {
    if (!isObject(payload.context)) return 'the authorizer output context is not a map';
    for (const [key, value] of Object.entries(payload.context)) {
      if (value === null || value === undefined) continue; // assumed: a null value is left out
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
        return `the authorizer output context.${key} is ${Array.isArray(value) ? 'an array' : 'an object'}: context values must be strings, numbers or booleans`;
      context[key] = String(value);
      rawContext[key] = value;
    }
  }
  const out: AuthorizerOutput = { principalId: String(principalId), statements, context, rawContext };
  if (typeof payload.usageIdentifierKey === 'string') out.usageIdentifierKey = payload.usageIdentifierKey;
  return out;
}
