/**
 * The sandbox runtimes' common interface: the page talks only to this, whether the emulator runs in
 * a Web Worker in the page or as a Node process inside a WebContainer.
 */
import type { ApiType } from '../emulator/api-type.js';
import type { DomainNameConfig } from '../emulator/rest/gateway.js';
import type { EndpointType } from '../emulator/rest/model.js';
import type { ServiceRequest, ServiceResponse, ServicesState } from '../emulator/aws-services/types.js';
import type { AuthorizerTrace, GatewayTrace, ServiceCallTrace } from '../emulator/shared/trace.js';
import type { ExampleAccess, Language, RequestAuth } from '../examples/types.js';

/** A client request as the sandbox form holds it. */
export interface RunRequest {
  method: string;
  /** The path after the stage, with any query string (`/items/1?x=y`). */
  path: string;
  /** Headers in the order and case the reader typed them. */
  headers: Array<[string, string]>;
  body: string | null;
}

/** Everything a runtime needs to serve one request through the emulator. */
export interface SandboxRun {
  language: Language;
  /** The handler's source as the reader edited it. */
  handlerSource: string;
  /** The API definition's text (OpenAPI, YAML or JSON). */
  definition: string;
  apiId: string;
  /**
   * `REST` or `HTTP`. Without it, the definition decides (`apiTypeOf`: HTTP API integrations carry a
   * `payloadFormatVersion`).
   */
  apiType?: ApiType;
  /**
   * A REST API's endpoint type, as import-rest-api takes it (`endpointConfigurationTypes`; the definition carries
   * none): EDGE by default. An edge-optimized API's requests arrive through CloudFront (its headers in the event).
   */
  endpointType?: EndpointType;
  /** The stage the API is deployed to (`dev`; `$default` for an HTTP API served at the root). */
  stage: string;
  /** The stage's stage variables (`$stageVariables` in templates, `${stageVariables.x}` in URIs); none by default. */
  stageVariables?: Record<string, string>;
  /**
   * The invoke URL of the stage (`https://xxxxxxx.execute-api.us-east-1.amazonaws.com/dev`; an HTTP API's
   * `$default` stage has no stage segment: `https://xxxxxxx.execute-api.us-east-1.amazonaws.com`).
   */
  invokeUrl: string;
  /** The Lambda function the definition names, which this handler implements. */
  functionName: string;
  /** The handler's export (`handler`) or Python function (`lambda_handler`). */
  handlerName: string;
  /** Python module name (`items_handler`). */
  moduleName: string;
  /** Overrides every integration's timeoutInMillis (the reader can lower it to see a 504 sooner). */
  timeoutMs?: number;
  /**
   * The HTTP service the API's HTTP and HTTP_PROXY integrations call (an example's `upstream`): requests for `host`
   * (`127.0.0.1:8080`) go to this web-standard module (`export default { fetch(request) }`), TypeScript as `source`
   * or already transpiled as `code`. The Worker runtime runs it in a handler worker; requests for other hosts fail
   * (the page has no internet).
   */
  upstream?: { host: string; source: string; code?: string };
  /**
   * Several stages at once, each serving its own deployment of its definition (the reader's edited definition
   * deployed to one stage while another keeps the original deployment). When given, `stage` names the one the
   * request goes to (it must be among them) and `definition`/`stageVariables` are ignored; absent → the one
   * stage `stage` serving `definition`.
   */
  stages?: Array<{ name: string; definition: string; variables?: Record<string, string> }>;
  /**
   * A custom domain name in front of the API (CreateDomainName with its base path mappings; REST APIs). When given,
   * `invokeUrl` is on the domain (`https://api.example.com/v1`) and the gateway routes a request by the mapping's base
   * path to its stage, with no stage segment in the URL; the request's Host is the domain.
   */
  customDomain?: DomainNameConfig;
  /**
   * The API's other functions (a Lambda authorizer), by the name the definition gives them (`authorizerUri`), in the
   * run's language: a request that reaches one of them runs it; `functionName` stays the handler's.
   */
  functions?: Array<{ name: string; source: string; code?: string; handlerName: string; moduleName: string }>;
  /**
   * The stage's settings as `aws apigateway get-stage` prints them (JSON text: an example's `stageConfig` file, as the
   * reader edited it): its method settings (throttling, caching) and cache cluster applied to the run's stage
   * (parseStageConfig, applyStageConfig). A bad document fails the run with a one-line error starting
   * `stage config:` and naming the field (stage-settings.ts).
   */
  stageConfig?: string;
  /**
   * Sends the request this many times at one instant on a fresh deployment (run-burst.ts: the gateway's clock held
   * still, so no throttle bucket refills meanwhile) instead of once; `access`, `auth`, `before` and `session` are not
   * applied. The outcome is the last request's, with every status in `burstStatuses`.
   */
  burst?: number;
  /**
   * A web ACL as `aws wafv2 get-web-acl` prints it (JSON text: an example's `webAcl` file), associated with the run's
   * stage (AssociateWebACL; REST APIs). A bad document fails the run with a one-line error starting `web ACL:`.
   */
  webAcl?: string;
  /** Return the request's GatewayTrace in the outcome (`trace`): the Traffic panel computes logs and metrics from it. */
  withTrace?: boolean;
  /** API keys, usage plans, IAM credentials and user pool users the gateway is set up with (the example's `access`). */
  access?: ExampleAccess;
  /** Sign in (a token from the runtime's local user pool) or sign (SigV4) the request just before it is sent. */
  auth?: RequestAuth;
  /** Requests sent first on the same deployment, their outcomes discarded (fill a cache, use up a quota). */
  before?: RunRequest[];
  /**
   * Keeps the deployment between runs with the same key (a sandbox's id): the authorizer's cache and the usage plans'
   * counters live on while the definition, the functions' sources and `access` stay the same; an edit deploys afresh.
   * Absent: every run deploys afresh.
   */
  session?: string;
  /**
   * The embedded AWS services' resources (an example's `services.json` text, as the reader edited it; ServicesFile):
   * the API's `AWS` integrations and HTTP API subtypes reach these in-memory services. With `session`, the services and
   * their state (messages, records, executions, items) live on between runs until an edit. A bad file fails the run
   * with a one-line error starting `services:`.
   */
  services?: string;
  /**
   * Wire calls to the session's embedded services made instead of the request (the state panel's "consume":
   * ReceiveMessage then DeleteMessage). `request` is then not sent; the outcome carries `serviceResponses` and
   * `services`.
   */
  serviceCalls?: ServiceRequest[];
  request: RunRequest;
}

/** What one run produced: the four stages of an API call, as the panels show them. */
export interface RunOutcome {
  runtime: RuntimeKind;
  /** The event the function received; null when the gateway answered by itself. */
  event: unknown;
  /** The function's result payload (or its error payload); null when it was not called or timed out. */
  result: unknown;
  resultKind: 'result' | 'error' | 'timeout' | null;
  response: { status: number; statusText: string; headers: Array<[string, string]>; body: string };
  /** What the function printed. */
  logs: string[];
  /** The gateway's own explanation of an error response (as its execution log says it). */
  errorDetail: string | null;
  timings: { totalMs: number; integrationMs: number | null };
  /**
   * The integration request as sent after mapping templates and parameter mappings (non-proxy, MOCK and HTTP
   * integrations only; absent for Lambda proxy runs, whose request is the event).
   */
  integrationRequest?: {
    type: string;
    method: string;
    url: string | null;
    headers: Array<[string, string]>;
    body: string;
  };
  /** The method's Lambda authorizer call (its event, answer, verdict, cache hit), when it has one. */
  authorizer?: AuthorizerTrace;
  /** The request as sent when the run signed it or signed in (`auth`): its headers hold the token or the signature. */
  sentRequest?: RunRequest;
  /** A burst run's statuses (`SandboxRun.burst`), one per request, in the order they were sent. */
  burstStatuses?: number[];
  /** How the request was signed (`auth.signWith`): SigV4's canonical request, string to sign and signature. */
  signing?: { canonicalRequest: string; stringToSign: string; credentialScope: string; signature: string };
  /** The gateway's record of the request (asked for with `withTrace`): access and execution logs, metrics. */
  trace?: GatewayTrace;
  /** An AWS service integration's call: the service, action, role, endpoint and the service's wire answer. */
  service?: ServiceCallTrace;
  /** The answers to `serviceCalls`, in order. */
  serviceResponses?: ServiceResponse[];
  /** The embedded services' state after the run (runs with `services`), once background executions settled (≤ 2 s). */
  services?: ServicesState;
}

export type RuntimeKind = 'worker' | 'webcontainer';

/** Progress while a runtime prepares (booting, loading Pyodide…). */
export interface RuntimeProgress {
  phase: string;
  loaded?: number;
  total?: number;
}

export interface SandboxRuntime {
  readonly kind: RuntimeKind;
  /** How the page names it to the reader. */
  readonly label: string;
  run(run: SandboxRun, options?: { onProgress?: (p: RuntimeProgress) => void }): Promise<RunOutcome>;
  dispose(): void;
}
