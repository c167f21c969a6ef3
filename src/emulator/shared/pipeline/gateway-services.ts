import type { AwsServices } from '../../aws-services/types.js';
import type { DomainNames } from '../domain-names.js';
import type { IamRegistry } from '../iam/principals.js';
import type { LambdaInvoker } from '../invoker.js';
import type { FunctionHome } from '../lambda-context.js';
import type { StageRegistry } from '../stage-registry.js';

/** What a gateway lends every request's steps: where its stages and domains live, and how functions run. */
export interface GatewayServices<Api extends { id: string }> {
  /** Deployments and the stages that serve them. */
  readonly registry: StageRegistry<Api>;
  /** Custom domain names with their base path (API) mappings. */
  readonly domains: DomainNames;
  /** The access keys IAM authorization accepts, and identity policies (absent: none). */
  readonly iam?: IamRegistry;
  /** Runs Lambda functions. */
  readonly invoke: LambdaInvoker;
  /** The account and Region the functions' ARNs name, and the functions' own timeout. */
  readonly home: FunctionHome;
  /**
   * The AWS services integrations call (GatewayOptions.awsServices, or embedded ones made on first use); absent in a
   * hand-made services object: then embedded ones (shared/aws-service/lazy-services.ts `awsServicesOf`).
   */
  readonly awsServices?: () => Promise<AwsServices>;
}
