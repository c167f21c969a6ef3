import type { Connection } from '../connection.js';
import type { WebSocketApiModel, WebSocketIntegration, WebSocketRoute } from '../model.js';

/** A route's integration, when it has a target. */
export function integrationOf(api: WebSocketApiModel, route: WebSocketRoute): WebSocketIntegration | undefined {
  return route.integrationId === undefined ? undefined : api.integrations.find((i) => i.id === route.integrationId);
}

/** The `$context` variables a MOCK template may name. */
export function contextVariables(
  connection: Connection,
  routeKey: string,
  requestId: string,
  apiId: string,
): Record<string, string> {
  return {
    connectionId: connection.id,
    routeKey,
    requestId,
    extendedRequestId: requestId,
    apiId,
    stage: connection.stage.name,
    domainName: connection.domainName,
    connectedAt: String(connection.connectedAt),
    'identity.sourceIp': connection.sourceIp,
  };
}
