import type { HeaderList } from '../shared/headers.js';
import type { DeploymentOf, Stage } from '../shared/stage-registry.js';
import type { WebSocketApiModel } from './model.js';
import type { WebSocketClientTransport } from './trace.js';

/** One client's connection, from its accepted upgrade until it closes. */
export interface Connection {
  id: string;
  transport: WebSocketClientTransport;
  /** The stage and the deployment it served when the client connected (a later deploy does not move it). */
  stage: Stage;
  deployment: DeploymentOf<WebSocketApiModel>;
  /** The host the client called: `requestContext.domainName`. */
  domainName: string;
  sourceIp: string;
  userAgent: string | null;
  connectedAt: number;
  lastActiveAt: number;
  /** What the $connect authorizer returned (principalId and its context), put in every later event. */
  authorizer?: Record<string, unknown>;
}

/** The open connections of a gateway, by id. */
export class ConnectionTable {
  readonly #open = new Map<string, Connection>();

  add(connection: Connection): void {
    this.#open.set(connection.id, connection);
  }

  get(id: string): Connection | undefined {
    return this.#open.get(id);
  }

  /** Removes a connection; false when it was not open. */
  remove(id: string): boolean {
    return this.#open.delete(id);
  }

  all(): Connection[] {
    return [...this.#open.values()];
  }
}

/** The upgrade request as the $connect route sees it. */
export interface UpgradeRequest {
  url: URL;
  headers: HeaderList;
}
