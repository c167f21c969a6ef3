import { DefinitionError } from '../shared/errors.js';
import { stableId } from '../shared/ids.js';
import { parseServiceUri, serviceOfUri } from '../shared/aws-service/service-uri.js';
import type {
  AwsServiceIntegration,
  EndpointType,
  IntegrationModel,
  MethodKey,
  MethodModel,
  NonProxyIntegrationFields,
  ResourceModel,
  ResponseTransferMode,
  RestApiModel,
} from './model.js';
import { HTTP_METHODS } from './model.js';
import { parseContentHandling, type ContentHandling } from './content-handling.js';
import { readApiKeySource, requiresApiKey } from './api-keys/openapi.js';
import { methodCognitoAuthorizer, readCognitoAuthorizers } from './authorizers/cognito-openapi.js';
import { authorizerFunctionNames, methodLambdaAuthorizer, readLambdaAuthorizers } from './authorizers/openapi.js';
import { methodIamScheme, readIamSchemes } from './authorizers/iam-openapi.js';
import { readGatewayResponses } from './gateway-response-config.js';
import { checkResponseMappings, readMethodResponses } from './method-responses.js';
import type { IntegrationResponseModel } from './integration-response.js';
import { parsePassthroughBehavior } from './passthrough.js';
import type { RequestValidatorModel } from './request-validation.js';
import { readPolicyExtension } from './resource-policy/openapi.js';
import { readCacheKeyParameters } from './stage-cache/cache-key.js';

/**
 * OpenAPI 3 (or Swagger 2) with `x-amazon-apigateway-*` extensions → the REST API model,
 * as `aws apigateway import-rest-api` reads it.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions.html
 */

/** Default and bounds of `timeoutInMillis`. https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html */
export const DEFAULT_TIMEOUT_MS = 29_000;
const MIN_TIMEOUT_MS = 50;

/** `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations` → function name. */
const LAMBDA_URI = /^arn:aws[\w-]*:apigateway:[^:]+:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;

/**
 * The URI of a Lambda proxy integration with `responseTransferMode: STREAM`, which calls InvokeWithResponseStream:
 * `arn:aws:apigateway:{region}:lambda:path/2021-11-15/functions/{functionArn}/response-streaming-invocations`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode-lambda.html
 */
const STREAMING_LAMBDA_URI =
  /^arn:aws[\w-]*:apigateway:[^:]+:lambda:path\/2021-11-15\/functions\/(.+)\/response-streaming-invocations$/;

/** A streamed integration's `timeoutInMillis` may be up to 15 minutes ("you can configure the integration timeout up to 15 minutes", response-streaming-http.html). */
export const MAX_STREAM_TIMEOUT_MS = 900_000;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The function name a Lambda integration URI names, or null when it names none. */
export function functionNameFromUri(uri: string): string | null {
  const match = LAMBDA_URI.exec(uri);
  return match ? functionNameOfArn(match[1]!) : null;
}

/** The function name a response-streaming Lambda URI (`…/2021-11-15/functions/{arn}/response-streaming-invocations`) names, or null. */
export function streamingFunctionNameFromUri(uri: string): string | null {
  const match = STREAMING_LAMBDA_URI.exec(uri);
  return match ? functionNameOfArn(match[1]!) : null;
}

/** The function ARN (or a stage-variable reference) → its name, without a qualifier. */
function functionNameOfArn(fnArn: string): string | null {
  const parts = fnArn.split(':');
  if (parts[0] === 'arn') {
    // arn:aws:lambda:region:account:function:name[:qualifier]
    return parts[6] ?? null;
  }
  return parts[0] || null;
}

export interface ImportOptions {
  apiId?: string;
  /**
   * The endpoint type, as import-rest-api takes it: `--parameters endpointConfigurationTypes=REGIONAL`; EDGE by
   * default. AWS's definitions carry no endpoint type.
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/import-edge-optimized-api.html
   */
  endpointType?: EndpointType;
}

/** Reads an OpenAPI document into a REST API model; throws DefinitionError listing every problem. */
export function importOpenApi(doc: unknown, options: ImportOptions = {}): RestApiModel {
  const problems: string[] = [];
  if (!isObject(doc)) throw new DefinitionError(['the definition is not an object (expected an OpenAPI document)']);
  const version = typeof doc.openapi === 'string' ? doc.openapi : typeof doc.swagger === 'string' ? doc.swagger : null;
  if (!version || !/^(3\.\d+\.\d+|2\.0)$/.test(version)) {
    problems.push('no "openapi: 3.x.y" (or "swagger: 2.0") field: this is not an OpenAPI document');
  }
  const info = isObject(doc.info) ? doc.info : null;
  const name = info && typeof info.title === 'string' ? info.title : '';
  if (!name) problems.push('info.title is missing (API Gateway names the API after it)');
  if (!isObject(doc.paths)) problems.push('"paths" is missing or not an object');

  const basePath = swaggerBasePath(doc);
  const models = readModels(doc);
  const requestValidators = readRequestValidators(doc['x-amazon-apigateway-request-validators'], problems);
  const defaultValidator =
    typeof doc['x-amazon-apigateway-request-validator'] === 'string'
      ? doc['x-amazon-apigateway-request-validator']
      : undefined;
  const gatewayResponses = readGatewayResponses(doc['x-amazon-apigateway-gateway-responses'], problems);
  const endpointConfiguration = readEndpointConfiguration(doc, problems);
  const resourcePolicy = readPolicyExtension(doc, problems);
  const apiKeySource = readApiKeySource(doc, problems);
  const authorizers = readLambdaAuthorizers(doc, problems);
  const cognitoAuthorizers = readCognitoAuthorizers(doc, problems);
  const iamSchemes = readIamSchemes(doc);
  const endpointType = options.endpointType ?? 'EDGE';
  if (!ENDPOINT_TYPES.includes(endpointType))
    problems.push(`unknown endpoint type "${String(endpointType)}" (EDGE, REGIONAL or PRIVATE)`);
  const resources: ResourceModel[] = [];
  const apiId = options.apiId ?? stableId(`api:${name}`);
  for (const [rawPath, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    const path = joinPath(basePath, rawPath);
    const pathProblem = checkResourcePath(path);
    if (pathProblem) {
      problems.push(`paths["${rawPath}"]: ${pathProblem}`);
      continue;
    }
    if (!isObject(item)) {
      problems.push(`paths["${rawPath}"] is not an object`);
      continue;
    }
    const methods: Partial<Record<MethodKey, MethodModel>> = {};
    for (const [key, op] of Object.entries(item)) {
      const method = methodKey(key);
      if (!method) continue; // parameters, summary, servers, x-… are not methods
      if (!isObject(op)) {
        problems.push(`paths["${rawPath}"].${key} is not an object`);
        continue;
      }
      const where = `paths["${rawPath}"].${key}`;
      const integration = readIntegration(op['x-amazon-apigateway-integration'], where, problems);
      if (!integration) continue;
      const model: MethodModel = { httpMethod: method, integration };
      if (requiresApiKey(doc, op)) model.apiKeyRequired = true;
      // Method responses shape what non-proxy integrations answer; a proxy integration's response passes through, but
      // its method responses are part of the API all the same (the export writes them back).
      const methodResponses = readMethodResponses(doc, op.responses, where, problems);
      if (integration.type === 'AWS_PROXY' || integration.type === 'HTTP_PROXY') {
        // Without declared responses, the 200 the console creates for a proxy method (and the export writes back).
        model.methodResponses = methodResponses ?? { '200': { responseParameters: {} } };
      } else {
        problems.push(
          ...checkResponseMappings(method, path, integration.responses, methodResponses ?? {}).map(
            (p) => `${where}: ${p}`,
          ),
        );
        if (methodResponses) model.methodResponses = methodResponses;
        else if (integration.responses.length) {
          // An operation without `responses` (OpenAPI requires them) gets a method response, without headers, for
          // each status its integration responses name: the emulator's lenience for sketches (AWS would answer 500
          // "Output mapping refers to an invalid method response"), and what the export writes back.
          model.methodResponses = Object.fromEntries(
            integration.responses.map((r) => [r.statusCode, { responseParameters: {} }]),
          );
        }
      }
      const validator =
        typeof op['x-amazon-apigateway-request-validator'] === 'string'
          ? op['x-amazon-apigateway-request-validator']
          : defaultValidator;
      if (validator !== undefined && validator !== '') {
        if (!requestValidators[validator])
          problems.push(`${where}: request validator "${validator}" is not in x-amazon-apigateway-request-validators`);
        model.requestValidator = validator;
      }
      const request = readMethodRequest(doc, item, op, models, where, problems);
      if (Object.keys(request.requestParameters).length) model.requestParameters = request.requestParameters;
      if (Object.keys(request.requestModels).length) model.requestModels = request.requestModels;
      const authorizer = methodLambdaAuthorizer(doc, op, authorizers, where, problems);
      if (authorizer !== undefined) model.authorizer = authorizer;
      const cognito = authorizer === undefined ? methodCognitoAuthorizer(doc, op, cognitoAuthorizers) : undefined;
      if (cognito) {
        model.cognitoAuthorizer = cognito.name;
        if (cognito.scopes.length) model.authorizationScopes = cognito.scopes;
      }
      const iam = authorizer === undefined && !cognito ? methodIamScheme(doc, op, iamSchemes) : undefined;
      if (iam !== undefined) model.iam = iam;
      const cacheKeys = readCacheKeyParameters(op['x-amazon-apigateway-integration'], where, problems);
      if (cacheKeys) model.cacheKeyParameters = cacheKeys;
      methods[method] = model;
    }
    resources.push({ id: resourceId(apiId, path), path, methods });
  }
  if (problems.length) throw new DefinitionError(problems);
  return {
    kind: 'REST',
    id: apiId,
    name,
    endpointType,
    ...endpointConfiguration,
    binaryMediaTypes: readBinaryMediaTypes(doc['x-amazon-apigateway-binary-media-types']),
    resources: withAncestors(resources, apiId),
    ...(Object.keys(models).length ? { models } : {}),
    ...(Object.keys(requestValidators).length ? { requestValidators } : {}),
    ...(Object.keys(gatewayResponses).length ? { gatewayResponses } : {}),
    ...(apiKeySource ? { apiKeySource } : {}),
    ...(Object.keys(authorizers).length ? { authorizers } : {}),
    ...(Object.keys(cognitoAuthorizers).length ? { cognitoAuthorizers } : {}),
    ...(resourcePolicy ? { resourcePolicy } : {}),
  };
}

/** Lambda function names the API's integrations and Lambda authorizers reference, each once. */
export function functionNamesOf(api: RestApiModel): string[] {
  const names = new Set<string>();
  for (const resource of api.resources) {
    for (const method of Object.values(resource.methods)) {
      if (
        (method?.integration.type === 'AWS_PROXY' || method?.integration.type === 'AWS') &&
        method.integration.functionName
      )
        names.add(method.integration.functionName);
    }
  }
  for (const name of authorizerFunctionNames(api)) names.add(name);
  return [...names];
}

/** `get` → `GET`, `x-amazon-apigateway-any-method` → `ANY`, anything else → null. */
function methodKey(key: string): MethodKey | null {
  if (key === 'x-amazon-apigateway-any-method') return 'ANY';
  const upper = key.toUpperCase();
  return (HTTP_METHODS as readonly string[]).includes(upper) ? (upper as MethodKey) : null;
}

/** Validates one `x-amazon-apigateway-integration` object; reports problems and returns null on any. */
function readIntegration(raw: unknown, where: string, problems: string[]): IntegrationModel | null {
  if (raw === undefined) {
    problems.push(`${where} has no x-amazon-apigateway-integration: API Gateway cannot serve a method without one`);
    return null;
  }
  if (!isObject(raw)) {
    problems.push(`${where}.x-amazon-apigateway-integration is not an object`);
    return null;
  }
  const type = typeof raw.type === 'string' ? raw.type.toUpperCase() : '';
  if (type !== 'AWS_PROXY' && type !== 'AWS' && type !== 'MOCK' && type !== 'HTTP' && type !== 'HTTP_PROXY') {
    problems.push(
      `${where}: integration type "${String(raw.type)}" is not supported (AWS_PROXY, AWS with a Lambda function or a service URI, MOCK, HTTP and HTTP_PROXY are)`,
    );
    return null;
  }
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (raw.timeoutInMillis !== undefined) {
    const t = Number(raw.timeoutInMillis);
    if (!Number.isInteger(t) || t < MIN_TIMEOUT_MS) {
      problems.push(
        `${where}: timeoutInMillis must be an integer of at least ${MIN_TIMEOUT_MS} (it is ${String(raw.timeoutInMillis)})`,
      );
      return null;
    }
    timeoutMs = t;
  }
  const uri = typeof raw.uri === 'string' ? raw.uri : '';
  const transfer = readResponseTransferMode(raw, type, timeoutMs, where, problems);
  if (transfer === null) return null;
  const responseTransferMode = transfer === undefined ? {} : { responseTransferMode: transfer };
  if (type === 'AWS_PROXY' && (transfer === 'STREAM' || STREAMING_LAMBDA_URI.test(uri))) {
    const functionName = streamingFunctionNameFromUri(uri);
    // AWS documents the streaming URI as the one a STREAM Lambda proxy integration uses; what it does with the
    // buffered URI under STREAM (or the streaming URI under BUFFERED) is not documented, so both are refused here.
    if (!functionName || transfer !== 'STREAM') {
      problems.push(
        transfer === 'STREAM'
          ? `${where}: a Lambda proxy integration with responseTransferMode STREAM calls InvokeWithResponseStream: its uri must be arn:aws:apigateway:{region}:lambda:path/2021-11-15/functions/{function ARN}/response-streaming-invocations (it is "${uri}")`
          : `${where}: integration uri "${uri}" is a response-streaming URI: it needs responseTransferMode STREAM (a buffered Lambda proxy integration uses arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function ARN}/invocations)`,
      );
      return null;
    }
    if (raw.httpMethod !== undefined && String(raw.httpMethod).toUpperCase() !== 'POST') {
      problems.push(`${where}: a Lambda integration's httpMethod must be POST (it is "${String(raw.httpMethod)}")`);
      return null;
    }
    return { type: 'AWS_PROXY', uri, functionName, timeoutMs, responseTransferMode: 'STREAM' };
  }
  if (type === 'AWS_PROXY' && serviceOfUri(uri) !== null && serviceOfUri(uri) !== 'lambda') {
    // AWS's CreateIntegration answer (400 BadRequestException), AWS-validated in LocalStack's
    // test_apigateway_dynamodb.py::test_error_aws_proxy_not_supported (research §1.1).
    problems.push(
      `${where}: integration uri "${uri}": Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.`,
    );
    return null;
  }
  if (type === 'AWS' && !LAMBDA_URI.test(uri) && serviceOfUri(uri) !== 'lambda') {
    return readServiceIntegration(raw, uri, timeoutMs, where, problems);
  }
  if (type === 'AWS_PROXY' || type === 'AWS') {
    const functionName = functionNameFromUri(uri);
    if (!functionName) {
      problems.push(
        type === 'AWS'
          ? `${where}: integration uri "${uri}" is not a Lambda invocation URI (arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function ARN}/invocations)`
          : `${where}: integration uri "${uri}" is not a Lambda invocation URI (arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function ARN}/invocations)`,
      );
      return null;
    }
    if (raw.httpMethod !== undefined && String(raw.httpMethod).toUpperCase() !== 'POST') {
      problems.push(`${where}: a Lambda integration's httpMethod must be POST (it is "${String(raw.httpMethod)}")`);
      return null;
    }
    if (type === 'AWS_PROXY') return { type: 'AWS_PROXY', uri, functionName, timeoutMs, ...responseTransferMode };
    const fields = readNonProxyFields(raw, where, problems);
    return fields && { type: 'AWS', uri, functionName, timeoutMs, ...fields };
  }
  const fields = readNonProxyFields(raw, where, problems);
  if (!fields) return null;
  if (type === 'MOCK') return { type: 'MOCK', timeoutMs, ...fields };
  if (!/^https?:\/\//i.test(uri)) {
    problems.push(`${where}: an ${type} integration needs an http(s) uri (it is "${uri}")`);
    return null;
  }
  const httpMethod = typeof raw.httpMethod === 'string' ? raw.httpMethod.toUpperCase() : '';
  if (!httpMethod) {
    problems.push(`${where}: an ${type} integration needs an httpMethod`);
    return null;
  }
  return { type, uri, httpMethod, timeoutMs, ...fields, ...responseTransferMode };
}

/**
 * An `AWS` integration with a service URI (sqs, kinesis, states, events, dynamodb; path or action): the URI checked,
 * `httpMethod` required (as AWS's PutIntegration requires integrationHttpMethod for AWS integrations), `credentials`
 * kept, the templated fields read as for HTTP integrations.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-request-basic-setup.html
 */
function readServiceIntegration(
  raw: Json,
  uri: string,
  timeoutMs: number,
  where: string,
  problems: string[],
): AwsServiceIntegration | null {
  const service = parseServiceUri(uri);
  if ('error' in service) {
    problems.push(`${where}: integration uri ${service.error}`);
    return null;
  }
  const httpMethod = typeof raw.httpMethod === 'string' ? raw.httpMethod.toUpperCase() : '';
  if (!(HTTP_METHODS as readonly string[]).includes(httpMethod)) {
    problems.push(
      `${where}: an AWS integration with ${service.service} needs an httpMethod (POST for ${uri}; it is "${String(raw.httpMethod ?? '')}")`,
    );
    return null;
  }
  if (raw.credentials !== undefined && typeof raw.credentials !== 'string') {
    problems.push(`${where}: credentials must be an IAM role ARN (a string)`);
    return null;
  }
  const fields = readNonProxyFields(raw, where, problems);
  if (!fields) return null;
  const credentials = typeof raw.credentials === 'string' && raw.credentials ? { credentials: raw.credentials } : {};
  return { type: 'AWS', uri, service, httpMethod, ...credentials, timeoutMs, ...fields };
}

/**
 * `responseTransferMode` (BUFFERED or STREAM; absent: undefined), or null after reporting a problem. STREAM works with
 * HTTP_PROXY and AWS_PROXY integrations only, with a `timeoutInMillis` of up to 15 minutes; AWS documents both limits
 * but not the error its import answers, so the messages here are the emulator's own.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode.html
 */
function readResponseTransferMode(
  raw: Json,
  type: string,
  timeoutMs: number,
  where: string,
  problems: string[],
): ResponseTransferMode | undefined | null {
  if (raw.responseTransferMode === undefined) return undefined;
  const mode = typeof raw.responseTransferMode === 'string' ? raw.responseTransferMode.toUpperCase() : '';
  if (mode !== 'BUFFERED' && mode !== 'STREAM') {
    problems.push(
      `${where}: responseTransferMode must be BUFFERED or STREAM (it is "${String(raw.responseTransferMode)}")`,
    );
    return null;
  }
  if (mode === 'STREAM' && type !== 'HTTP_PROXY' && type !== 'AWS_PROXY') {
    problems.push(
      `${where}: responseTransferMode STREAM works with HTTP_PROXY and AWS_PROXY integrations only (this one is ${type}): API Gateway cannot stream a response it transforms with mapping templates`,
    );
    return null;
  }
  if (mode === 'STREAM' && timeoutMs > MAX_STREAM_TIMEOUT_MS) {
    problems.push(
      `${where}: timeoutInMillis of a streamed integration can be at most ${MAX_STREAM_TIMEOUT_MS} (15 minutes; it is ${timeoutMs})`,
    );
    return null;
  }
  return mode;
}

/** requestTemplates, passthroughBehavior, requestParameters and responses of an integration. */
function readNonProxyFields(raw: Json, where: string, problems: string[]): NonProxyIntegrationFields | null {
  const before = problems.length;
  const passthroughBehavior = parsePassthroughBehavior(raw.passthroughBehavior);
  if (!passthroughBehavior)
    problems.push(
      `${where}: passthroughBehavior must be WHEN_NO_MATCH, WHEN_NO_TEMPLATES or NEVER (it is "${String(raw.passthroughBehavior)}")`,
    );
  const requestTemplates = stringMap(raw.requestTemplates, `${where}.requestTemplates`, problems);
  const requestParameters = stringMap(raw.requestParameters, `${where}.requestParameters`, problems);
  // The integration request's contentHandling. https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html
  const contentHandling = readContentHandling(raw.contentHandling, where, problems);
  const responses: IntegrationResponseModel[] = [];
  if (raw.responses !== undefined && !isObject(raw.responses)) problems.push(`${where}.responses is not an object`);
  for (const [pattern, value] of Object.entries(isObject(raw.responses) ? raw.responses : {})) {
    const at = `${where}.responses["${pattern}"]`;
    if (!isObject(value)) {
      problems.push(`${at} is not an object`);
      continue;
    }
    const statusCode = String(value.statusCode ?? '');
    if (!/^[1-5]\d\d$/.test(statusCode)) {
      problems.push(`${at}.statusCode must be a status code (it is "${String(value.statusCode)}")`);
      continue;
    }
    if (pattern !== 'default') {
      try {
        new RegExp(pattern);
      } catch {
        problems.push(`${at}: "${pattern}" is not a regular expression`);
        continue;
      }
    }
    const response: IntegrationResponseModel = { statusCode };
    if (pattern !== 'default') response.selectionPattern = pattern;
    const responseParameters = stringMap(value.responseParameters, `${at}.responseParameters`, problems);
    const responseTemplates = stringMap(value.responseTemplates, `${at}.responseTemplates`, problems);
    if (Object.keys(responseParameters).length) response.responseParameters = responseParameters;
    if (Object.keys(responseTemplates).length) response.responseTemplates = responseTemplates;
    // IntegrationResponse.contentHandling is the same enum as the integration's.
    const responseContentHandling = readContentHandling(value.contentHandling, at, problems);
    if (responseContentHandling) response.contentHandling = responseContentHandling;
    responses.push(response);
  }
  if (problems.length > before) return null;
  return {
    requestTemplates,
    passthroughBehavior: passthroughBehavior!,
    requestParameters,
    responses,
    ...(contentHandling ? { contentHandling } : {}),
  };
}

/** A `contentHandling` value (absent: null); anything but the two conversions is a problem, as AWS refuses it. */
function readContentHandling(raw: unknown, where: string, problems: string[]): ContentHandling | null {
  const value = parseContentHandling(raw);
  if (raw !== undefined && raw !== null && !value)
    problems.push(`${where}: contentHandling must be CONVERT_TO_BINARY or CONVERT_TO_TEXT (it is "${String(raw)}")`);
  return value;
}

/** A string → string map, or {} when absent. */
function stringMap(raw: unknown, where: string, problems: string[]): Record<string, string> {
  if (raw === undefined) return {};
  if (!isObject(raw) || Object.values(raw).some((v) => typeof v !== 'string')) {
    problems.push(`${where} must map strings to strings`);
    return {};
  }
  return { ...(raw as Record<string, string>) };
}

/** Models: OpenAPI 3 `components.schemas`, Swagger 2 `definitions`. */
function readModels(doc: Json): Record<string, unknown> {
  const components = isObject(doc.components) ? doc.components : null;
  const schemas =
    components && isObject(components.schemas) ? components.schemas : isObject(doc.definitions) ? doc.definitions : {};
  return { ...schemas };
}

/** `x-amazon-apigateway-request-validators`. https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-request-validators.html */
function readRequestValidators(raw: unknown, problems: string[]): Record<string, RequestValidatorModel> {
  const out: Record<string, RequestValidatorModel> = {};
  if (raw === undefined) return out;
  if (!isObject(raw)) {
    problems.push('x-amazon-apigateway-request-validators is not an object');
    return out;
  }
  for (const [name, value] of Object.entries(raw)) {
    if (!isObject(value)) {
      problems.push(`x-amazon-apigateway-request-validators.${name} is not an object`);
      continue;
    }
    out[name] = {
      validateRequestBody: value.validateRequestBody === true,
      validateRequestParameters: value.validateRequestParameters === true,
    };
  }
  return out;
}

/** Required parameters and body models of a method request, from OpenAPI `parameters` and `requestBody` (or a Swagger 2 body parameter). */
function readMethodRequest(
  doc: Json,
  item: Json,
  op: Json,
  models: Record<string, unknown>,
  where: string,
  problems: string[],
): { requestParameters: Record<string, boolean>; requestModels: Record<string, string> } {
  const requestParameters: Record<string, boolean> = {};
  const requestModels: Record<string, string> = {};
  // An inline schema becomes a model of its own, named after the operation.
  const inlineModelName =
    typeof op.operationId === 'string' && op.operationId
      ? `${op.operationId}Body`
      : `Model${where.replace(/[^A-Za-z0-9]/g, '')}`;
  const modelName = (schema: unknown, fallback: string): string | null => {
    if (!isObject(schema)) return null;
    if (typeof schema.$ref === 'string') {
      const m = /\/([^/]+)$/.exec(schema.$ref);
      const name = m ? decodeURIComponent(m[1]!) : '';
      if (!(name in models)) {
        problems.push(`${where}: model "${schema.$ref}" is not defined`);
        return null;
      }
      return name;
    }
    models[fallback] = schema;
    return fallback;
  };
  // `$ref: '#/components/parameters/X'` (OpenAPI 3) or `'#/parameters/X'` (Swagger 2).
  const resolve = (p: unknown): unknown => {
    if (!isObject(p) || typeof p.$ref !== 'string') return p;
    let target: unknown = doc;
    for (const key of p.$ref.replace(/^#\//, '').split('/'))
      target = isObject(target) ? target[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    if (target === undefined) problems.push(`${where}: parameter "${p.$ref}" is not defined`);
    return target;
  };
  const params = [
    ...(Array.isArray(item.parameters) ? item.parameters : []),
    ...(Array.isArray(op.parameters) ? op.parameters : []),
  ].map(resolve);
  for (const p of params) {
    if (!isObject(p) || typeof p.name !== 'string') continue;
    const location = p.in === 'query' ? 'querystring' : p.in === 'header' ? 'header' : p.in === 'path' ? 'path' : null;
    if (location)
      requestParameters[`method.request.${location}.${p.name}`] = p.required === true || location === 'path';
    else if (p.in === 'body') {
      const name = modelName(p.schema, inlineModelName);
      if (name) requestModels['application/json'] = name;
    }
  }
  const body = isObject(op.requestBody) ? op.requestBody : null;
  if (body && isObject(body.content)) {
    for (const [type, media] of Object.entries(body.content)) {
      const name = isObject(media) ? modelName(media.schema, inlineModelName) : null;
      if (name) requestModels[type] = name;
    }
  }
  return { requestParameters, requestModels };
}

const ENDPOINT_TYPES: readonly EndpointType[] = ['EDGE', 'REGIONAL', 'PRIVATE'];

/**
 * `x-amazon-apigateway-endpoint-configuration`: under a Server object in OpenAPI 3, at the top level in Swagger 2,
 * with `disableExecuteApiEndpoint`, `vpcEndpointIds` and `ipAddressType`. It names no endpoint type: that is
 * import-rest-api's endpointConfigurationTypes parameter (the `endpointType` import option here), so a `types`
 * list is reported rather than read.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-endpoint-configuration.html
 */
function readEndpointConfiguration(
  doc: Json,
  problems: string[],
): Pick<RestApiModel, 'disableExecuteApiEndpoint' | 'vpcEndpointIds'> {
  const KEY = 'x-amazon-apigateway-endpoint-configuration';
  const swagger = typeof doc.swagger === 'string';
  const found: Array<{ where: string; config: unknown }> = [];
  if (doc[KEY] !== undefined) {
    found.push({ where: KEY, config: doc[KEY] });
    if (!swagger) problems.push(`${KEY} belongs under a Server object (servers[]) in OpenAPI 3, not at the top level`);
  }
  if (!swagger && Array.isArray(doc.servers)) {
    doc.servers.forEach((server, i) => {
      if (isObject(server) && server[KEY] !== undefined)
        found.push({ where: `servers[${i}].${KEY}`, config: server[KEY] });
    });
  }
  const out: Pick<RestApiModel, 'disableExecuteApiEndpoint' | 'vpcEndpointIds'> = {};
  for (const { where, config } of found) {
    if (!isObject(config)) {
      problems.push(`${where} is not an object`);
      continue;
    }
    if (config.types !== undefined) {
      problems.push(
        `${where}.types: AWS's endpoint configuration has no endpoint type; import-rest-api takes it as a parameter ` +
          `(--parameters endpointConfigurationTypes=REGIONAL, EDGE by default): remove "types" and pass the endpoint type ` +
          `when importing (--endpoint-type regional, or "endpointType" in an example manifest)`,
      );
    }
    if (config.disableExecuteApiEndpoint !== undefined) {
      if (typeof config.disableExecuteApiEndpoint === 'boolean')
        out.disableExecuteApiEndpoint = config.disableExecuteApiEndpoint;
      else problems.push(`${where}.disableExecuteApiEndpoint is not a boolean`);
    }
    if (config.vpcEndpointIds !== undefined) {
      if (Array.isArray(config.vpcEndpointIds) && config.vpcEndpointIds.every((id) => typeof id === 'string'))
        out.vpcEndpointIds = [...config.vpcEndpointIds];
      else problems.push(`${where}.vpcEndpointIds is not a list of VPC endpoint ids`);
    }
  }
  return out;
}

/** `x-amazon-apigateway-binary-media-types`, with `~1` unescaped as import-rest-api does. */
function readBinaryMediaTypes(raw: unknown): string[] {
  return Array.isArray(raw)
    ? raw.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/~1/g, '/'))
    : [];
}

/** Swagger 2's `basePath` (OpenAPI 3 server URLs are not part of the resource path). */
function swaggerBasePath(doc: Json): string {
  return typeof doc.swagger === 'string' && typeof doc.basePath === 'string' && doc.basePath !== '/'
    ? doc.basePath
    : '';
}

/** Joins a base path and a path template, keeping a single leading slash. */
function joinPath(base: string, path: string): string {
  const joined = `${base.replace(/\/+$/, '')}${path}`;
  return joined === '' ? '/' : joined;
}

/** Why a resource path is one API Gateway would refuse, or null. */
function checkResourcePath(path: string): string | null {
  if (!path.startsWith('/')) return 'a resource path must start with "/"';
  if (path === '/') return null;
  const segments = path.slice(1).split('/');
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (s === '') return 'empty path segment';
    if (s.includes('{') || s.includes('}')) {
      if (!/^\{[A-Za-z0-9_.-]+\+?\}$/.test(s))
        return `"${s}" is not a valid path parameter (a whole segment like {id} or {proxy+})`;
      if (s.endsWith('+}') && i !== segments.length - 1) return 'a greedy parameter ({name+}) must be the last segment';
    } else if (!/^[A-Za-z0-9._~:@!$&'()*,;=-]+$/.test(s)) {
      return `"${s}" has characters API Gateway does not allow in a resource path`;
    }
  }
  return null;
}

/** Adds the parent resources API Gateway creates implicitly (`/`, `/items` for `/items/{id}`). */
function withAncestors(resources: ResourceModel[], apiId: string): ResourceModel[] {
  const byPath = new Map(resources.map((r) => [r.path, r]));
  for (const r of resources) {
    const segments = r.path.split('/').filter(Boolean);
    for (let i = 0; i < segments.length; i++) {
      const p = i === 0 ? '/' : `/${segments.slice(0, i).join('/')}`;
      if (!byPath.has(p)) byPath.set(p, { id: resourceId(apiId, p), path: p, methods: {} });
    }
  }
  if (!byPath.has('/')) byPath.set('/', { id: resourceId(apiId, '/'), path: '/', methods: {} });
  return [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/** Resource ids look like API Gateway's: 10 characters for the root resource, 6 for the others. */
function resourceId(apiId: string, path: string): string {
  return stableId(`${apiId}:${path}`, path === '/' ? 10 : 6);
}
