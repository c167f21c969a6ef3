/**
 * The definition a client is generated from: the API imported as API Gateway imports it, then exported for the stage
 * (`exportApi`, as `apigw-lab export --stage` and `apigw-lab sdk` do). Shared by the build-time <ClientSdk> and the
 * page's Worker (an edited definition). Pure.
 */
import { apiTypeOf, definitionVersion, exportApi, importApi, type EndpointType } from '../emulator/index.js';

export interface ClientExportOptions {
  /** The API's id: the export's server URL (the client's default base URL) names it. */
  apiId: string;
  endpointType?: EndpointType | undefined;
  /** The stage the export's `servers` name. */
  stage: string;
}

/**
 * The REST API's export for the stage. Throws an Error with a one-line message for a document that is not a REST
 * API's definition (API Gateway generates SDKs for REST APIs only) or that API Gateway would not import.
 */
export function exportForClient(document: unknown, options: ClientExportOptions): Record<string, unknown> {
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    throw new Error('the definition is not an OpenAPI document (a YAML or JSON object)');
  if (apiTypeOf(document) !== 'REST')
    throw new Error(
      "this is an HTTP API's definition: the page's client is for a REST API, as the emulator here serves",
    );
  const api = importApi(document, {
    apiId: options.apiId,
    apiType: 'REST',
    ...(options.endpointType ? { endpointType: options.endpointType } : {}),
  });
  const version = definitionVersion(document);
  return exportApi(api, {
    stage: { name: options.stage, deploymentId: '', variables: {} },
    ...(version === undefined ? {} : { version }),
  });
}
