import { DomainNames, type DomainNameConfig } from '../shared/domain-names.js';
import type { GatewayOptions, GatewayResult, HandleOptions } from '../shared/gateway-types.js';
import { headerListOf, type HeaderList } from '../shared/headers.js';
import { newExtendedRequestId } from '../shared/ids.js';
import { GatewayError } from '../shared/pipeline/gateway-error.js';
import { monotonic } from '../shared/pipeline/monotonic.js';
import { newTrace } from '../shared/pipeline/new-trace.js';
import { runSteps } from '../shared/pipeline/run-steps.js';
import { StageRegistry, type Stage } from '../shared/stage-registry.js';
import { HttpApiRequestContext, type HttpApiServices } from './context.js';
import { DEFAULT_STAGE, type HttpApiModel, type HttpDeployment } from './model.js';
import type { HttpErrorResponse } from './responses.js';
import { gatewayResponse, HTTP_API_STEPS } from './steps/index.js';

export type HttpApiGatewayOptions = Pick<
  GatewayOptions,
  'invoke' | 'region' | 'accountId' | 'functionTimeoutMs' | 'now'
>;

/**
 * An API Gateway HTTP API (v2): deployments, stages (the `$default` stage served at the root of the invoke URL,
 * named stages under `/<stage>`), custom domain names, and the request path from client to Lambda proxy integration
 * (payload format 1.0 or 2.0) and back, as the steps in http-api/steps/ (in HTTP_API_STEPS' order). Same surface and
 * trace as the REST API's {@link RestGateway}; web-standard Request/Response only.
 */
export class HttpApiGateway {
  readonly region: string;
  readonly accountId: string;
  readonly #now: () => number;
  readonly #registry: StageRegistry<HttpApiModel>;
  /** Custom domain names with their API mappings. */
  readonly #domains = new DomainNames();
  readonly #services: HttpApiServices;

  constructor(options: HttpApiGatewayOptions) {
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '123456789012';
    this.#now = options.now ?? Date.now;
    this.#registry = new StageRegistry(this.#now, [DEFAULT_STAGE]);
    this.#services = {
      registry: this.#registry,
      domains: this.#domains,
      invoke: options.invoke,
      home: { region: this.region, accountId: this.accountId, functionTimeoutMs: options.functionTimeoutMs ?? 30_000 },
    };
  }

  /** CreateDeployment: freezes a snapshot of the API; later changes to `api` do not affect it. */
  deploy(api: HttpApiModel, description = ''): HttpDeployment {
    return this.#registry.deploy(api, description);
  }

  /** CreateStage / UpdateStage. `$default` is served without a stage prefix. */
  putStage(stage: { name: string; deploymentId: string; variables?: Record<string, string> }): Stage {
    return this.#registry.putStage(stage);
  }

  /**
   * CreateDomainName with its API mappings: a request whose Host is `domainName` goes, by the longest mapping its
   * path starts with ('' or '(none)' is the root), to the mapped stage (`$default` included), with no stage segment.
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-mappings.html
   */
  putDomainName(config: DomainNameConfig): DomainNameConfig {
    return this.#domains.put(config);
  }

  /** The stages, in creation order. */
  stages(): Stage[] {
    return this.#registry.stages();
  }

  /** The deployment a stage serves. */
  deploymentOf(stageName: string): HttpDeployment | undefined {
    return this.#registry.deploymentOf(stageName);
  }

  /** Serves one request as an HTTP API would. Never throws for bad input. */
  async handle(request: Request, options: HandleOptions = {}): Promise<GatewayResult> {
    const started = monotonic();
    const epochMs = this.#now();
    const rawHeaders = options.rawHeaders ?? headerListOf(request.headers);
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : null;
    return this.#serve(request.method, request.url, rawHeaders, body, options, started, epochMs);
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
    // HTTP APIs have one request id: `apigw-requestid`, also requestContext.requestId (`JKJaXmPLvHcESHA=`-like).
    const requestId = newExtendedRequestId();
    const trace = newTrace(requestId, requestId, method, epochMs, options);
    const context = new HttpApiRequestContext(this.#services, method, href, rawHeaders, body, started, epochMs, trace);
    try {
      const pending = runSteps(HTTP_API_STEPS, context);
      if (pending) await pending;
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      gatewayResponse(context, error as GatewayError<HttpErrorResponse>);
    }
    return context.result!;
  }
}
