import type { ApiModel } from './api-type.js';
import { exportHttpApiOpenApi } from './http-api/openapi-export.js';
import { exportOpenApi, type ExportOptions } from './rest/openapi-export.js';

/** Exports a REST API (get-export oas30, integrations extensions) or an HTTP API (export-api OAS30) as OpenAPI 3.0.1. */
export function exportApi(api: ApiModel, options: ExportOptions = {}): Record<string, unknown> {
  return api.kind === 'HTTP' ? exportHttpApiOpenApi(api, options) : exportOpenApi(api, options);
}
