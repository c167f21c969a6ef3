import type { AwsServiceName, ServiceResponse } from '../aws-services/types.js';
import type { HeaderList } from './headers.js';
import type { LambdaErrorPayload } from './invoker.js';

/** What happened while the gateway served one request: shown in the sandboxes and the CLI. */
export interface GatewayTrace {
  requestId: string;
  extendedRequestId: string;
  /** The stage the request was served by, when one matched. */
  stage: string | null;
  /** The matched resource path and method, when one matched (`/items/{id}`, `GET`). */
  resourcePath: string | null;
  httpMethod: string;
  /** The integration call, when the request reached one. */
  integration: IntegrationTrace | null;
  /** The method's Lambda authorizer, when it has one and the request reached it (REST: rest/authorizers/). */
  authorizer?: AuthorizerTrace;
  /** The REST API's resource policy verdict, when the API has one (rest/resource-policy/verdict.ts). */
  resourcePolicy?: ResourcePolicyTrace;
  /** The REST stage cache's part, when the method is cached: `hit` (the integration not called), `miss`, or `invalidated` (a client's `Cache-Control: max-age=0`, then a miss). */
  cache?: { status: 'hit' | 'miss' | 'invalidated'; ttlSeconds: number };
  /** AWS WAF's verdict, when a web ACL is associated with the stage (REST: rest/steps/waf.ts). */
  waf?: WafTrace;
  /** The gateway response type when the gateway answered by itself (e.g. `MISSING_AUTHENTICATION_TOKEN`). */
  gatewayResponseType: string | null;
  /** Why the gateway answered with an error, as its execution log would say it. */
  errorDetail: string | null;
  /** Response headers in wire order and case, as API Gateway sends them over HTTP/1.1. */
  responseHeaders: Array<[string, string]>;
  status: number;
  /** Response body length in bytes. */
  responseLength: number;
  /** `requestTime` in CLF format (`09/Apr/2015:12:34:56 +0000`). */
  requestTime: string;
  requestTimeEpoch: number;
  sourceIp: string;
  protocol: string;
  timings: { totalMs: number; integrationMs: number | null };
  // The fields below are read by access logs, execution logs and metrics (src/emulator/observability/).
  /** Which API type served the request: metrics' names and dimensions differ (REST `4XXError`, HTTP `4xx`). */
  apiType?: 'REST' | 'HTTP';
  /** The API's id and name, once a stage matched (`$context.apiId`; the REST metrics' `ApiName` dimension). */
  apiId?: string;
  apiName?: string;
  /** The request as it arrived (the same objects, not copies): `$context.path`, user agent, execution log lines. */
  request?: { href: string; headers: HeaderList; body: Uint8Array | null };
  /** Path parameters of the matched resource or route (raw for REST, decoded for HTTP APIs); null without. */
  pathParameters?: Record<string, string> | null;
  /** The API key a method with `apiKeyRequired` admitted the request with (`$context.identity.apiKey`). */
  apiKey?: { id: string; value: string };
  /** The body sent to the client (buffered answers only; a streamed body is not kept). */
  responseBody?: Uint8Array | null;
}

export interface IntegrationTrace {
  type: string;
  /** The Lambda function ('' for MOCK and HTTP integrations). */
  functionName: string;
  /** The event sent to the function (non-proxy: the request template's output; HTTP: the body sent); null for MOCK, which calls nothing. */
  event: unknown;
  /** The integration request actually sent, after mapping templates and parameter mappings (non-proxy and HTTP integrations). */
  request?: IntegrationRequestTrace;
  /**
   * The function's result payload, or its error payload; `mock` for a MOCK integration, which has neither (its
   * request template's output, in `request.body`, chose the integration response).
   */
  outcome:
    | { kind: 'result'; payload: unknown }
    | { kind: 'error'; error: LambdaErrorPayload }
    | { kind: 'timeout' }
    | { kind: 'mock' };
  logs: string[];
  durationMs: number;
  /**
   * Set when the response was streamed (`responseTransferMode: STREAM`). The body is not kept: `outcome` holds the
   * function's metadata (AWS_PROXY) or the endpoint's status and headers (HTTP_PROXY), and this says how the body went.
   * It is updated while the body streams, after the gateway has answered.
   */
  stream?: StreamTrace;
  /**
   * An AWS service integration's call (REST `AWS` with a service URI, an HTTP API `integrationSubtype`): the service,
   * the action, the role API Gateway assumes, where the request went and the service's wire answer. `request` holds
   * the wire request as the service received it.
   */
  service?: ServiceCallTrace;
}

/** One call to an AWS service from an integration. */
export interface ServiceCallTrace {
  name: AwsServiceName;
  /** `SendMessage`, `PutRecord`, `StartExecution`, … (from the URI, the target header or the form's Action). */
  action: string;
  /** The integration's `credentials` role ARN, when it has one. */
  credentials?: string;
  /** `embedded` (the lab's in-memory service) or the endpoint URL the request was sent to (`--aws-endpoint`). */
  endpoint: string;
  /** The service's answer as it came over the wire (before the integration response). */
  response: ServiceResponse;
}

/** How a streamed response body went. */
export interface StreamTrace {
  /** `streaming` until the body ends; `cut` when the gateway ended it (integration or idle timeout). */
  state: 'streaming' | 'complete' | 'cut' | 'failed' | 'cancelled';
  /** Body bytes passed to the client so far. */
  bytes: number;
  /** Body chunks passed to the client so far. */
  chunks: number;
  /** Why it was cut or failed. */
  detail?: string;
}

/** An integration request as sent to the backend. */
export interface IntegrationRequestTrace {
  method: string;
  /** The endpoint (HTTP) or integration URI (Lambda); null for MOCK. */
  url: string | null;
  headers: Array<[string, string]>;
  body: string;
}

/** What AWS WAF made of a request, as its logs name the parts (https://docs.aws.amazon.com/waf/latest/developerguide/logging-fields.html). */
export interface WafTrace {
  /** The web ACL's Name. */
  webAcl: string;
  /** The web ACL's ARN when its document has one (get-web-acl prints it): access logs' `$context.webaclArn`. */
  webAclArn?: string;
  /** The terminating action: ALLOW (the request goes on to API Gateway) or BLOCK (`$context.wafResponseCode` WAF_ALLOW / WAF_BLOCK). */
  action: 'ALLOW' | 'BLOCK';
  /** The rule that decided, or `Default_Action`. */
  terminatingRule: string;
  /** Labels the matching rules added, fully qualified (`awswaf:{account}:webacl:{name}:{label}`). */
  labels: string[];
  /** Every rule whose statement matched, in evaluation order: Count rules, then the terminating one. */
  matchedRules: Array<{ name: string; action: 'ALLOW' | 'BLOCK' | 'COUNT' }>;
  /** Headers inserted into the request by Allow/Count custom request handling (`x-amzn-waf-` prefixed). */
  insertedHeaders: Record<string, string>;
  /** A Block's CustomResponse, as sent instead of API Gateway's 403; absent otherwise. */
  customResponse?: { status: number; headers: Record<string, string>; body: string };
}

/** A REST API resource policy's verdict for a request (rest/resource-policy/). */
export interface ResourcePolicyTrace {
  decision: 'ALLOW' | 'EXPLICIT_DENY' | 'IMPLICIT_DENY';
  /** The statement that decided (its index in `Statement`); null for an implicit deny. */
  statement: number | null;
  /** The caller's IAM ARN, or null for an anonymous caller. */
  principal: string | null;
  /** `before-authorizer`: a Lambda authorizer's first phase, which stops only an explicit deny. */
  phase: 'before-authorizer' | 'final';
}

/** A Lambda authorizer's part in a request: what it was asked, what it answered, and what the gateway made of it. */
export interface AuthorizerTrace {
  /** `TOKEN` or `REQUEST`. */
  type: string;
  /** The security scheme's name. */
  name: string;
  functionName: string;
  /** The authorizer event; null when the function was not called (identity missing or invalid, or a cache hit). */
  event: unknown;
  /**
   * What the function answered (`cached`: the result held for these identity sources), or `skipped` when the gateway
   * answered 401 without calling it.
   */
  outcome:
    | { kind: 'result'; payload: unknown }
    | { kind: 'error'; error: LambdaErrorPayload }
    | { kind: 'timeout' }
    | { kind: 'cached' }
    | { kind: 'skipped'; reason: string };
  /** The verdict: `allow`, `deny` (403), `unauthorized` (401) or `error` (500). */
  decision: 'allow' | 'deny' | 'unauthorized' | 'error';
  /** Whether the result came from the authorizer cache (`authorizerResultTtlInSeconds`). */
  cached: boolean;
  /** The function's log lines (none on a cache hit). */
  logs: string[];
  /** Time spent in the function (0 on a cache hit or when it was not called). */
  durationMs: number;
}

/**
 * Puts a new authorizer record in the trace, as it stands before anything is known (a refusal until the authorizer
 * says otherwise), and returns it for the authorizer to fill in.
 */
export function startAuthorizerTrace(
  trace: GatewayTrace,
  type: string,
  name: string,
  functionName: string,
): AuthorizerTrace {
  const record: AuthorizerTrace = {
    type,
    name,
    functionName,
    event: null,
    outcome: { kind: 'skipped', reason: '' },
    decision: 'unauthorized',
    cached: false,
    logs: [],
    durationMs: 0,
  };
  trace.authorizer = record;
  return record;
}
