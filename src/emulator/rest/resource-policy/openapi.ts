import { readResourcePolicy, type ResourcePolicyModel } from './document.js';

/**
 * `x-amazon-apigateway-policy`: a REST API's resource policy in its OpenAPI definition, on the document's root.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/openapi-extensions-policy.html
 */

type Json = Record<string, unknown>;

export const POLICY_EXTENSION = 'x-amazon-apigateway-policy';

/** The document's resource policy, checked (problems reported); undefined when it has none. */
export function readPolicyExtension(doc: Json, problems: string[]): ResourcePolicyModel | undefined {
  const raw = doc[POLICY_EXTENSION];
  if (raw === undefined) return undefined;
  return readResourcePolicy(raw, POLICY_EXTENSION, problems) ?? undefined;
}

/**
 * Writes the API's resource policy back as written. AWS stores `execute-api:/…` expanded to the API's ARN and its
 * export would carry the expansion (assumed: the export of a policy is not documented); the shorthand is kept so
 * that the document imports back as the same API under any API id, Region or account.
 */
export function writePolicyExtension(api: { resourcePolicy?: ResourcePolicyModel }, doc: Json): void {
  if (api.resourcePolicy) doc[POLICY_EXTENSION] = structuredClone(api.resourcePolicy.document);
}
