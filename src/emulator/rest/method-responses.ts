import type { IntegrationResponseModel } from './integration-response.js';

/**
 * Method responses: the status codes a method answers with and the headers each may carry. API Gateway checks
 * integration responses against them:
 * - a `method.response.header.X` mapping needs a method response for the status that declares header X, else
 *   PutIntegrationResponse (and so import-rest-api / put-rest-api) fails with BadRequestException
 *   "Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping
 *   expression parameter specified: method.response.header.X]"; without a method response for the status the
 *   error is "… errors : [No method response exists for method.]". These are errors, not warnings, so
 *   failOnWarnings does not matter: "When an error occurs, the new API definition is discarded"
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-import-api-errors-warnings.html).
 *   AWS's guides do not quote these messages; they are as AWS returns them in reports against its importer
 *   (github.com/amazon-archives/aws-apigateway-importer issues 121 and 209).
 * - an integration response without mappings is accepted for a status that has no method response, and fails
 *   when it is selected: "Execution failed due to configuration error: Output mapping refers to an invalid method
 *   response: 201" (as AWS logs it; reported in serverless-operations/serverless-apigateway-service-proxy#179).
 * Only mapped headers reach the client: "API Gateway passes certain integration response data to the method
 * response headers specified here according to the mapping you prescribe in the API's IntegrationResponse"
 * (https://docs.aws.amazon.com/apigateway/latest/api/API_MethodResponse.html); with a proxy integration "API Gateway
 * passes the backend response through" and no method response is needed
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-settings-method-response.html).
 */

export interface MethodResponseModel {
  /** `method.response.header.X` → required, as API Gateway's MethodResponse.responseParameters holds them. */
  responseParameters: Record<string, boolean>;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Method responses from an OpenAPI operation's `responses` (status code → `headers`), resolving `$ref`s to
 * `#/components/responses/…` (OpenAPI 3) or `#/responses/…` (Swagger 2). `default` is not a status code and
 * makes no method response. Null when the operation has no `responses`, or none with a status code (only `default`,
 * as code generators often write): the importer then derives them from the integration responses.
 */
export function readMethodResponses(
  doc: Json,
  raw: unknown,
  where: string,
  problems: string[],
): Record<string, MethodResponseModel> | null {
  const out: Record<string, MethodResponseModel> = {};
  if (raw === undefined) return null;
  if (!isObject(raw)) {
    problems.push(`${where}.responses is not an object`);
    return out;
  }
  for (const [status, value] of Object.entries(raw)) {
    if (!/^[1-5]\d\d$/.test(status)) continue;
    const response = resolveRef(doc, value);
    if (response === undefined) {
      problems.push(`${where}.responses["${status}"]: "${String((value as Json).$ref)}" is not defined`);
      continue;
    }
    const responseParameters: Record<string, boolean> = {};
    const headers = isObject(response) && isObject(response.headers) ? response.headers : {};
    for (const [name, header] of Object.entries(headers)) {
      const resolved = resolveRef(doc, header);
      if (resolved === undefined) {
        problems.push(
          `${where}.responses["${status}"].headers["${name}"]: "${String((header as Json).$ref)}" is not defined`,
        );
        continue;
      }
      responseParameters[`method.response.header.${name}`] = isObject(resolved) && resolved.required === true;
    }
    out[status] = { responseParameters };
  }
  return Object.keys(out).length || Object.keys(raw).some((s) => /^[1-5]\d\d$/.test(s)) ? out : null;
}

function resolveRef(doc: Json, value: unknown): unknown {
  if (!isObject(value) || typeof value.$ref !== 'string') return value;
  let target: unknown = doc;
  for (const key of value.$ref.replace(/^#\//, '').split('/'))
    target = isObject(target) ? target[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return target;
}

/** AWS's message for a mapping PutIntegrationResponse refuses. */
export function invalidMappingMessage(method: string, path: string, error: string): string {
  return `Unable to put integration response on '${method}' for resource at path '${path}': Invalid mapping expression specified: Validation Result: warnings : [], errors : [${error}]`;
}

/**
 * The problems import-rest-api reports for integration responses whose header mappings the method responses
 * do not allow, each naming the method, the path and what to declare.
 */
export function checkResponseMappings(
  method: string,
  path: string,
  integrationResponses: readonly IntegrationResponseModel[],
  methodResponses: Readonly<Record<string, MethodResponseModel>>,
): string[] {
  const problems: string[] = [];
  for (const response of integrationResponses) {
    // Header names are keys of the method response's responseParameters map, compared as written (AWS's docs do
    // not say whether X-Id and x-id are the same key there).
    const targets = Object.keys(response.responseParameters ?? {}).filter((t) =>
      t.startsWith('method.response.header.'),
    );
    if (!targets.length) continue;
    const key = response.selectionPattern ?? 'default';
    const methodResponse = methodResponses[response.statusCode];
    if (!methodResponse) {
      problems.push(
        `${invalidMappingMessage(method, path, 'No method response exists for method.')} ` +
          `(x-amazon-apigateway-integration.responses["${key}"] maps headers for status ${response.statusCode}: declare responses."${response.statusCode}" on the operation)`,
      );
      continue;
    }
    for (const target of targets) {
      if (target in methodResponse.responseParameters) continue;
      const header = target.slice('method.response.header.'.length);
      problems.push(
        `${invalidMappingMessage(method, path, `Invalid mapping expression parameter specified: ${target}`)} ` +
          `(x-amazon-apigateway-integration.responses["${key}"] maps it: declare responses."${response.statusCode}".headers.${header} on the operation)`,
      );
    }
  }
  return problems;
}
