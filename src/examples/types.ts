/** The shape of an example in `examples/<name>/`: one source of truth for the docs, the sandboxes and the tests. */

import type { DomainNameConfig } from '../emulator/rest/gateway.js';
import type { EndpointType } from '../emulator/rest/model.js';

export type Language = 'python' | 'typescript';

export interface ExampleRequest {
  method: string;
  /** The path after the stage, with any query string (`/items/1?x=y`). */
  path: string;
  /** Headers in the order and case the client sends them. */
  headers: Array<[string, string]>;
  body: string | null;
}

export interface DocumentedResponse {
  status: number;
  headers: Array<[string, string]>;
  body: string;
}

export interface Erratum {
  /** The field this note corrects (`response.headers.Content-Length`), or a description of the place. */
  field?: string;
  where?: string;
  /** What the guide printed. */
  guide: string;
  /** What is true. */
  truth: string;
  source: string;
}

/** The request API Gateway sent to the integration after mapping templates and parameter mappings (non-proxy only). */
export interface DocumentedIntegrationRequest {
  /** `AWS` (Lambda custom), `MOCK`, `HTTP`, `HTTP_PROXY`. */
  type: string;
  method: string;
  /** The integration's URI (a Lambda function's invocation ARN path); null for MOCK. */
  url: string | null;
  headers: Array<[string, string]>;
  body: string;
}

export interface Exchange {
  id: string;
  title: string;
  request: ExampleRequest;
  /**
   * The integration request the gateway sent after the mapping template (non-proxy integrations only; the same for
   * every language). Absent for proxy integrations, whose request is the event.
   */
  integrationRequest?: DocumentedIntegrationRequest;
  /** The event the function receives (the same for every language). */
  event: unknown;
  /** The function's result, per language. */
  result: Record<Language, unknown>;
  /** What the client receives, per language. */
  response: Record<Language, DocumentedResponse>;
  errata: Erratum[];
}

/** A field whose value changes from run to run: compared by pattern, never by value. */
export interface VolatileField {
  path: string;
  pattern: string;
  why: string;
}

export interface ExampleManifest {
  id: string;
  title: string;
  source: string;
  definition: string;
  apiId: string;
  /**
   * The endpoint type the API is imported with (import-rest-api's `endpointConfigurationTypes` parameter; the
   * definition carries none). EDGE when absent, as AWS's default; REST APIs only.
   */
  endpointType?: EndpointType;
  stage: string;
  /** The URL the documented exchanges' paths follow: the stage's invoke URL, or a custom domain's (`customDomain`). */
  invokeUrl: string;
  /** Files are relative to the example's folder; `../items/items_handler.py` reuses another example's file. */
  functions: Record<string, Record<Language, { file: string; handler: string }>>;
  exchanges: string[];
  volatile: VolatileField[];
  errata: Erratum[];
  /**
   * Other examples whose API (definition, stage, invoke URL) the sandboxes of this one can also run, with this
   * example's handlers: e.g. the items API as an HTTP API, with a switch to run the same request on the REST API.
   * The documented data is always this example's own.
   */
  alsoRunsOn?: string[];
  /**
   * The stages the API is deployed to, with their stage variables (`{ dev: { table: 'items-dev' }, prod: {...} }`):
   * the sandboxes offer a stage switch. `stage` names the documented one; the invoke URL's last segment is the stage.
   */
  stages?: Record<string, Record<string, string>>;
  /**
   * The HTTP service an example's HTTP and HTTP_PROXY integrations call: a web-standard module
   * (`export default { fetch(request: Request): Promise<Response> }`) and the `host:port` its integrations reach it
   * at (the stage variable's value). Sandboxes and tests route requests for that host to the module. For such an
   * example, an exchange's `event` is the body of the integration request sent to the service and its `result` is
   * the service's response (`{ statusCode, headers, body }`), the same for every language; `functions` may be empty.
   */
  upstream?: { file: string; host: string };
  /**
   * A custom domain name in front of the API (REST APIs): CreateDomainName with its base path (API) mappings, e.g.
   * `{ domainName: 'api.example.com', basePathMappings: [{ basePath: 'v1', stage: 'dev' }] }`. The documented
   * exchanges go through the domain: `invokeUrl` is on it (`https://api.example.com/v1`, a mapping's base path) and
   * the event's Host and requestContext.domainName are the domain. `stageInvokeUrl` is the mapped stage's own invoke
   * URL (`https://xxxxxxx.execute-api.us-east-1.amazonaws.com/dev`), which the sandboxes offer as the other way in.
   * Not combined with `stages` or `alsoRunsOn`.
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html
   */
  customDomain?: DomainNameConfig & { stageInvokeUrl: string };
}

/** An example with its files read: what pages, sandboxes and tests work from. */
export interface Example {
  manifest: ExampleManifest;
  /** The API definition's text (YAML or JSON). */
  definition: string;
  /** Handler sources per function and language. */
  sources: Record<string, Record<Language, string>>;
  exchanges: Exchange[];
  /** The upstream module's source (manifest `upstream`). */
  upstreamSource?: string;
}
