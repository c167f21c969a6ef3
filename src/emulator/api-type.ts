import { HttpApiGateway } from './http-api/gateway.js';
import type { HttpApiModel } from './http-api/model.js';
import { exportHttpApiOpenApi } from './http-api/openapi-export.js';
import { httpFunctionNamesOf, importHttpApi } from './http-api/openapi-import.js';
import { authorizerFunctionNames } from './rest/authorizers/openapi.js';
import { RestGateway } from './rest/gateway.js';
import type { EndpointType, RestApiModel } from './rest/model.js';
import { exportOpenApi, type ExportOptions } from './rest/openapi-export.js';
import { importOpenApi } from './rest/openapi-import.js';
import type { GatewayOptions } from './shared/gateway-types.js';

/** A REST API (API Gateway v1) or an HTTP API (v2). */
export type ApiModel = RestApiModel | HttpApiModel;
export type ApiType = 'REST' | 'HTTP';

/** One method+path an API serves, and what serves it. */
export interface ApiRoute {
  method: string;
  /** The resource path or route path (`/items/{id}`); `$default` for HTTP APIs' catch-all route. */
  path: string;
  /** The integration type (`AWS_PROXY`, `AWS`, `MOCK`, `HTTP`, `HTTP_PROXY`). */
  integration: string;
  /** The Lambda function, for Lambda integrations (may name a stage variable: `${stageVariables.fn}`). */
  functionName?: string;
  /** The endpoint, for HTTP integrations. */
  uri?: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Which API an OpenAPI document describes. AWS imports both with the same extensions (through
 * import-rest-api or import-api), so the document only hints: HTTP API exports carry
 * `x-amazon-apigateway-importexport-version`, and HTTP API integrations a `payloadFormatVersion`;
 * `x-amazon-apigateway-cors` configures CORS "for an HTTP API" only.
 */
export function apiTypeOf(doc: unknown): ApiType {
  if (!isObject(doc)) return 'REST';
  if (doc['x-amazon-apigateway-importexport-version'] !== undefined) return 'HTTP';
  if (doc['x-amazon-apigateway-cors'] !== undefined) return 'HTTP';
  for (const item of Object.values(isObject(doc.paths) ? doc.paths : {})) {
    for (const op of Object.values(isObject(item) ? item : {})) {
      const integration = isObject(op) ? op['x-amazon-apigateway-integration'] : undefined;
      if (isObject(integration) && integration.payloadFormatVersion !== undefined) return 'HTTP';
    }
  }
  return 'REST';
}

/** A gateway of either API type, as the code that serves either (CLI, sandbox runtimes) uses it. */
export type AnyGateway = RestGateway | HttpApiGateway;

/** What one API type is to the code that serves either: one entry per type in {@link API_TYPES}. */
export interface ApiTypeEntry<M extends ApiModel> {
  /** `REST` or `HTTP`, as messages name the type. */
  label: ApiType;
  /** The label with its article: `a REST`, `an HTTP`. */
  article: string;
  /** Only HTTP APIs have a `$default` stage, served without a stage segment. */
  hasDefaultStage: boolean;
  /** Imports an OpenAPI document as this type (HTTP APIs are Regional only: `endpointType` is REST's import parameter). */
  importOpenApi(doc: unknown, options: { apiId?: string; endpointType?: EndpointType }): M;
  /** A gateway of this type (an HTTP API gateway takes the options it knows). */
  createGateway(options: GatewayOptions): AnyGateway;
  /** Deploys the API on a gateway this entry created; returns the deployment's id. */
  deploy(gateway: AnyGateway, api: M, description?: string): string;
  /** Exports the API as API Gateway does (get-export oas30 for REST, export-api OAS30 for HTTP). */
  exportOpenApi(api: M, options: ExportOptions): Record<string, unknown>;
  /** Every method+path the API serves, in definition order. */
  routes(api: M): ApiRoute[];
  /** Sets every integration's timeout. */
  setIntegrationTimeouts(api: M, timeoutMs: number): void;
}

const REST: ApiTypeEntry<RestApiModel> = {
  label: 'REST',
  article: 'a REST',
  hasDefaultStage: false,
  importOpenApi: (doc, options) =>
    importOpenApi(doc, {
      ...(options.apiId === undefined ? {} : { apiId: options.apiId }),
      ...(options.endpointType ? { endpointType: options.endpointType } : {}),
    }),
  createGateway: (options) => new RestGateway(options),
  deploy: (gateway, api, description) => (gateway as RestGateway).deploy(api, description).id,
  exportOpenApi: (api, options) => exportOpenApi(api, options),
  routes: (api) =>
    api.resources.flatMap((resource) =>
      Object.entries(resource.methods).flatMap(([method, model]): ApiRoute[] => {
        if (!model) return [];
        const { integration } = model;
        const route: ApiRoute = { method, path: resource.path, integration: integration.type };
        if (integration.functionName) route.functionName = integration.functionName;
        if (integration.type === 'HTTP' || integration.type === 'HTTP_PROXY') route.uri = integration.uri;
        return [route];
      }),
    ),
  setIntegrationTimeouts: (api, timeoutMs) => {
    for (const resource of api.resources) {
      for (const method of Object.values(resource.methods)) if (method) method.integration.timeoutMs = timeoutMs;
    }
  },
};

const HTTP: ApiTypeEntry<HttpApiModel> = {
  label: 'HTTP',
  article: 'an HTTP',
  hasDefaultStage: true,
  importOpenApi: (doc, options) => importHttpApi(doc, options.apiId === undefined ? {} : { apiId: options.apiId }),
  createGateway: (options) => new HttpApiGateway(options),
  deploy: (gateway, api, description) => (gateway as HttpApiGateway).deploy(api, description).id,
  exportOpenApi: (api, options) => exportHttpApiOpenApi(api, options),
  routes: (api) =>
    api.routes.map((r) => {
      const space = r.routeKey.indexOf(' ');
      const serves = { integration: r.integration.type, functionName: r.integration.functionName };
      return space < 0
        ? { method: 'ANY', path: r.routeKey, ...serves }
        : { method: r.routeKey.slice(0, space), path: r.routeKey.slice(space + 1), ...serves };
    }),
  setIntegrationTimeouts: (api, timeoutMs) => {
    for (const route of api.routes) route.integration.timeoutMs = timeoutMs;
  },
};

/** The API types, by `ApiModel.kind`: the one place that says what differs between REST and HTTP APIs. */
export const API_TYPES: { readonly REST: ApiTypeEntry<RestApiModel>; readonly HTTP: ApiTypeEntry<HttpApiModel> } = {
  REST,
  HTTP,
};

/** The table's entry for an API (typed for that API). */
export function apiTypeEntryOf<M extends ApiModel>(api: M): ApiTypeEntry<M> {
  return API_TYPES[api.kind] as unknown as ApiTypeEntry<M>;
}

/** Imports a document as the API type asked for, or as the one it looks like. */
export function importApi(
  doc: unknown,
  options: { apiId?: string; apiType?: ApiType; endpointType?: EndpointType } = {},
): ApiModel {
  return API_TYPES[options.apiType ?? apiTypeOf(doc)].importOpenApi(doc, options);
}

/** Every method+path the API serves, in definition order. */
export function routesOfApi(api: ApiModel): ApiRoute[] {
  return apiTypeEntryOf(api).routes(api);
}

/** The Lambda functions an API's routes call, each once. */
export function functionNamesOfApi(api: ApiModel): string[] {
  const names = routesOfApi(api).flatMap((r) => (r.functionName ? [r.functionName] : []));
  // A REST API's Lambda authorizers call functions of their own (`--function auth=PATH` in the CLI).
  if (api.kind === 'REST') names.push(...authorizerFunctionNames(api));
  // So do an HTTP API's.
  else names.push(...httpFunctionNamesOf(api));
  return [...new Set(names)];
}
