import type { Connection } from '../connection.js';

/** One answer of the `@connections` API: status, body (null: none), `x-amzn-ErrorType`, and why (for the trace). */
export interface ManagementAnswer {
  status: number;
  body: string | null;
  errorType?: string;
  reason?: string;
}

/**
 * The `@connections` API's answers, with the statuses and error types of its model (@aws-sdk/client-apigatewaymanagementapi:
 * GoneException 410, ForbiddenException 403, PayloadTooLargeException 413; PostToConnection 200, GetConnection 200,
 * DeleteConnection 204). Bodies marked assumed in docs/research/websocket.md.
 */
export const MANAGEMENT_ANSWERS = {
  posted: (): ManagementAnswer => ({ status: 200, body: null }),
  deleted: (): ManagementAnswer => ({ status: 204, body: null }),
  /**
   * GoneException has no message: SDKs report "GoneException: null" (Java) or its status (JS v2: "410"), and a body
   * PHP's SDK could not parse as JSON (aws-sdk-java#2200, aws-sdk-js-v3#2763, laravel-echo-api-gateway#9).
   */
  gone: (connectionId: string): ManagementAnswer => ({
    status: 410,
    body: null,
    errorType: 'GoneException',
    reason: `connection ${connectionId} is not open`,
  }),
  tooLarge: (bytes: number, limit: number): ManagementAnswer => ({
    status: 413,
    body: '{"message":"Message too long"}',
    errorType: 'PayloadTooLargeException',
    reason: `${bytes} bytes, over the ${limit}-byte quota`,
  }),
  noStage: (path: string): ManagementAnswer => ({
    status: 403,
    body: '{"message":"Forbidden"}',
    errorType: 'ForbiddenException',
    reason: `no stage for ${path} (assumed 403)`,
  }),
  notAMethod: (method: string): ManagementAnswer => ({
    status: 403,
    body: '{"message":"Missing Authentication Token"}',
    errorType: 'MissingAuthenticationTokenException',
    reason: `${method} is not a @connections method (assumed answer)`,
  }),
} as const;

/**
 * GetConnection's answer: `connectedAt`, `identity` {`sourceIp`, `userAgent`}, `lastActiveAt`, under the wire names
 * the SDK reads (jsonName `connectedAt`…; the SDK shows them as ConnectedAt, Identity.SourceIp…), timestamps in ISO 8601.
 */
export function connectionInfo(connection: Connection): ManagementAnswer {
  return {
    status: 200,
    body: JSON.stringify({
      connectedAt: new Date(connection.connectedAt).toISOString(),
      identity: { sourceIp: connection.sourceIp, userAgent: connection.userAgent ?? '' },
      lastActiveAt: new Date(connection.lastActiveAt).toISOString(),
    }),
  };
}
