import type { GatewayOptions, GatewayResult, HandleOptions } from '../shared/gateway-types.js';
import type { HeaderList } from '../shared/headers.js';
import { newExtendedRequestId, newRequestId } from '../shared/ids.js';
import type { GatewayError } from '../shared/pipeline/gateway-error.js';
import { monotonic } from '../shared/pipeline/monotonic.js';
import { newTrace } from '../shared/pipeline/new-trace.js';
import { StagedGateway } from '../shared/pipeline/staged-gateway.js';
import { RestRequestContext, type RestServices } from './context.js';
import type { RestApiModel } from './model.js';
import { gatewayResponse, REST_STEPS } from './steps/index.js';

/** A request in parts, for {@link RestGateway.handleParts}. */
export interface RequestParts extends HandleOptions {
  method: string;
  /** The absolute URL as `Request.url` serialises it: `http://127.0.0.1:3000/dev/items?a=1`. */
  url: string;
  /** Request headers in wire order and case. */
  rawHeaders: HeaderList;
  /** The body's bytes, null (or empty) when there is none. */
  body: Uint8Array | null;
}

export type { BasePathMapping, DomainNameConfig } from '../shared/domain-names.js';

/**
 * An API Gateway REST API: deployments, stages, custom domain names (StagedGateway's), and the request path from
 * client to integration and back, as the steps in rest/steps/ (in REST_STEPS' order). Web-standard
 * `Request`/`Response` only, so it runs in Node, a Worker and a WebContainer alike.
 */
export class RestGateway extends StagedGateway<RestApiModel, RestRequestContext> {
  protected readonly steps = REST_STEPS;
  readonly #services: RestServices;

  constructor(options: GatewayOptions) {
    super(options);
    this.#services = {
      ...this.baseServices(options),
      invokeStream: options.invokeStream,
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    };
  }

  /**
   * `handle` for adapters that have the request in parts (no Fetch `Request` to build): `url` must be
   * serialised as `Request.url` would be (the URL Standard's form, without a fragment).
   */
  handleParts(parts: RequestParts): Promise<GatewayResult> {
    const { method, url, rawHeaders, body } = parts;
    return this.serve(this.newContext(method, url, rawHeaders, body, parts, monotonic(), this.now()));
  }

  protected newContext(
    method: string,
    href: string,
    rawHeaders: HeaderList,
    body: Uint8Array | null,
    options: HandleOptions,
    started: number,
    epochMs: number,
  ): RestRequestContext {
    const trace = newTrace(newRequestId(), newExtendedRequestId(), method, epochMs, options);
    return new RestRequestContext(this.#services, method, href, rawHeaders, body, started, epochMs, trace);
  }

  protected renderError(context: RestRequestContext, error: GatewayError): void {
    gatewayResponse(context, error);
  }
}
