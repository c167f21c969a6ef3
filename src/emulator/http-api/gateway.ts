import type { JSONWebKeySet } from 'jose';
import { JwksStore } from './authorizers/jwks-store.js';
import type { HandleOptions } from '../shared/gateway-types.js';
import type { HeaderList } from '../shared/headers.js';
import { newExtendedRequestId } from '../shared/ids.js';
import type { GatewayError } from '../shared/pipeline/gateway-error.js';
import { newTrace } from '../shared/pipeline/new-trace.js';
import { StagedGateway, type StagedGatewayOptions } from '../shared/pipeline/staged-gateway.js';
import { HttpApiRequestContext, type HttpApiServices } from './context.js';
import { DEFAULT_STAGE, type HttpApiModel } from './model.js';
import type { HttpErrorResponse } from './responses.js';
import { gatewayResponse, HTTP_API_STEPS } from './steps/index.js';

/** What an HTTP API gateway is made with. */
export type HttpApiGatewayOptions = StagedGatewayOptions;

/**
 * An API Gateway HTTP API (v2): deployments, stages (the `$default` stage served at the root of the invoke URL,
 * named stages under `/<stage>`) and custom domain names (StagedGateway's), and the request path from client to
 * Lambda proxy integration (payload format 1.0 or 2.0) and back, as the steps in http-api/steps/ (in HTTP_API_STEPS'
 * order). Same surface and trace as the REST API's {@link RestGateway}; web-standard Request/Response only.
 */
/** Why an HTTP API takes no web ACL, in one line. */
export const HTTP_API_WAF_UNSUPPORTED =
  'AWS WAF cannot be associated with an HTTP API (AWS WAF protects REST API stages only; see "Choose between REST APIs and HTTP APIs"): use a REST API, or put CloudFront with a web ACL in front';

export class HttpApiGateway extends StagedGateway<HttpApiModel, HttpApiRequestContext> {
  protected readonly steps = HTTP_API_STEPS;
  readonly #services: HttpApiServices;
  readonly #jwks = new JwksStore();

  constructor(options: HttpApiGatewayOptions) {
    super(options, [DEFAULT_STAGE]);
    this.#services = { ...this.baseServices(options), jwks: this.#jwks };
  }

  /**
   * Lends the gateway `issuer`'s JSON Web Key Set: the keys its JWT authorizers verify that issuer's tokens with (API
   * Gateway fetches them from the issuer's jwks_uri; the emulator is given them). Throws on a document that is not a
   * JWKS.
   */
  putJwks(issuer: string, jwks: JSONWebKeySet): void {
    this.#jwks.put(issuer, jwks);
  }

  /**
   * Always throws: AWS WAF cannot be associated with an HTTP API (the security table of "Choose between REST APIs and
   * HTTP APIs", https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vs-rest.html: AWS WAF — REST
   * APIs only). Here so that a caller treating both gateways alike gets that answer, not "not a function".
   */
  associateWebAcl(_stageName: string, _acl: unknown): never {
    throw new Error(HTTP_API_WAF_UNSUPPORTED);
  }

  protected newContext(
    method: string,
    href: string,
    rawHeaders: HeaderList,
    body: Uint8Array | null,
    options: HandleOptions,
    started: number,
    epochMs: number,
  ): HttpApiRequestContext {
    // HTTP APIs have one request id: `apigw-requestid`, also requestContext.requestId (`JKJaXmPLvHcESHA=`-like).
    const requestId = newExtendedRequestId();
    const trace = newTrace(requestId, requestId, method, epochMs, options, 'HTTP', { href, headers: rawHeaders, body });
    return new HttpApiRequestContext(this.#services, method, href, rawHeaders, body, started, epochMs, trace);
  }

  protected renderError(context: HttpApiRequestContext, error: GatewayError): void {
    gatewayResponse(context, error as GatewayError<HttpErrorResponse>);
  }
}
