import { DomainNames, type DomainNameConfig } from '../domain-names.js';
import type { GatewayOptions, GatewayResult, HandleOptions } from '../gateway-types.js';
import { headerListOf, type HeaderList } from '../headers.js';
import { IamRegistry, type CredentialsInput, type IamPrincipal } from '../iam/principals.js';
import { StageRegistry, type DeploymentOf, type Stage } from '../stage-registry.js';
import { lazyAwsServices } from '../aws-service/lazy-services.js';
import { GatewayError } from './gateway-error.js';
import type { GatewayServices } from './gateway-services.js';
import { monotonic } from './monotonic.js';
import type { RequestContext } from './request-context.js';
import { runSteps, type Step } from './run-steps.js';

/** What every gateway is made with (the REST gateway takes more: `GatewayOptions`). */
export type StagedGatewayOptions = Pick<
  GatewayOptions,
  'invoke' | 'region' | 'accountId' | 'functionTimeoutMs' | 'now' | 'awsServices'
>;

/**
 * What the REST and HTTP API gateways share: deployments, stages and custom domain names (the control plane), and
 * serving a request by running the API type's steps over a new context, a thrown GatewayError rendered by the API
 * type's gateway-response step.
 */
export abstract class StagedGateway<Api extends { id: string }, Context extends RequestContext<unknown>> {
  readonly region: string;
  readonly accountId: string;
  protected readonly now: () => number;
  /** Deployments and the stages that serve them. */
  protected readonly registry: StageRegistry<Api>;
  /** Custom domain names with their base path (API) mappings. */
  protected readonly domains = new DomainNames();
  /** The access keys IAM authorization accepts, and their principals' identity policies. */
  protected readonly iam: IamRegistry;
  /** The API type's steps, in the order a request meets them. */
  protected abstract readonly steps: readonly Step<Context>[];

  /** `extraStageNames`: stage names the API type allows besides the usual ones (`$default`). */
  constructor(options: StagedGatewayOptions, extraStageNames: readonly string[] = []) {
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '123456789012';
    this.now = options.now ?? Date.now;
    this.registry = new StageRegistry(this.now, extraStageNames);
    this.iam = new IamRegistry(this.accountId);
  }

  /**
   * Accepts an access key for IAM authorization (AWS_IAM): requests signed with it (SigV4) act as `arn`, by default
   * `arn:aws:iam::{accountId}:user/apigw-lab`. Throws on a malformed key id, an empty secret or a bad ARN.
   */
  putCredentials(credentials: CredentialsInput): IamPrincipal {
    return this.iam.putCredentials(credentials);
  }

  /**
   * Sets the identity policy of the principal `arn`, evaluated against `execute-api:Invoke` on the method's ARN. A
   * principal without one is assumed allowed (shared/iam/identity-policy.ts). Throws on a document that is no policy.
   */
  putIdentityPolicy(arn: string, policyDocument: unknown): void {
    this.iam.putIdentityPolicy(arn, policyDocument);
  }

  /** What the steps are lent: the registry, the domains, the invoker and where functions run. */
  protected baseServices(options: StagedGatewayOptions): GatewayServices<Api> {
    return {
      registry: this.registry,
      domains: this.domains,
      iam: this.iam,
      invoke: options.invoke,
      home: { region: this.region, accountId: this.accountId, functionTimeoutMs: options.functionTimeoutMs ?? 30_000 },
      awsServices: lazyAwsServices(options.awsServices, () => ({
        region: this.region,
        accountId: this.accountId,
        now: this.now,
        invoke: options.invoke,
      })),
    };
  }

  /** CreateDeployment: freezes a snapshot of the API; later changes to `api` do not affect it. */
  deploy(api: Api, description = ''): DeploymentOf<Api> {
    return this.registry.deploy(api, description);
  }

  /** CreateStage / UpdateStage: points a stage at a deployment, with its stage variables. */
  putStage(stage: { name: string; deploymentId: string; variables?: Record<string, string> }): Stage {
    return this.registry.putStage(stage);
  }

  /**
   * CreateDomainName with its base path (API) mappings: a request whose Host is `domainName` goes, by the longest
   * mapping its path starts with ('' or '(none)' is the root), to the mapped stage, with no stage segment in the URL.
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-mappings.html
   */
  putDomainName(config: DomainNameConfig): DomainNameConfig {
    return this.domains.put(config);
  }

  /** The stages, in creation order. */
  stages(): Stage[] {
    return this.registry.stages();
  }

  /** The deployment a stage serves. */
  deploymentOf(stageName: string): DeploymentOf<Api> | undefined {
    return this.registry.deploymentOf(stageName);
  }

  /** Serves one request as API Gateway would, and says what happened. Never throws for bad input. */
  async handle(request: Request, options: HandleOptions = {}): Promise<GatewayResult> {
    const started = monotonic();
    const epochMs = this.now();
    const rawHeaders = options.rawHeaders ?? headerListOf(request.headers);
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : null;
    return this.serve(this.newContext(request.method, request.url, rawHeaders, body, options, started, epochMs));
  }

  /** A new request's context, with its trace and ids. */
  protected abstract newContext(
    method: string,
    href: string,
    rawHeaders: HeaderList,
    body: Uint8Array | null,
    options: HandleOptions,
    started: number,
    epochMs: number,
  ): Context;

  /** Answers a request a step stopped (the API type's gateway-response step). */
  protected abstract renderError(context: Context, error: GatewayError): void;

  /** Runs the request through the steps; a GatewayError one of them throws becomes the gateway's answer. */
  protected async serve(context: Context): Promise<GatewayResult> {
    try {
      const pending = runSteps(this.steps, context);
      if (pending) await pending;
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      this.renderError(context, error);
    }
    return context.result!;
  }
}
