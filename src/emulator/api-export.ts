import { apiTypeEntryOf, type ApiModel } from './api-type.js';
import type { ExportOptions } from './rest/openapi-export.js';

/** Exports a REST API (get-export oas30, integrations extensions) or an HTTP API (export-api OAS30) as OpenAPI 3.0.1. */
export function exportApi(api: ApiModel, options: ExportOptions = {}): Record<string, unknown> {
  return apiTypeEntryOf(api).exportOpenApi(api, options);
}

/** A definition's own `info.version`, for exportApi's `version` (a YAML number such as `2` written as a string). */
export function definitionVersion(document: unknown): string | undefined {
  const info = (document as { info?: { version?: unknown } } | null | undefined)?.info;
  const version = info?.version;
  return typeof version === 'string' ? version : typeof version === 'number' ? String(version) : undefined;
}
