import type { HeaderList } from '../shared/headers.js';
import type { InvokeOutcome } from '../shared/invoker.js';
import type { GatewayServices } from '../shared/pipeline/gateway-services.js';
import { RequestContext } from '../shared/pipeline/request-context.js';
import type { TIMED_OUT } from '../shared/pipeline/invoke-with-timeout.js';
import type { UrlParts } from '../shared/request-url.js';
import type { Stage } from '../shared/stage-registry.js';
import type { JwksStore } from './authorizers/jwks-store.js';
import type { HttpAuthorizerResult } from './authorizers/model.js';
import type { HttpApiModel, HttpDeployment, HttpRoute, HttpRouteIntegration } from './model.js';
import type { RouteThrottleRegistry } from './throttling/stage-throttles.js';

/** What an HTTP API gateway lends its steps: its stages and domains, and how functions run. */
export type HttpApiServices = GatewayServices<HttpApiModel> & {
  /** The JWKS lent per issuer, for JWT authorizers (HttpApiGateway.putJwks); absent: no issuer's keys. */
  readonly jwks?: JwksStore;
  /** Route and account throttles (the throttle step admits requests by them). */
  readonly throttles: RouteThrottleRegistry;
};

/** A Lambda proxy result (format 1.0 or 2.0) as the integration-response step leaves it for the method response. */
export interface HttpApiIntegrationAnswer {
  statusCode: number;
  /** The function's headers, then (format 2.0) one `Set-Cookie` per cookie. */
  headers: HeaderList;
  /** The body as the function returned it (base64 text when `isBase64Encoded`). */
  body: string;
  isBase64Encoded: boolean;
}

/**
 * One HTTP API request on its way through the steps (http-api/steps/index.ts). The gateway fills what RequestContext holds (the
 * request as it arrived, its trace, the gateway's services); each group below is filled by the step named in its
 * heading, and read only by the steps after it. A field a step has not reached yet is `undefined` (or null where it
 * says so): the gateway-response step reads only what is there.
 */
export class HttpApiRequestContext extends RequestContext<HttpApiServices> {
  // ── parseRequest ──
  /** The URL's parts. */
  url!: UrlParts;
  /** The Host header (or the URL's host). */
  host!: string;

  // ── resolveStage ──
  /** The stage that serves the request (a named stage, or `$default`). */
  stage!: Stage;
  /** The deployment the stage serves. */
  deployment!: HttpDeployment;
  /** The API as deployed. */
  api: Readonly<HttpApiModel> | undefined = undefined;
  /** The path after the stage prefix or API mapping (`/items`): what route selection matches. */
  pathInStage!: string;
  /**
   * Payload 2.0's `rawPath`: the path as sent (a named stage's prefix included), or, on a custom domain name, the
   * path after the API mapping.
   */
  rawPath!: string;

  // ── route ──
  /** The selected route. */
  route!: HttpRoute;
  /** The route's integration: Lambda proxy, or an AWS service by its subtype. */
  integration!: HttpRouteIntegration;
  /** Path parameters, decoded; null when the route has none (or before routing). */
  pathParameters: Record<string, string> | null = null;

  // ── traceRequest ──
  /** The X-Ray trace header (`Root=1-…`): the client's, or a new root; null before this step. */
  traceId: string | null = null;

  // ── authorize ──
  /** A JWT authorizer's verdict on an authorized request (claims, scopes); null on a route without one. */
  authorizer: HttpAuthorizerResult | null = null;

  // ── integrationRequest ──
  /** The Lambda event, payload format 1.0 or 2.0 as the integration says. */
  event: unknown = undefined;
  /** The Lambda request id of the call. */
  lambdaRequestId = '';

  // ── integration ──
  /** The call's outcome: the function's result or error, or the integration timeout. */
  outcome: InvokeOutcome | typeof TIMED_OUT | undefined = undefined;

  // ── integrationResponse ──
  /** The function's result, validated, ready for the method response. */
  answer: HttpApiIntegrationAnswer | undefined = undefined;
}
