import { importHttpApi } from './http-api/openapi-import.js';
import type { HttpApiModel } from './http-api/model.js';
import type { EndpointType, RestApiModel } from './rest/model.js';
import { importOpenApi } from './rest/openapi-import.js';

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
 * `x-amazon-apigateway-importexport-version`, and HTTP API integrations a `payloadFormatVersion`.
 */
export function apiTypeOf(doc: unknown): ApiType {
  if (!isObject(doc)) return 'REST';
  if (doc['x-amazon-apigateway-importexport-version'] !== undefined) return 'HTTP';
  for (const item of Object.values(isObject(doc.paths) ? doc.paths : {})) {
    for (const op of Object.values(isObject(item) ? item : {})) {
      const integration = isObject(op) ? op['x-amazon-apigateway-integration'] : undefined;
      if (isObject(integration) && integration.payloadFormatVersion !== undefined) return 'HTTP';
    }
  }
  return 'REST';
}

/** Imports a document as the API type asked for, or as the one it looks like. */
export function importApi(doc: unknown, options: { apiId?: string; apiType?: ApiType; endpointType?: EndpointType } = {}): ApiModel {
  const type = options.apiType ?? apiTypeOf(doc);
  const idOption = options.apiId === undefined ? {} : { apiId: options.apiId };
  // HTTP APIs are Regional only: the endpoint type is an import parameter of REST APIs.
  return type === 'HTTP' ? importHttpApi(doc, idOption) : importOpenApi(doc, { ...idOption, ...(options.endpointType ? { endpointType: options.endpointType } : {}) });
}

/** Every method+path the API serves, in definition order. */
export function routesOfApi(api: ApiModel): ApiRoute[] {
  if (api.kind === 'HTTP') {
    return api.routes.map((r) => {
      const space = r.routeKey.indexOf(' ');
      const serves = { integration: r.integration.type, functionName: r.integration.functionName };
      return space < 0
        ? { method: 'ANY', path: r.routeKey, ...serves }
        : { method: r.routeKey.slice(0, space), path: r.routeKey.slice(space + 1), ...serves };
    });
  }
  return api.resources.flatMap((resource) =>
    Object.entries(resource.methods).flatMap(([method, model]): ApiRoute[] => {
      if (!model) return [];
      const { integration } = model;
      const route: ApiRoute = { method, path: resource.path, integration: integration.type };
      if (integration.functionName) route.functionName = integration.functionName;
      if (integration.type === 'HTTP' || integration.type === 'HTTP_PROXY') route.uri = integration.uri;
      return [route];
    }),
  );
}

/** The Lambda functions an API's routes call, each once. */
export function functionNamesOfApi(api: ApiModel): string[] {
  return [...new Set(routesOfApi(api).flatMap((r) => (r.functionName ? [r.functionName] : [])))];
}
