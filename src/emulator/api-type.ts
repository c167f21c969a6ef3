import { importHttpApi } from './http-api/openapi-import.js';
import type { HttpApiModel } from './http-api/model.js';
import type { RestApiModel } from './model.js';
import { importOpenApi } from './openapi-import.js';

/** A REST API (API Gateway v1) or an HTTP API (v2). */
export type ApiModel = RestApiModel | HttpApiModel;
export type ApiType = 'REST' | 'HTTP';

/** One method+path an API serves, and the function behind it. */
export interface ApiRoute {
  method: string;
  /** The resource path or route path (`/items/{id}`); `$default` for HTTP APIs' catch-all route. */
  path: string;
  functionName: string;
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
export function importApi(doc: unknown, options: { apiId?: string; apiType?: ApiType } = {}): ApiModel {
  const type = options.apiType ?? apiTypeOf(doc);
  const idOption = options.apiId === undefined ? {} : { apiId: options.apiId };
  return type === 'HTTP' ? importHttpApi(doc, idOption) : importOpenApi(doc, idOption);
}

/** Every method+path the API serves with a Lambda function, in definition order. */
export function routesOfApi(api: ApiModel): ApiRoute[] {
  if (api.kind === 'HTTP') {
    return api.routes.map((r) => {
      const space = r.routeKey.indexOf(' ');
      return space < 0
        ? { method: 'ANY', path: r.routeKey, functionName: r.integration.functionName }
        : { method: r.routeKey.slice(0, space), path: r.routeKey.slice(space + 1), functionName: r.integration.functionName };
    });
  }
  return api.resources.flatMap((resource) =>
    Object.entries(resource.methods).flatMap(([method, model]) => {
      const functionName = model && 'functionName' in model.integration ? model.integration.functionName : undefined;
      return functionName ? [{ method, path: resource.path, functionName }] : [];
    }),
  );
}

/** The Lambda functions an API's routes call, each once. */
export function functionNamesOfApi(api: ApiModel): string[] {
  return [...new Set(routesOfApi(api).map((r) => r.functionName))];
}
