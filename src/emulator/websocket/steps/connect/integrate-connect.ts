import { buildWebSocketEvent } from '../../event.js';
import { runIntegration } from '../integrate.js';
import { contextVariables, integrationOf } from '../route-integration.js';
import { connectEventInput, type ConnectContext } from './context.js';
import { REFUSALS, type Refusal } from './refusal.js';

/**
 * The `$connect` route's integration, while the upgrade is pending: "If the $connect request fails (e.g., due to
 * AuthN/AuthZ failure or an integration failure), the connection will not be made". A result whose `statusCode` is
 * outside 2xx refuses the upgrade with that status (AWS's subprotocol page: "the Lambda integration returns a 400
 * error, and the connection is unsuccessful"), with the result's body (assumed). Accepted: the result's headers for the
 * handshake (`Sec-WebSocket-Protocol`). No route or no integration: accepted ("Setting up an integration for $connect
 * is optional").
 */
export async function integrateConnect(
  context: ConnectContext,
): Promise<Refusal | { headers: Array<[string, string]> | undefined }> {
  const integration = context.route && integrationOf(context.api, context.route);
  if (!integration) return { headers: undefined };
  const outcome = await runIntegration(
    context.runner,
    {
      integration,
      event: buildWebSocketEvent(connectEventInput(context)),
      message: '',
      contextVariables: contextVariables(context.connection, '$connect', context.requestId, context.api.id),
      stageVariables: context.connection.stage.variables,
      epochMs: context.epochMs,
    },
    context.trace,
  );
  if (outcome.kind === 'failed') return REFUSALS.internal(outcome.reason);
  const status = outcome.statusCode;
  if (status !== undefined && (status < 200 || status > 299))
    return {
      status,
      body: typeof outcome.response === 'string' ? outcome.response : '',
      reason: `the $connect integration answered ${status}`,
    };
  return { headers: outcome.headers };
}
