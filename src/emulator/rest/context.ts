import type { HeaderList } from '../shared/headers.js';
import type { IamPrincipal } from '../shared/iam/principals.js';
import type { InvokeOutcome, LambdaStreamInvoker } from '../shared/invoker.js';
import type { GatewayServices } from '../shared/pipeline/gateway-services.js';
import { RequestContext } from '../shared/pipeline/request-context.js';
import type { TIMED_OUT } from '../shared/pipeline/invoke-with-timeout.js';
import type { ProxyResult } from '../shared/proxy-response.js';
import type { UrlParts } from '../shared/request-url.js';
import type { Stage } from '../shared/stage-registry.js';
import type { ApiKeyRegistry } from './api-keys/registry.js';
import type { ThrottleRegistry } from './throttling/stage-throttles.js';
import type { UserPoolRegistry } from './authorizers/user-pools.js';
import type { AuthorizedCaller } from './authorizers/lambda-authorizer.js';
import type { HeldBodyFetch } from './http-proxy-stream.js';
import type { Deployment, IntegrationModel, MethodModel, ResourceModel, RestApiModel } from './model.js';
import type { OverrideState, RequestParams } from './mapping-template.js';
import type { SelectionValue } from './integration-response.js';
import type { MappedParameters } from './request-params.js';
import type { CachePending } from './stage-cache/cache-step.js';
import type { StageCaches } from './stage-cache/store.js';
import type { WebAclEvaluator } from '../waf/evaluate.js';
import type { OpenedLambdaStream } from './streamed-response.js';

/** What a REST gateway lends its steps: its stages and domains, how functions run, and how HTTP endpoints are called. */
export interface RestServices extends GatewayServices<RestApiModel> {
  /** Runs functions with a streamed response, for `responseTransferMode: STREAM` (500 without it). */
  readonly invokeStream: LambdaStreamInvoker | undefined;
  /** Calls HTTP and HTTP_PROXY integration endpoints. */
  readonly fetch: typeof fetch;
  /** API keys and usage plans (the apiKey step admits requests by them). */
  readonly apiKeys: ApiKeyRegistry;
  /** Stage, method and account throttles (the throttle step admits requests by them). */
  readonly throttles: ThrottleRegistry;
  /** The user pools Cognito authorizers trust (their issuers and public keys). */
  readonly userPools: UserPoolRegistry;
  /** The stages' caches (the cache step): rest/stage-cache/. */
  readonly stageCaches: StageCaches;
  /** The web ACL associated with each stage, by stage name (the waf step). */
  readonly webAcls: Map<string, WebAclEvaluator>;
}

/** The method request as mapping templates, parameter mappings and customised gateway responses read it. */
export interface TemplateRequest {
  method: string;
  /** Path after the stage (slashes merged). */
  path: string;
  rawQuery: string;
  headers: HeaderList;
  body: Uint8Array | null;
  pathParameters: Record<string, string> | null;
  stageVariables: Record<string, string>;
  /** `$context` for templates. */
  context: Record<string, unknown>;
  /** The X-Ray trace header API Gateway passes to HTTP integrations (`Root=1-…`). */
  traceId?: string;
  /** The API's binaryMediaTypes: which request and response payloads are binary (none when absent). */
  binaryMediaTypes?: readonly string[];
}

/** A templated integration's request after its mapping template (or passthrough) and `requestParameters`. */
export interface MappedIntegrationRequest {
  /** The method request's parameters as templates see them. */
  params: RequestParams;
  /** The integration request body, as text (the Lambda event's JSON, the HTTP body, the MOCK template's output). */
  payload: string;
  /** The same body's bytes (binary payloads pass as they are). */
  bytes: Uint8Array;
  /** `requestParameters`' headers, query string and path parameters, with the template's `requestOverride`s. */
  parameters: MappedParameters;
  /** `$context.requestOverride`/`responseOverride` as the request template left them; a MOCK carries them on. */
  overrides: OverrideState | null;
}

/** What a templated integration's backend answered, for the integration response to select and map. */
export interface BackendResponse {
  /** What selects the integration response: a Lambda's error message, or an HTTP/MOCK status code. */
  selection: SelectionValue;
  /** The backend's body as text. */
  body: string;
  /** The body's bytes when they are not simply the UTF-8 of `body` (HTTP responses); null otherwise. */
  bytes: Uint8Array | null;
  /** The backend's headers (HTTP), sources for `responseParameters`. */
  headers: HeaderList;
  /** Whether a Lambda function failed (its error payload is the body). */
  lambdaError: boolean;
  /** A MOCK request template's override maps, carried to the integration response. */
  carried: OverrideState | null;
}

/** What the integration answered, as the integration-response step leaves it for the method-response step. */
export type RestIntegrationAnswer =
  /** A Lambda proxy result, validated. */
  | { kind: 'proxy'; result: ProxyResult }
  /** A streamed Lambda proxy call whose metadata arrived; its body is still to come. */
  | { kind: 'proxy-stream'; opened: Extract<OpenedLambdaStream, { kind: 'response' }> }
  /** A templated (AWS, HTTP, MOCK) answer mapped by its integration response, or an HTTP proxy's; `held` when it streams. */
  | { kind: 'mapped'; status: number; headers: HeaderList; body: Uint8Array; held: HeldBodyFetch | null };

/**
 * One REST API request on its way through the steps (rest/steps/index.ts). The gateway fills what RequestContext holds (the
 * request as it arrived, its trace, the gateway's services); each group below is filled by the step named in its
 * heading, and read only by the steps after it. A field a step has not reached yet is `undefined` (or null where it
 * says so): the gateway-response step reads only what is there.
 */
export class RestRequestContext extends RequestContext<RestServices> {
  // ── parseRequest ──
  /** The URL's parts. */
  url!: UrlParts;
  /** The path with slashes before the stage merged (`//dev/x` is `/dev/x`). */
  pathname!: string;
  /** `rawHeaders`' names, lower-cased, index for index (the waf step appends its inserted headers' to both). */
  lowerNames!: string[];
  /** The Host header (or the URL's host). */
  host!: string;

  // ── resolveStage ──
  /** The stage that serves the request. */
  stage!: Stage;
  /** The deployment the stage serves. */
  deployment!: Deployment;
  /** The API as deployed. */
  api: Readonly<RestApiModel> | undefined = undefined;
  /** The path after the stage (or base path), leading slashes merged: what routing and the event's `path` use. */
  path!: string;
  /** The path after the stage as sent: `requestContext.path` and `$context.path` keep its slashes. */
  sentPath!: string;
  /** On a custom domain name, the base path mapping (`/v1`, '' for the root); undefined on execute-api URLs. */
  basePath: string | undefined = undefined;

  // ── route ──
  /** The matched resource. */
  resource!: ResourceModel;
  /** The matched method. */
  methodModel!: MethodModel;
  /** The method's integration. */
  integration!: IntegrationModel;
  /** Path parameters, raw; null when the resource has none (or before routing). */
  pathParameters: Record<string, string> | null = null;

  // ── traceRequest ──
  /** The X-Ray trace header (`Root=1-…`): the client's, or a new root; null before this step. */
  traceId: string | null = null;

  // ── authorize ──
  /**
   * The caller a Lambda authorizer allowed (principalId, context, and its `usageIdentifierKey`: the API key of a request
   * to an API whose key source is AUTHORIZER); undefined without one.
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html
   */
  authorizer: AuthorizedCaller | undefined = undefined;
  /** The caller IAM authorization (AWS_IAM) verified: the principal of the key that signed the request; null without. */
  iamCaller: IamPrincipal | null = null;

  // ── apiKey ──
  /** The API key the request was admitted with (a method with `apiKeyRequired`); null otherwise. */
  usedApiKey: { id: string; value: string } | null = null;

  // ── methodRequest ──
  /**
   * The request with its `$context`, as mapping templates, request validation and customised gateway responses read
   * it; built only when the method uses one of them (null on the Lambda proxy fast path).
   */
  templateRequest: TemplateRequest | null = null;

  // ── cache ── (rest/stage-cache/cache-step.ts): the entry's key and TTL for a cached method; `hit` on a hit.
  cachePending: CachePending | null = null;

  // ── integrationRequest ──
  /** A templated integration's (Lambda custom, HTTP, MOCK) request, mapped. */
  mappedRequest: MappedIntegrationRequest | undefined = undefined;
  /** The function the Lambda proxy integration calls, stage variables resolved. */
  functionName = '';
  /** The Lambda proxy event. */
  event: unknown = undefined;
  /** The Lambda request id of the proxy call. */
  lambdaRequestId = '';

  // ── integration ──
  /** A templated integration's backend answer. */
  backendResponse: BackendResponse | undefined = undefined;
  /** A buffered Lambda proxy call's outcome. */
  outcome: InvokeOutcome | typeof TIMED_OUT | undefined = undefined;
  /** Monotonic time the integration was called. */
  integrationStarted = 0;

  // ── integrationResponse (and the integrations that map their own response) ──
  /** What the integration answered, ready for the method response. */
  answer: RestIntegrationAnswer | undefined = undefined;
}
