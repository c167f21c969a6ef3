import { DomainNames, type DomainNameConfig } from '../shared/domain-names.js';
import type { GatewayOptions, GatewayResult, HandleOptions } from '../shared/gateway-types.js';
import { headerListOf, type HeaderList } from '../shared/headers.js';
import { newExtendedRequestId, newRequestId } from '../shared/ids.js';
import { GatewayError } from '../shared/pipeline/gateway-error.js';
import { monotonic } from '../shared/pipeline/monotonic.js';
import { runSteps } from '../shared/pipeline/run-steps.js';
import { newTrace } from '../shared/pipeline/new-trace.js';
import { StageRegistry } from '../shared/stage-registry.js';
import { RestRequestContext, type RestServices } from './context.js';
import type { Deployment, RestApiModel, Stage } from './model.js';
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
 * An API Gateway REST API: deployments, stages, custom domain names, and the request path from client to integration
 * and back, as the steps in rest/steps/ (in REST_STEPS' order). Web-standard `Request`/`Response` only, so it runs in
 * Node, a Worker and a WebContainer alike.
 */
export class RestGateway {
  readonly region: string;
  readonly accountId: string;
  readonly #now: () => number;
  readonly #registry: StageRegistry<RestApiModel>;
  /** Custom domain names with their base path mappings. */
  readonly #domains = new DomainNames();
  readonly #services: RestServices;

  constructor(options: GatewayOptions) {
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '123456789012';
    this.#now = options.now ?? Date.now;
    this.#registry = new StageRegistry(this.#now);
    this.#services = {
      registry: this.#registry,
      domains: this.#domains,
      invoke: options.invoke,
      invokeStream: options.invokeStream,
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      home: { region: this.region, accountId: this.accountId, functionTimeoutMs: options.functionTimeoutMs ?? 30_000 },
    };
  }

  /** CreateDeployment: freezes a snapshot of the API; later changes to `api` do not affect it. */
  deploy(api: RestApiModel, description = ''): Deployment {
    return this.#registry.deploy(api, description);
  }

  /** CreateStage / UpdateStage: points a stage at a deployment, with its stage variables. */
  putStage(stage: { name: string; deploymentId: string; variables?: Record<string, string> }): Stage {
    return this.#registry.putStage(stage);
  }

  /**
   * CreateDomainName with its base path mappings: a request whose Host is `domainName` is routed by base path
   * (the longest that matches; '' or '(none)' is the root) to the mapped stage, with no stage segment in the URL.
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html
   */
  putDomainName(config: DomainNameConfig): DomainNameConfig {
    return this.#domains.put(config);
  }

  /** The stages, in creation order. */
  stages(): Stage[] {
    return this.#registry.stages();
  }

  /** The deployment a stage serves. */
  deploymentOf(stageName: string): Deployment | undefined {
    return this.#registry.deploymentOf(stageName);
  }

  /** Serves one request as API Gateway would, and says what happened. Never throws for bad input. */
  async handle(request: Request, options: HandleOptions = {}): Promise<GatewayResult> {
    const started = monotonic();
    const epochMs = this.#now();
    const rawHeaders = options.rawHeaders ?? headerListOf(request.headers);
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : null;
    return this.#serve(request.method, request.url, rawHeaders, body, options, started, epochMs);
  }

  /**
   * `handle` for adapters that have the request in parts (no Fetch `Request` to build): `url` must be
   * serialised as `Request.url` would be (the URL Standard's form, without a fragment).
   */
  handleParts(parts: RequestParts): Promise<GatewayResult> {
    return this.#serve(parts.method, parts.url, parts.rawHeaders, parts.body, parts, monotonic(), this.#now());
  }

  /** Runs the request through the steps; a GatewayError one of them throws becomes the gateway's answer. */
  async #serve(
    method: string,
    href: string,
    rawHeaders: HeaderList,
    body: Uint8Array | null,
    options: HandleOptions,
    started: number,
    epochMs: number,
  ): Promise<GatewayResult> {
    const trace = newTrace(newRequestId(), newExtendedRequestId(), method, epochMs, options);
    const context = new RestRequestContext(this.#services, method, href, rawHeaders, body, started, epochMs, trace);
    try {
      const pending = runSteps(REST_STEPS, context);
      if (pending) await pending;
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      gatewayResponse(context, error);
    }
    return context.result!;
  }
}
