import type { CredentialsInput, IamPrincipal } from '../shared/iam/principals.js';
import { IamRegistry } from '../shared/iam/principals.js';
import type { StagedGatewayOptions } from '../shared/pipeline/staged-gateway.js';
import { StageRegistry, type DeploymentOf, type Stage } from '../shared/stage-registry.js';
import { WEBSOCKET_LIMITS, type WebSocketLimits } from './limits.js';
import type { WebSocketApiModel } from './model.js';
import type { WebSocketClientTransport, WebSocketTrace } from './trace.js';

/** The WebSocket gateway's options: those of every gateway, and the limits (short timeouts for the page). */
export type WebSocketGatewayOptions = StagedGatewayOptions & { limits?: Partial<WebSocketLimits> };

/** What `connect` answers: an open connection, or the HTTP response that refused the upgrade. */
export type WebSocketConnectResult =
  | { accepted: true; connectionId: string; trace: WebSocketTrace }
  | { accepted: false; response: Response; trace: WebSocketTrace };

/** One open connection, as `connections()` lists it. */
export interface WebSocketConnectionInfo {
  connectionId: string;
  connectedAt: number;
  lastActiveAt: number;
  sourceIp: string;
}

/**
 * A WebSocket API's gateway: connections, route selection, the routes' integrations, route responses, and the
 * `@connections` management API. Pure: adapters (a `ws` server, the page's worker) carry the frames.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-overview.html
 */
export class WebSocketGateway {
  readonly region: string;
  readonly accountId: string;
  readonly limits: WebSocketLimits;
  protected readonly now: () => number;
  protected readonly registry: StageRegistry<WebSocketApiModel>;
  protected readonly iam: IamRegistry;

  constructor(options: WebSocketGatewayOptions) {
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '123456789012';
    this.now = options.now ?? Date.now;
    this.limits = { ...WEBSOCKET_LIMITS, ...(options.limits ?? {}) };
    this.registry = new StageRegistry(this.now);
    this.iam = new IamRegistry(this.accountId);
  }

  /** CreateDeployment: freezes a snapshot of the API. */
  deploy(api: WebSocketApiModel, description = ''): DeploymentOf<WebSocketApiModel> {
    return this.registry.deploy(api, description);
  }

  /** CreateStage / UpdateStage. */
  putStage(stage: { name: string; deploymentId: string; variables?: Record<string, string> }): Stage {
    return this.registry.putStage(stage);
  }

  /** The stages, in creation order. */
  stages(): Stage[] {
    return this.registry.stages();
  }

  /** Accepts an access key that may sign `@connections` calls (and AWS_IAM `$connect`). */
  putCredentials(credentials: CredentialsInput): IamPrincipal {
    return this.iam.putCredentials(credentials);
  }

  /** Sets a principal's identity policy (evaluated against `execute-api:ManageConnections` / `Invoke`). */
  putIdentityPolicy(arn: string, policyDocument: unknown): void {
    this.iam.putIdentityPolicy(arn, policyDocument);
  }

  /** The client's upgrade request: runs `$connect`. */
  async connect(
    _request: Request,
    _transport: WebSocketClientTransport,
    _options: { sourceIp?: string } = {},
  ): Promise<WebSocketConnectResult> {
    throw new Error('not implemented yet');
  }

  /** One whole message from the client. */
  async receive(_connectionId: string, _data: string | Uint8Array): Promise<WebSocketTrace> {
    throw new Error('not implemented yet');
  }

  /** The client went away: `$disconnect`, best effort. */
  async disconnect(_connectionId: string, _code: number, _reason: string): Promise<WebSocketTrace | null> {
    throw new Error('not implemented yet');
  }

  /** True for `/{stage}/@connections/{id}`. */
  isManagementRequest(request: Request): boolean {
    return /^\/[^/]+\/@connections(\/|$)/.test(new URL(request.url).pathname);
  }

  /** The `@connections` API: POST, GET, DELETE. */
  async handleManagement(
    _request: Request,
    _options: { sourceIp?: string } = {},
  ): Promise<{ response: Response; trace: WebSocketTrace }> {
    throw new Error('not implemented yet');
  }

  /** Closes connections past the idle timeout or the maximum duration. */
  sweep(): void {
    throw new Error('not implemented yet');
  }

  /** Every trace as it completes; returns the unsubscribe function. */
  onTrace(_listener: (trace: WebSocketTrace) => void): () => void {
    throw new Error('not implemented yet');
  }

  /** The open connections. */
  connections(): WebSocketConnectionInfo[] {
    return [];
  }
}
