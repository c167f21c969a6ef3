import { websocketRequestContext } from '../../event.js';
import { authorizeWithLambda } from './authorize-lambda.js';
import { connectEventInput, type ConnectContext } from './context.js';
import type { Refusal } from './refusal.js';

// SigV4 verification (AWS's signer, smithy) loads on the first signed upgrade, so the core's first load does not carry it.
let iamModule: Promise<typeof import('./authorize-iam.js')> | undefined;
const loadIam = () => (iamModule ??= import('./authorize-iam.js'));

/**
 * The `$connect` route's authorization, "performed only at connection time" (CONNECT page): AWS_IAM or a REQUEST
 * Lambda authorizer (CUSTOM); NONE lets the upgrade through. A Lambda authorizer's principal and context are kept on
 * the connection for every later event. Undefined when the upgrade may go on.
 */
export async function authorizeConnect(context: ConnectContext): Promise<Refusal | undefined> {
  const { route } = context;
  if (route?.authorizationType === 'AWS_IAM') {
    const { authorizeWithIam } = await loadIam();
    const verdict = await authorizeWithIam(
      context.iam,
      {
        path: context.url.pathname,
        rawQuery: context.rawQuery,
        headers: context.headers,
        host: context.host,
        epochMs: context.epochMs,
        region: context.region,
        routeArn: context.routeArn,
      },
      context.trace,
    );
    return 'status' in verdict ? verdict : undefined;
  }
  if (route?.authorizationType === 'CUSTOM') {
    const authorizer = context.api.authorizers.find((a) => a.id === route.authorizerId)!;
    const verdict = await authorizeWithLambda(
      context.runner,
      authorizer,
      {
        headers: context.eventHeaders,
        rawQuery: context.rawQuery,
        stageVariables: context.stage.variables,
        requestContext: websocketRequestContext(connectEventInput(context)),
        methodArn: context.routeArn,
        epochMs: context.epochMs,
      },
      context.trace,
    );
    if ('status' in verdict) return verdict;
    context.connection.authorizer = verdict.authorizer;
  }
  return undefined;
}
