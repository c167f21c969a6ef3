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

/**
 * What an example's API trusts and meters (issue #11), mirroring `apigw-lab serve`'s flags: the sandboxes, the tests
 * and the CLI apply the same setup.
 */
export interface ExampleAccess {
  /** `--api-key VALUE[=PLAN]`: each key in its usage plan (the default plan, without limits, when none is named). */
  apiKeys?: Array<{ value: string; plan?: string }>;
  /** `--usage-plan NAME:rate=R,burst=B,quota=N/PERIOD` (every limit optional). */
  usagePlans?: Array<{
    name: string;
    throttle?: { rateLimit: number; burstLimit: number };
    quota?: { limit: number; period: 'DAY' | 'WEEK' | 'MONTH' };
  }>;
  /** `--credentials ACCESS_KEY:SECRET[:ARN]`: IAM access keys the API accepts (fake ones, shown on the page). */
  credentials?: Array<{ accessKeyId: string; secretAccessKey: string; arn?: string }>;
  /**
   * `--identity-policy ARN=FILE`: the IAM identity policy of a credential's principal (its `arn`), a JSON policy document
   * in the example's folder; `policy` is that document, read by the loader. A principal without one is allowed.
   */
  identityPolicies?: Array<{ arn: string; file: string; policy?: unknown }>;
  /**
   * The local user pool's users the page's "sign in as" control offers (`apigw-lab token --user alice --group admin
   * --scope items/read`).
   */
  users?: Array<{ user: string; groups?: string[]; scopes?: string[]; email?: string }>;
}

/**
 * How a request is authenticated just before it is sent (the page's "sign in as" and "sign this request" controls do
 * the same): a token the local user pool issues for a user (`signInAs`, put in `header`, `Authorization` by default,
 * after `scheme` and a space when one is given: `Bearer`), or a Signature Version 4 signature with one of the
 * example's credentials (`signWith`: its access key id).
 */
export type RequestAuth =
  | { signInAs: string; tokenUse?: 'id' | 'access'; header?: string; scheme?: string }
  | { signWith: string };

/** A documented authorizer call: what the Authorizer panel shows (Lambda authorizers: its event and result). */
export interface DocumentedAuthorizer {
  /** `TOKEN`, `REQUEST`, `COGNITO_USER_POOLS`, `JWT`, `AWS_IAM`. */
  type: string;
  /** The authorizer's function ('' for one without: Cognito, JWT, IAM). */
  functionName: string;
  /** The authorizer event; null when no function was called (a cache hit, a missing identity, no function). */
  event: unknown;
  /** The function's answer per language; null when it was not called. */
  result: Record<Language, unknown> | null;
  /** `allow`, `deny` (403), `unauthorized` (401) or `error` (500). */
  decision: 'allow' | 'deny' | 'unauthorized' | 'error';
  /** Whether the verdict came from the authorizer's cache. */
  cached: boolean;
}

export interface Exchange {
  id: string;
  title: string;
  request: ExampleRequest;
  /** Sign in or sign the request before sending it (its documented headers then hold a volatile token or signature). */
  auth?: RequestAuth;
  /**
   * Requests sent first on the same deployment, their outcomes not documented: a first call that fills the
   * authorizer's cache, calls that use up a usage plan's quota.
   */
  before?: ExampleRequest[];
  /** The method's authorizer call (absent for a method without one). */
  authorizer?: DocumentedAuthorizer;
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
  /**
   * The access log line API Gateway writes for the request, per language (its `$context.responseLength` follows the
   * body), with the format of the stage config's `accessLogSettings` (issue #12); absent when the stage logs none.
   * A JSON line's volatile values are matched by `accessLog.<field>` patterns.
   */
  accessLog?: Record<Language, string>;
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
  /** API keys, usage plans, IAM credentials and user pool users (issue #11); absent for an open API. */
  access?: ExampleAccess;
  /**
   * The stage's settings as `aws apigateway get-stage` (REST) or `aws apigatewayv2 get-stage` (HTTP APIs) prints them
   * (a JSON file in the example's folder, read by `parseStageConfig`): throttling and caching `methodSettings` or
   * route settings, the cache cluster, the access log format. The reader can edit it in the page (issue #12).
   */
  stageConfig?: string;
  /** A web ACL as `aws wafv2 get-web-acl` prints it (a JSON file in the example's folder), associated with the stage. */
  webAcl?: string;
  /**
   * The AWS resources the API's `AWS` integrations and HTTP API subtypes reach (issue #14): a ServicesFile JSON file
   * in the example's folder (queues, streams, state machines, event buses, tables), as `apigw-lab serve --services`
   * takes it. For such an example, an exchange's `event` is the integration request's body (the mapped template
   * output; an HTTP API subtype's resolved parameters) and its `result` the service's answer
   * (`{ statusCode, headers, body }`), the same for every language; `integrationRequest` is the wire request.
   */
  services?: string;
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
  /** The text of the manifest's `stageConfig` file. */
  stageConfigSource?: string;
  /** The text of the manifest's `webAcl` file. */
  webAclSource?: string;
  /** The text of the manifest's `services` file (checked with parseServicesFile when loaded). */
  servicesSource?: string;
}
