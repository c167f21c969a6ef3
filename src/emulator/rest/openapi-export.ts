import type { IntegrationModel, MethodKey, MethodModel, ResourceModel, RestApiModel, Stage } from './model.js';
import { DEFAULT_TIMEOUT_MS } from './openapi-import.js';
import { apiKeySecurity, exportApiKeys } from './api-keys/openapi.js';
import { methodSecurityOf, writeLambdaAuthorizers } from './authorizers/openapi.js';
import { methodCognitoSecurityOf, writeCognitoAuthorizers } from './authorizers/cognito-openapi.js';
import { methodIamSecurityOf, writeIamSchemes } from './authorizers/iam-openapi.js';
import type { IntegrationResponseModel } from './integration-response.js';
import { writePolicyExtension } from './resource-policy/openapi.js';

/**
 * The REST API model → OpenAPI 3.0.1, as `aws apigateway get-export --export-type oas30
 * --parameters extensions='integrations'` writes it, so that the document imports back (here and into
 * API Gateway) as the same API.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-export-api.html
 *
 * The shape follows AWS's exported examples, e.g. the proxy-resource API of
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-set-up-lambda-proxy-integration-on-proxy-resource.html:
 * `servers` with the invoke URL and a `basePath` variable defaulting to `/{stage}`, the path parameters of the
 * method with `required: true` and `schema: {type: string}`, lower-case `type` and `passthroughBehavior`
 * (`aws_proxy`, `when_no_match`), `x-amazon-apigateway-any-method` for ANY, and no `timeoutInMillis` when it is
 * the default. Gateway response status codes are strings ("429") as in
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-gateway-responses.html.
 *
 * What the model does not hold is not invented: method responses are those the integration responses imply
 * (one per status, with the `method.response.header.*` headers they map); a method with none gets a
 * `200 response` (OpenAPI 3 requires one response; API Gateway's console gives new methods a 200 method response).
 * Resources without methods are left out, as AWS leaves out the root resource, unless nothing else would
 * re-create them (a leaf resource with no methods is written as an empty path item).
 */

export interface ExportOptions {
  /** The stage whose invoke URL `servers` names (`basePath` = `/{stage}`). */
  stage?: Stage;
  /** The server URL without the stage, e.g. `https://abc123.execute-api.us-east-1.amazonaws.com` (default: built from the API id and region). */
  serverUrl?: string;
  /** Region of the default server URL (default us-east-1). */
  region?: string;
  /** `info.version` (AWS writes the API's version, else its creation time); default: now, as `2016-09-12T17:50:37Z`. */
  version?: string;
}

type Json = Record<string, unknown>;

const PATH_PARAM = /^\{([^}]+?)\+?\}$/;
const LOCATIONS: Record<string, string> = { path: 'path', querystring: 'query', header: 'header' };

/** REST API model → OpenAPI 3.0.1 document with API Gateway extensions. */
export function exportOpenApi(api: RestApiModel, options: ExportOptions = {}): Json {
  const doc: Json = {
    openapi: '3.0.1',
    info: { title: api.name, version: options.version ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') },
  };
  const servers = serversOf(api.id, options);
  // AWS's export carries no endpoint type: import-rest-api takes it as its endpointConfigurationTypes parameter
  // (EDGE by default), so whoever imports the document passes it again. The endpoint configuration the extension
  // does document (disableExecuteApiEndpoint, vpcEndpointIds) goes under the Server object, as in OpenAPI 3
  // (a bare `/` server when no stage is named).
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-endpoint-configuration.html
  const endpointConfiguration: Json = {};
  if (api.disableExecuteApiEndpoint !== undefined)
    endpointConfiguration.disableExecuteApiEndpoint = api.disableExecuteApiEndpoint;
  if (api.vpcEndpointIds) endpointConfiguration.vpcEndpointIds = [...api.vpcEndpointIds];
  if (Object.keys(endpointConfiguration).length) {
    doc.servers = (servers ?? [{ url: '/' }]).map((server) => ({
      ...server,
      'x-amazon-apigateway-endpoint-configuration': endpointConfiguration,
    }));
  } else if (servers) doc.servers = servers;

  const paths: Json = {};
  const withMethods = new Set(api.resources.filter((r) => Object.keys(r.methods).length).map((r) => r.path));
  for (const resource of api.resources) {
    if (withMethods.has(resource.path)) paths[resource.path] = pathItem(resource);
    else if (resource.path !== '/' && !api.resources.some((r) => r.path.startsWith(`${resource.path}/`)))
      paths[resource.path] = {};
  }
  doc.paths = paths;

  if (api.models && Object.keys(api.models).length) doc.components = { schemas: structuredClone(api.models) };
  writeLambdaAuthorizers(api, doc);
  writeCognitoAuthorizers(api, doc);
  writeIamSchemes(api, doc);
  if (api.gatewayResponses && Object.keys(api.gatewayResponses).length) {
    const out: Json = {};
    for (const [type, config] of Object.entries(api.gatewayResponses)) {
      const entry: Json = {};
      if (config.statusCode !== undefined) entry.statusCode = String(config.statusCode);
      if (config.responseParameters) entry.responseParameters = { ...config.responseParameters };
      if (config.responseTemplates) entry.responseTemplates = { ...config.responseTemplates };
      out[type] = entry;
    }
    doc['x-amazon-apigateway-gateway-responses'] = out;
  }
  if (api.requestValidators && Object.keys(api.requestValidators).length) {
    const out: Json = {};
    for (const [name, v] of Object.entries(api.requestValidators)) {
      out[name] = {
        validateRequestParameters: v.validateRequestParameters,
        validateRequestBody: v.validateRequestBody,
      };
    }
    doc['x-amazon-apigateway-request-validators'] = out;
  }
  if (api.binaryMediaTypes.length) doc['x-amazon-apigateway-binary-media-types'] = [...api.binaryMediaTypes];
  exportApiKeys(doc, api);
  writePolicyExtension(api, doc);
  return doc;
}

/** `servers`: the stage's invoke URL as `{basePath}` with the stage as its default; none without a stage or URL. */
function serversOf(apiId: string, options: ExportOptions): Json[] | null {
  const base = (
    options.serverUrl ?? `https://${apiId}.execute-api.${options.region ?? 'us-east-1'}.amazonaws.com`
  ).replace(/\/+$/, '');
  if (options.stage)
    return [{ url: `${base}/{basePath}`, variables: { basePath: { default: `/${options.stage.name}` } } }];
  if (options.serverUrl !== undefined) return [{ url: base }];
  return null;
}

function pathItem(resource: ResourceModel): Json {
  const item: Json = {};
  for (const [key, method] of Object.entries(resource.methods) as Array<[MethodKey, MethodModel | undefined]>) {
    if (!method) continue;
    item[key === 'ANY' ? 'x-amazon-apigateway-any-method' : key.toLowerCase()] = operation(resource.path, method);
  }
  return item;
}

function operation(path: string, method: MethodModel): Json {
  const op: Json = {};
  const parameters = parametersOf(path, method.requestParameters ?? {});
  if (parameters.length) op.parameters = parameters;
  const models = Object.entries(method.requestModels ?? {});
  if (models.length) {
    const content: Json = {};
    for (const [type, name] of models)
      content[type] = { schema: { $ref: `#/components/schemas/${encodeURIComponent(name)}` } };
    op.requestBody = { content };
  }
  op.responses = methodResponses(method);
  // One security requirement naming both the authorizer and the API key when a method has both (AND, as OpenAPI reads it).
  const security = {
    ...(methodSecurityOf(method)?.[0] ?? {}),
    ...methodCognitoSecurityOf(method),
    ...methodIamSecurityOf(method),
    ...(method.apiKeyRequired ? apiKeySecurity()[0] : {}),
  };
  if (Object.keys(security).length) op.security = [security];
  if (method.requestValidator !== undefined) op['x-amazon-apigateway-request-validator'] = method.requestValidator;
  op['x-amazon-apigateway-integration'] = integrationOf(method.integration);
  if (method.cacheKeyParameters)
    (op['x-amazon-apigateway-integration'] as Json).cacheKeyParameters = [...method.cacheKeyParameters];
  return op;
}

/**
 * Method request parameters as OpenAPI parameters. Every `{param}` of the resource path is declared (OpenAPI
 * requires it; a path parameter is always present, so declaring it required changes no behaviour).
 */
function parametersOf(path: string, requestParameters: Record<string, boolean>): Json[] {
  const out: Json[] = [];
  const seen = new Set<string>();
  const add = (location: string, name: string, required: boolean) => {
    const key = `${location}.${name}`;
    if (seen.has(key)) return;
    seen.add(key);
    const p: Json = { name, in: LOCATIONS[location]! };
    if (required) p.required = true;
    p.schema = { type: 'string' };
    out.push(p);
  };
  for (const segment of path.split('/')) {
    const m = PATH_PARAM.exec(segment);
    if (m) add('path', m[1]!, true);
  }
  for (const [key, required] of Object.entries(requestParameters)) {
    const m = /^method\.request\.(path|querystring|header)\.(.+)$/.exec(key);
    if (m) add(m[1]!, m[2]!, m[1] === 'path' || required);
  }
  return out;
}

/**
 * The method's responses as its definition declared them (status code → headers); for a model without them,
 * those the integration responses imply: one per status code, with the headers they map.
 */
function methodResponses(method: MethodModel): Json {
  const responses: Json = {};
  /** Declares the status code, and the headers among `targets` (`method.response.header.X` → required). */
  const add = (
    statusCode: string,
    targets: Readonly<Record<string, boolean | string>>,
    required: (v: boolean | string) => boolean,
  ) => {
    const entry = (responses[statusCode] ??= { description: `${statusCode} response` }) as Json;
    for (const [target, value] of Object.entries(targets)) {
      const m = /^method\.response\.header\.(.+)$/.exec(target);
      if (!m) continue;
      const headers = (entry.headers ??= {}) as Json;
      headers[m[1]!] = { ...(required(value) ? { required: true } : {}), schema: { type: 'string' } };
    }
  };
  for (const [statusCode, response] of Object.entries(method.methodResponses ?? {}))
    add(statusCode, response.responseParameters, (v) => v === true);
  const integration = method.integration;
  if (!Object.keys(responses).length && integration.type !== 'AWS_PROXY') {
    for (const r of integration.responses) add(r.statusCode, r.responseParameters ?? {}, () => false);
  }
  if (!Object.keys(responses).length) responses['200'] = { description: '200 response' };
  return responses;
}

/** `x-amazon-apigateway-integration`, in the order AWS's exports list the fields. */
function integrationOf(integration: IntegrationModel): Json {
  const out: Json = {};
  // AWS's exports put `credentials` first (the CloudFormation/OpenAPI samples of SQS and Kinesis integrations).
  if ('service' in integration && integration.credentials) out.credentials = integration.credentials;
  if (integration.type !== 'AWS_PROXY' && integration.responses.length)
    out.responses = integrationResponses(integration.responses);
  if (integration.type !== 'MOCK') out.uri = integration.uri;
  if (integration.type !== 'AWS_PROXY') {
    if (Object.keys(integration.requestParameters).length) out.requestParameters = { ...integration.requestParameters };
    if (Object.keys(integration.requestTemplates).length) out.requestTemplates = { ...integration.requestTemplates };
  }
  out.passthroughBehavior = (
    integration.type === 'AWS_PROXY' ? 'WHEN_NO_MATCH' : integration.passthroughBehavior
  ).toLowerCase();
  if (integration.type !== 'AWS_PROXY' && integration.contentHandling)
    out.contentHandling = integration.contentHandling;
  if ('service' in integration) out.httpMethod = integration.httpMethod;
  else if (integration.type === 'AWS_PROXY' || integration.type === 'AWS') out.httpMethod = 'POST';
  else if (integration.type === 'HTTP' || integration.type === 'HTTP_PROXY') out.httpMethod = integration.httpMethod;
  if (integration.timeoutMs !== DEFAULT_TIMEOUT_MS) out.timeoutInMillis = integration.timeoutMs;
  // As the definition named it (BUFFERED or STREAM); where AWS's own export places the field is not documented.
  if (
    (integration.type === 'AWS_PROXY' || integration.type === 'HTTP' || integration.type === 'HTTP_PROXY') &&
    integration.responseTransferMode
  ) {
    out.responseTransferMode = integration.responseTransferMode;
  }
  out.type = integration.type.toLowerCase();
  return out;
}

/** Integration responses keyed by selection pattern (`default` for the one without). */
function integrationResponses(responses: readonly IntegrationResponseModel[]): Json {
  const out: Json = {};
  for (const r of responses) {
    const entry: Json = { statusCode: r.statusCode };
    if (r.responseParameters && Object.keys(r.responseParameters).length)
      entry.responseParameters = { ...r.responseParameters };
    if (r.responseTemplates && Object.keys(r.responseTemplates).length)
      entry.responseTemplates = { ...r.responseTemplates };
    if (r.contentHandling) entry.contentHandling = r.contentHandling;
    out[r.selectionPattern || 'default'] = entry;
  }
  return out;
}
